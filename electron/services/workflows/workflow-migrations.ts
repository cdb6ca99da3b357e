/**
 * The workflows area's tables (its own migrations, see area.ts).
 *
 * - workflow_signals: « this record changed », written by triggers in the same transaction as the
 *   change — whoever made it (the console, a HubSpot pull, the portal). The engine reads them in
 *   order and deletes each in the transaction that enrols (or not) its record: a kill -9 between
 *   the change and the engine loses nothing and enrols nothing twice.
 * - workflow_enrolments: a record in a rule. `match_key` is what made it match (the date a devis was
 *   sent, the date of a visit): one enrolment per (rule, record, match_key), ever — a devis re-sent
 *   with a new date enters again, a quote touched for another reason does not. At most one active
 *   per (rule, record) at once.
 * - workflow_steps: one durable timer per step of an enrolment, with its idempotency key
 *   (rule, record, step, match_key), its due time, and what became of it and why.
 * - (version 2) invoices: Sage's open items signal too — an item imported, paid (lettered), changed or
 *   gone — so the unpaid-invoice rule reads them like any record (record id « account|piece|due date »).
 * - workflow_rule_settings: what Claire changed of a shipped rule (on/off, delays, template,
 *   catch-up policy); workflow_state: pause-all and the last start's catch-up summary.
 */
import type { Migration } from '../store/migrations/migration';

