/**
 * The help pages and the assistant over real HTTP on the public surface, beside the real services
 * (demo workspace, SQLite file): articles read and searched with typos, « cet article vous a aidé ? »
 * behind CSRF, a conversation that cites its article, a question it cannot answer handed over to
 * Claire's callback list once, and conversations nobody else can reach. Time is an injected clock.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallOutput } from '../../electron/contract/calls';
import { startPublicSurface, type PublicSurface } from '../../electron/host/public-channel';
import { createAccueil, type Accueil } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';
import { MemorySecrets } from '../support/memory-secrets';

const PUBLISHED = 'accueil.example.fr';
let dir: string;
let accueil: Accueil;
let surface: PublicSurface;
const clock = new Date('2026-11-24T09:00:00Z');
let nextAddress = 1;
const freshClient = () => `198.18.7.${nextAddress++}`;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: surface.port, method: options.method ?? 'GET', path: options.path, headers: { Host: PUBLISHED, ...options.headers }, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A visitor: one address, the form cookie their browser keeps. */
function visitor() {
  const ip = freshClient();
  let cookie = '';
  const headers = () => ({ 'X-Forwarded-For': ip, ...(cookie ? { Cookie: `accueil_formulaire=${cookie}` } : {}) });
  return {
    async get(pathAndQuery: string): Promise<Answer> {
      const answer = await request({ path: pathAndQuery, headers: headers() });
      const set = /^accueil_formulaire=([^;]+)/.exec(answer.headers['set-cookie']?.[0] ?? '')?.[1];
      if (set) cookie = set;
      return answer;
    },
    /** Posts the form of `page` whose action is `action`, with its token (or without, to test CSRF). */
    post(action: string, page: Answer | null, fields: Record<string, string>): Promise<Answer> {
      const token = page ? new RegExp(`action="${action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}">\\s*<input type="hidden" name="_csrf" value="([^"]+)"`).exec(page.body)?.[1] : undefined;
      if (page && !token) throw new Error(`no form for ${action} in:\n${page.body}`);
      return request({
        method: 'POST',
        path: action,
        headers: { ...headers(), 'Content-Type': 'application/x-www-form-urlencoded', Origin: `https://${PUBLISHED}` },
        body: new URLSearchParams({ ...(token ? { _csrf: token } : {}), ...fields }).toString(),
      });
    },
  };
}

async function call<T>(name: string, input: unknown): Promise<T> {
  const result = (await accueil.dispatch(name as never, input, { access: 'agent' })) as { ok: boolean; value?: T; error?: unknown };
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-aide-'));
  accueil = await createAccueil({ dataDir: path.join(dir, 'data'), mode: 'web', version: 'test', logger: createMemoryLogger(), startTelephony: false, demoContacts: 20, clock: () => clock });
  surface = await startPublicSurface({
    host: '127.0.0.1',
    port: 0,
    publicUrl: `https://${PUBLISHED}`,
    trustedProxies: ['127.0.0.1'],
    logger: createMemoryLogger(),
    secrets: new MemorySecrets(),
    version: '0.1.0',
    now: () => clock,
    services: { port: (name) => accueil.port(name) },
  });
});

afterAll(async () => {
  await surface?.close();
  await accueil?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the help pages', () => {
  it('lists the seeded articles by category, for anyone, indexable', async () => {
    const home = await visitor().get('/aide');
    expect(home.status).toBe(200);
    expect(home.body).toContain('<h2>Sécurité</h2>');
    expect(home.body).toContain('href="/aide/odeur-de-gaz-les-bons-reflexes"');
    expect(home.body).not.toContain('noindex');
  });

  it('finds the right article for a question typed with typos and slang', async () => {
    const found = await visitor().get(`/aide/recherche?q=${encodeURIComponent('chaudeire en rade')}`);
    expect(found.status).toBe(200);
    const first = /<li><a href="\/aide\/([^"]+)"/.exec(found.body)?.[1];
    expect(first).toBe('chaudiere-ne-demarre-plus');
    const none = await visitor().get(`/aide/recherche?q=${encodeURIComponent('blanquette de veau')}`);
    expect(none.body).toContain('Aucun article ne correspond');
  });

  it('counts readers once a day each, and « aidé ? » only with the form’s token', async () => {
    const slug = 'purger-ses-radiateurs';
    const anne = visitor();
    const page = await anne.get(`/aide/${slug}`);
    await anne.get(`/aide/${slug}`);
    await visitor().get(`/aide/${slug}`);
    expect((await anne.post(`/aide/${slug}/avis`, null, { aide: 'oui' })).status).toBe(403);
    const voted = await anne.post(`/aide/${slug}/avis`, page, { aide: 'oui' });
    expect(voted.status).toBe(303);
    expect(voted.headers.location).toBe(`/aide/${slug}?merci=oui`);
    const overview = await call<CallOutput<'knowledge.overview'>>('knowledge.overview', {});
    expect(overview.articles.find((a) => a.slug === slug)).toMatchObject({ readers: 2, helpful: 1, notHelpful: 0 });
  });

  it('shows Claire’s article with its Markdown, never running what it contains', async () => {
    const saved = await call<CallOutput<'knowledge.save'>>('knowledge.save', {
      id: null,
      title: 'Tester son détecteur',
      slug: '',
      category: 'securite',
      keywords: 'détecteur fumée',
      body: 'Appuyez sur le **bouton test**.\n\n<script>alert(1)</script>\n\n[piège](javascript:alert(1))',
      published: true,
    });
    const page = await visitor().get(`/aide/${saved.slug}`);
    expect(page.body).toContain('<strong>bouton test</strong>');
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).not.toMatch(/href="javascript:/);
    // And were a script to slip through, the surface's policy runs no inline script.
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
  });
});

