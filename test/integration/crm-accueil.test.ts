/**
 * The sync area through the composition root, as the product starts it: a token in the environment
 * fills the cache from HubSpot (no demo workspace), the workspace becomes 'crm', a local note reaches
 * HubSpot through the outbox, and the contract's sync.* calls answer.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAccueil, type Accueil } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';
import type { CallName, CallInput, CallOutput } from '../../electron/contract';
import type { Envelope } from '../../electron/contract/envelope';
import { startHubSpotStandIn, FIXTURE_CONTACT } from '../support/hubspot-standin';
import { DEMO_FIXTURES } from '../../electron/services/demo/demo-fixtures';
import { openStore } from '../../electron/services/store';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function call<N extends CallName>(accueil: Accueil, name: N, input: CallInput<N>, access: 'agent' | 'read-only' = 'agent') {
  return (await accueil.dispatch(name, input, { access })) as Envelope<CallOutput<N>>;
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The product on a fresh data directory, without a phone line, closed and removed after the test. */
async function startProduct(env: Record<string, string>): Promise<{ accueil: Accueil; dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-crm-root-'));
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const accueil = await createAccueil({ dataDir, mode: 'web', version: 'test', logger: createMemoryLogger(), startTelephony: false, env });
  cleanups.push(() => accueil.close());
  return { accueil, dataDir };
}

