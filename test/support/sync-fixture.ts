/**
 * A HubSpot sync on a fresh SQLite file, as the CRM integration tests drive it: a token in memory,
 * the background timers off (the test runs `pull`, `push` or `cycle` itself), removed after the test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore, type AccueilStore } from '../../electron/services/store';
import { SyncService, type SyncServiceOptions } from '../../electron/services/crm/sync-service';
import type { HubSpotStandIn } from './hubspot-standin';
import { MemorySecrets } from './memory-secrets';

export async function startSyncedStore(
  hs: HubSpotStandIn,
  cleanups: Array<() => Promise<void> | void>,
  options: Omit<Partial<SyncServiceOptions>, 'store' | 'secrets'> = {},
): Promise<{ store: AccueilStore; sync: SyncService; secrets: MemorySecrets }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-sync-'));
  const store = openStore(path.join(dir, 'accueil.db'));
  const secrets = new MemorySecrets();
  secrets.set('hubspot.token', hs.token);
  const sync = new SyncService({ env: { ACCUEIL_HUBSPOT_BASE_URL: hs.baseUrl }, pollIntervalMs: 60_000, ...options, store, secrets });
  cleanups.push(async () => {
    await sync.stop();
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  // Builds the engine and the pusher, keeps the background timers off.
  sync.start();
  await sync.stop();
  return { store, sync, secrets };
}

/** Cycles until the outbox is empty, as the background loops do on their own (waits made due at once). */
export async function drainOutbox(sync: SyncService, store: AccueilStore, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    store.database.prepare(`UPDATE jobs SET next_attempt_at = '1970-01-01T00:00:00.000Z' WHERE queue = 'hubspot'`).run();
    await sync.cycle();
    if (sync.status().pendingOutbox === 0) return;
    if (Date.now() - start > timeoutMs) throw new Error(`outbox not drained: ${JSON.stringify(sync.status())}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