export const workflowMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'workflows',
    up(db) {
      db.exec(`
CREATE TABLE workflow_signals (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  record_kind TEXT NOT NULL CHECK (record_kind IN ('quote', 'intervention', 'ticket')),
  record_id TEXT NOT NULL
);

CREATE TRIGGER workflow_signal_quote_new AFTER INSERT ON quotes
BEGIN
  INSERT INTO workflow_signals (record_kind, record_id) VALUES ('quote', NEW.id);
END;
CREATE TRIGGER workflow_signal_quote_status AFTER UPDATE OF status, sent_at ON quotes
  WHEN NEW.status IS NOT OLD.status OR NEW.sent_at IS NOT OLD.sent_at
BEGIN
  INSERT INTO workflow_signals (record_kind, record_id) VALUES ('quote', NEW.id);
END;
CREATE TRIGGER workflow_signal_intervention_new AFTER INSERT ON interventions
BEGIN
  INSERT INTO workflow_signals (record_kind, record_id) VALUES ('intervention', NEW.id);
END;
CREATE TRIGGER workflow_signal_intervention_change AFTER UPDATE OF status, scheduled_at, kind ON interventions
  WHEN NEW.status IS NOT OLD.status OR NEW.scheduled_at IS NOT OLD.scheduled_at OR NEW.kind IS NOT OLD.kind
BEGIN
  INSERT INTO workflow_signals (record_kind, record_id) VALUES ('intervention', NEW.id);
END;
CREATE TRIGGER workflow_signal_ticket_new AFTER INSERT ON tickets
BEGIN
  INSERT INTO workflow_signals (record_kind, record_id) VALUES ('ticket', NEW.id);
END;
CREATE TRIGGER workflow_signal_ticket_status AFTER UPDATE OF status ON tickets
  WHEN NEW.status IS NOT OLD.status
BEGIN
  INSERT INTO workflow_signals (record_kind, record_id) VALUES ('ticket', NEW.id);
END;

-- What was there before this version: read once, like a change. Steps already past when a record
-- is enrolled are skipped (« déjà passée à l'inscription »): installing Accueil relaunches nobody
-- about last year's quotes.
INSERT INTO workflow_signals (record_kind, record_id) SELECT 'quote', id FROM quotes WHERE status IN ('envoye', 'accepte');
INSERT INTO workflow_signals (record_kind, record_id) SELECT 'intervention', id FROM interventions WHERE status IN ('planifiee', 'terminee');

CREATE TABLE workflow_enrolments (
  id TEXT PRIMARY KEY,
  rule_id TEXT NOT NULL,
  record_kind TEXT NOT NULL,
  record_id TEXT NOT NULL,
  match_key TEXT NOT NULL,
  contact_id TEXT,
  company_id TEXT,
  label TEXT NOT NULL,
  anchor_at TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('active', 'completed', 'exited')),
  exit_reason TEXT,
  enrolled_at TEXT NOT NULL,
  ended_at TEXT,
  UNIQUE (rule_id, record_kind, record_id, match_key)
);
CREATE UNIQUE INDEX workflow_enrolments_one_active ON workflow_enrolments(rule_id, record_kind, record_id) WHERE state = 'active';
CREATE INDEX workflow_enrolments_record ON workflow_enrolments(record_kind, record_id) WHERE state = 'active';
CREATE INDEX workflow_enrolments_contact ON workflow_enrolments(contact_id) WHERE state = 'active';

CREATE TABLE workflow_steps (
  id TEXT PRIMARY KEY,
  enrolment_id TEXT NOT NULL REFERENCES workflow_enrolments(id) ON DELETE CASCADE,
  rule_id TEXT NOT NULL,
  step_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  due_at TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('planned', 'held', 'running', 'done', 'skipped', 'failed')),
  reason TEXT,
  detail TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  result_ref TEXT,
  finished_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX workflow_steps_due ON workflow_steps(due_at) WHERE state = 'planned';
CREATE INDEX workflow_steps_open ON workflow_steps(state) WHERE state IN ('held', 'running', 'failed');
CREATE INDEX workflow_steps_enrolment ON workflow_steps(enrolment_id, position);
CREATE INDEX workflow_steps_finished ON workflow_steps(finished_at) WHERE finished_at IS NOT NULL;

CREATE TABLE workflow_rule_settings (
  rule_id TEXT PRIMARY KEY,
  settings TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT
);

CREATE TABLE workflow_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`);
    },
  },
  {
    version: 2,
    name: 'invoice-signals',
    up(db) {
      // SQLite cannot change a CHECK: the signals table is made again with « invoice » allowed, its
      // triggers dropped first (they name it) and made again after, pending signals carried over.
      db.exec(`
DROP TRIGGER workflow_signal_quote_new;
DROP TRIGGER workflow_signal_quote_status;
DROP TRIGGER workflow_signal_intervention_new;
DROP TRIGGER workflow_signal_intervention_change;
DROP TRIGGER workflow_signal_ticket_new;
DROP TRIGGER workflow_signal_ticket_status;
CREATE TABLE workflow_signals_v2 (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  record_kind TEXT NOT NULL CHECK (record_kind IN ('quote', 'intervention', 'ticket', 'invoice')),
  record_id TEXT NOT NULL
);
INSERT INTO workflow_signals_v2 (seq, record_kind, record_id) SELECT seq, record_kind, record_id FROM workflow_signals;
DROP TABLE workflow_signals;
ALTER TABLE workflow_signals_v2 RENAME TO workflow_signals;

CREATE TRIGGER workflow_signal_quote_new AFTER INSERT ON quotes
BEGIN
  INSERT INTO workflow_signals (record_kind, record_id) VALUES ('quote', NEW.id);
END;
CREATE TRIGGER workflow_signal_quote_status AFTER UPDATE OF status, sent_at ON quotes
  WHEN NEW.status IS NOT OLD.status OR NEW.sent_at IS NOT OLD.sent_at
BEGIN
  INSERT INTO workflow_signals (record_kind, record_id) VALUES ('quote', NEW.id);
END;
CREATE TRIGGER workflow_signal_intervention_new AFTER INSERT ON interventions
BEGIN
  INSERT INTO workflow_signals (record_kind, record_id) VALUES ('intervention', NEW.id);
END;
CREATE TRIGGER workflow_signal_intervention_change AFTER UPDATE OF status, scheduled_at, kind ON interventions
  WHEN NEW.status IS NOT OLD.status OR NEW.scheduled_at IS NOT OLD.scheduled_at OR NEW.kind IS NOT OLD.kind
BEGIN
  INSERT INTO workflow_signals (record_kind, record_id) VALUES ('intervention', NEW.id);
END;
CREATE TRIGGER workflow_signal_ticket_new AFTER INSERT ON tickets
BEGIN
  INSERT INTO workflow_signals (record_kind, record_id) VALUES ('ticket', NEW.id);
END;
CREATE TRIGGER workflow_signal_ticket_status AFTER UPDATE OF status ON tickets
  WHEN NEW.status IS NOT OLD.status
BEGIN
  INSERT INTO workflow_signals (record_kind, record_id) VALUES ('ticket', NEW.id);
END;

CREATE TRIGGER workflow_signal_invoice_new AFTER INSERT ON sage_open_items
BEGIN
  INSERT INTO workflow_signals (record_kind, record_id) VALUES ('invoice', NEW.account || '|' || NEW.piece || '|' || NEW.due_date);
END;
CREATE TRIGGER workflow_signal_invoice_change AFTER UPDATE OF lettrage, amount_cents ON sage_open_items
  WHEN NEW.lettrage IS NOT OLD.lettrage OR NEW.amount_cents IS NOT OLD.amount_cents
BEGIN
  INSERT INTO workflow_signals (record_kind, record_id) VALUES ('invoice', NEW.account || '|' || NEW.piece || '|' || NEW.due_date);
END;
CREATE TRIGGER workflow_signal_invoice_gone AFTER DELETE ON sage_open_items
BEGIN
  INSERT INTO workflow_signals (record_kind, record_id) VALUES ('invoice', OLD.account || '|' || OLD.piece || '|' || OLD.due_date);
END;
-- An account matched to a customer later (after a review): its open items are read again.
CREATE TRIGGER workflow_signal_invoice_owner AFTER UPDATE OF company_id, contact_id ON sage_accounts
  WHEN NEW.company_id IS NOT OLD.company_id OR NEW.contact_id IS NOT OLD.contact_id
BEGIN
  INSERT INTO workflow_signals (record_kind, record_id) SELECT 'invoice', account || '|' || piece || '|' || due_date FROM sage_open_items WHERE account = NEW.code;
END;
-- Open items already imported: read once, like a change (steps already past are skipped).
INSERT INTO workflow_signals (record_kind, record_id) SELECT 'invoice', account || '|' || piece || '|' || due_date FROM sage_open_items WHERE lettrage IS NULL AND amount_cents > 0;
`);
    },
  },
];
