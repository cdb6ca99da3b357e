/**
 * Web mode's security and transport, over real HTTP and WebSocket on loopback, with the real
 * services on a real SQLite file.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebHost, type WebHost } from '../../electron/host/web-host';
import { createAccueil, type Accueil } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';

let dir: string;
let staticDir: string;
let accueil: Accueil;
let host: WebHost;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-host-'));
  staticDir = path.join(dir, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Accueil</title>');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'do not serve me');
  accueil = await createAccueil({ dataDir: path.join(dir, 'data'), mode: 'web', version: 'test', logger: createMemoryLogger(), startTelephony: false, demoContacts: 20 });
  host = await startWebHost({ dispatch: accueil.dispatch, events: accueil.events, logger: createMemoryLogger(), staticDir });
});

afterAll(async () => {
  await host?.close();
  await accueil?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Opened {
  ws: WebSocket;
  hello: { t: string; access: string };
  call(name: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
}

function open(token: string, headers: Record<string, string> = {}): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${encodeURIComponent(token)}`, { headers });
    let nextId = 1;
    const pending = new Map<number, (r: never) => void>();
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data));
      if (frame.t === 'hello') {
        resolve({
          ws,
          hello: frame,
          call: (name, input) =>
            new Promise((res) => {
              const id = nextId++;
              pending.set(id, res as never);
              ws.send(JSON.stringify({ t: 'call', id, name, input }));
            }),
        });
      } else if (frame.t === 'result') {
        pending.get(frame.id)?.(frame.result as never);
      }
    });
  });
}

describe('web mode host', () => {
  it('refuses a socket without the token', async () => {
    await expect(open('')).rejects.toThrow('HTTP 401');
  });

  it('refuses a socket with a wrong token of the right length', async () => {
    const wrong = host.token.replace(/./, (c) => (c === 'a' ? 'b' : 'a'));
    await expect(open(wrong)).rejects.toThrow('HTTP 401');
  });

  it('tells a page, over plain HTTP, whether its token would open the socket: a stale link is told from a host that is down', async () => {
    const check = (token: string) => fetch(`http://127.0.0.1:${host.port}/api/link?token=${encodeURIComponent(token)}`);
    expect((await check(host.token)).status).toBe(204);
    expect((await check(host.readOnlyToken)).status).toBe(204);
    const stale = await check(host.token.replace(/./, (c) => (c === 'a' ? 'b' : 'a')));
    expect(stale.status).toBe(401);
    expect(stale.headers.get('cache-control')).toBe('no-store');
    expect(await stale.text()).toBe('');
    expect((await check('')).status).toBe(401);
  });

  it('refuses a socket opened by a page from another origin, even with the token', async () => {
    await expect(open(host.token, { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
  });

  it('refuses a request for another host name (DNS rebinding)', async () => {
    await expect(open(host.token, { Host: `attacker.example:${host.port}` })).rejects.toThrow('HTTP 421');
    // fetch() drops a Host header; a raw request sends it as a rebinding page's browser would.
    const status = await new Promise<number | undefined>((resolve, reject) =>
      http.get({ host: '127.0.0.1', port: host.port, path: '/', headers: { Host: 'attacker.example' } }, (res) => resolve(res.statusCode)).on('error', reject),
    );
    expect(status).toBe(421);
  });

  it('answers contract calls over the socket with the page origin', async () => {
    const client = await open(host.token, { Origin: `http://127.0.0.1:${host.port}` });
    expect(client.hello.access).toBe('agent');
    const info = await client.call('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { mode: 'web', workspace: 'demo', access: 'agent' } });
    const bad = await client.call('directory.search', { query: 5 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const unknown = await client.call('fs.readFile', { path: '/etc/passwd' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    client.ws.close();
  });

  it('lets the wallboard token read but never act', async () => {
    const wall = await open(host.readOnlyToken);
    expect(wall.hello.access).toBe('read-only');
    expect((await wall.call('calls.recent', {})).ok).toBe(true);
    const write = await wall.call('settings.update', { locale: 'en' });
    expect(write).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const settings = await wall.call('settings.get', {});
    expect(settings).toMatchObject({ ok: true, value: { locale: 'fr' } });
    wall.ws.close();
  });

  it('closes a socket that sends garbage and keeps serving the others', async () => {
    const a = await open(host.token);
    const closed = new Promise<number>((resolve) => a.ws.once('close', (code) => resolve(code)));
    a.ws.send('{not json');
    expect(await closed).toBe(1007);
    const b = await open(host.token);
    expect((await b.call('telephony.status', {})).ok).toBe(true);
    b.ws.close();
  });

  it('pushes events to connected pages', async () => {
    const client = await open(host.token);
    const event = new Promise<{ name: string; payload: { locale: string } }>((resolve) =>
      client.ws.on('message', (data) => {
        const frame = JSON.parse(String(data));
        if (frame.t === 'event' && frame.name === 'settings.changed') resolve(frame);
      }),
    );
    await client.call('settings.update', { locale: 'en' });
    expect((await event).payload.locale).toBe('en');
    await client.call('settings.update', { locale: 'fr' });
    client.ws.close();
  });

  it('sends the read-only wall screen no pop, no call and no settings change, only the events it shows', async () => {
    const agent = await open(host.token);
    const wall = await open(host.readOnlyToken);
    const seen = (ws: WebSocket) => {
      const names: string[] = [];
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data));
        if (frame.t === 'event') names.push(frame.name);
      });
      return names;
    };
    const agentSaw = seen(agent.ws);
    const wallSaw = seen(wall.ws);
    // A call rings through the journal (« Simuler un appel »), a setting changes, the line reports.
    expect((await agent.call('demo.simulateCall', { number: '06 12 34 56 78', outcome: 'missed' })).ok).toBe(true);
    await agent.call('settings.update', { locale: 'en' });
    await agent.call('settings.update', { locale: 'fr' });
    accueil.events.emit('telephony.status', accueil.telephonyStatus());
    const deadline = Date.now() + 5_000;
    while (!agentSaw.includes('telephony.status') || !wallSaw.includes('telephony.status')) {
      if (Date.now() > deadline) throw new Error(`events not received: agent ${agentSaw.join(',')} wall ${wallSaw.join(',')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(agentSaw).toEqual(expect.arrayContaining(['call.incoming', 'settings.changed', 'telephony.status']));
    // The wall screen hears that the figures moved, never who called.
    expect([...new Set(wallSaw)].sort()).toEqual(['supervision.figuresChanged', 'telephony.status']);
    agent.ws.close();
    wall.ws.close();
  });

  it('serves the interface with security headers and nothing outside its folder', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    for (const probe of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const r = await fetch(`http://127.0.0.1:${host.port}${probe}`);
      expect(r.status, probe).toBe(404);
      expect(await r.text()).not.toContain('do not serve me');
    }
  });

  it('binds to loopback only', () => {
    expect(host.url.startsWith('http://127.0.0.1:')).toBe(true);
  });
});
