/**
 * The survey answer page under load (issue 13: p95 < 100 ms at 50 requests/s): the public surface
 * over HTTP in front of a store holding a year of surveys (2 000 sent), customers clicking scores,
 * reopening their page and the thanks page, at a steady 50 requests a second, each from its own
 * address behind the reverse proxy (as the rate limit sees real customers). Also: the figures of a
 * 90-day window and of a year over that store.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { openStore } from '../electron/services/store';
import { EventBus } from '../electron/services/event-bus';
import { createMemoryLogger } from '../electron/services/log';
import { createLinkSigner } from '../electron/services/shared/signed-links';
import { SurveyDesk } from '../electron/services/satisfaction/survey-desk';
import { satisfactionMigrations } from '../electron/services/satisfaction/satisfaction-migrations';
import { FileSecretStore } from '../electron/services/settings/secret-store';
import { startPublicSurface } from '../electron/host/public-channel';
import type { AreaPorts } from '../electron/services/area';
import { line, ms, summarize } from './stats';

const SURVEYS = 2_000;
const RATE = 50;
const SECONDS = Number(process.env['ACCUEIL_BENCH_SURVEY_SECONDS'] ?? 10);

function get(agent: http.Agent, port: number, pathname: string, ip: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.get({ host: '127.0.0.1', port, path: pathname, agent, headers: { Host: 'avis.example.test', 'X-Forwarded-For': ip } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`${pathname}: ${res.statusCode}`))));
    });
    req.on('error', reject);
  });
}

export async function benchSatisfaction() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-bench-surveys-'));
  const store = openStore(path.join(dir, 'accueil.db'));
  store.database.migrateArea('satisfaction', satisfactionMigrations);
  const secrets = new FileSecretStore(dir);
  const links = createLinkSigner(secrets);
  const desk = new SurveyDesk({
    db: store.database,
    links,
    publicUrl: 'https://avis.example.test',
    rules: () => ({ delayMinutes: 120, capDays: 30 }),
    mail: () => ({ unavailable: () => null, fromAddress: () => 'x@example.test', send: async () => ({ messageId: null }) }),
    preview: () => () => {
      throw new Error('not in this bench');
    },
    outbox: () => ({ enqueue: () => {} }),
    callbacks: () => ({ request: () => 'cb', withdraw: () => false }),
    events: new EventBus(),
    logger: createMemoryLogger(),
    active: () => true,
  });
  // A year of sent surveys, 40 % answered.
  const now = Date.now();
  const tokens: string[] = [];
  const insert = store.database.prepare(
    `INSERT INTO surveys (id, source_kind, source_id, contact_id, email, technician, intervention_kind, state, due_at, sent_at, expires_at, score, answered_at, created_at, updated_at)
     VALUES (@id, 'intervention', @id, NULL, @email, @tech, 'Entretien chaudière', 'sent', @sent, @sent, @expires, @score, @answered, @sent, @sent)`,
  );
  store.transaction(() => {
    for (let i = 0; i < SURVEYS; i++) {
      const id = randomUUID();
      const sent = new Date(now - ((i * 365) / SURVEYS) * 86_400_000);
      const answered = i % 5 < 2;
      insert.run({
        id,
        email: `client${i}@example.test`,
        tech: ['Karim Benali', 'Lucie Petit', 'Marc Dubois'][i % 3],
        sent: sent.toISOString(),
        expires: new Date(now + 30 * 86_400_000).toISOString(),
        score: answered ? i % 11 : null,
        answered: answered ? new Date(sent.getTime() + 3_600_000).toISOString() : null,
      });
      tokens.push(links.sign({ purpose: 'survey', subject: id, expiresAt: new Date(now + 30 * 86_400_000) }));
    }
  });
  const surface = await startPublicSurface({
    host: '127.0.0.1',
    port: 0,
    publicUrl: 'https://avis.example.test',
    trustedProxies: ['127.0.0.1'],
    logger: createMemoryLogger(),
    secrets,
    version: 'bench',
    services: { port: <K extends keyof AreaPorts>(name: K) => (name === 'surveys' ? desk : undefined) as AreaPorts[K] },
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const samples: number[] = [];
  const failures: string[] = [];
  const pending: Promise<void>[] = [];
  const total = RATE * SECONDS;
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const token = tokens[(i * 7919) % tokens.length]!;
    const kind = i % 10;
    const pathname = kind < 7 ? `/avis/${token}?note=${i % 11}` : kind < 9 ? `/avis/${token}` : `/avis/${token}/merci`;
    const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    pending.push(
      get(agent, surface.port, pathname, ip).then(
        (elapsed) => void samples.push(elapsed),
        (error: Error) => void failures.push(error.message),
      ),
    );
  }
  await Promise.all(pending);
  const answers = summarize(samples);

  const windowTimes: number[] = [];
  const yearTimes: number[] = [];
  for (let i = 0; i < 20; i++) {
    let t = performance.now();
    desk.figures(90);
    windowTimes.push(performance.now() - t);
    t = performance.now();
    desk.figures(365);
    yearTimes.push(performance.now() - t);
  }
  agent.destroy();
  await surface.close();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const window90 = summarize(windowTimes);
  const year = summarize(yearTimes);
  return {
    figures: { requests: total, rate: RATE, failures: failures.length, answerPage: answers, figures90Days: window90, figuresYear: year },
    lines: [
      'Satisfaction (enquêtes)',
      line(`page de réponse, ${RATE} req/s pendant ${SECONDS} s (${SURVEYS} enquêtes)`, `p50 ${ms(answers.p50)} · p95 ${ms(answers.p95)} · p99 ${ms(answers.p99)}`, 'p95 < 100 ms'),
      line('  réponses en erreur', `${failures.length}${failures[0] ? ` (${failures[0]})` : ''}`, '0'),
      line('chiffres sur 90 jours / sur un an', `p50 ${ms(window90.p50)} / ${ms(year.p50)}`),
    ],
  };
}
