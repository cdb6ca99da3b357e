/**
 * A sync run in its own process, for the crash tests (killed with SIGKILL, then started again):
 *   ACCUEIL_TEST_DB=… ACCUEIL_HUBSPOT_BASE_URL=… ACCUEIL_HUBSPOT_TOKEN=… tsx run-sync.ts initial|flush
 * Prints "done" when the work is finished.
 */
import { openStore } from '../../../electron/services/store';
import { HubSpotGateway } from '../../../electron/services/crm/hubspot-client';
import { SyncEngine } from '../../../electron/services/crm/sync-engine';
import { Outbox, OutboxPusher } from '../../../electron/services/crm/outbox';

const store = openStore(process.env.ACCUEIL_TEST_DB!);
const gateway = new HubSpotGateway({ token: process.env.ACCUEIL_HUBSPOT_TOKEN!, baseUrl: process.env.ACCUEIL_HUBSPOT_BASE_URL!, baseBackoffMs: 50 });
const mode = process.argv[2];
if (mode === 'initial') {
  await new SyncEngine({ gateway, store }).initialSync();
} else {
  const pusher = new OutboxPusher({ gateway, store, outbox: new Outbox(store), lookupGraceMs: Number(process.env.ACCUEIL_TEST_GRACE_MS ?? 3000) });
  while ((await pusher.flush()).remaining > 0) await new Promise((r) => setTimeout(r, 100));
}
store.close();
process.stdout.write('done\n');
