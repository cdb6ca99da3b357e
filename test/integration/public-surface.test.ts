/**
 * The company server's public surface, over real HTTP on loopback, beside a real console: nothing
 * of the agent's contract is reachable there, and every public route goes through the same gate
 * (Host, method, rate limit per address, Origin, body limit, CSRF) with strict headers. Time is
 * an injected clock: no test waits for a rate limit or a link to expire.
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { calls } from '../../electron/contract/calls';
import { startPublicSurface, type PublicSurface } from '../../electron/host/public-channel';
import { html } from '../../electron/host/public/public-page';
import { startWebHost, type WebHost } from '../../electron/host/web-host';
import { createAccueil, type Accueil } from '../../electron/services/accueil';
import { MemorySecrets } from '../support/memory-secrets';
import { createMemoryLogger } from '../../electron/services/log';
import { FileSecretStore } from '../../electron/services/settings/secret-store';
import { launchChromium } from '../support/web-mode';

const PUBLISHED = 'accueil.example.fr';
const CONSOLE_MARKER = 'CONSOLE-INDEX-DO-NOT-SERVE';

let dir: string;
let accueil: Accueil;
let agentConsole: WebHost;
let surface: PublicSurface;
/** The same surface, reached without a proxy it trusts (trustedProxies: []). */
let direct: PublicSurface;
let routesAsStarted: string[];
let clock = new Date('2025-03-10T09:00:00Z');
const now = () => clock;
const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));

let nextAddress = 1;
/** A fresh client address per test, so one test's requests never spend another's rate limit. */
const freshClient = () => {
  const n = nextAddress++;
  return `198.18.${n >> 8}.${n & 255}`;
};

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; chunked?: boolean }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      // A header given as '' is left out (a post without Origin).
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: Object.fromEntries(Object.entries({ Host: PUBLISHED, ...options.headers }).filter(([, v]) => v !== '')), agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (options.chunked && options.body !== undefined) {
      const body = Buffer.from(options.body);
      for (let i = 0; i < body.length; i += 8192) req.write(body.subarray(i, i + 8192));
      req.end();
    } else {
      req.end(options.body);
    }
  });
}

function upgrade(port: number, pathAndQuery: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${pathAndQuery}`, { headers });
    ws.once('open', () => {
      ws.close();
      reject(new Error(`WebSocket ${pathAndQuery} was opened`));
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', reject);
  });
}

/** A form page of the test routes: its cookie and its token. */
async function openForm(port: number, client: string): Promise<{ cookie: string; token: string }> {
  const page = await request(port, { path: '/essai/formulaire', headers: { 'X-Forwarded-For': client } });
  expect(page.status).toBe(200);
  const setCookie = page.headers['set-cookie']?.[0] ?? '';
  const cookie = /^accueil_formulaire=([^;]+)/.exec(setCookie)?.[1];
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!cookie || !token) throw new Error(`no form cookie or token: ${setCookie}\n${page.body}`);
  return { cookie, token };
}

function post(port: number, client: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
  return request(port, {
    method: 'POST',
    path: '/essai/formulaire',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: `https://${PUBLISHED}`, 'X-Forwarded-For': client, ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** Routes a later area would register: a form, an address echo, a signed link. */
function addTestRoutes(target: PublicSurface) {
  target.routes.get('/essai/formulaire', (_request, reply) => {
    reply.page(200, {
      title: 'Essai',
      body: html`<h1>Essai</h1><form method="post" action="/essai/formulaire">${reply.csrfField()}<label for="note">Note</label><input id="note" name="note" type="text"><button type="submit">Envoyer</button></form>`,
    });
  });
  target.routes.post('/essai/formulaire', (request, reply) => reply.page(200, { title: 'Merci', body: html`<p>Merci, note ${request.form.get('note') ?? '?'}</p>` }), { csrf: true });
  target.routes.get('/essai/adresse', (request, reply) => reply.json(200, { ip: request.clientIp }));
  target.routes.get('/essai/lien/:jeton', (request, reply) => {
    const check = target.links.verify(request.params['jeton']!, 'survey', request.now);
    reply.json(check.ok ? 200 : 403, check.ok ? { subject: check.subject } : { refusal: check.refusal });
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-public-'));
  const staticDir = path.join(dir, 'static');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), `<!doctype html><title>${CONSOLE_MARKER}</title>`);
  fs.writeFileSync(path.join(staticDir, 'assets', 'index.js'), `/* ${CONSOLE_MARKER} */`);
  const dataDir = path.join(dir, 'data');
  accueil = await createAccueil({ dataDir, mode: 'web', version: 'test', logger: createMemoryLogger(), startTelephony: false, demoContacts: 20 });
  agentConsole = await startWebHost({ dispatch: accueil.dispatch, events: accueil.events, logger: createMemoryLogger(), staticDir });
  const common = {
    host: '127.0.0.1',
    port: 0,
    publicUrl: `https://${PUBLISHED}`,
    logger: createMemoryLogger(),
    secrets: new FileSecretStore(dataDir),
    version: '0.1.0',
    now,
  };
  surface = await startPublicSurface({ ...common, trustedProxies: ['127.0.0.1'] });
  routesAsStarted = surface.routes.list();
  addTestRoutes(surface);
  direct = await startPublicSurface({ ...common, trustedProxies: [] });
  addTestRoutes(direct);
});

