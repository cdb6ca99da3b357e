/**
 * Each request joined to a callback keeps its own reason (`request_reasons`, a JSON object
 * ref → reason, in arrival order): a survey whose comment arrives after its score updates its own
 * line; a second asker joining an open item is recognised when it asks again (no line twice); one
 * withdrawn takes only its line away. `request_reason` stays the text shown (the lines joined).
 */
import type { Migration } from './migration';

export const callbackRequestReasons: Migration = {
  version: 8,
  name: 'callback request reasons',
  up(db) {
    db.exec(`
ALTER TABLE callbacks ADD COLUMN request_reasons TEXT;
UPDATE callbacks SET request_reasons = json_object(coalesce(request_ref, 'avant-0008'), request_reason) WHERE request_reason IS NOT NULL;
`);
  },
};
