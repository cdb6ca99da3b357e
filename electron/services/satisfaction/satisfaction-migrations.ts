/**
 * The satisfaction area's tables (its own migrations, see area.ts).
 *
 * - survey_candidates: what may deserve a survey, written by triggers in the same transaction as
 *   the status change that makes it one (an intervention becomes « terminée », a ticket « résolu »
 *   or « fermé ») — whoever made the change: the console, a HubSpot pull, the technicians' app. A
 *   kill -9 right after the change loses nothing, and the primary key makes a second change of
 *   the same record no second candidate: one survey per intervention or ticket, ever.
 * - surveys: one row per candidate once planned — sent, skipped (and why) — and its one answer.
 * - survey_opt_outs: addresses that said no, honoured from the moment they said it.
 * - (v2) surveys.channel: how the link went (e-mail, or SMS / WhatsApp for a customer whose
 *   « canal préféré » it is), the message it became, and why it did not take the preferred channel.
 */
import type { Migration } from '../store/migrations/migration';

export const satisfactionMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'surveys',
    up(db) {
      db.exec(`
CREATE TABLE survey_candidates (
  source_kind TEXT NOT NULL CHECK (source_kind IN ('intervention', 'ticket')),
  source_id TEXT NOT NULL,
  observed_at TEXT NOT NULL,
  planned_at TEXT,
  PRIMARY KEY (source_kind, source_id)
);
CREATE INDEX survey_candidates_waiting ON survey_candidates(observed_at) WHERE planned_at IS NULL;

CREATE TRIGGER survey_candidate_intervention_done AFTER UPDATE OF status ON interventions
  WHEN NEW.status = 'terminee' AND OLD.status <> 'terminee'
BEGIN
  INSERT OR IGNORE INTO survey_candidates (source_kind, source_id, observed_at) VALUES ('intervention', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
-- A visit first read already done (a meeting logged in HubSpot after the fact): the planner skips
-- the old ones (too_old), so a first synchronisation surveys nobody about last year.
CREATE TRIGGER survey_candidate_intervention_new AFTER INSERT ON interventions
  WHEN NEW.status = 'terminee'
BEGIN
  INSERT OR IGNORE INTO survey_candidates (source_kind, source_id, observed_at) VALUES ('intervention', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
CREATE TRIGGER survey_candidate_ticket_resolved AFTER UPDATE OF status ON tickets
  WHEN NEW.status IN ('resolu', 'ferme') AND OLD.status NOT IN ('resolu', 'ferme')
BEGIN
  INSERT OR IGNORE INTO survey_candidates (source_kind, source_id, observed_at) VALUES ('ticket', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TABLE surveys (
  id TEXT PRIMARY KEY,
  source_kind TEXT NOT NULL CHECK (source_kind IN ('intervention', 'ticket')),
  source_id TEXT NOT NULL,
  contact_id TEXT,
  company_id TEXT,
  email TEXT,
  technician TEXT,
  intervention_kind TEXT,
  state TEXT NOT NULL CHECK (state IN ('planned', 'sending', 'sent', 'skipped', 'failed')),
  skip_reason TEXT,
  due_at TEXT NOT NULL,
  sent_at TEXT,
  expires_at TEXT,
  score INTEGER CHECK (score BETWEEN 0 AND 10),
  comment TEXT,
  wants_callback INTEGER NOT NULL DEFAULT 0,
  answered_at TEXT,
  clicks TEXT NOT NULL DEFAULT '[]',
  note_id TEXT,
  callback_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (source_kind, source_id)
);
CREATE INDEX surveys_contact ON surveys(contact_id, sent_at);
CREATE INDEX surveys_email ON surveys(email, sent_at);
CREATE INDEX surveys_answered ON surveys(answered_at) WHERE score IS NOT NULL;
CREATE INDEX surveys_sent ON surveys(sent_at) WHERE sent_at IS NOT NULL;

CREATE TABLE survey_opt_outs (
  email TEXT PRIMARY KEY,
  contact_id TEXT,
  opted_out_at TEXT NOT NULL,
  how TEXT NOT NULL
);
CREATE INDEX survey_opt_outs_contact ON survey_opt_outs(contact_id) WHERE contact_id IS NOT NULL;
`);
    },
  },
  {
    version: 2,
    name: 'survey channel',
    up(db) {
      db.exec(`
ALTER TABLE surveys ADD COLUMN channel TEXT NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'sms', 'whatsapp'));
ALTER TABLE surveys ADD COLUMN message_id TEXT;
ALTER TABLE surveys ADD COLUMN channel_note TEXT;
`);
    },
  },
];
