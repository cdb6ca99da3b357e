/**
 * The technicians' app over HTTP, on the company server's public surface (real parts: the product on
 * the HubSpot stand-in, an SMTP server, SQLite on disk; see test/support/technician-loop.ts). Karim
 * signs his phone in, reads his round, and sends a day's actions twice (a lost answer): everything
 * is applied once, one report e-mail leaves. The attacks: Julien's visit by its id, a post without
 * or with another path's CSRF token, or from another site, a signed-out or revoked phone, a picture
 * that is not one, and guessing passwords.
 */
import http from 'node:http';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhoneActionResult, TechnicianDays, TechnicianJob } from '../../electron/contract/technician-phone';
import { startTechnicianLoop, TECH_HOST, TECH_PASSWORD, FRANCOIS_EMAIL, type TechnicianLoop } from '../support/technician-loop';
import { tinyPng } from '../support/tiny-png';

let loop: TechnicianLoop;
const ORIGIN = `https://${TECH_HOST}`;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json<T>(): T;
}

let nextAddress = 1;
/** A phone of its own: its cookies, its client address (X-Forwarded-For, believed from the loopback proxy). */
class Phone {
  readonly cookies = new Map<string, string>();
  readonly address = `198.51.100.${nextAddress++}`;
  tokens: { signIn: string; signOut: string; actions: string } = { signIn: '', signOut: '', actions: '' };

  request(method: 'GET' | 'POST', path: string, options: { body?: unknown; token?: string; origin?: string | null } = {}): Promise<Answer> {
    const body = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
    const headers: Record<string, string> = { Host: TECH_HOST, 'X-Forwarded-For': this.address };
    if (this.cookies.size > 0) headers['Cookie'] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method === 'POST') {
      if (options.origin !== null) headers['Origin'] = options.origin ?? ORIGIN;
      headers['Content-Type'] = 'application/json';
      if (options.token !== undefined) headers['X-CSRF-Token'] = options.token;
    }
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: loop.surface.port, method, path, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => {
          for (const cookie of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) {
            const [pair] = cookie.split(';');
            const eq = pair!.indexOf('=');
            const value = pair!.slice(eq + 1);
            if (/Max-Age=0/.test(cookie)) this.cookies.delete(pair!.slice(0, eq));
            else this.cookies.set(pair!.slice(0, eq), value);
          }
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, json: <T>() => JSON.parse(text) as T });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  async fetchTokens(): Promise<void> {
    const answer = await this.request('GET', '/technicien/api/jeton');
    expect(answer.status).toBe(200);
    this.tokens = answer.json<{ tokens: Phone['tokens'] }>().tokens;
  }

  async signIn(login: string, password = TECH_PASSWORD): Promise<Answer> {
    await this.fetchTokens();
    const answer = await this.request('POST', '/technicien/api/connexion', { body: { login, password }, token: this.tokens.signIn });
    if (answer.status === 200) await this.fetchTokens();
    return answer;
  }

  actions(actions: unknown[], token = this.tokens.actions): Promise<Answer> {
    return this.request('POST', '/technicien/api/actions', { body: { actions }, token });
  }
}

const madeAt = '2026-12-01T08:30:00.000Z';
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const count = (sql: string, ...params: unknown[]) => loop.read<{ n: number }>(sql, ...params)[0]!.n;

beforeAll(async () => {
  loop = await startTechnicianLoop();
}, 120_000);

afterAll(async () => {
  await loop?.stop();
});

