/**
 * The crash test's child: `SageBridge.importFile` on the test's SQLite file. With ACCUEIL_TEST_HALT
 * set, it stops inside the import's transaction after that many accounts, prints « halfway » and
 * waits there to be killed with SIGKILL; otherwise it prints the report as JSON and exits.
 */
import path from 'node:path';
import { openStore } from '../../electron/services/store';
import { SageBridge } from '../../electron/services/sage/sage-bridge';
import { SageHubSpotPush } from '../../electron/services/sage/sage-hubspot-push';
import { SageRepository } from '../../electron/services/sage/sage-repository';
import { sageMigrations } from '../../electron/services/sage/sage-migrations';

const now = new Date(process.env['ACCUEIL_TEST_NOW']!);
const clock = () => now;
const file = process.env['ACCUEIL_TEST_DB']!;
const store = openStore(file, { clock });
store.database.migrateArea('sage', sageMigrations);
const push = new SageHubSpotPush({ store, repo: new SageRepository(store.database, clock), gateway: () => null, clock });
const bridge = new SageBridge({ store, dataDir: path.dirname(file), clock, pushToHubSpot: () => true, push });
const halt = Number(process.env['ACCUEIL_TEST_HALT'] ?? 0);
if (halt > 0) {
  const save = bridge.repo.saveAccount.bind(bridge.repo);
  let saved = 0;
  bridge.repo.saveAccount = (account, fingerprint) => {
    save(account, fingerprint);
    if (++saved === halt) {
      process.stdout.write('halfway\n');
      // Blocks this thread inside the open transaction until the parent's SIGKILL.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
    }
  };
}
const report = bridge.importFile(process.env['ACCUEIL_TEST_FILE']!, { encoding: 'ibm850' });
process.stdout.write(`${JSON.stringify({ accounts: report.accounts, rejected: report.rejected.length, fileError: report.fileError })}\n`);
store.close();
process.exit(0);
