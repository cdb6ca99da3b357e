/**
 * The Sage customer code HubSpot holds for a company (its property `code_client_sage`, which the
 * Sage area upserts by): copied by the CRM mirror, so that the first import of a Sage file on a new
 * installation links each account to the company HubSpot already gave that code — before any other
 * rule, never a twin.
 */
import type { Migration } from './migration';

export const companySageCode: Migration = {
  version: 10,
  name: 'company sage code',
  up(db) {
    db.exec(`
ALTER TABLE companies ADD COLUMN sage_code TEXT;
CREATE INDEX companies_sage_code ON companies(sage_code) WHERE sage_code IS NOT NULL;
`);
  },
};
