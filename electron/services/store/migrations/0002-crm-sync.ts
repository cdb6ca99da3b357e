/**
 * HubSpot synchronisation: checkpoints, the outbox, and what the CRM has that 0001 had no table for.
 *
 * - `sync_state`: one JSON value per key (initial-sync cursors per object type, incremental
 *   watermarks, ids of created properties). Written in the same transaction as the page it follows,
 *   so a process killed at any moment resumes exactly where its last committed page ended.
 * - `outbox`: local writes that must reach HubSpot. One row per (kind, local id) while waiting; a row
 *   in state 'sending' was handed to HubSpot and its answer not yet recorded — after a crash it is
 *   looked up (by accueil_id) before being sent again.
 * - `crm_associations`: HubSpot's associations as read (by HubSpot ids), so an engagement that
 *   arrives before its contact is attached when the contact arrives.
 * - owners, ticket/deal pipelines with their stages, and tasks (the one engagement kind with no table).
 */
import type { Migration } from './migration';

const SCHEMA = `
CREATE TABLE sync_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('contact', 'company', 'call', 'note', 'ticket', 'email')),
  local_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('create', 'update')),
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  sending_since TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX outbox_due ON outbox(next_attempt_at, id);
CREATE INDEX outbox_record ON outbox(kind, local_id);

CREATE TABLE crm_associations (
  from_type TEXT NOT NULL,
  from_id TEXT NOT NULL,
  to_type TEXT NOT NULL,
  to_id TEXT NOT NULL,
  PRIMARY KEY (from_type, from_id, to_type, to_id)
) WITHOUT ROWID;
CREATE INDEX crm_associations_to ON crm_associations(to_type, to_id);

CREATE TABLE crm_owners (
  hubspot_id TEXT PRIMARY KEY,
  first_name TEXT,
  last_name TEXT,
  email TEXT,
  updated_at TEXT NOT NULL
);

CREATE TABLE crm_pipelines (
  object_type TEXT NOT NULL,
  hubspot_id TEXT NOT NULL,
  label TEXT NOT NULL,
  display_order INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (object_type, hubspot_id)
);

CREATE TABLE crm_pipeline_stages (
  object_type TEXT NOT NULL,
  pipeline_id TEXT NOT NULL,
  hubspot_id TEXT NOT NULL,
  label TEXT NOT NULL,
  display_order INTEGER NOT NULL DEFAULT 0,
  is_closed INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (object_type, pipeline_id, hubspot_id)
);

CREATE TABLE crm_tasks (
  id TEXT PRIMARY KEY,
  subject TEXT NOT NULL,
  body TEXT,
  status TEXT,
  due_at TEXT,
  contact_id TEXT REFERENCES contacts(id) ON DELETE SET NULL,
  company_id TEXT REFERENCES companies(id) ON DELETE SET NULL,
  hubspot_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX crm_tasks_hubspot_id ON crm_tasks(hubspot_id) WHERE hubspot_id IS NOT NULL;
CREATE INDEX crm_tasks_contact ON crm_tasks(contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX crm_tasks_company ON crm_tasks(company_id) WHERE company_id IS NOT NULL;
`;

export const crmSync: Migration = {
  version: 2,
  name: 'crm-sync',
  up(db) {
    db.exec(SCHEMA);
  },
};
