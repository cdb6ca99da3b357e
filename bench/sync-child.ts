/**
 * The sync under measurement, in its own process so its RSS is its own: initial sync, then polls.
 * Prints JSON lines: {event:'initial', ms, requests, peakRss} then {event:'seen', name, at} when a
 * contact renamed "Bench-…" on the stand-in reaches the cache.
 */
import { openStore } from '../electron/services/store';
import { HubSpotGateway } from '../electron/services/crm/hubspot-client';
import { SyncEngine } from '../electron/services/crm/sync-engine';

const env = process.env;
const store = openStore(env.BENCH_DB!);
const gateway = new HubSpotGateway({ token: env.ACCUEIL_HUBSPOT_TOKEN!, baseUrl: env.ACCUEIL_HUBSPOT_BASE_URL!, burstPerTenSeconds: Number(env.BENCH_BURST ?? 100) });
const engine = new SyncEngine({ gateway, store, overlapMs: 30_000 });
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
const emit = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);

const started = performance.now();
await engine.initialSync();
emit({ event: 'initial', ms: performance.now() - started, requests: gateway.sent, peakRss });
const seen = new Set<string>();
const poll = Number(env.BENCH_POLL_MS ?? 15_000);
for (;;) {
  const next = Date.now() + poll;
  await engine.pollOnce();
  for (const row of store.database.prepare<{ first_name: string }>(`SELECT first_name FROM contacts WHERE first_name LIKE 'Bench-%'`).all()) {
    if (!seen.has(row.first_name)) {
      seen.add(row.first_name);
      emit({ event: 'seen', name: row.first_name, at: Date.now(), peakRss });
    }
  }
  await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
  void sampler;
}
