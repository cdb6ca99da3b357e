/**
 * Sage's companies to HubSpot, against the stand-in: upserted by the unique property
 * `code_client_sage` (batch upsert with idProperty), never duplicated — not by a second import, not
 * by a push whose answer was lost, not by the next HubSpot pull.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHubSpotStandIn } from '../support/hubspot-standin';
import { startSyncedStore } from '../support/sync-fixture';
import { SageBridge } from '../../electron/services/sage/sage-bridge';
import { SageHubSpotPush } from '../../electron/services/sage/sage-hubspot-push';
import { SageRepository } from '../../electron/services/sage/sage-repository';
import { sageMigrations } from '../../electron/services/sage/sage-migrations';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const GOLDEN = path.resolve(__dirname, '../fixtures/sage/clients-sage100-ibm850.txt');
const NOW = new Date('2024-04-18T08:00:00Z');

async function setUp() {
  const hs = await startHubSpotStandIn({ seed: { contacts: 6, companies: 2, engagements: 2, tickets: 0, deals: 0 }, rateLimit: false });
  cleanups.push(() => hs.stop());
  // A company HubSpot already has: the same one as Sage's 0041 (same switchboard, same name).
  const [known] = [...hs.state.table('companies').values()];
  hs.state.update('companies', known!.id, { name: 'Boulangerie Léa Frères', phone: '+33478123456', address: null, zip: null, city: null });
  const { store, sync } = await startSyncedStore(hs, cleanups, { gateway: { baseBackoffMs: 20, maxAttempts: 2, burstPerTenSeconds: 10_000, searchPerSecond: 50 } });
  await sync.cycle();
  store.database.migrateArea('sage', sageMigrations);
  const clock = () => NOW;
  const push = new SageHubSpotPush({ store, repo: new SageRepository(store.database, clock), gateway: () => sync.currentGateway(), clock });
  const dataDir = path.dirname(store.database.file);
  const bridge = new SageBridge({ store, dataDir, clock, pushToHubSpot: () => true, push });
  const withCode = () => [...hs.state.table('companies').values()].filter((r) => !r.archived && r.properties['code_client_sage']);
  const upserts = () => hs.requests.filter((r) => r.method === 'POST' && /\/companies\/batch\/upsert$/.test(r.path)).length;
  return { hs, store, sync, push, bridge, known: known!, withCode, upserts };
}

describe('Sage companies in HubSpot', () => {
  it('upserts by code_client_sage, sets the code on the company HubSpot already had, and a second import sends nothing', async () => {
    const { hs, store, push, bridge, known, withCode, upserts } = await setUp();
    const companiesBefore = hs.state.table('companies').size;
    const report = bridge.importFile(GOLDEN, { encoding: 'ibm850' });
    expect(report.accounts).toMatchObject({ linked: 1, created: 2, toReview: 1 });
    // The stand-in's François Lefèvre has the mobile of Sage's « Mme Françoise Lefèvre »: a person decides.
    expect(report.reviews.map((r) => [r.code, r.reason, r.candidates.map((c) => c.label)])).toEqual([['C0200', 'même téléphone, nom différent', ['François Lefèvre']]]);
    expect(await push.queue.runDue()).toMatchObject({ done: 1, failed: 0 });

    const def = hs.state.properties.get('companies')!.get('code_client_sage');
    expect(def?.hasUniqueValue).toBe(true);
    expect(withCode().map((r) => r.properties['code_client_sage']).sort()).toEqual(['00107', '0041', '0520']);
    // Same record: the code was set on it by its id, Sage's billing address with it.
    expect(hs.state.table('companies').get(known.id)!.properties).toMatchObject({ code_client_sage: '0041', zip: '69003', city: 'Lyon', address: '3 rue de la Gare, Bâtiment à droite', siret: '73282932000017', numero_tva_intracommunautaire: 'FR32732829320', country: 'France' });
    expect(hs.state.table('companies').size).toBe(companiesBefore + 2);
    // HubSpot owns phones and e-mails: never sent from Sage.
    const created = withCode().find((r) => r.properties['code_client_sage'] === '00107')!;
    expect(created.properties).toMatchObject({ name: 'Chauffage Hervé & Fils', zip: '69007' });
    expect(created.properties['phone'] ?? null).toBeNull();
    // The local companies Sage created now carry HubSpot's ids.
    const local = store.database.prepare<{ hubspot_id: string | null }>(`SELECT c.hubspot_id FROM sage_accounts a JOIN companies c ON c.id = a.company_id WHERE a.code = '00107'`).get()!;
    expect(local.hubspot_id).toBe(created.id);

    const sent = upserts();
    bridge.importFile(GOLDEN);
    await push.queue.runDue();
    expect(upserts()).toBe(sent);
    expect(hs.state.table('companies').size).toBe(companiesBefore + 2);
  });

  it('makes no twin when an upsert’s answer was lost, nor when HubSpot is pulled again', async () => {
    const { hs, store, sync, push, bridge, withCode } = await setUp();
    bridge.importFile(GOLDEN, { encoding: 'ibm850' });
    await push.queue.runDue();
    const companies = hs.state.table('companies').size;
    const localCompanies = store.companies.count();
    const hubspotIdOf0520 = withCode().find((r) => r.properties['code_client_sage'] === '0520')!.id;

    // HubSpot applied the upsert, the answer never came back: nothing recorded locally.
    store.database.prepare(`UPDATE companies SET hubspot_id = NULL WHERE id = (SELECT company_id FROM sage_accounts WHERE code = '0520')`).run();
    store.database.prepare(`UPDATE sage_accounts SET hubspot_sent = NULL WHERE code = '0520'`).run();
    bridge.importer.requestPush();
    await push.queue.runDue();
    expect(hs.state.table('companies').size).toBe(companies);
    const local = store.database.prepare<{ hubspot_id: string }>(`SELECT c.hubspot_id FROM sage_accounts a JOIN companies c ON c.id = a.company_id WHERE a.code = '0520'`).get()!;
    expect(local.hubspot_id).toBe(hubspotIdOf0520);

    // The next pull brings Sage's companies back from HubSpot: the same local records.
    await sync.cycle();
    expect(store.companies.count()).toBe(localCompanies);
    expect(fs.existsSync(store.database.file)).toBe(true);
  });

  it('links an account to the company HubSpot already gave its code (a new installation), before any other rule, without a twin', async () => {
    const hs = await startHubSpotStandIn({ seed: { contacts: 4, companies: 2, engagements: 0, tickets: 0, deals: 0 }, rateLimit: false });
    cleanups.push(() => hs.stop());
    // Fed by a previous installation: the property exists, one company holds Sage's 0520 under another name.
    hs.state.properties.get('companies')!.set('code_client_sage', { name: 'code_client_sage', label: 'Code client Sage', type: 'string', fieldType: 'text', groupName: 'companyinformation', hasUniqueValue: true } as never);
    const earlier = hs.state.create('companies', { name: 'Ancien nom du client 0520', code_client_sage: '0520' });
    const { store, sync } = await startSyncedStore(hs, cleanups, { gateway: { baseBackoffMs: 20, maxAttempts: 2, burstPerTenSeconds: 10_000, searchPerSecond: 50 } });
    await sync.cycle();
    expect(store.database.prepare<{ sage_code: string | null }>(`SELECT sage_code FROM companies WHERE hubspot_id = ?`).get(earlier.id)).toEqual({ sage_code: '0520' });
    store.database.migrateArea('sage', sageMigrations);
    const push = new SageHubSpotPush({ store, repo: new SageRepository(store.database, () => NOW), gateway: () => sync.currentGateway(), clock: () => NOW });
    const bridge = new SageBridge({ store, dataDir: path.dirname(store.database.file), clock: () => NOW, pushToHubSpot: () => true, push });
    const companies = hs.state.table('companies').size;
    const report = bridge.importFile(GOLDEN, { encoding: 'ibm850' });
    const linked = store.database.prepare<{ hubspot_id: string; match_rule: string | null }>(`SELECT c.hubspot_id, a.match_rule FROM sage_accounts a JOIN companies c ON c.id = a.company_id WHERE a.code = '0520'`).get();
    expect(linked).toEqual({ hubspot_id: earlier.id, match_rule: null });
    expect(report.accounts.created).toBe(2);
    await push.queue.runDue();
    // 0520 updated in place (Sage owns the name), the two others created: one company more each, none for 0520.
    expect(hs.state.table('companies').size).toBe(companies + 2);
    expect([...hs.state.table('companies').values()].filter((r) => !r.archived && r.properties['code_client_sage'] === '0520').map((r) => r.id)).toEqual([earlier.id]);
  });

  it('gives a person account (a customer without a company) its code and billing address on the contact HubSpot has, once', async () => {
    const { hs, store, sync, push, bridge } = await setUp();
    const marie = hs.state.create('contacts', { firstname: 'Marie', lastname: 'Durand', email: 'marie.durand@example.test', phone: '06 11 22 33 44' });
    await sync.cycle();
    // Sage 50's export (Windows-1252, tabs): a private customer, found by her e-mail.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-sage-person-')), 'clients.txt');
    cleanups.push(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));
    const lines = ['Code\tNom\tPrénom\tSociété\tAdresse 1\tCode Postal\tVille\tE-mail', '00913\tDurand\tMarie\t\t7 allée des Châtaigniers\t35700\tRennes\tmarie.durand@example.test'];
    fs.writeFileSync(file, Buffer.from(lines.join('\r\n') + '\r\n', 'latin1'));
    const report = bridge.importFile(file, { format: 'sage50', encoding: 'windows-1252', source: 'particuliers' });
    expect(report.accounts).toMatchObject({ linked: 1 });
    expect(store.database.prepare<{ match_rule: string; company_id: string | null }>(`SELECT match_rule, company_id FROM sage_accounts WHERE code = '00913'`).get()).toEqual({ match_rule: 'person', company_id: null });
    const contactsBefore = hs.state.table('contacts').size;
    expect(await push.queue.runDue()).toMatchObject({ done: 1, failed: 0 });
    expect(hs.state.properties.get('contacts')!.get('code_client_sage')?.hasUniqueValue).toBe(true);
    expect(hs.state.table('contacts').get(marie.id)!.properties).toMatchObject({ code_client_sage: '00913', address: '7 allée des Châtaigniers', zip: '35700', city: 'Rennes', firstname: 'Marie', email: 'marie.durand@example.test' });
    expect(hs.state.table('contacts').size).toBe(contactsBefore);
    // The same file again: nothing more to send.
    const updates = () => hs.requests.filter((r) => r.method === 'POST' && /\/contacts\/batch\/update$/.test(r.path)).length;
    const sent = updates();
    expect(sent).toBe(1);
    bridge.importFile(file, { source: 'particuliers' });
    bridge.importer.requestPush();
    await push.queue.runDue();
    expect(updates()).toBe(sent);
  });

  it('holds back a field in conflict: HubSpot keeps its value until a person decides', async () => {
    const { hs, store, push, bridge, known } = await setUp();
    // Renamed in HubSpot and pulled (the local copy has it), with its SIRET: Sage's name is a conflict.
    hs.state.update('companies', known.id, { name: 'Boulangerie Léa (Croix-Rousse)' });
    store.database.prepare(`UPDATE companies SET name = 'Boulangerie Léa (Croix-Rousse)', siret = '73282932000017' WHERE hubspot_id = ?`).run(known.id);
    const report = bridge.importFile(GOLDEN, { encoding: 'ibm850' });
    expect(report.conflicts).toEqual([{ code: '0041', field: 'name', sageValue: 'Boulangerie Léa Frères', localValue: 'Boulangerie Léa (Croix-Rousse)' }]);
    await push.queue.runDue();
    expect(hs.state.table('companies').get(known.id)!.properties).toMatchObject({ name: 'Boulangerie Léa (Croix-Rousse)', code_client_sage: '0041', zip: '69003' });
  });
});