afterAll(async () => {
  await direct?.close();
  await surface?.close();
  await agentConsole?.close();
  await accueil?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('public surface: nothing of the agent', () => {
  it('serves only its own routes, listed here: a route added anywhere shows up in this test', async () => {
    expect(routesAsStarted).toEqual(['GET /sante', 'GET /confidentialite', 'GET /public.css']);
    // With the services, as `accueil serve` starts it: the areas' public pages (host/public/*-area.ts).
    const served = await startPublicSurface({
      host: '127.0.0.1',
      port: 0,
      publicUrl: `https://${PUBLISHED}`,
      trustedProxies: [],
      logger: createMemoryLogger(),
      secrets: new MemorySecrets(),
      version: '0.1.0',
      services: { port: (name) => accueil.port(name) },
    });
    try {
      expect(served.routes.list()).toEqual([
        'GET /sante',
        'GET /confidentialite',
        'GET /public.css',
        'GET /aide',
        'GET /aide/recherche',
        'POST /aide/assistant',
        'GET /aide/assistant/:conversation',
        'POST /aide/assistant/:conversation',
        'POST /aide/assistant/:conversation/relais',
        'GET /aide/:article',
        'POST /aide/:article/avis',
        'GET /webhooks/whatsapp',
        'POST /webhooks/whatsapp',
        'GET /portail/portail.css',
        'GET /portail',
        'GET /portail/',
        'POST /portail/connexion',
        'GET /portail/lien-envoye',
        'GET /portail/entrer/:jeton',
        'POST /portail/entrer/:jeton',
        'POST /portail/deconnexion',
        'GET /portail/interventions/:id',
        'GET /portail/documents/:id',
        'GET /portail/devis/:id',
        'POST /portail/devis/:id/accord',
        'GET /portail/demandes/nouvelle',
        'POST /portail/demandes',
        'GET /portail/demandes/:id',
        'GET /portail/contact',
        'POST /portail/contact',
        'GET /portail/rendez-vous',
        'GET /portail/rendez-vous/creneaux',
        'POST /portail/rendez-vous',
        'GET /portail/interventions/:id/deplacer',
        'POST /portail/interventions/:id/deplacer',
        'POST /portail/interventions/:id/annuler',
        'GET /portail/assistant',
        'POST /portail/assistant',
        'GET /portail/assistant/:conversation',
        'POST /portail/assistant/:conversation',
        'POST /portail/assistant/:conversation/relais',
        'GET /avis/:jeton',
        'POST /avis/:jeton',
        'GET /avis/:jeton/merci',
        'GET /avis/:jeton/desabonnement',
        'POST /avis/:jeton/desabonnement',
        'GET /technicien',
        'GET /technicien/',
        'GET /technicien/sw.js',
        'GET /technicien/manifest.webmanifest',
        'GET /technicien/icones/:taille',
        'GET /technicien/assets/:file',
        'GET /technicien/api/jeton',
        'POST /technicien/api/connexion',
        'POST /technicien/api/deconnexion',
        'GET /technicien/api/journee',
        'GET /technicien/api/interventions/:id',
        'POST /technicien/api/actions',
      ]);
    } finally {
      await served.close();
    }
  });

  it('refuses the WebSocket, with or without the console token that opens the console', async () => {
    // The token is real: the console's own listener accepts it.
    const ws = new WebSocket(`ws://127.0.0.1:${agentConsole.port}/ws?token=${agentConsole.token}`);
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    ws.close();
    for (const query of ['', `?token=${agentConsole.token}`, `?token=${agentConsole.readOnlyToken}`]) {
      expect(await upgrade(surface.port, `/ws${query}`)).toBe(404);
      expect(await upgrade(surface.port, `/ws${query}`, { Origin: `https://${PUBLISHED}`, Host: PUBLISHED })).toBe(404);
      expect(await upgrade(surface.port, `/ws${query}`, { Cookie: `accueil_session=${agentConsole.token}` })).toBe(404);
    }
  });

  it('answers no agent call, by any path or method', async () => {
    const names = Object.keys(calls);
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) {
      const client = freshClient();
      const frame = JSON.stringify({ t: 'call', id: 1, name, input: {} });
      const auth = { 'X-Forwarded-For': client, Authorization: `Bearer ${agentConsole.token}`, Cookie: `accueil_session=${agentConsole.token}` };
      const tries: Answer[] = [
        await request(surface.port, { path: `/${name}`, headers: auth }),
        await request(surface.port, { path: `/api/${name}?token=${agentConsole.token}`, headers: auth }),
        await request(surface.port, { method: 'POST', path: `/${name}`, headers: { ...auth, 'Content-Type': 'application/json' }, body: frame }),
        await request(surface.port, { method: 'POST', path: '/ws', headers: { ...auth, 'Content-Type': 'application/json' }, body: frame }),
        await request(surface.port, { method: 'POST', path: `/api/${name}`, headers: { ...auth, 'Content-Type': 'application/json', Origin: `https://${PUBLISHED}` }, body: frame }),
      ];
      for (const answer of tries) {
        expect([401, 403, 404], `${name}: ${answer.status}`).toContain(answer.status);
        expect(answer.body).not.toMatch(/"ok"\s*:\s*true|"value"\s*:/);
      }
      expect(await upgrade(surface.port, `/${name}?token=${agentConsole.token}`)).toBe(404);
    }
  });

  it("never serves the console's pages or scripts", async () => {
    for (const page of ['/', '/index.html', '/wallboard', '/assets/index.js', '/mot-de-passe', '/%2e%2e/static/index.html']) {
      const answer = await request(surface.port, { path: page, headers: { 'X-Forwarded-For': freshClient() } });
      expect(answer.status, page).toBe(404);
      expect(answer.body).not.toContain(CONSOLE_MARKER);
      expect(answer.body).toContain('Page introuvable');
    }
  });

  it('answers every other path with a French 404 page, and other methods with 405', async () => {
    const answer = await request(surface.port, { path: '/nimporte/quoi', headers: { 'X-Forwarded-For': freshClient() } });
    expect(answer.status).toBe(404);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.body).toContain('<html lang="fr">');
    expect(answer.body).toContain('Cette adresse ne mène à aucune page');
    const put = await request(surface.port, { method: 'PUT', path: '/sante', headers: { 'X-Forwarded-For': freshClient() } });
    expect(put.status).toBe(405);
    const postToPage = await request(surface.port, { method: 'POST', path: '/confidentialite', headers: { 'X-Forwarded-For': freshClient() } });
    expect(postToPage.status).toBe(405);
    expect(postToPage.headers['allow']).toBe('GET, HEAD');
  });
});

