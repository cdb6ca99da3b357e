/**
 * The product reading a mailbox in a child process, for tests that kill it with SIGKILL in the
 * middle of a batch (test/integration/mailbox-crash.test.ts). The data folder comes from
 * ACCUEIL_DATA_DIR, the mailbox from ACCUEIL_IMAP_*; the clock starts at ACCUEIL_TEST_BASE (ms).
 * Runs until killed.
 */
import { createAccueil } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';

const base = Number(process.env['ACCUEIL_TEST_BASE'] ?? '0');
const started = Date.now();
await createAccueil({
  dataDir: process.env['ACCUEIL_DATA_DIR']!,
  mode: 'web',
  version: 'test',
  logger: createMemoryLogger('warn'),
  seedDemo: false,
  startSync: false,
  clock: () => new Date(base + (Date.now() - started)),
});
process.stdout.write('ready\n');
setInterval(() => undefined, 60_000);