describe('the assistant', () => {
  it('answers with the article it read, and keeps the conversation on its own page', async () => {
    const paul = visitor();
    const home = await paul.get('/aide');
    const started = await paul.post('/aide/assistant', home, { question: 'comment purger un radiateur ?' });
    expect(started.status).toBe(303);
    const conversation = started.headers.location!;
    expect(conversation).toMatch(/^\/aide\/assistant\/[A-Za-z0-9_-]{24}$/);
    const page = await paul.get(conversation);
    expect(page.body).toContain('Purger ses radiateurs —');
    expect(page.body).toContain('href="/aide/purger-ses-radiateurs"');
    expect(page.headers['referrer-policy']).toBe('same-origin');
    expect(page.body).not.toContain('Être rappelé');
  });

  it('says it does not know, and hands over to Claire’s callback list once, with the question', async () => {
    const lucie = visitor();
    const home = await lucie.get('/aide');
    const conversation = (await lucie.post('/aide/assistant', home, { question: 'vous posez des panneaux solaires sur les granges ?' })).headers.location!;
    const page = await lucie.get(conversation);
    expect(page.body).toMatch(/Je ne (suis pas sûr|sais pas répondre)/);
    expect(page.body).toContain('Être rappelé');
    const before = (await call<CallOutput<'callbacks.list'>>('callbacks.list', {})).length;
    const relais = `${conversation}/relais`;
    expect((await lucie.post(relais, page, { kind: 'callback', name: 'Lucie', phone: 'douze' })).status).toBe(400);
    const again = await lucie.get(`${conversation}?relais=1`);
    expect((await lucie.post(relais, again, { kind: 'callback', name: 'Lucie', phone: '06 98 76 54 32' })).status).toBe(303);
    expect((await lucie.post(relais, again, { kind: 'callback', name: 'Lucie', phone: '06 98 76 54 32' })).status).toBe(303);
    const list = await call<CallOutput<'callbacks.list'>>('callbacks.list', {});
    expect(list.length).toBe(before + 1);
    expect(JSON.stringify(list)).toContain('panneaux solaires sur les granges');
    expect((await lucie.get(conversation)).body).toContain('Votre demande de rappel est transmise');
    const overview = await call<CallOutput<'knowledge.overview'>>('knowledge.overview', {});
    expect(overview.unanswered[0]).toMatchObject({ question: 'vous posez des panneaux solaires sur les granges ?', handedOver: true });
  });

  it('opens a written request as a ticket with the conversation', async () => {
    const marc = visitor();
    const home = await marc.get('/aide');
    const conversation = (await marc.post('/aide/assistant', home, { question: 'je veux parler à quelqu’un' })).headers.location!;
    const page = await marc.get(conversation);
    const made = await marc.post(`${conversation}/relais`, page, { kind: 'ticket', name: 'Marc', email: 'marc@example.fr', message: 'Devis pour une véranda' });
    expect(made.status).toBe(303);
    const tickets = accueil.port('knowledge');
    expect(tickets.handoverOf(conversation.split('/').at(-1)!)).toEqual([{ kind: 'ticket', at: clock.toISOString() }]);
  });

  it('gives nobody a conversation by a guessed or altered id, and refuses a question without the form token', async () => {
    const eve = visitor();
    const home = await eve.get('/aide');
    const conversation = (await eve.post('/aide/assistant', home, { question: 'bonjour' })).headers.location!;
    const altered = conversation.slice(0, -1) + (conversation.endsWith('A') ? 'B' : 'A');
    expect((await visitor().get(altered)).status).toBe(404);
    expect((await visitor().get('/aide/assistant/000000000000000000000000')).status).toBe(404);
    expect((await eve.post(conversation, null, { question: 'encore' })).status).toBe(403);
    expect((await eve.post(`${conversation}/relais`, null, { kind: 'callback', phone: '0612345678' })).status).toBe(403);
  });

  it('does not show a signed-in customer’s conversation on the public help pages', async () => {
    const knowledge = accueil.port('knowledge');
    const contactId = (await call<{ id: string }>('directory.createContact', { firstName: 'Anne', lastName: 'Roux', phone: '0611223344', email: null, companyId: null, city: null })).id;
    const { conversationId } = knowledge.ask(null, 'où en est mon devis ?', { contactId, companyId: null, channel: 'portail', facts: null });
    expect((await visitor().get(`/aide/assistant/${conversationId}`)).status).toBe(404);
  });
});
