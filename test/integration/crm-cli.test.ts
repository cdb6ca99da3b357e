import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runSyncCommand } from '../../electron/cli/sync-command';
import { openStore } from '../../electron/services/store';
import { startHubSpotStandIn } from '../support/hubspot-standin';
import { createAccueil } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';
import { DEMO_FIXTURES } from '../../electron/services/demo/demo-fixtures';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

function capture(isTTY: boolean) {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  }) as Writable & { isTTY?: boolean };
  stream.isTTY = isTTY;
  return { stream, text: () => text };
}

async function setup() {
  const hs = await startHubSpotStandIn({ seed: { contacts: 450, companies: 30, engagements: 100 }, rateLimit: false });
  cleanups.push(() => hs.stop());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-cli-sync-'));
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  return { hs, dataDir };
}

describe('accueil sync', () => {
  it('prints plain progress lines when piped and fills the cache', async () => {
    const { hs, dataDir } = await setup();
    const out = capture(false);
    const err = capture(false);
    const code = await runSyncCommand({ dataDir, mode: 'once', out: out.stream, err: err.stream, env: { ACCUEIL_HUBSPOT_TOKEN: hs.token, ACCUEIL_HUBSPOT_BASE_URL: hs.baseUrl } });
    expect(err.text()).toBe('');
    expect(code).toBe(0);
    expect(out.text()).not.toContain('\r');
    expect(out.text()).toMatch(/% Contacts \d+\/\d+/);
    expect(out.text()).toMatch(/Copie initiale terminée/);
    const store = openStore(path.join(dataDir, 'accueil.db'));
    cleanups.push(() => store.close());
    expect(store.contacts.count()).toBe(450);
  });

  it('draws a progress bar with an ETA on a terminal', async () => {
    const { hs, dataDir } = await setup();
    const out = capture(true);
    expect(await runSyncCommand({ dataDir, mode: 'full', out: out.stream, err: capture(false).stream, env: { ACCUEIL_HUBSPOT_TOKEN: hs.token, ACCUEIL_HUBSPOT_BASE_URL: hs.baseUrl } })).toBe(0);
    expect(out.text()).toMatch(/\r\[#+\.*\]\s+\d+ % .* — reste ~/);
  });

  it('exits 1 with an actionable message when HubSpot refuses the token', async () => {
    const { hs, dataDir } = await setup();
    const err = capture(false);
    const code = await runSyncCommand({ dataDir, mode: 'once', out: capture(false).stream, err: err.stream, env: { ACCUEIL_HUBSPOT_TOKEN: 'pat-eu1-revoked', ACCUEIL_HUBSPOT_BASE_URL: hs.baseUrl } });
    expect(code).toBe(1);
    expect(err.text()).toMatch(/401/);
    expect(err.text()).toMatch(/Paramètres/);
    expect(err.text()).not.toContain('pat-eu1-revoked');
  });

  it('exits 1 and says where to put a token when none is configured', async () => {
    const { dataDir } = await setup();
    const err = capture(false);
    expect(await runSyncCommand({ dataDir, mode: 'once', out: capture(false).stream, err: err.stream, env: {} })).toBe(1);
    expect(err.text()).toMatch(/ACCUEIL_HUBSPOT_TOKEN/);
  });

  it('leaves the demo workspace as the console does: demo records go, the workspace becomes crm, later work queues for HubSpot', async () => {
    const { hs, dataDir } = await setup();
    const env = { ACCUEIL_HUBSPOT_TOKEN: hs.token, ACCUEIL_HUBSPOT_BASE_URL: hs.baseUrl };
    // IT's first start, nothing configured: the demo workspace.
    const first = await createAccueil({ dataDir, mode: 'web', version: 'test', logger: createMemoryLogger(), startTelephony: false, startSync: false, demoContacts: 20, env: {} });
    expect(first.info().workspace).toBe('demo');
    await first.close();

    const err = capture(false);
    expect(await runSyncCommand({ dataDir, mode: 'once', out: capture(false).stream, err: err.stream, env, logger: createMemoryLogger() })).toBe(0);
    expect(err.text()).toBe('');

    const after = await createAccueil({ dataDir, mode: 'web', version: 'test', logger: createMemoryLogger(), startTelephony: false, startSync: false, env });
    cleanups.push(() => after.close());
    expect(after.info().workspace).toBe('crm');
    const store = openStore(path.join(dataDir, 'accueil.db'));
    cleanups.push(() => store.close());
    expect(store.contacts.get(DEMO_FIXTURES.mobileContact.contactId)).toBeNull();
    expect(store.contacts.count()).toBe(450);
    // What Claire records now is queued for HubSpot (it was silently dropped while the workspace stayed 'demo').
    const created = await after.dispatch('directory.createContact', { firstName: 'Lucie', lastName: 'Marchand', phone: '06 11 22 33 44' }, { access: 'agent' });
    expect(created.ok).toBe(true);
    expect(store.database.prepare(`SELECT kind, json_extract(payload, '$.op') AS op FROM jobs WHERE queue = 'hubspot'`).all()).toEqual([{ kind: 'contact', op: 'create' }]);
  });
});
