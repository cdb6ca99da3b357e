import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type AccueilStore } from '../../electron/services/store';
import { Directory } from '../../electron/services/directory';
import { HubSpotGateway } from '../../electron/services/crm/hubspot-client';
import { SyncEngine } from '../../electron/services/crm/sync-engine';
import { startHubSpotStandIn, FIXTURE_CONTACT, type HubSpotStandIn } from '../support/hubspot-standin';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function setup(options: Parameters<typeof startHubSpotStandIn>[0], engine: { overlapMs?: number; searchPerSecond?: number } = {}) {
  const hs: HubSpotStandIn = await startHubSpotStandIn(options);
  cleanups.push(() => hs.stop());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-inc-'));
  const store: AccueilStore = openStore(path.join(dir, 'accueil.db'));
  cleanups.push(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const changes: Array<{ contactIds: string[]; companyIds: string[] }> = [];
  const sync = new SyncEngine({
    gateway: new HubSpotGateway({ token: hs.token, baseUrl: hs.baseUrl, searchPerSecond: engine.searchPerSecond ?? 5 }),
    store,
    overlapMs: engine.overlapMs ?? 5_000,
    archivedEveryMs: 0,
    onChanged: (c) => changes.push(c),
  });
  await sync.initialSync();
  return { hs, store, sync, directory: new Directory(store), changes };
}

const n = (store: AccueilStore, sql: string, ...args: unknown[]) => store.database.prepare<{ n: number }>(sql).get(...args)!.n;

describe('incremental sync', () => {
  it('brings a changed name and a new number to the next pop, and tells the renderer which records changed', async () => {
    const { hs, store, sync, directory, changes } = await setup({ contacts: 40, rateLimit: false });
    const francois = [...hs.state.table('contacts').values()].find((r) => r.properties.lastname === FIXTURE_CONTACT.lastName)!;
    hs.state.update('contacts', francois.id, { firstname: 'Franck', phone: '+33 4 78 00 11 22' });
    const result = await sync.pollOnce();
    expect(result.changed).toBeGreaterThanOrEqual(1);
    expect(directory.buildPop(FIXTURE_CONTACT.e164).card?.contact?.firstName).toBe('Franck');
    expect(directory.buildPop('04 78 00 11 22').card?.contact?.lastName).toBe(FIXTURE_CONTACT.lastName);
    const localId = store.database.prepare<{ id: string }>('SELECT id FROM contacts WHERE hubspot_id = ?').get(francois.id)!.id;
    expect(changes.at(-1)?.contactIds).toContain(localId);
  });

  it('adds a contact created in HubSpot with its company, and a note that names it', async () => {
    const { hs, sync, directory, store } = await setup({ contacts: 10, rateLimit: false });
    const company = hs.state.create('companies', { name: 'Boulangerie Saint-Éloi', phone: '02 99 11 22 33' });
    const contact = hs.state.create('contacts', { firstname: 'Zoé', lastname: 'Kerbrat', mobilephone: '07 81 22 33 44' });
    hs.state.associate('contacts', contact.id, 'companies', company.id, 1);
    const note = hs.state.create('notes', { hs_timestamp: new Date().toISOString(), hs_note_body: '<p>Fuite sous l’évier</p>' });
    hs.state.associate('notes', note.id, 'contacts', contact.id);
    await sync.pollOnce();
    const pop = directory.buildPop('+33781223344');
    expect(pop.card?.contact?.lastName).toBe('Kerbrat');
    expect(pop.card?.contact?.companyName).toBe('Boulangerie Saint-Éloi');
    expect(directory.buildPop('02 99 11 22 33').card?.company?.name).toBe('Boulangerie Saint-Éloi');
    expect(n(store, "SELECT count(*) AS n FROM notes WHERE body = 'Fuite sous l’évier' AND contact_id IS NOT NULL")).toBe(1);
  });

  it('drops a record archived in HubSpot from the cache and from the pop', async () => {
    const { hs, sync, directory, store } = await setup({ contacts: 10, rateLimit: false });
    const francois = [...hs.state.table('contacts').values()].find((r) => r.properties.lastname === FIXTURE_CONTACT.lastName)!;
    hs.state.archive('contacts', francois.id);
    const result = await sync.pollOnce();
    expect(result.deleted).toBe(1);
    expect(n(store, 'SELECT count(*) AS n FROM contacts WHERE hubspot_id = ?', francois.id)).toBe(0);
    expect(directory.buildPop(FIXTURE_CONTACT.e164).card).toBeNull();
  });

  it('folds a merge into one local record under the new id, keeping its history and local references', async () => {
    const { hs, sync, store, directory } = await setup({ seed: { contacts: 12, companies: 2, engagements: 40, tickets: 0, deals: 0 }, rateLimit: false });
    const francois = [...hs.state.table('contacts').values()].find((r) => r.properties.lastname === FIXTURE_CONTACT.lastName)!;
    const other = hs.state.liveIds('contacts').find((id) => id !== francois.id)!;
    const localFrancois = store.database.prepare<{ id: string }>('SELECT id FROM contacts WHERE hubspot_id = ?').get(francois.id)!.id;
    const localOther = store.database.prepare<{ id: string }>('SELECT id FROM contacts WHERE hubspot_id = ?').get(other)!.id;
    const historyBefore = n(store, 'SELECT count(*) AS n FROM notes WHERE contact_id IN (?, ?)', localFrancois, localOther) + n(store, 'SELECT count(*) AS n FROM calls WHERE contact_id IN (?, ?)', localFrancois, localOther);

    const merged = hs.state.merge('contacts', francois.id, other);
    await sync.pollOnce();

    expect(n(store, 'SELECT count(*) AS n FROM contacts WHERE hubspot_id IN (?, ?)', francois.id, other)).toBe(0);
    const survivor = store.database.prepare<{ id: string }>('SELECT id FROM contacts WHERE hubspot_id = ?').get(merged.id)!.id;
    expect([localFrancois, localOther]).toContain(survivor);
    expect(n(store, 'SELECT count(*) AS n FROM contacts WHERE id IN (?, ?)', localFrancois, localOther)).toBe(1);
    const historyAfter = n(store, 'SELECT count(*) AS n FROM notes WHERE contact_id = ?', survivor) + n(store, 'SELECT count(*) AS n FROM calls WHERE contact_id = ?', survivor);
    expect(historyAfter).toBe(historyBefore);
    expect(directory.buildPop(FIXTURE_CONTACT.e164).card?.contact?.id).toBe(survivor);
    // A GET of a merged-away id answers the merged record.
    const res = await fetch(`${hs.baseUrl}/crm/v3/objects/contacts/${other}`, { headers: { authorization: `Bearer ${hs.token}` } });
    expect(((await res.json()) as { id: string }).id).toBe(merged.id);
  });

  it('picks up a change that search indexed late, thanks to the overlapping window', async () => {
    const { hs, sync, directory } = await setup({ contacts: 5, rateLimit: false, searchLagMs: 1_500 }, { overlapMs: 10_000 });
    const francois = [...hs.state.table('contacts').values()].find((r) => r.properties.lastname === FIXTURE_CONTACT.lastName)!;
    const later = hs.state.create('contacts', { firstname: 'Inès', lastname: 'Benali' });
    await new Promise((r) => setTimeout(r, 1_600));
    hs.state.update('contacts', francois.id, { firstname: 'Léa' }); // not yet searchable
    await new Promise((r) => setTimeout(r, 50));
    hs.state.update('contacts', later.id, { firstname: 'Inès-Marie' }); // also lagging
    await sync.pollOnce(); // sees neither update yet
    expect(directory.buildPop(FIXTURE_CONTACT.e164).card?.contact?.firstName).toBe('François');
    await new Promise((r) => setTimeout(r, 1_600));
    await sync.pollOnce();
    expect(directory.buildPop(FIXTURE_CONTACT.e164).card?.contact?.firstName).toBe('Léa');
  });

  it('picks up all of 10 050 changes made between two polls at one single instant (past the 10 000 search cap)', async () => {
    const { hs, sync, store } = await setup({ contacts: 3, rateLimit: { max: 10_000, searchPerSecond: 40 } }, { searchPerSecond: 40 });
    const at = Date.now();
    for (let i = 0; i < 10_050; i++) hs.state.create('contacts', { firstname: 'Import', lastname: `N°${i}` }, { at });
    const result = await sync.pollOnce();
    expect(n(store, "SELECT count(*) AS n FROM contacts WHERE first_name = 'Import'")).toBe(10_050);
    expect(result.changed).toBeGreaterThanOrEqual(10_050);
    // Never paged past the cap: no 400 from search.
    expect(hs.requests.filter((r) => r.search && r.status === 400)).toEqual([]);
  });
});

describe('stand-in fidelity', () => {
  it('refuses search paging beyond 10 000 results with a 400', async () => {
    const hs = await startHubSpotStandIn({ contacts: 3, rateLimit: false });
    cleanups.push(() => hs.stop());
    const res = await fetch(`${hs.baseUrl}/crm/v3/objects/contacts/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hs.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ limit: 200, after: '9900' }),
    });
    expect(res.status).toBe(400);
  });

  it('answers 429 TEN_SECONDLY_ROLLING with rate-limit headers past the burst', async () => {
    const hs = await startHubSpotStandIn({ contacts: 3, rateLimit: { max: 3 } });
    cleanups.push(() => hs.stop());
    const get = () => fetch(`${hs.baseUrl}/crm/v3/objects/contacts?limit=1`, { headers: { authorization: `Bearer ${hs.token}` } });
    for (let i = 0; i < 3; i++) expect((await get()).status).toBe(200);
    const limited = await get();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-hubspot-ratelimit-max')).toBe('3');
    expect(((await limited.json()) as { policyName: string }).policyName).toBe('TEN_SECONDLY_ROLLING');
  });
});
