/**
 * The customer portal over HTTP (the public surface in front of a store of 20 000 contacts):
 * - « send me a link » for a known and for an unknown address, interleaved, each from its own
 *   address behind the proxy: the answer must not tell them apart by its time either (the same work
 *   is done; the e-mail leaves from the queue, never during the request);
 * - the overview page of a signed-in customer (visits, quotes, requests).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../electron/services/store';
import { EventBus } from '../electron/services/event-bus';
import { createMemoryLogger } from '../electron/services/log';
import { createLinkSigner } from '../electron/services/shared/signed-links';
import { FileSecretStore } from '../electron/services/settings/secret-store';
import { startPublicSurface } from '../electron/host/public-channel';
import type { AreaPorts } from '../electron/services/area';
import { portalMigrations } from '../electron/services/portal/portal-migrations';
import { PortalRepository } from '../electron/services/portal/portal-repository';
import { PortalSignIn } from '../electron/services/portal/portal-sign-in';
import { PortalDesk } from '../electron/services/portal/portal-desk';
import { line, ms, summarize } from './stats';

const CONTACTS = 20_000;
const ASKS = Number(process.env['ACCUEIL_BENCH_PORTAL_ASKS'] ?? 400);
const HOST = 'clients.example.test';

function request(agent: http.Agent, port: number, method: 'GET' | 'POST', pathname: string, ip: string, cookie: string, body?: string): Promise<{ ms: number; status: number; setCookie: string[]; text: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const headers: Record<string, string> = { Host: HOST, 'X-Forwarded-For': ip, Cookie: cookie };
    if (body !== undefined) Object.assign(headers, { 'Content-Type': 'application/x-www-form-urlencoded', Origin: `https://${HOST}`, 'Content-Length': String(Buffer.byteLength(body)) });
    const req = http.request({ host: '127.0.0.1', port, path: pathname, method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ ms: performance.now() - started, status: res.statusCode ?? 0, setCookie: res.headers['set-cookie'] ?? [], text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function benchPortal() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-bench-portal-'));
  const store = openStore(path.join(dir, 'accueil.db'));
  store.database.migrateArea('portal', portalMigrations);
  const insert = store.database.prepare(`INSERT INTO contacts (id, first_name, last_name, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`);
  const at = new Date().toISOString();
  store.bulkLoad(() => {
    for (let i = 0; i < CONTACTS; i++) insert.run(`c${i}`, 'Client', `N° ${i}`, `client${i}@example.test`, at, at);
  });
  for (let i = 0; i < 20; i++) store.interventions.insert({ kind: 'Entretien chaudière', scheduledAt: new Date(Date.now() + (i - 10) * 86_400_000).toISOString(), contactId: 'c0', status: i < 10 ? 'terminee' : 'planifiee', technician: 'Karim Benali' });
  for (let i = 0; i < 10; i++) store.quotes.insert({ number: `DV-2026-${String(i).padStart(5, '0')}`, title: 'Travaux', amountCents: 100_000 + i, status: 'envoye', contactId: 'c0' });
  const secrets = new FileSecretStore(dir);
  const repo = new PortalRepository(store.database, () => new Date());
  const signIn = new PortalSignIn(repo, createLinkSigner(secrets), () => new Date());
  const desk = new PortalDesk({
    repo,
    signIn,
    clock: () => new Date(),
    publicUrl: `https://${HOST}`,
    mail: () => ({ unavailable: () => null, fromAddress: () => 'x@example.test', send: async () => ({ messageId: null }) }),
    outbox: () => ({ enqueue: () => {} }),
    tickets: () => ({ insert: () => 'ticket', announce: () => {} }),
    invoices: () => null,
    surveys: () => [],
    documents: () => null,
    events: new EventBus(),
    logger: createMemoryLogger(),
    active: () => true,
    wonStage: 'closedwon',
  });
  const surfaceLog = createMemoryLogger('error');
  const surface = await startPublicSurface({
    host: '127.0.0.1',
    port: 0,
    publicUrl: `https://${HOST}`,
    trustedProxies: ['127.0.0.1'],
    logger: surfaceLog,
    secrets,
    version: 'bench',
    services: { port: (name) => (({ portal: desk }) as unknown as AreaPorts)[name] },
    rateLimits: { form: { burst: 100_000, perMinute: 100_000 }, page: { burst: 100_000, perMinute: 100_000 } },
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const first = await request(agent, surface.port, 'GET', '/portail/', '192.0.2.1', '');
    if (first.status !== 200) throw new Error(`sign-in page: ${first.status} ${JSON.stringify(surfaceLog.lines.slice(-2))}`);
    const formCookie = first.setCookie[0]!.split(';')[0]!;
    const token = /action="\/portail\/connexion"[^>]*>\s*<input type="hidden" name="_csrf" value="([^"]+)"/.exec(first.text)![1]!;
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < ASKS * 2; i++) {
      const isKnown = i % 2 === 0;
      const address = isKnown ? `client${(i * 7919) % CONTACTS}@example.test` : `personne${i}@example.test`;
      const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      const r = await request(agent, surface.port, 'POST', '/portail/connexion', ip, formCookie, new URLSearchParams({ email: address, _csrf: token }).toString());
      if (r.status !== 303) throw new Error(`sign-in ask: ${r.status}`);
      // The first 20 warm the code paths.
      if (i >= 40) (isKnown ? known : unknown).push(r.ms);
    }
    // A signed-in customer's overview.
    desk.askForLink('client0@example.test', '192.0.2.2');
    const linkId = store.database.prepare<{ id: string }>(`SELECT id FROM portal_links WHERE contact_id = 'c0' ORDER BY requested_at DESC LIMIT 1`).get()!.id;
    const used = signIn.use(signIn.tokenFor(linkId)!, '192.0.2.2', null);
    if (!used.ok) throw new Error('sign-in refused');
    const session = `accueil_portail=${used.session.token}`;
    const pages: number[] = [];
    for (let i = 0; i < 300; i++) {
      const r = await request(agent, surface.port, 'GET', '/portail/', '192.0.2.2', session);
      if (r.status !== 200 || !r.text.includes('Votre prochaine intervention')) throw new Error(`overview: ${r.status}`);
      if (i >= 20) pages.push(r.ms);
    }
    const k = summarize(known);
    const u = summarize(unknown);
    const o = summarize(pages);
    return {
      lines: [
        `Espace client (${CONTACTS} contacts, ${known.length} + ${unknown.length} demandes de lien alternées, chacune d'une autre adresse)`,
        line('  demande de lien, adresse connue', `p50 ${ms(k.p50)}, p95 ${ms(k.p95)}`),
        line('  demande de lien, adresse inconnue', `p50 ${ms(u.p50)}, p95 ${ms(u.p95)}`, 'même temps'),
        line('  écart des médianes', ms(Math.abs(k.p50 - u.p50), 3)),
        line('  page d’accueil d’un client connecté (20 visites, 10 devis)', `p50 ${ms(o.p50)}, p95 ${ms(o.p95)}`),
      ],
      figures: { known: k, unknown: u, medianGapMs: Math.abs(k.p50 - u.p50), overview: o },
    };
  } finally {
    agent.destroy();
    await surface.close();
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
