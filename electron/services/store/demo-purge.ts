/**
 * Leaving the demo workspace when a CRM is connected: the demo's customers, history and devis go,
 * so they never mix with the company's real records (nor get pushed to HubSpot). What happened for
 * real stays: every call the line journaled (it has a SIP Call-ID) is kept, detached from the demo
 * customer it was matched to (the demo's own calls carry Call-IDs at DEMO_CALL_ID_HOST, simulated
 * ones at SIMULATION_CALL_ID_HOST); templates stay (they are the product's). Each area removes what
 * it keeps on those records through its hook (the work area: callback items, ticket changes).
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

/**
 * What an area removes when the demo goes (its own tables), run inside the purge's transaction
 * before the shared records go. The records that go are listed in temporary tables the hook may
 * read: `temp.demo_purge_calls`, `temp.demo_purge_contacts`, `temp.demo_purge_companies` (column `id`).
 */
export type DemoPurgeHook = (db: AccueilDatabase) => void;

export function purgeDemoRecords(db: AccueilDatabase, search: SearchRepository, hooks: readonly DemoPurgeHook[] = []): DemoPurgeSummary {
  const run = (sql: string, ...params: unknown[]) => db.prepare(sql).run(...params).changes;
  const fictional = [`%@${DEMO_CALL_ID_HOST}`, `%@${SIMULATION_CALL_ID_HOST}`];
  const synthetic = `(sip_call_id IS NULL OR sip_call_id LIKE ? OR sip_call_id LIKE ?)`;
  return db.transaction(() => {
    for (const table of ['demo_purge_calls', 'demo_purge_contacts', 'demo_purge_companies']) {
      run(`CREATE TEMP TABLE IF NOT EXISTS ${table} (id TEXT PRIMARY KEY)`);
      run(`DELETE FROM temp.${table}`);
    }
    run(`INSERT INTO temp.demo_purge_calls (id) SELECT id FROM calls WHERE ${synthetic} AND hubspot_id IS NULL`, ...fictional);
    run(`INSERT INTO temp.demo_purge_contacts (id) SELECT id FROM contacts WHERE hubspot_id IS NULL`);
    run(`INSERT INTO temp.demo_purge_companies (id) SELECT id FROM companies WHERE hubspot_id IS NULL`);
    for (const hook of hooks) hook(db);

    const keptCalls = run(
      `UPDATE calls SET contact_id = NULL, company_id = NULL, match_label = NULL, ticket_id = NULL
       WHERE NOT ${synthetic} AND hubspot_id IS NULL`,
      ...fictional,
    );
    const demoCalls = run(`DELETE FROM calls WHERE id IN (SELECT id FROM temp.demo_purge_calls)`);
    run(`DELETE FROM notes WHERE hubspot_id IS NULL`);
    run(`DELETE FROM emails WHERE hubspot_id IS NULL`);
    run(`DELETE FROM tickets WHERE hubspot_id IS NULL`);
    run(`DELETE FROM interventions WHERE hubspot_id IS NULL`);
    run(`DELETE FROM quotes WHERE hubspot_id IS NULL`);
    run(`DELETE FROM email_drafts`);
    const contacts = run(`DELETE FROM contacts WHERE id IN (SELECT id FROM temp.demo_purge_contacts)`);
    const companies = run(`DELETE FROM companies WHERE id IN (SELECT id FROM temp.demo_purge_companies)`);
    search.rebuildIndex();
    return { contacts, companies, demoCalls, keptCalls };
  });
}
