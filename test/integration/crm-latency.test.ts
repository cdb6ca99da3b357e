/**
 * The initial copy against a HubSpot that takes its time to answer (issue 9, item 10): pages of
 * every type are asked for side by side, the next page of a type before the current one is stored,
 * so several requests are in flight at once — counted by the stand-in, not timed. Nothing is copied
 * twice and every record ends up linked as a one-type-at-a-time copy would link it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../electron/services/store';
import { HubSpotGateway } from '../../electron/services/crm/hubspot-client';
import { SyncEngine } from '../../electron/services/crm/sync-engine';
import { startHubSpotStandIn, OBJECT_TYPES } from '../support/hubspot-standin';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const TABLE = { contacts: 'contacts', companies: 'companies', tickets: 'tickets', deals: 'quotes', calls: 'calls', notes: 'notes', emails: 'emails', meetings: 'interventions', tasks: 'crm_tasks' } as const;

describe('initial sync with a slow HubSpot', () => {
  it('keeps several requests in flight, copies each record once and links contacts to their primary company', async () => {
    const hs = await startHubSpotStandIn({ seed: { contacts: 400, companies: 150, engagements: 500, tickets: 120, deals: 120 }, rateLimit: false, latencyMs: 40 });
    cleanups.push(() => hs.stop());
    // A contact with two companies, the primary one created last (highest id).
    const other = hs.state.create('companies', { name: 'Agence secondaire' });
    const primary = hs.state.create('companies', { name: 'Siège social' });
    const zoe = hs.state.create('contacts', { firstname: 'Zoé', lastname: 'Kerbrat' });
    hs.state.associate('contacts', zoe.id, 'companies', other.id);
    hs.state.associate('contacts', zoe.id, 'companies', primary.id, 1);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-latency-'));
    const store = openStore(path.join(dir, 'accueil.db'));
    cleanups.push(() => {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    const engine = new SyncEngine({ gateway: new HubSpotGateway({ token: hs.token, baseUrl: hs.baseUrl, burstPerTenSeconds: 10_000, searchPerSecond: 50 }), store });
    hs.resetMaxInFlight();

    await engine.initialSync();

    // One type at a time, one page at a time, would never have more than one.
    expect(hs.maxInFlight).toBeGreaterThanOrEqual(4);
    const n = (sql: string, ...args: unknown[]) => store.database.prepare<{ n: number }>(sql).get(...args)!.n;
    for (const type of OBJECT_TYPES) {
      expect(n(`SELECT count(*) AS n FROM ${TABLE[type]}`), type).toBe(hs.state.count(type));
      expect(n(`SELECT count(DISTINCT hubspot_id) AS n FROM ${TABLE[type]}`), type).toBe(hs.state.count(type));
    }
    // Every link HubSpot has is in the cache, wherever the pages arrived first.
    const companyOf = (contactHubspotId: string) =>
      store.database.prepare<{ hubspot_id: string | null }>('SELECT co.hubspot_id FROM contacts c LEFT JOIN companies co ON co.id = c.company_id WHERE c.hubspot_id = ?').get(contactHubspotId)!.hubspot_id;
    expect(companyOf(zoe.id)).toBe(primary.id);
    for (const id of hs.state.liveIds('contacts')) {
      const expected = hs.state.associationsOf('contacts', id, 'companies');
      if (expected.length === 1) expect(companyOf(id), `contact ${id}`).toBe(expected[0]!.toId);
      if (expected.length === 0) expect(companyOf(id), `contact ${id}`).toBeNull();
    }
    const linkedNotes = [...hs.state.table('notes').values()].filter((r) => hs.state.associationsOf('notes', r.id, 'contacts').length > 0).length;
    expect(n('SELECT count(*) AS n FROM notes WHERE contact_id IS NOT NULL')).toBe(linkedNotes);
    const linkedTickets = [...hs.state.table('tickets').values()].filter((r) => hs.state.associationsOf('tickets', r.id, 'companies').length > 0).length;
    expect(n('SELECT count(*) AS n FROM tickets WHERE company_id IS NOT NULL')).toBe(linkedTickets);
  });
});