describe('public surface: the gate', () => {
  it('refuses a Host it is not published under (421), serves its published name and loopback', async () => {
    expect((await request(surface.port, { path: '/sante', headers: { Host: 'attacker.example' } })).status).toBe(421);
    expect((await request(surface.port, { path: '/sante', headers: { Host: `${PUBLISHED}.attacker.example` } })).status).toBe(421);
    expect((await request(surface.port, { path: '/sante' })).status).toBe(200);
    expect((await request(surface.port, { path: '/sante', headers: { Host: `127.0.0.1:${surface.port}` } })).status).toBe(200);
  });

  it('accepts a form with its token, from the published origin or the address it was sent to', async () => {
    const client = freshClient();
    const form = await openForm(surface.port, client);
    const accepted = await post(surface.port, client, { _csrf: form.token, note: '9' }, { Cookie: `accueil_formulaire=${form.cookie}` });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toContain('Merci, note 9');
    const viaLoopback = await post(surface.port, client, { _csrf: form.token, note: '8' }, { Cookie: `accueil_formulaire=${form.cookie}`, Host: `127.0.0.1:${surface.port}`, Origin: `http://127.0.0.1:${surface.port}` });
    expect(viaLoopback.status).toBe(200);
    const byReferer = await post(surface.port, client, { _csrf: form.token, note: '7' }, { Cookie: `accueil_formulaire=${form.cookie}`, Origin: '', Referer: `https://${PUBLISHED}/essai/formulaire` });
    expect(byReferer.status).toBe(200);
  });

  it('sets the form cookie HttpOnly, SameSite=Strict, and Secure when reached by its https name', async () => {
    const page = await request(surface.port, { path: '/essai/formulaire', headers: { 'X-Forwarded-For': freshClient() } });
    expect(page.headers['set-cookie']?.[0]).toMatch(/^accueil_formulaire=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Secure; Max-Age=86400$/);
  });

  it("refuses a post from another site's page (Origin or Referer), even with a valid token (403)", async () => {
    const client = freshClient();
    const form = await openForm(surface.port, client);
    const fields = { _csrf: form.token, note: '1' };
    const cookie = { Cookie: `accueil_formulaire=${form.cookie}` };
    const foreign: Record<string, string>[] = [
      { Origin: 'https://evil.example' },
      { Origin: 'null' },
      { Origin: `http://${PUBLISHED}` },
      { Origin: '', Referer: 'https://evil.example/page' },
      { Origin: '' },
    ];
    for (const headers of foreign) {
      const answer = await post(surface.port, client, fields, { ...cookie, ...headers });
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(answer.body).not.toContain('Merci');
      expect(answer.body).toContain('Ce formulaire a expiré');
    }
  });

  it('refuses a form without its token, with a forged one, or with one from another visitor (403)', async () => {
    const client = freshClient();
    const mine = await openForm(surface.port, client);
    const theirs = await openForm(surface.port, client);
    const withCookie = { Cookie: `accueil_formulaire=${mine.cookie}` };
    const refused = [
      await post(surface.port, client, { note: '1' }, withCookie),
      await post(surface.port, client, { _csrf: mine.token, note: '1' }),
      // The MAC's first character changed (its last may carry only padding bits in base64url).
      await post(surface.port, client, { _csrf: mine.token.replace(/\.(.)/, (_m, c: string) => `.${c === 'A' ? 'B' : 'A'}`), note: '1' }, withCookie),
      await post(surface.port, client, { _csrf: theirs.token, note: '1' }, withCookie),
      await post(surface.port, client, { _csrf: mine.token, note: '1' }, { Cookie: `accueil_formulaire=${theirs.cookie}` }),
    ];
    for (const answer of refused) {
      expect(answer.status).toBe(403);
      expect(answer.body).not.toContain('Merci');
    }
    // And the form, intact, still goes through.
    expect((await post(surface.port, client, { _csrf: mine.token, note: '1' }, withCookie)).status).toBe(200);
  });

  it('refuses a form token after a day: the customer reloads the page', async () => {
    const client = freshClient();
    const form = await openForm(surface.port, client);
    advance(24 * 3_600_000);
    const answer = await post(surface.port, client, { _csrf: form.token, note: '1' }, { Cookie: `accueil_formulaire=${form.cookie}` });
    expect(answer.status).toBe(403);
  });

  it('limits posts per address (429 with Retry-After), and lets the address in again once the bucket refills', async () => {
    const client = freshClient();
    const form = await openForm(surface.port, client);
    const cookie = { Cookie: `accueil_formulaire=${form.cookie}` };
    // The form class: a burst of 10, then 10 a minute.
    for (let i = 0; i < 10; i++) expect((await post(surface.port, client, { _csrf: form.token, note: String(i) }, cookie)).status).toBe(200);
    const limited = await post(surface.port, client, { _csrf: form.token, note: 'x' }, cookie);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('6');
    expect(limited.body).toContain('Réessayez dans 6 secondes');
    // Another address is not held back by this one.
    expect((await post(surface.port, freshClient(), { _csrf: form.token, note: 'y' }, cookie)).status).toBe(200);
    advance(5_000);
    expect((await post(surface.port, client, { _csrf: form.token, note: 'x' }, cookie)).status).toBe(429);
    advance(1_000);
    expect((await post(surface.port, client, { _csrf: form.token, note: 'x' }, cookie)).status).toBe(200);
  });

  it('limits pages and 404s too', async () => {
    const client = freshClient();
    let status = 0;
    let count = 0;
    while (status !== 429 && count < 200) {
      status = (await request(surface.port, { path: `/essai/inconnu-${count}`, headers: { 'X-Forwarded-For': client } })).status;
      count++;
    }
    expect(status).toBe(429);
    expect(count).toBe(61);
  });

  it('believes X-Forwarded-For only from a trusted proxy, and only its right-most untrusted entry', async () => {
    const spoofed = { 'X-Forwarded-For': '1.2.3.4, 203.0.113.7' };
    expect(JSON.parse((await request(surface.port, { path: '/essai/adresse', headers: spoofed })).body)).toEqual({ ip: '203.0.113.7' });
    expect(JSON.parse((await request(direct.port, { path: '/essai/adresse', headers: spoofed })).body)).toEqual({ ip: '127.0.0.1' });
    // Without a trusted proxy, a script changing X-Forwarded-For is still one address to the limiter.
    let limited = false;
    for (let i = 0; i < 80 && !limited; i++) {
      limited = (await request(direct.port, { path: '/sante', headers: { 'X-Forwarded-For': `203.0.113.${i}` } })).status === 429;
    }
    expect(limited).toBe(true);
    advance(60_000);
  });

  it('refuses a body over 64 KB (413), declared or sent in chunks, and accepts one just under', async () => {
    const client = freshClient();
    const form = await openForm(surface.port, client);
    const cookie = { Cookie: `accueil_formulaire=${form.cookie}` };
    const big = 'a'.repeat(70 * 1024);
    const declared = await post(surface.port, client, { _csrf: form.token, note: big }, cookie);
    expect(declared.status).toBe(413);
    expect(declared.body).toContain('Envoi trop volumineux');
    const chunked = await request(surface.port, {
      method: 'POST',
      path: '/essai/formulaire',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: `https://${PUBLISHED}`, 'X-Forwarded-For': client, 'Transfer-Encoding': 'chunked', ...cookie },
      body: `_csrf=${form.token}&note=${big}`,
      chunked: true,
    });
    expect(chunked.status).toBe(413);
    const justUnder = await post(surface.port, client, { _csrf: form.token, note: 'a'.repeat(60 * 1024) }, cookie);
    expect(justUnder.status).toBe(200);
  });

  it('closes a connection that trickles its headers (408)', async () => {
    const slow = await startPublicSurface({
      host: '127.0.0.1',
      port: 0,
      publicUrl: `https://${PUBLISHED}`,
      trustedProxies: [],
      logger: createMemoryLogger(),
      secrets: new FileSecretStore(path.join(dir, 'slow')),
      version: 'test',
      timeouts: { headersMs: 300, requestMs: 600, checkEveryMs: 100 },
    });
    try {
      const started = Date.now();
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(slow.port, '127.0.0.1', () => socket.write(`GET /sante HTTP/1.1\r\nHost: ${PUBLISHED}\r\n`));
        let text = '';
        socket.on('data', (d) => (text += d.toString()));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await slow.close();
    }
  });
});

