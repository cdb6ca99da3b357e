/**
 * The wallboard's token over the real WebSocket of web mode: it reads every supervision figure and
 * can call no action at all — each `write` call of the whole contract is refused, and nothing changes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { calls } from '../../electron/contract/calls';
import { startWebHost, type WebHost } from '../../electron/host/web-host';
import { createAccueil, type Accueil } from '../../electron/services/accueil';
import { createMemoryLogger } from '../../electron/services/log';

let dir: string;
let accueil: Accueil;
let host: WebHost;

type Result = { ok: boolean; value?: unknown; error?: { code: string; message: string } };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-wallboard-'));
  const staticDir = path.join(dir, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Accueil</title>');
  accueil = await createAccueil({ dataDir: path.join(dir, 'data'), mode: 'web', version: 'test', logger: createMemoryLogger(), startTelephony: false, demoContacts: 40 });
  host = await startWebHost({ dispatch: accueil.dispatch, events: accueil.events, logger: createMemoryLogger(), staticDir });
});

afterAll(async () => {
  await host?.close();
  await accueil?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function open(token: string): Promise<{ ws: WebSocket; access: string; call(name: string, input: unknown): Promise<Result> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${encodeURIComponent(token)}`);
    let nextId = 1;
    const pending = new Map<number, (r: Result) => void>();
    ws.once('error', reject);
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data));
      if (frame.t === 'hello')
        resolve({
          ws,
          access: frame.access,
          call: (name, input) =>
            new Promise<Result>((res) => {
              const id = nextId++;
              pending.set(id, res);
              ws.send(JSON.stringify({ t: 'call', id, name, input }));
            }),
        });
      else if (frame.t === 'result') pending.get(frame.id)?.(frame.result);
    });
  });
}

describe('wallboard token', () => {
  it('reads the live board, today’s figures, the 30-day trend and the forecast', async () => {
    const wall = await open(host.readOnlyToken);
    expect(wall.access).toBe('read-only');
    for (const [name, input] of [['supervision.live', {}], ['supervision.today', {}], ['supervision.trend', { days: 30 }], ['supervision.forecast', {}], ['supervision.settings', {}]] as const) {
      const result = await wall.call(name, input);
      expect(result.ok, `${name}: ${JSON.stringify(result.error)}`).toBe(true);
    }
    const trend = (await wall.call('supervision.trend', { days: 30 })).value as Array<{ inbound: number }>;
    expect(trend).toHaveLength(30);
    // The demo workspace has past calls: the wall screen has something to show.
    expect(trend.reduce((n, d) => n + d.inbound, 0)).toBeGreaterThan(0);
    wall.ws.close();
  });

  it('is refused every write call of the contract, whatever the input', async () => {
    const writes = Object.entries(calls).filter(([, spec]) => spec.access === 'write').map(([name]) => name);
    expect(writes).toContain('supervision.updateSettings');
    expect(writes.length).toBeGreaterThan(10);
    const wall = await open(host.readOnlyToken);
    for (const name of writes) {
      const result = await wall.call(name, {});
      expect(result, name).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    wall.ws.close();
  });

  it('cannot change the supervision settings, which the agent token can', async () => {
    const change = { role: 'supervisor', extensions: [{ extension: 'claire', name: 'Claire' }], queueNumber: '600', wrapUpSeconds: 20 };
    const wall = await open(host.readOnlyToken);
    expect(await wall.call('supervision.updateSettings', change)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await wall.call('supervision.settings', {})).value).toMatchObject({ role: 'agent', extensions: [], queueNumber: '' });
    const agent = await open(host.token);
    expect((await agent.call('supervision.updateSettings', change)).ok).toBe(true);
    expect((await wall.call('supervision.settings', {})).value).toMatchObject({ role: 'supervisor', queueNumber: '600' });
    wall.ws.close();
    agent.ws.close();
  });
});
