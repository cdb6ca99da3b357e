/**
 * Callback requests: an item of the callback list (0003) can exist without a missed call — a
 * customer who gave a low score and must be called back (satisfaction), later a workflow's
 * « rappeler ». It says why (`request_reason`), by when (`request_due_at`), and who asked
 * (`request_ref`, unique: the same survey asking twice opens no second item). In the store's
 * history beside the table it extends: the demo workspace fills the list before any area runs.
 */
import type { Migration } from './migration';

export const callbackRequests: Migration = {
  version: 6,
  name: 'callback requests',
  up(db) {
    db.exec(`
ALTER TABLE callbacks ADD COLUMN request_reason TEXT;
ALTER TABLE callbacks ADD COLUMN request_due_at TEXT;
ALTER TABLE callbacks ADD COLUMN request_ref TEXT;
CREATE UNIQUE INDEX callbacks_request_ref ON callbacks(request_ref) WHERE request_ref IS NOT NULL;
`);
  },
};
