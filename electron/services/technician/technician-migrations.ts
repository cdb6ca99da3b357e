/**
 * The technicians' app tables (its own migrations, see area.ts).
 *
 * - technician_actions: every action a phone sent, by the id the phone made for it, with the answer
 *   given the first time. The primary key is the dedupe: a replay (answer lost, queue resent) finds
 *   its row and gets the same answer; nothing is applied twice.
 * - technician_devices (v2): the phones signed in. A phone stays signed in for weeks (a technician
 *   types no password on a roof), so the session is its own: only the token's hash is kept, and it is
 *   revoked one by one, or all of an account's at once when the account is disabled, changes role or
 *   changes password.
 * - technician_reports: the report PDFs, content-addressed (sha256), until the documents area holds
 *   them.
 * - technician_sheets (v3): what the technician wrote on site for a visit, field by field (report,
 *   checklist, parts, start and stop), merged from the phone's edits (field-sync.ts).
 * - technician_uploads (v3): the photos and the customer's signature the phone sent, by the id the
 *   phone made for each (sent twice, kept once), until « Terminé » puts them in the report.
 */
import type { Migration } from '../store/migrations/migration';

export const technicianMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'technician-actions',
    up(db) {
      db.exec(`
CREATE TABLE technician_actions (
  client_id TEXT PRIMARY KEY CHECK (length(client_id) BETWEEN 8 AND 64),
  technician_id TEXT NOT NULL,
  intervention_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('edit', 'photo', 'signature', 'done')),
  made_at TEXT NOT NULL,
  applied_at TEXT NOT NULL,
  outcome TEXT NOT NULL
);
CREATE INDEX technician_actions_intervention ON technician_actions(intervention_id, applied_at);

CREATE TABLE technician_reports (
  sha256 TEXT PRIMARY KEY,
  intervention_id TEXT NOT NULL,
  bytes BLOB NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX technician_reports_intervention ON technician_reports(intervention_id);
`);
    },
  },
  {
    version: 2,
    name: 'technician-devices',
    up(db) {
      db.exec(`
CREATE TABLE technician_devices (
  token_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  technician_id TEXT NOT NULL,
  user_agent TEXT,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT,
  revoked_reason TEXT
);
CREATE INDEX technician_devices_account ON technician_devices(account_id) WHERE revoked_at IS NULL;
`);
    },
  },
  {
    version: 3,
    name: 'technician-sheets',
    up(db) {
      db.exec(`
CREATE TABLE technician_sheets (
  intervention_id TEXT PRIMARY KEY,
  report TEXT,
  checklist TEXT,
  parts TEXT,
  started_at TEXT,
  stopped_at TEXT,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);

CREATE TABLE technician_uploads (
  client_id TEXT PRIMARY KEY,
  intervention_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('photo', 'signature')),
  mime TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
  bytes BLOB NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX technician_uploads_intervention ON technician_uploads(intervention_id, kind, created_at);
`);
    },
  },
];
