/**
 * The workflow engine with 10,000 pending timers (speed and memory, printed, never asserted): a
 * SQLite file holding 4,800 quotes sent over the last three weeks — three steps each, a day's worth due
 * now — read by the engine as it does at start (signals → enrolments), then the due steps found
 * and run (e-mails to a recorder: the SMTP server's time is not the engine's).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWorkflowHarness, recordingMail } from '../test/support/workflow-harness';

/** Wednesday 18 March 2026, 10:00 in Paris. */
const NOW = new Date('2026-03-18T09:00:00Z');
const DAY = 86_400_000;

export async function benchWorkflows(quotes = 4_800) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-bench-workflows-'));
  const mail = recordingMail();
  let now = NOW;
  const h = createWorkflowHarness({ file: path.join(dir, 'accueil.db'), clock: () => now, mail });
  try {
    h.store.transaction(() => {
      for (let i = 0; i < quotes; i++) {
        const contact = h.store.contacts.insert({ firstName: 'Client', lastName: `N${i}`, email: `client${i}@example.fr` });
        // Sent between 20 days ago and now, spread evenly: about one in 20 has its J+7 due today.
        const sentAt = new Date(NOW.getTime() - (i / quotes) * 20 * DAY - 3_600_000).toISOString();
        h.store.quotes.insert({ number: `DV-2026-${String(i + 1).padStart(5, '0')}`, title: 'Travaux', amountCents: 100_000, status: 'envoye', contactId: contact, sentAt });
      }
    });
    // What fell due before yesterday was run on its day: the last day's steps are due now (a day off).
    now = new Date(NOW.getTime() - DAY);
    const enrolStart = performance.now();
    h.engine.enrolPending();
    const enrolMs = performance.now() - enrolStart;
    h.store.database.prepare(`UPDATE workflow_steps SET state = 'done', reason = 'sent', finished_at = due_at WHERE state = 'planned' AND due_at < ?`).run(new Date(NOW.getTime() - DAY).toISOString());
    now = NOW;
    const pending = h.store.database.prepare<{ n: number }>(`SELECT count(*) AS n FROM workflow_steps WHERE state = 'planned'`).get()!.n;
    const findTimes: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      h.repository.due(NOW.toISOString(), 50);
      findTimes.push(performance.now() - t);
    }
    findTimes.sort((a, b) => a - b);
    const due = h.store.database.prepare<{ n: number }>(`SELECT count(*) AS n FROM workflow_steps WHERE state = 'planned' AND due_at <= ?`).get(NOW.toISOString())!.n;
    const runStart = performance.now();
    await h.engine.runDue();
    const runMs = performance.now() - runStart;
    const rssMb = process.memoryUsage().rss / 1024 / 1024;
    const figures = {
      quotes,
      pendingTimers: pending,
      enrolMs: Math.round(enrolMs),
      findDueMedianMs: Number(findTimes[25]!.toFixed(3)),
      due,
      sent: mail.sent.length,
      runMs: Math.round(runMs),
      perStepMs: Number((runMs / Math.max(1, mail.sent.length)).toFixed(2)),
      rssMb: Math.round(rssMb),
    };
    return {
      figures,
      lines: [
        `Automatisations — ${pending} minuteurs en attente (${quotes} devis enrôlés en ${figures.enrolMs} ms)`,
        `  trouver les étapes échues : ${figures.findDueMedianMs} ms (médiane de 50)`,
        `  exécuter les ${due} échues (${figures.sent} e-mails composés et enregistrés) : ${figures.runMs} ms, ${figures.perStepMs} ms par étape`,
        `  mémoire du processus (RSS) : ${figures.rssMb} Mo`,
      ],
    };
  } finally {
    h.store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