describe('public surface: signed links', () => {
  const open = async (token: string) => {
    const answer = await request(surface.port, { path: `/essai/lien/${encodeURIComponent(token)}`, headers: { 'X-Forwarded-For': freshClient() } });
    return { status: answer.status, ...(JSON.parse(answer.body) as { subject?: string; refusal?: string }) };
  };

  it('opens a signed link, refuses it forged, expired or made for something else', async () => {
    const expiresAt = new Date(clock.getTime() + 7 * 86_400_000);
    const token = surface.links.sign({ purpose: 'survey', subject: 'appel-42', expiresAt });
    expect(await open(token)).toEqual({ status: 200, subject: 'appel-42' });
    const parts = token.split('.');
    const otherSubject = [...parts.slice(0, 3), Buffer.from('appel-43').toString('base64url'), parts[4]].join('.');
    expect(await open(otherSubject)).toEqual({ status: 403, refusal: 'forged' });
    expect(await open('k1.survey.zzzzzz.YQ.AAAA')).toEqual({ status: 403, refusal: 'forged' });
    expect(await open(surface.links.sign({ purpose: 'portal-login', subject: 'appel-42', expiresAt }))).toEqual({ status: 403, refusal: 'wrong_purpose' });
    advance(7 * 86_400_000);
    expect(await open(token)).toEqual({ status: 403, refusal: 'expired' });
  });

  it('keeps links of the previous key after a rotation, refuses those of a retired key', async () => {
    const expiresAt = new Date(clock.getTime() + 86_400_000);
    const before = surface.links.sign({ purpose: 'survey', subject: 'avant', expiresAt });
    const newKey = surface.links.rotate();
    const after = surface.links.sign({ purpose: 'survey', subject: 'après', expiresAt });
    expect(after.startsWith(`${newKey}.`)).toBe(true);
    // The other listener on the same data folder picks the new key up by itself.
    expect((await request(direct.port, { path: `/essai/lien/${after}` })).status).toBe(200);
    expect(await open(before)).toEqual({ status: 200, subject: 'avant' });
    expect(await open(after)).toEqual({ status: 200, subject: 'après' });
    surface.links.retire(before.split('.')[0]!);
    expect(await open(before)).toEqual({ status: 403, refusal: 'unknown_key' });
    expect(await open(after)).toEqual({ status: 200, subject: 'après' });
  });
});

