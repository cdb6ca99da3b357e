/**
 * What the work area keeps on the demo's records, removed with them when the demo goes (a CRM is
 * connected): the callback items of demo and simulated calls (an item that also holds a real missed
 * call stays, without the demo's fictional name), and the changes logged on demo tickets.
 */
import type { DemoPurgeHook } from '../store';

export const purgeWorkDemo: DemoPurgeHook = (db) => {
  const run = (sql: string) => db.prepare(sql).run();
  run(`DELETE FROM callback_calls WHERE call_id IN (SELECT id FROM temp.demo_purge_calls)`);
  run(`DELETE FROM callbacks WHERE NOT EXISTS (SELECT 1 FROM callback_calls cc WHERE cc.callback_id = callbacks.id)`);
  run(`UPDATE callbacks SET contact_id = NULL, label = NULL
       WHERE contact_id IS NOT NULL AND (contact_id IN (SELECT id FROM temp.demo_purge_contacts) OR contact_id NOT IN (SELECT id FROM contacts))`);
  run(`UPDATE callbacks SET company_id = NULL, label = CASE WHEN contact_id IS NULL THEN NULL ELSE label END
       WHERE company_id IS NOT NULL AND (company_id IN (SELECT id FROM temp.demo_purge_companies) OR company_id NOT IN (SELECT id FROM companies))`);
  run(`DELETE FROM ticket_events WHERE ticket_id IN (SELECT id FROM tickets WHERE hubspot_id IS NULL)`);
};
