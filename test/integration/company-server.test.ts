/**
 * The company server as IT sets it up and people use it: `accueil users add` prints one-time links,
 * people choose their passwords, log in (scripts with a token, browsers with a cookie), and reach the
 * console's contract with their role; wrong passwords are refused then slowed; a disabled account's
 * open console is cut at once; everything lands in `accueil audit`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordToken as tokenOf, startCompanyServer, type CompanyServer } from '../support/company-server';
import { freePort } from '../support/ports';
import { openContractSocket } from '../support/contract-socket';

let server: CompanyServer;
let origin: string;
let links: Map<string, string>;
const accueil = (...args: string[]) => server.cli(...args);

async function post(pathname: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${origin}${pathname}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

async function login(name: string, password: string, ip?: string): Promise<Response> {
  return post('/api/session', { login: name, password }, ip ? { 'X-Forwarded-For': ip } : {});
}

const openConsole = (session: string) => openContractSocket(origin, { session });

let publicPort: number;

beforeAll(async () => {
  publicPort = await freePort('tcp');
  server = await startCompanyServer(
    [
      { login: 'gaetan', role: 'admin', name: 'Gaëtan Leroy' },
      { login: 'claire', role: 'agent', name: 'Claire Martin', sipUser: 'claire' },
      { login: 'bob', role: 'agent', name: 'Bob Durand', sipUser: 'bob' },
    ],
    { publicListen: `127.0.0.1:${publicPort}`, publicUrl: 'https://accueil.example.test' },
  );
  origin = server.origin;
  links = server.links;
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('the company server', () => {
  it('lets each person choose a password through their one-time link, once', async () => {
    for (const [name, link] of links) {
      const owner = await post('/api/password/owner', { token: tokenOf(link) });
      expect(await owner.json()).toMatchObject({ login: name });
      const set = await post('/api/password', { token: tokenOf(link), password: `${name} au standard 2026` });
      expect(set.status).toBe(200);
    }
    const again = await post('/api/password', { token: tokenOf(links.get('claire')!), password: 'un autre mot de passe' });
    expect(again.status).toBe(401);
    expect(((await again.json()) as { error: unknown }).error).toMatchObject({ reason: 'account.link_invalid', message: expect.stringMatching(/plus valable/) });
  });

  it('logs in with a token for scripts and an HttpOnly, SameSite=Strict, Secure cookie for browsers', async () => {
    const answer = await login('claire', 'claire au standard 2026');
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { token: string; account: { login: string; role: string } };
    expect(body.account).toMatchObject({ login: 'claire', role: 'agent' });
    const cookie = answer.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^accueil_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Secure/);
    const me = await fetch(`${origin}/api/session`, { headers: { Cookie: cookie.split(';')[0]! } });
    expect(await me.json()).toMatchObject({ account: { login: 'claire' } });
  });

  it('gives each role its calls: an agent works the console but cannot manage accounts; the admin can', async () => {
    const claire = await openConsole(((await (await login('claire', 'claire au standard 2026')).json()) as { token: string }).token);
    expect(claire.access).toBe('agent');
    expect(await claire.call('accounts.me')).toMatchObject({ ok: true, value: { login: 'claire', role: 'agent' } });
    expect(await claire.call('calls.recent', {})).toMatchObject({ ok: true });
    expect(await claire.call('accounts.list')).toMatchObject({ ok: false, error: { code: 'forbidden', reason: 'contract.role_refused' } });
    // The company's settings (PBX, CRM, mail, targets) are the administrator's on the server.
    expect(await claire.call('settings.update', { locale: 'en' })).toMatchObject({ ok: false, error: { code: 'forbidden', reason: 'contract.role_refused' } });
    expect(await claire.call('sync.setToken', { token: 'pat-eu1-x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    claire.close();

    const gaetan = await openConsole(((await (await login('gaetan', 'gaetan au standard 2026')).json()) as { token: string }).token);
    const list = await gaetan.call('accounts.list');
    expect((list.value as Array<{ login: string }>).map((a) => a.login)).toEqual(['bob', 'claire', 'gaetan']);
    expect(await gaetan.call('settings.update', { locale: 'fr' })).toMatchObject({ ok: true });
    gaetan.close();
  });

  it('refuses connections without a valid session', async () => {
    for (const url of [`${origin.replace('http', 'ws')}/ws`, `${origin.replace('http', 'ws')}/ws?session=forged-session-token-0000000000`, `${origin.replace('http', 'ws')}/ws?token=anything`]) {
      const ws = new WebSocket(url, { headers: { Origin: origin } });
      const status = await new Promise<number>((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)).once('open', () => resolve(101)));
      expect(status, url).toBe(401);
    }
  });

  it('refuses a wrong password, then slows the attempts (429 with Retry-After), and refuses cross-site, non-JSON and oversized requests', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await login('bob', 'mauvais mot de passe', '198.51.100.7')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    // Each failure past the third doubles the wait (1 s, 2 s, 4 s): two more, each after the wait,
    // so that the right password below meets a 4-second block even on a loaded machine.
    for (const wait of [1_100, 2_100]) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      expect((await login('bob', 'mauvais mot de passe', '198.51.100.7')).status).toBe(401);
    }
    const slowed = await login('bob', 'bob au standard 2026', '198.51.100.7');
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get('retry-after'))).toBeGreaterThan(0);
    // Bob at his own desk is not held back.
    expect((await login('bob', 'bob au standard 2026', '10.1.2.3')).status).toBe(200);

    expect((await post('/api/session', { login: 'bob', password: 'x' }, { Origin: 'http://evil.example' })).status).toBe(401);
    expect((await post('/api/session', 'login=bob&password=x', { 'Content-Type': 'application/x-www-form-urlencoded' })).status).toBe(400);
    expect((await post('/api/session', { login: 'bob', password: 'x'.repeat(20_000) })).status).toBe(413);
  });

  it('cuts a disabled person’s open console at once, and records it all in the audit log', async () => {
    const bob = await openConsole(((await (await login('bob', 'bob au standard 2026', '10.1.2.3')).json()) as { token: string }).token);
    const gaetan = await openConsole(((await (await login('gaetan', 'gaetan au standard 2026')).json()) as { token: string }).token);
    const disabledAt = Date.now();
    expect(await gaetan.call('accounts.disable', { login: 'bob' })).toMatchObject({ ok: true, value: { login: 'bob', disabled: true } });
    for (let i = 0; i < 100 && !bob.closed(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(bob.closed()).toMatchObject({ code: 4001 });
    expect(bob.closed()!.at - disabledAt).toBeLessThan(1_000);
    expect((await login('bob', 'bob au standard 2026', '10.1.2.3')).status).toBe(401);
    gaetan.close();

    const audit = accueil('audit', '--json');
    expect(audit.code, audit.err).toBe(0);
    const actions = (JSON.parse(audit.out) as Array<{ action: string; actor: string | null; target: string }>).map((e) => `${e.action} ${e.target}`);
    expect(actions).toEqual(expect.arrayContaining(['account.disabled bob', 'login.failed bob', 'login.throttled bob', 'login.succeeded claire', 'account.added gaetan']));
    // An administrative change from a console carries the address it came from.
    expect((JSON.parse(audit.out) as Array<{ action: string; ip: string | null; actor: string | null }>).find((e) => e.action === 'account.disabled')).toMatchObject({ actor: 'gaetan', ip: '127.0.0.1' });
  });

  it('lists people and refuses bad commands with a sentence', () => {
    const list = accueil('users', 'list');
    expect(list.out).toMatch(/bob\s+agent\s+Bob Durand — ligne bob — désactivé/);
    expect(list.out).toMatch(/gaetan\s+administrateur\s+Gaëtan Leroy/);
    const bad = accueil('users', 'add', 'x y', '--role', 'agent', '--name', 'X');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/Identifiant « x y » refusé/);
    const lastAdmin = accueil('users', 'disable', 'gaetan');
    expect(lastAdmin.err).toMatch(/dernier administrateur/);
  });

  it('serves its public surface on its own listener, with none of the console', async () => {
    expect(server.output()).toMatch(new RegExp(`Public : https://accueil.example.test \\(écoute http://127.0.0.1:${publicPort}\\)`));
    const health = await fetch(`http://127.0.0.1:${publicPort}/sante`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    expect((await fetch(`http://127.0.0.1:${publicPort}/`)).status).toBe(404);
    const ws = new WebSocket(`ws://127.0.0.1:${publicPort}/ws`);
    const status = await new Promise<number>((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)).once('open', () => resolve(101)).once('error', () => resolve(0)));
    expect(status).not.toBe(101);
  });

  it('keeps an agent’s line password in the secret store, read from standard input', () => {
    const set = spawnSync(process.execPath, [path.resolve(import.meta.dirname, '../../bin/accueil.mjs'), 'users', 'set-sip-password', 'claire', '--config', server.configFile], { input: 'secret-de-ligne\n', encoding: 'utf8' });
    expect(set.status, set.stderr).toBe(0);
    expect(set.stdout).toMatch(/ligne claire enregistré/);
    // In the data folder's secrets (owner-only file), never in settings nor in a log line.
    const data = path.join(server.dir, 'data');
    const secretsFile = path.join(data, 'secrets.json');
    expect(JSON.parse(fs.readFileSync(secretsFile, 'utf8'))['sip.password.claire']).toBe('secret-de-ligne');
    expect(fs.statSync(secretsFile).mode & 0o077).toBe(0);
    const logs = fs.readdirSync(path.join(data, 'logs')).map((f) => fs.readFileSync(path.join(data, 'logs', f), 'utf8')).join('');
    expect(logs + fs.readFileSync(path.join(data, 'settings.json'), 'utf8')).not.toContain('secret-de-ligne');
    expect(accueil('users', 'set-sip-password', 'gaetan').err).toMatch(/n’a pas de ligne/);
  });

  it('backs up while serving and restores into a new folder, accounts included', () => {
    const file = path.join(server.dir, 'sauvegarde.tar.gz');
    const backup = accueil('backup', '--to', file);
    expect(backup.code, backup.err).toBe(0);
    const target = path.join(server.dir, 'restored');
    const restore = spawnSync(process.execPath, [path.resolve(import.meta.dirname, '../../bin/accueil.mjs'), 'restore', '--from', file, '--data-dir', target], { encoding: 'utf8' });
    expect(restore.status, restore.stderr).toBe(0);
    const db = new BetterSqlite3(path.join(target, 'accueil.db'), { readonly: true });
    try {
      expect(db.prepare(`SELECT login FROM users ORDER BY login`).all()).toEqual([{ login: 'bob' }, { login: 'claire' }, { login: 'gaetan' }]);
    } finally {
      db.close();
    }
  });
});
