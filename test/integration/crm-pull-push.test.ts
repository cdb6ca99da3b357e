/**
 * Pulling and pushing run side by side (issue 9, item 2: pushing never waits on pulling). A page
 * HubSpot answered before a push completed still holds the old version of the record: stored after
 * the push, it must not undo Claire's edit (the next poll brings HubSpot's new version back).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../electron/services/store';
import { SyncService } from '../../electron/services/crm/sync-service';
import { MemorySecrets } from '../support/memory-secrets';
import { startHubSpotStandIn, FIXTURE_CONTACT } from '../support/hubspot-standin';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

describe('pull and push side by side', () => {
  it('keeps an edit that was pushed while an older page of the same contact was on its way', async () => {
    const hs = await startHubSpotStandIn({ seed: { contacts: 10, companies: 2, engagements: 5, tickets: 1, deals: 1 }, rateLimit: false });
    cleanups.push(() => hs.stop());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-pullpush-'));
    const store = openStore(path.join(dir, 'accueil.db'));
    const secrets = new MemorySecrets();
    secrets.set('hubspot.token', hs.token);
    const sync = new SyncService({ store, secrets, env: { ACCUEIL_HUBSPOT_BASE_URL: hs.baseUrl }, pollIntervalMs: 60_000, overlapMs: 5_000, archivedEveryMs: 0, gateway: { baseBackoffMs: 20, maxAttempts: 2, searchPerSecond: 50, burstPerTenSeconds: 10_000 } });
    cleanups.push(async () => {
      await sync.stop();
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    sync.start();
    await sync.stop();
    await sync.cycle();
    const francois = [...hs.state.table('contacts').values()].find((r) => r.properties.lastname === FIXTURE_CONTACT.lastName)!;
    const local = store.database.prepare<{ id: string }>('SELECT id FROM contacts WHERE hubspot_id = ?').get(francois.id)!.id;
    const cityOf = () => store.database.prepare<{ city: string | null }>('SELECT city FROM contacts WHERE id = ?').get(local)!.city;

    // Someone edits François in HubSpot; Claire changes his city in Accueil.
    hs.state.update('contacts', francois.id, { jobtitle: 'Gérant' });
    const before = cityOf();
    store.transaction(() => {
      store.database.prepare(`UPDATE contacts SET city = 'Brest' WHERE id = ?`).run(local);
      sync.outbox.enqueue({ kind: 'contact', localId: local, op: 'update' });
    });

    // The poll's contacts page is computed (old city) and held on its way back…
    const page = hs.gate({ method: 'POST', path: /\/objects\/contacts\/search$/ }, 'after');
    const pulling = sync.pull();
    await page.reached;
    // …while the push sends the new city and completes.
    await sync.push();
    expect(sync.status().pendingOutbox).toBe(0);
    expect(hs.state.table('contacts').get(francois.id)!.properties.city).toBe('Brest');
    page.release();
    await pulling;

    expect(before).not.toBe('Brest');
    expect(cityOf()).toBe('Brest');
    // HubSpot's own change arrives with the next poll, the city still Claire's.
    await sync.pull();
    expect(cityOf()).toBe('Brest');
    expect(store.database.prepare<{ role: string | null }>('SELECT role FROM contacts WHERE id = ?').get(local)!.role).toBe('Gérant');
  });
});