describe('the technicians’ app over HTTP', () => {
  const karim = new Phone();

  it('signs the phone in with the account’s password: a 90-day cookie, HttpOnly, SameSite=Strict, Secure on https, for /technicien only', async () => {
    const answer = await karim.signIn('karim');
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({ name: 'Karim Bensaïd' });
    const cookie = ([] as string[]).concat(answer.headers['set-cookie'] ?? []).find((c) => c.startsWith('accueil_technicien='))!;
    expect(cookie).toMatch(/; Path=\/technicien; HttpOnly; SameSite=Strict; Secure; Max-Age=7776000$/);
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('gives today’s and tomorrow’s visits in route order, with what he needs at the door', async () => {
    const answer = await karim.request('GET', '/technicien/api/journee');
    expect(answer.status).toBe(200);
    const round = answer.json<TechnicianDays>();
    expect(round.days.map((d) => d.date)).toEqual(['2026-12-01', '2026-12-02']);
    expect(round.days[0]!.jobs.map((j) => j.id)).toEqual([loop.visits.service, loop.visits.repair]);
    expect(round.days[1]!.jobs.map((j) => j.id)).toEqual([loop.visits.tomorrow]);
    const service = round.days[0]!.jobs[0]!;
    expect(service).toMatchObject({ kind: 'Entretien chaudière gaz', window: { start: '08:00', end: '12:00' }, address: '12 rue Saint-Éloi, 35000 Rennes', customer: { name: 'François Lefèvre', phone: '+33612345678', email: FRANCOIS_EMAIL } });
    expect(service.mapsUrl).toBe('https://www.google.com/maps/search/?api=1&query=12%20rue%20Saint-%C3%89loi%2C%2035000%20Rennes');
    expect(service.geoUri).toMatch(/^geo:48\.\d{5},-1\.\d{5}\?q=12%20rue/);
    expect(service.checklist).toContain('Mesure du monoxyde de carbone (CO)');
    expect(JSON.stringify(round)).not.toContain(loop.visits.julien);
  });

  it('refuses Julien’s visit by its id with the same 404 as a made-up id, and applies nothing of a batch naming it', async () => {
    const other = await karim.request('GET', `/technicien/api/interventions/${loop.visits.julien}`);
    const none = await karim.request('GET', '/technicien/api/interventions/00000000-0000-4000-8000-000000000000');
    expect(other.status).toBe(404);
    expect(other.body).toBe(none.body);
    expect(other.body).not.toContain('Liberté');
    const mine = await karim.request('GET', `/technicien/api/interventions/${loop.visits.repair}`);
    expect(mine.json<TechnicianJob>().id).toBe(loop.visits.repair);
    const batch = await karim.actions([
      { clientId: 'c0ffee00-0000-4000-8000-000000000001', interventionId: loop.visits.repair, kind: 'edit', madeAt, base: {}, changes: { report: 'mine' } },
      { clientId: 'c0ffee00-0000-4000-8000-000000000002', interventionId: loop.visits.julien, kind: 'done', madeAt },
    ]);
    expect(batch.status).toBe(404);
    expect(count('SELECT count(*) AS n FROM technician_actions')).toBe(0);
    expect(count('SELECT count(*) AS n FROM technician_sheets')).toBe(0);
  });

  it('refuses a post without its token, with another path’s token, or from another site', async () => {
    const edit = { clientId: 'c0ffee00-0000-4000-8000-000000000003', interventionId: loop.visits.repair, kind: 'edit', madeAt, base: {}, changes: { report: 'x' } };
    expect((await karim.request('POST', '/technicien/api/actions', { body: { actions: [edit] } })).status).toBe(403);
    expect((await karim.actions([edit], karim.tokens.signIn)).status).toBe(403);
    expect((await karim.request('POST', '/technicien/api/actions', { body: { actions: [edit] }, token: karim.tokens.actions, origin: 'https://evil.example' })).status).toBe(403);
    expect((await karim.request('POST', '/technicien/api/actions', { body: { actions: [edit] }, token: karim.tokens.actions, origin: null })).status).toBe(403);
    // Another phone's token with this phone's cookie: bound to the other phone's form cookie.
    const other = new Phone();
    await other.fetchTokens();
    expect((await karim.actions([edit], other.tokens.actions)).status).toBe(403);
    expect(count('SELECT count(*) AS n FROM technician_actions')).toBe(0);
  });

  it('applies a day’s actions once when the phone sends them twice: one report, mailed once with its PDF, the visit done', async () => {
    const id = loop.visits.service;
    const actions = [
      { clientId: 'a1000000-0000-4000-8000-000000000001', interventionId: id, kind: 'edit', madeAt, base: { startedAt: null }, changes: { startedAt: '2026-12-01T08:05:00.000Z' } },
      { clientId: 'a1000000-0000-4000-8000-000000000002', interventionId: id, kind: 'edit', madeAt, base: { checklist: null, parts: null }, changes: { checklist: JSON.stringify([{ label: 'Mesure du monoxyde de carbone (CO)', done: true }]), parts: JSON.stringify([{ label: 'Joint de brûleur', quantity: 1 }]) } },
      { clientId: 'a1000000-0000-4000-8000-000000000003', interventionId: id, kind: 'photo', madeAt, photo: { data: b64(tinyPng(64, 48)) } },
      { clientId: 'a1000000-0000-4000-8000-000000000004', interventionId: id, kind: 'photo', madeAt, photo: { data: b64(tinyPng(48, 64)) } },
      { clientId: 'a1000000-0000-4000-8000-000000000005', interventionId: id, kind: 'signature', madeAt, signature: { data: b64(tinyPng(300, 100)) } },
      { clientId: 'a1000000-0000-4000-8000-000000000006', interventionId: id, kind: 'edit', madeAt, base: { report: null, stoppedAt: null }, changes: { report: 'Brûleur nettoyé, CO 12 ppm.', stoppedAt: '2026-12-01T09:00:00.000Z' } },
      { clientId: 'a1000000-0000-4000-8000-000000000007', interventionId: id, kind: 'done', madeAt },
    ];
    const first = await karim.actions(actions);
    expect(first.status).toBe(200);
    const results = first.json<{ results: PhoneActionResult[] }>().results;
    expect(results.map((r) => r.ok && r.fresh)).toEqual([true, true, true, true, true, true, true]);
    const again = await karim.actions(actions);
    expect(again.json<{ results: PhoneActionResult[] }>().results.map((r) => r.ok && !r.fresh)).toEqual([true, true, true, true, true, true, true]);
    expect(again.json<{ results: Array<PhoneActionResult & { outcome?: unknown }> }>().results[6]!.outcome).toEqual((results[6] as { outcome: unknown }).outcome);
    // A second « Terminé » made offline with another id changes nothing either.
    const twice = await karim.actions([{ clientId: 'a1000000-0000-4000-8000-000000000008', interventionId: id, kind: 'done', madeAt }]);
    expect(twice.json<{ results: PhoneActionResult[] }>().results[0]).toMatchObject({ ok: true, fresh: false });

    expect(count('SELECT count(*) AS n FROM technician_actions WHERE intervention_id = ?', id)).toBe(7);
    expect(count('SELECT count(*) AS n FROM technician_uploads WHERE intervention_id = ?', id)).toBe(3);
    expect(loop.read<{ status: string; report: string }>('SELECT status, report FROM interventions WHERE id = ?', id)[0]).toEqual({ status: 'terminee', report: 'Brûleur nettoyé, CO 12 ppm.' });
    expect(loop.read<{ type: string }>("SELECT type FROM documents WHERE intervention_id = ? AND type <> 'photo'", id)).toEqual([{ type: 'attestation_entretien' }]);
    expect(count("SELECT count(*) AS n FROM documents WHERE intervention_id = ? AND type = 'photo'", id)).toBe(3);
    expect(count("SELECT count(*) AS n FROM survey_candidates WHERE source_kind = 'intervention' AND source_id = ?", id)).toBe(1);

    const mail = await loop.mailWith(/^Rapport d’intervention/);
    expect(mail.envelopeTo).toEqual([FRANCOIS_EMAIL]);
    const parsed = await simpleParser(mail.raw);
    expect(parsed.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
    expect(parsed.attachments[0]!.content.subarray(0, 5).toString()).toBe('%PDF-');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(loop.inbox.received.filter((m) => /^Rapport d’intervention/.test(m.subject))).toHaveLength(1);
  });

  it('keeps the office’s value of a field changed meanwhile, and tells the phone', async () => {
    const id = loop.visits.repair;
    const phoneSaw = { report: null };
    await karim.actions([{ clientId: 'b2000000-0000-4000-8000-000000000001', interventionId: id, kind: 'edit', madeAt, base: phoneSaw, changes: { report: 'Premier passage' } }]);
    // The phone edits again from its older view (it never saw its first edit's answer).
    const answer = await karim.actions([{ clientId: 'b2000000-0000-4000-8000-000000000002', interventionId: id, kind: 'edit', madeAt, base: phoneSaw, changes: { report: 'Autre texte' } }]);
    expect(answer.json<{ results: PhoneActionResult[] }>().results[0]).toMatchObject({ ok: true, outcome: { conflicts: [{ field: 'report', office: 'Premier passage', phone: 'Autre texte' }] } });
    const job = (await karim.request('GET', `/technicien/api/interventions/${id}`)).json<TechnicianJob>();
    expect(job.sheet.report).toBe('Premier passage');
  });

  it('refuses a « photo » that is not a picture, from its bytes', async () => {
    const answer = await karim.actions([{ clientId: 'b3000000-0000-4000-8000-000000000001', interventionId: loop.visits.repair, kind: 'photo', madeAt, photo: { data: b64(Buffer.from('<html><script>alert(1)</script></html>')) } }]);
    const result = answer.json<{ results: PhoneActionResult[] }>().results[0]!;
    expect(result.ok).toBe(false);
    expect(count('SELECT count(*) AS n FROM technician_uploads WHERE client_id = ?', 'b3000000-0000-4000-8000-000000000001')).toBe(0);
  });

  it('ends a phone’s session at sign-out, and every phone of an account the office disables', async () => {
    const second = new Phone();
    expect((await second.signIn('karim')).status).toBe(200);
    const signOut = await karim.request('POST', '/technicien/api/deconnexion', { body: {}, token: karim.tokens.signOut });
    expect(signOut.status).toBe(200);
    expect((await karim.request('GET', '/technicien/api/journee')).status).toBe(401);
    expect((await second.request('GET', '/technicien/api/journee')).status).toBe(200);
    loop.accueil.port('accounts').disable('karim', { login: 'cli' });
    const refused = await second.request('GET', '/technicien/api/journee');
    expect(refused.status).toBe(401);
    expect(refused.body).not.toContain('Saint-Éloi');
    const replay = await second.actions([{ clientId: 'b4000000-0000-4000-8000-000000000001', interventionId: loop.visits.repair, kind: 'done', madeAt }]);
    expect(replay.status).toBe(401);
  });

  it('refuses an office account, and limits password guessing per login', async () => {
    const accounts = loop.accueil.port('accounts');
    const { passwordToken } = accounts.add({ login: 'claire', name: 'Claire', role: 'agent' }, { login: 'cli' });
    await accounts.setPassword(passwordToken, TECH_PASSWORD);
    const office = await new Phone().signIn('claire');
    expect(office.status).toBe(403);
    expect(office.headers['set-cookie'] ?? []).not.toContainEqual(expect.stringMatching(/^accueil_technicien=/));
    const guesser = new Phone();
    const answers: number[] = [];
    for (let i = 0; i < 7; i++) answers.push((await guesser.signIn('julien', `essai-${i}`)).status);
    // Refused, then limited (by this surface's per-login bucket or the accounts area's throttle, whichever first).
    expect(answers[0]).toBe(401);
    expect(answers.at(-1)).toBe(429);
    expect(answers.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    // From another address: the login is still limited.
    expect((await new Phone().signIn('julien', 'encore-un')).status).toBe(429);
  });

  it('serves the app, its manifest and icons, and the worker with its file list — never the console’s files', async () => {
    const anyone = new Phone();
    const shell = await anyone.request('GET', '/technicien/');
    expect(shell.status).toBe(200);
    expect(shell.headers['content-security-policy']).toContain("img-src 'self' data: blob:");
    const script = /src="\.\/assets\/([^"]+\.js)"/.exec(shell.body)![1]!;
    expect((await anyone.request('GET', `/technicien/assets/${script}`)).status).toBe(200);
    const manifest = (await anyone.request('GET', '/technicien/manifest.webmanifest')).json<{ start_url: string; icons: Array<{ src: string }> }>();
    expect(manifest.start_url).toBe('/technicien/');
    for (const icon of manifest.icons) expect((await anyone.request('GET', icon.src)).headers['content-type']).toBe('image/png');
    const worker = await anyone.request('GET', '/technicien/sw.js');
    expect(worker.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const precache = JSON.parse(/self\.__ACCUEIL_APP__ = (.*);\n/.exec(worker.body)![1]!) as { precache: string[] };
    expect(precache.precache).toContain(`/technicien/assets/${script}`);
    expect(precache.precache.some((p) => /\/index-/.test(p))).toBe(false);
    const consoleScript = /assets\/(index-[^"]+\.js)/.exec(await import('node:fs').then((fs) => fs.readFileSync(new URL('../../out/renderer/index.html', import.meta.url), 'utf8')))![1]!;
    expect((await anyone.request('GET', `/technicien/assets/${consoleScript}`)).status).toBe(404);
  });
});
