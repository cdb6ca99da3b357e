/**
 * Working the call (issue 4): what Claire records while and after she talks to a customer.
 *
 * - calls: the wrap-up lives on the call's own row (one row per SIP call, so a call is never logged
 *   twice): `outcome` (disposition), `body` (what was said), `ticket_id`, `logged_at` (set the first
 *   time the wrap-up is saved: the outbox op is then `create`, afterwards `update`). `to_e164` is the
 *   number an outbound call dialled, indexed so that an answered call back finds the open callback.
 * - notes: linked to the call and/or ticket they were written for.
 * - tickets: `site_address` (the chantier), `call_id` (the call it was opened from), and their whole
 *   history in `ticket_events` (created, each field changed, note added), never rewritten.
 * - callbacks: the missed-call list. One open item per caller number (a unique partial index): a
 *   second missed call from the same number joins the open item. Closed items stay, with who closed
 *   them, why and when. `callback_calls` says which missed calls an item gathered; its primary key on
 *   `call_id` makes adding the same missed call twice (event + start-up catch-up) a no-op.
 *   `callbacks_following` marks when the list started: older missed calls are history, not work.
 */
import type { Migration } from './migration';

const SCHEMA = `
ALTER TABLE calls ADD COLUMN to_e164 TEXT;
ALTER TABLE calls ADD COLUMN outcome TEXT
  CHECK (outcome IS NULL OR outcome IN ('connecte', 'message_laisse', 'pas_de_reponse', 'mauvais_numero', 'occupe'));
ALTER TABLE calls ADD COLUMN body TEXT;
ALTER TABLE calls ADD COLUMN ticket_id TEXT;
ALTER TABLE calls ADD COLUMN logged_at TEXT;
CREATE INDEX calls_to_e164 ON calls(to_e164, ring_at) WHERE to_e164 IS NOT NULL;
CREATE INDEX calls_ticket ON calls(ticket_id) WHERE ticket_id IS NOT NULL;

ALTER TABLE notes ADD COLUMN call_id TEXT;
ALTER TABLE notes ADD COLUMN ticket_id TEXT;
CREATE INDEX notes_call ON notes(call_id, created_at) WHERE call_id IS NOT NULL;
CREATE INDEX notes_ticket ON notes(ticket_id, created_at) WHERE ticket_id IS NOT NULL;

ALTER TABLE tickets ADD COLUMN site_address TEXT;
ALTER TABLE tickets ADD COLUMN call_id TEXT;

CREATE TABLE ticket_events (
  seq INTEGER PRIMARY KEY,
  ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('created', 'changed', 'note', 'call')),
  field TEXT,
  from_value TEXT,
  to_value TEXT,
  call_id TEXT,
  note_id TEXT,
  author TEXT
);
CREATE INDEX ticket_events_ticket ON ticket_events(ticket_id, seq);

CREATE TABLE callbacks (
  id TEXT PRIMARY KEY,
  -- E.164 when the number could be read, 'raw:<as received>' otherwise, 'masque' for withheld numbers
  number_key TEXT NOT NULL,
  number_e164 TEXT,
  number_display TEXT NOT NULL,
  contact_id TEXT,
  company_id TEXT,
  label TEXT,
  first_missed_at TEXT NOT NULL,
  last_missed_at TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'done')),
  closed_at TEXT,
  closed_by TEXT CHECK (closed_by IS NULL OR closed_by IN ('answered_call', 'agent')),
  close_reason TEXT,
  closing_call_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((state = 'open') = (closed_at IS NULL))
);
CREATE UNIQUE INDEX callbacks_open_number ON callbacks(number_key) WHERE state = 'open';
CREATE INDEX callbacks_closed ON callbacks(closed_at) WHERE state = 'done';

CREATE TABLE callback_calls (
  call_id TEXT PRIMARY KEY,
  callback_id TEXT NOT NULL REFERENCES callbacks(id) ON DELETE CASCADE,
  ring_at TEXT NOT NULL
);
CREATE INDEX callback_calls_item ON callback_calls(callback_id, ring_at);

-- When the list began to follow the journal: missed calls before it (demo or imported history) are
-- history, not callbacks to make; the start-up catch-up looks from here on.
CREATE TABLE callbacks_following (one INTEGER PRIMARY KEY CHECK (one = 1), since TEXT NOT NULL);
`;

export const workTheCall: Migration = {
  version: 3,
  name: 'work-the-call',
  up(db) {
    db.exec(SCHEMA);
  },
};
