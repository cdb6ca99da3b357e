/**
 * Leaving the demo workspace when a CRM is connected: the demo's customers, history and devis go,
 * so they never mix with the company's real records (nor get pushed to HubSpot). What happened for
 * real stays: every call the line journaled (it has a SIP Call-ID) is kept, detached from the demo
 * customer it was matched to, with its callback item (the demo's own calls carry Call-IDs at
 * DEMO_CALL_ID_HOST, simulated ones at SIMULATION_CALL_ID_HOST, and both go with their callback items);
 * templates stay (they are the product's).
 */
import type { AccueilDatabase } from './database';
import type { SearchRepository } from './search-repository';

/** Host of the SIP Call-IDs the demo generator gives its synthetic history calls. */
export const DEMO_CALL_ID_HOST = 'pbx.demo.invalid';

/**
 * Host of the SIP Call-IDs of simulated calls (« Simuler un appel », demo/call-simulator.ts).
 * `.invalid`: no real PBX can ever use it. They are fictional like the demo's own calls.
 */
export const SIMULATION_CALL_ID_HOST = 'simulation.accueil.invalid';

export function isSimulatedCallId(sipCallId: string | null | undefined): boolean {
  return typeof sipCallId === 'string' && sipCallId.endsWith(`@${SIMULATION_CALL_ID_HOST}`);
}

export interface DemoPurgeSummary {
  contacts: number;
  companies: number;
  /** Synthetic history calls removed. */
  demoCalls: number;
  /** Real calls kept, now unmatched. */
  keptCalls: number;
}

export function purgeDemoRecords(db: AccueilDatabase, search: SearchRepository): DemoPurgeSummary {
  const run = (sql: string, ...params: unknown[]) => db.prepare(sql).run(...params).changes;
  const fictional = [`%@${DEMO_CALL_ID_HOST}`, `%@${SIMULATION_CALL_ID_HOST}`];
  const synthetic = `(sip_call_id IS NULL OR sip_call_id LIKE ? OR sip_call_id LIKE ?)`;
  return db.transaction(() => {
    const keptCalls = run(
      `UPDATE calls SET contact_id = NULL, company_id = NULL, match_label = NULL, ticket_id = NULL
       WHERE NOT ${synthetic} AND hubspot_id IS NULL`,
      ...fictional,
    );
    // The callback items of demo and simulated calls go with them; an item that also holds a real
    // missed call stays, without the demo's fictional name (cleared below).
    run(`DELETE FROM callback_calls WHERE call_id IN (SELECT id FROM calls WHERE ${synthetic} AND hubspot_id IS NULL)`, ...fictional);
    run(`DELETE FROM callbacks WHERE NOT EXISTS (SELECT 1 FROM callback_calls cc WHERE cc.callback_id = callbacks.id)`);
    const demoCalls = run(`DELETE FROM calls WHERE ${synthetic} AND hubspot_id IS NULL`, ...fictional);
    run(`DELETE FROM notes WHERE hubspot_id IS NULL`);
    run(`DELETE FROM emails WHERE hubspot_id IS NULL`);
    run(`DELETE FROM ticket_events WHERE ticket_id IN (SELECT id FROM tickets WHERE hubspot_id IS NULL)`);
    run(`DELETE FROM tickets WHERE hubspot_id IS NULL`);
    run(`DELETE FROM interventions WHERE hubspot_id IS NULL`);
    run(`DELETE FROM quotes WHERE hubspot_id IS NULL`);
    run(`DELETE FROM email_drafts`);
    const contacts = run(`DELETE FROM contacts WHERE hubspot_id IS NULL`);
    const companies = run(`DELETE FROM companies WHERE hubspot_id IS NULL`);
    run(`UPDATE callbacks SET contact_id = NULL, label = NULL WHERE contact_id IS NOT NULL AND contact_id NOT IN (SELECT id FROM contacts)`);
    run(`UPDATE callbacks SET company_id = NULL, label = CASE WHEN contact_id IS NULL THEN NULL ELSE label END
         WHERE company_id IS NOT NULL AND company_id NOT IN (SELECT id FROM companies)`);
    search.rebuildIndex();
    return { contacts, companies, demoCalls, keptCalls };
  });
}
