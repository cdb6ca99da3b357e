import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type AccueilStore } from '../../electron/services/store';
import { Directory } from '../../electron/services/directory';
import { HubSpotGateway } from '../../electron/services/crm/hubspot-client';
import { SyncEngine } from '../../electron/services/crm/sync-engine';
import { testHubSpotConnection } from '../../electron/services/crm/connection-test';
import { startHubSpotStandIn, FIXTURE_CONTACT, ALL_SCOPES, type HubSpotStandIn } from '../support/hubspot-standin';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function standIn(options: Parameters<typeof startHubSpotStandIn>[0]): Promise<HubSpotStandIn> {
  const hs = await startHubSpotStandIn(options);
  cleanups.push(() => hs.stop());
  return hs;
}

function tempStore(): { store: AccueilStore; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-crm-'));
  const file = path.join(dir, 'accueil.db');
  const store = openStore(file);
  cleanups.push(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { store, file };
}

const count = (store: AccueilStore, sql: string) => (store.database.prepare<{ n: number }>(sql).get()!.n);

describe('HubSpot connection test', () => {
  it('accepts a valid token with every scope', async () => {
    const hs = await standIn({ contacts: 3, rateLimit: false });
    const result = await testHubSpotConnection(new HubSpotGateway({ token: hs.token, baseUrl: hs.baseUrl }));
    expect(result).toMatchObject({ ok: true, kind: 'ok' });
  });

  it('says the token was refused (401) and where to fix it', async () => {
    const hs = await standIn({ contacts: 3, rateLimit: false });
    const result = await testHubSpotConnection(new HubSpotGateway({ token: 'pat-eu1-wrong', baseUrl: hs.baseUrl }));
    expect(result.ok).toBe(false);
    expect(result.kind).toBe('auth');
    expect(result.message).toMatch(/401/);
    expect(result.message).toMatch(/Paramètres/);
  });

  it('names the missing scopes from the 403 bodies', async () => {
    const hs = await standIn({ contacts: 3, rateLimit: false, scopes: ALL_SCOPES.filter((s) => s !== 'tickets' && s !== 'crm.objects.owners.read') });
    const result = await testHubSpotConnection(new HubSpotGateway({ token: hs.token, baseUrl: hs.baseUrl }));
    expect(result.kind).toBe('scopes');
    expect(result.missingScopes.sort()).toEqual(['crm.objects.owners.read', 'tickets']);
    expect(result.message).toContain('tickets');
  });

  it('reports an unreachable HubSpot as a network problem', async () => {
    const hs = await standIn({ contacts: 3, rateLimit: false });
    hs.setFaults({ down: true });
    const result = await testHubSpotConnection(new HubSpotGateway({ token: hs.token, baseUrl: hs.baseUrl, maxAttempts: 2, baseBackoffMs: 10 }));
    expect(result.kind).toBe('network');
    expect(result.message).toMatch(/injoignable/);
  });
});

describe('initial sync', () => {
  it('copies every contact, company, ticket, deal and engagement with their associations, and the next pop finds a synced number', async () => {
    const hs = await standIn({ seed: { contacts: 260, companies: 40, engagements: 330, tickets: 35, deals: 25 }, rateLimit: false });
    const { store } = tempStore();
    const engine = new SyncEngine({ gateway: new HubSpotGateway({ token: hs.token, baseUrl: hs.baseUrl }), store });
    await engine.initialSync();

    const s = hs.state;
    expect(count(store, 'SELECT count(*) AS n FROM contacts WHERE hubspot_id IS NOT NULL')).toBe(s.count('contacts'));
    expect(count(store, 'SELECT count(*) AS n FROM companies WHERE hubspot_id IS NOT NULL')).toBe(s.count('companies'));
    expect(count(store, 'SELECT count(*) AS n FROM tickets')).toBe(s.count('tickets'));
    expect(count(store, 'SELECT count(*) AS n FROM quotes')).toBe(s.count('deals'));
    expect(count(store, 'SELECT count(*) AS n FROM calls')).toBe(s.count('calls'));
    expect(count(store, 'SELECT count(*) AS n FROM notes')).toBe(s.count('notes'));
    expect(count(store, 'SELECT count(*) AS n FROM emails')).toBe(s.count('emails'));
    expect(count(store, 'SELECT count(*) AS n FROM interventions')).toBe(s.count('meetings'));
    expect(count(store, 'SELECT count(*) AS n FROM crm_tasks')).toBe(s.count('tasks'));
    expect(count(store, 'SELECT count(*) AS n FROM crm_owners')).toBe(s.owners.length);
    expect(count(store, "SELECT count(*) AS n FROM crm_pipeline_stages WHERE object_type = 'tickets'")).toBe(4);

    // Every contact's company link equals the stand-in's primary association.
    for (const id of s.liveIds('contacts')) {
      const company = s.associationsOf('contacts', id, 'companies')[0]?.toId ?? null;
      const row = store.database
        .prepare<{ hs: string | null }>('SELECT co.hubspot_id AS hs FROM contacts c LEFT JOIN companies co ON co.id = c.company_id WHERE c.hubspot_id = ?')
        .get(id);
      expect(row?.hs ?? null).toBe(company);
    }
    // Every note hangs off the contact HubSpot associates it with.
    for (const id of s.liveIds('notes')) {
      const contact = s.associationsOf('notes', id, 'contacts')[0]!.toId;
      const row = store.database.prepare<{ hs: string }>('SELECT c.hubspot_id AS hs FROM notes n JOIN contacts c ON c.id = n.contact_id WHERE n.hubspot_id = ?').get(id);
      expect(row?.hs).toBe(contact);
    }
    // A number typed "06 12 34 56 78" in HubSpot pops by its E.164 form.
    const pop = new Directory(store).buildPop(FIXTURE_CONTACT.e164);
    expect(pop.card?.contact?.lastName).toBe(FIXTURE_CONTACT.lastName);
    expect(store.database.prepare<{ e164: string }>("SELECT e164 FROM phones WHERE raw = '06 12 34 56 78'").get()?.e164).toBe(FIXTURE_CONTACT.e164);
    // Lists were read 100 at a time.
    const lists = hs.requests.filter((r) => r.method === 'GET' && /\/crm\/v3\/objects\/contacts$/.test(r.path));
    expect(lists.length).toBe(Math.ceil(s.count('contacts') / 100));
  });

  it('stays under the burst limit by itself: not one 429 while paging at the limit', async () => {
    const hs = await standIn({ seed: { contacts: 900, companies: 10, engagements: 0, tickets: 0, deals: 0 }, rateLimit: { max: 6, intervalMs: 1_000 } });
    const { store } = tempStore();
    const engine = new SyncEngine({ gateway: new HubSpotGateway({ token: hs.token, baseUrl: hs.baseUrl, burstPerTenSeconds: 6, burstWindowMs: 1_000 }), store });
    await engine.initialSync();
    expect(hs.requests.filter((r) => !r.search).length).toBeGreaterThan(12);
    expect(hs.requests.filter((r) => r.status === 429)).toEqual([]);
    expect(count(store, 'SELECT count(*) AS n FROM contacts')).toBe(900);
  });
});