describe('public surface: its pages', () => {
  it('says it is alive on /sante, with its version and uptime, and nothing private', async () => {
    const started = clock.getTime();
    const fresh = await startPublicSurface({
      host: '127.0.0.1',
      port: 0,
      publicUrl: `https://${PUBLISHED}`,
      trustedProxies: [],
      logger: createMemoryLogger(),
      secrets: new FileSecretStore(path.join(dir, 'sante')),
      version: '0.1.0',
      now,
    });
    try {
      advance(90_000);
      const answer = await request(fresh.port, { path: '/sante' });
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(JSON.parse(answer.body)).toEqual({ status: 'ok', version: '0.1.0', uptimeSeconds: 90 });
      expect(clock.getTime() - started).toBe(90_000);
    } finally {
      await fresh.close();
    }
  });

  it('sends strict security headers on every answer: pages, JSON, 404, 429', async () => {
    const answers = [
      await request(surface.port, { path: '/confidentialite', headers: { 'X-Forwarded-For': freshClient() } }),
      await request(surface.port, { path: '/sante', headers: { 'X-Forwarded-For': freshClient() } }),
      await request(surface.port, { path: '/absent', headers: { 'X-Forwarded-For': freshClient() } }),
    ];
    const client = freshClient();
    let limited: Answer | null = null;
    while (!limited) {
      const answer = await request(surface.port, { path: '/sante', headers: { 'X-Forwarded-For': client } });
      if (answer.status === 429) limited = answer;
    }
    answers.push(limited);
    for (const answer of answers) {
      const csp = String(answer.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("form-action 'self'");
      expect(answer.headers['strict-transport-security']).toBe('max-age=31536000');
      expect(answer.headers['referrer-policy']).toBe('same-origin');
      expect(answer.headers['permissions-policy']).toContain('camera=()');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('explains in French what is kept about customers, why, how long and whom to contact', async () => {
    const answer = await request(surface.port, { path: '/confidentialite', headers: { 'X-Forwarded-For': freshClient() } });
    expect(answer.status).toBe(200);
    for (const heading of ['Ce que nous gardons', 'Pourquoi', 'Combien de temps', 'Qui les voit', 'Vos droits', 'Qui contacter']) {
      expect(answer.body).toContain(`<h2>${heading}</h2>`);
    }
    for (const kept of ['Vos appels', 'Vos coordonnées', 'enquêtes de satisfaction', 'Nos messages']) expect(answer.body).toContain(kept);
    expect(answer.body).toContain('www.cnil.fr');
  });

  it('reads on a 360 px phone in Chromium, styled under its CSP, and a real form posts through the checks', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      const base = `http://127.0.0.1:${surface.port}`;
      const response = await page.goto(`${base}/confidentialite`);
      expect(response?.status()).toBe(200);
      expect(await page.locator('h1').textContent()).toBe('Vos données personnelles');
      // A string: the page's own globals (this file is typechecked for Node, without the DOM).
      const layout = (await page.evaluate(`({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        fontSize: parseFloat(getComputedStyle(document.querySelector('main p')).fontSize),
        // Set by /public.css only: the stylesheet was allowed by the CSP and applied.
        mainMaxWidth: getComputedStyle(document.querySelector('main')).maxWidth,
        lang: document.documentElement.lang,
      })`)) as { scrollWidth: number; clientWidth: number; fontSize: number; mainMaxWidth: string; lang: string };
      expect(layout.lang).toBe('fr');
      expect(layout.clientWidth).toBe(360);
      expect(layout.scrollWidth).toBeLessThanOrEqual(360);
      expect(layout.fontSize).toBeGreaterThanOrEqual(16);
      expect(layout.mainMaxWidth).not.toBe('none');
      fs.mkdirSync(path.resolve('test-results'), { recursive: true });
      await page.screenshot({ path: path.resolve('test-results/confidentialite-360.png'), fullPage: true });

      // A form page and its post, as a browser sends them: the cookie, the token, the Origin.
      await page.goto(`${base}/essai/formulaire`);
      await page.fill('#note', '10');
      await Promise.all([page.waitForURL(`${base}/essai/formulaire`), page.click('button[type="submit"]')]);
      expect(await page.locator('main').textContent()).toContain('Merci, note 10');
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
