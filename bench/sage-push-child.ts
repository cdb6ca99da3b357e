/**
 * The Sage push under measurement, in its own process (HubSpot's stand-in is the parent's: it does
 * not share this process's time). Opens the store the parent imported (its push job queued by the
 * import), pushes every account, prints one JSON line {ms, requests}.
 */
import { openStore } from '../electron/services/store';
import { HubSpotGateway } from '../electron/services/crm/hubspot-client';
import { SageHubSpotPush } from '../electron/services/sage/sage-hubspot-push';
import { SageRepository } from '../electron/services/sage/sage-repository';

const env = process.env;
const now = new Date('2024-04-18T08:00:00Z');
const clock = () => now;
const store = openStore(env['BENCH_DB']!, { clock });
const gateway = new HubSpotGateway({ token: env['ACCUEIL_HUBSPOT_TOKEN']!, baseUrl: env['ACCUEIL_HUBSPOT_BASE_URL']!, burstPerTenSeconds: Number(env['BENCH_BURST'] ?? 100) });
const push = new SageHubSpotPush({ store, repo: new SageRepository(store.database, clock), gateway: () => gateway, clock });
const started = performance.now();
await push.queue.runDue();
process.stdout.write(`${JSON.stringify({ ms: performance.now() - started, requests: gateway.sent })}\n`);
store.close();