describe('sync in the product', () => {
  it('leaves the demo when IT enters a token: demo records go, real calls stay, the CRM fills in, new work queues', async () => {
    const hs = await startHubSpotStandIn({ seed: { contacts: 40, companies: 5, engagements: 20 }, rateLimit: false });
    cleanups.push(() => hs.stop());
    const { accueil, dataDir } = await startProduct({ ACCUEIL_HUBSPOT_BASE_URL: hs.baseUrl, ACCUEIL_HUBSPOT_POLL_MS: '1000' });
    expect(accueil.info().workspace).toBe('demo');
    expect(accueil.lookup(DEMO_FIXTURES.mobileContact.dial).matches[0]?.contactId).toBe(DEMO_FIXTURES.mobileContact.contactId);

    // A real call the line journaled during the demo period, matched to a demo customer.
    const side = openStore(path.join(dataDir, 'accueil.db'));
    side.calls.insertRinging({
      id: 'real-call-1', sipCallId: 'sip-real-1', direction: 'inbound', fromRaw: '0612345678', fromE164: '+33612345678',
      fromDisplay: '06 12 34 56 78', callerName: null, toRaw: 'claire', ringAt: new Date().toISOString(),
      contactId: DEMO_FIXTURES.mobileContact.contactId, companyId: null, matchLabel: DEMO_FIXTURES.mobileContact.name,
    });
    side.close();
    const demoCallIds = accueil.recentCalls({ limit: 5000, onlyMissed: false }).map((c) => c.id);
    expect(demoCallIds.length).toBeGreaterThan(0);
    // Work recorded in the demo is not queued for the CRM.
    await call(accueil, 'directory.createContact', { firstName: 'Démo', lastName: 'Essai', phone: '0601020304' });

    expect((await call(accueil, 'sync.setToken', { token: hs.token })).ok).toBe(true);
    await until(async () => {
      const s = await call(accueil, 'sync.status', {});
      return s.ok && s.value.lastSuccessAt !== null;
    });

    expect(accueil.info().workspace).toBe('crm');
    const pop = accueil.lookup(FIXTURE_CONTACT.e164);
    expect(pop.matches).toHaveLength(1);
    expect(pop.matches[0]?.contactId).not.toBe(DEMO_FIXTURES.mobileContact.contactId);
    expect(pop.card?.contact?.lastName).toBe(FIXTURE_CONTACT.lastName);
    expect(await call(accueil, 'directory.search', { query: 'Syndic Saint-Éloi Gestion' })).toEqual({ ok: true, value: [] });
    expect(await call(accueil, 'directory.search', { query: 'Essai' })).toEqual({ ok: true, value: [] });
    const calls = accueil.recentCalls({ limit: 5000, onlyMissed: false });
    expect(calls.filter((c) => demoCallIds.includes(c.id)).map((c) => c.id)).toEqual(['real-call-1']);
    expect(calls.find((c) => c.id === 'real-call-1')).toMatchObject({ contactId: null, matchLabel: null, fromE164: '+33612345678' });

    // From now on, what Claire records goes to HubSpot.
    const created = await call(accueil, 'directory.createContact', { firstName: 'Lucie', lastName: 'Vrai', phone: '0611223344' });
    expect(created.ok).toBe(true);
    await call(accueil, 'sync.runNow', {});
    await until(async () => {
      const s = await call(accueil, 'sync.status', {});
      return s.ok && s.value.pendingOutbox === 0 && hs.requests.some((r) => r.method === 'POST' && r.path.includes('/crm/v3/objects/contacts'));
    });
  });


  it('fills an empty workspace from HubSpot instead of the demo, pops a HubSpot contact, and reports its status', async () => {
    const hs = await startHubSpotStandIn({ seed: { contacts: 80, companies: 10, engagements: 60 }, rateLimit: false });
    cleanups.push(() => hs.stop());
    const statuses: string[] = [];
    const { accueil } = await startProduct({ ACCUEIL_HUBSPOT_TOKEN: hs.token, ACCUEIL_HUBSPOT_BASE_URL: hs.baseUrl, ACCUEIL_HUBSPOT_POLL_MS: '1000' });
    accueil.events.on('sync.status', (s) => statuses.push(s.state));

    // The pop answers at once, before and during the sync (from whatever the cache holds).
    expect(accueil.lookup(FIXTURE_CONTACT.e164).number.e164).toBe(FIXTURE_CONTACT.e164);
    await until(async () => {
      const s = await call(accueil, 'sync.status', {});
      return s.ok && s.value.lastSuccessAt !== null;
    });
    expect(accueil.info().workspace).toBe('crm');
    expect(accueil.lookup(FIXTURE_CONTACT.e164).card?.contact?.lastName).toBe(FIXTURE_CONTACT.lastName);
    expect(statuses).toContain('initial');
    // No demo record was seeded beside the CRM's.
    expect(accueil.lookup('06 98 76 54 32').card).toBeNull();

    const status = await call(accueil, 'sync.status', {}, 'read-only');
    expect(status.ok && status.value).toMatchObject({ configured: true, tokenFromEnvironment: true, pendingOutbox: 0, pollIntervalMs: 1000 });
    const test = await call(accueil, 'sync.testConnection', {});
    expect(test.ok && test.value.ok).toBe(true);
    // Write calls are refused to a read-only (wallboard) connection.
    expect((await call(accueil, 'sync.runNow', {}, 'read-only')).ok).toBe(false);

    // A change in HubSpot reaches the pop by the next poll.
    const francois = [...hs.state.table('contacts').values()].find((r) => r.properties.lastname === FIXTURE_CONTACT.lastName)!;
    hs.state.update('contacts', francois.id, { firstname: 'Françoise' });
    await until(() => accueil.lookup(FIXTURE_CONTACT.e164).card?.contact?.firstName === 'Françoise');
  });

  it('tells a bad token from the settings apart: status error in plain French, nothing seeded, pops still answer', async () => {
    const hs = await startHubSpotStandIn({ contacts: 5, rateLimit: false });
    cleanups.push(() => hs.stop());
    const { accueil, dataDir } = await startProduct({ ACCUEIL_HUBSPOT_BASE_URL: hs.baseUrl });
    // Without a token: demo workspace, sync off.
    expect(accueil.info().workspace).toBe('demo');
    const off = await call(accueil, 'sync.status', {});
    expect(off.ok && off.value.state).toBe('off');
    const set = await call(accueil, 'sync.setToken', { token: 'pat-eu1-not-valid' });
    expect(set.ok && set.value.configured).toBe(true);
    await until(async () => {
      const s = await call(accueil, 'sync.status', {});
      return s.ok && s.value.state === 'error';
    });
    const s = await call(accueil, 'sync.status', {});
    expect(s.ok && s.value.lastError).toMatch(/401/);
    expect(accueil.lookup('06 12 34 56 78').card?.contact?.lastName).toBe('Lefèvre');
    // The token never appears in the settings file.
    expect(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8')).not.toContain('pat-eu1-not-valid');
  });

  it('names the sync phases with codes the interface words in its language (the English UI showed French)', async () => {
    const hs = await startHubSpotStandIn({ seed: { contacts: 250, companies: 10, engagements: 30 }, rateLimit: false });
    cleanups.push(() => hs.stop());
    const phases = new Set<string>();
    const { accueil } = await startProduct({ ACCUEIL_HUBSPOT_TOKEN: hs.token, ACCUEIL_HUBSPOT_BASE_URL: hs.baseUrl, ACCUEIL_HUBSPOT_POLL_MS: '1000' });
    accueil.events.on('sync.status', (s) => {
      if (s.phase) phases.add(s.phase);
    });
    await until(async () => {
      const s = await call(accueil, 'sync.status', {});
      return s.ok && s.value.lastSuccessAt !== null;
    });
    await until(() => phases.has('update'));
    expect(phases.has('contacts') || phases.has('reference')).toBe(true);
    for (const phase of phases) expect(phase).toMatch(/^(reference|companies|contacts|tickets|deals|calls|notes|emails|meetings|tasks|update)$/);
  });
});
