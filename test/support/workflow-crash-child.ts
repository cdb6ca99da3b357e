/**
 * The crash test's child: the workflow engine on the test's SQLite file, sending through the test's
 * SMTP server, at a fixed instant (ACCUEIL_TEST_NOW). It prints « ready » and then runs the due
 * steps until none is left — unless the parent kills it with SIGKILL first.
 */
import { SmtpSender } from '../../electron/services/templates/mail/smtp-sender';
import { createWorkflowHarness } from './workflow-harness';

const now = new Date(process.env['ACCUEIL_TEST_NOW']!);
const port = Number(process.env['ACCUEIL_TEST_SMTP_PORT']);
const mail = new SmtpSender(() => ({
  host: '127.0.0.1', port, security: 'none', user: '', password: '', fromAddress: 'accueil@durand.example', fromName: 'Accueil',
  companyName: '', companyPhone: '', reviewUrl: '', caFile: null,
}));
const h = createWorkflowHarness({ file: process.env['ACCUEIL_TEST_DB']!, clock: () => now, mail });
h.engine.recover();
process.stdout.write('ready\n');
for (;;) {
  h.engine.enrolPending();
  if ((await h.engine.runDue()) === 0) break;
}
h.store.close();
process.exit(0);
