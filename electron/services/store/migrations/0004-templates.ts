/**
 * E-mail templates (issue 4, templates part):
 * - `templates_seeded`: which default templates (resources/templates/modeles-fr.json) were already
 *   offered to this workspace. A default is inserted once; Claire's edits are never overwritten and a
 *   default she deleted does not come back at the next start. Templates present before this version
 *   (a demo workspace) count as seeded.
 * - `email_drafts`: an e-mail being written, saved before each sending attempt and removed in the same
 *   transaction that logs the sent e-mail: a refused or interrupted sending loses nothing. No foreign
 *   keys, like the call journal: a draft must survive a sync that removes the record it was for.
 */
import type { Migration } from './migration';

export const TEMPLATES_SCHEMA = `
CREATE TABLE templates_seeded (
  id TEXT PRIMARY KEY,
  seeded_at TEXT NOT NULL
);
INSERT INTO templates_seeded (id, seeded_at) SELECT id, updated_at FROM templates;

CREATE TABLE email_drafts (
  id TEXT PRIMARY KEY,
  template_id TEXT,
  contact_id TEXT,
  company_id TEXT,
  quote_id TEXT,
  intervention_id TEXT,
  ticket_id TEXT,
  to_address TEXT NOT NULL DEFAULT '',
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  values_json TEXT NOT NULL DEFAULT '{}',
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX email_drafts_updated ON email_drafts(updated_at);
`;

export const templates: Migration = {
  version: 4,
  name: 'templates',
  up(db) {
    db.exec(TEMPLATES_SCHEMA);
  },
};
