/**
 * What one WebSocket of web mode may cost the host, over real sockets on loopback: calls waiting
 * for an answer are capped (refused with an envelope beyond), a page that stops reading is cut off
 * instead of growing the host's memory, and a weak fixed token is refused at start (host and CLI).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { main } from '../../electron/cli/accueil';
import type { Dispatch } from '../../electron/contract/dispatcher';
import { MIN_TOKEN_LENGTH, startWebHost, type WebHost } from '../../electron/host/web-host';
import type { EventBus } from '../../electron/services/event-bus';
import { createMemoryLogger } from '../../electron/services/log';
import { waitFor } from '../support/wait';

let dir: string;
let staticDir: string;
const hosts: WebHost[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-host-limits-'));
  staticDir = path.join(dir, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Accueil</title>');
});

afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A dispatcher whose answers the test releases by hand. */
function heldDispatch() {
  const waiting: Array<() => void> = [];
  const dispatch = ((name: string) =>
    new Promise((resolve) => waiting.push(() => resolve({ ok: true, value: name })))) as unknown as Dispatch;
  return { dispatch, releaseAll: () => waiting.splice(0).forEach((release) => release()), count: () => waiting.length };
}

/** The bus as the host sees it, without the contract's checks on payloads (the filler below). */
function rawEvents() {
  const subscribers = new Set<(name: string, payload: unknown) => void>();
  const bus = {
    subscribe: (fn: (name: string, payload: unknown) => void) => {
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
  } as unknown as EventBus;
  return { bus, emit: (name: string, payload: unknown) => subscribers.forEach((fn) => fn(name, payload)) };
}

async function host(options: Partial<Parameters<typeof startWebHost>[0]> = {}) {
  const logger = createMemoryLogger();
  const events = rawEvents();
  const started = await startWebHost({ dispatch: heldDispatch().dispatch, events: events.bus, logger, staticDir, ...options });
  hosts.push(started);
  return { host: started, logger, events };
}

function connect(h: WebHost): Promise<{ ws: WebSocket; results: Map<number, { ok: boolean; error?: { code: string; message: string } }> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${h.port}/ws?token=${h.token}`);
    const results = new Map();
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data));
      if (frame.t === 'hello') resolve({ ws, results });
      if (frame.t === 'result') results.set(frame.id, frame.result);
    });
    ws.once('error', reject);
  });
}


describe('web host limits', () => {
  it('refuses calls beyond the in-flight cap of a socket with an error envelope, and accepts them again once answered', async () => {
    const held = heldDispatch();
    const { host: h, logger } = await host({ dispatch: held.dispatch, maxCallsInFlight: 4 });
    const client = await connect(h);
    for (let id = 1; id <= 6; id++) client.ws.send(JSON.stringify({ t: 'call', id, name: 'app.info', input: {} }));

    await waitFor('the refusals', () => client.results.size === 2);
    expect(held.count()).toBe(4);
    for (const id of [5, 6]) {
      expect(client.results.get(id)).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/Trop d’appels en attente/) } });
    }
    expect(logger.lines.filter((l) => l['msg'] === 'web socket call refused: too many in flight')).toHaveLength(2);

    // Another socket has its own allowance.
    const other = await connect(h);
    other.ws.send(JSON.stringify({ t: 'call', id: 1, name: 'app.info', input: {} }));
    await waitFor('the other socket’s call to reach the services', () => held.count() === 5);

    held.releaseAll();
    await waitFor('the held answers', () => client.results.size === 6);
    expect(client.results.get(1)).toEqual({ ok: true, value: 'app.info' });
    client.ws.send(JSON.stringify({ t: 'call', id: 7, name: 'app.info', input: {} }));
    await waitFor('a call accepted again', () => held.count() === 1);
    held.releaseAll();
    await waitFor('its answer', () => client.results.get(7)?.ok === true);
    client.ws.close();
    other.ws.close();
  });

  it('disconnects a page that stops reading instead of buffering for it, and keeps serving the others', async () => {
    const { host: h, logger, events } = await host({ maxBufferedBytes: 256 * 1024 });
    const stalled = await connect(h);
    const reading = await connect(h);
    let readingEvents = 0;
    reading.ws.on('message', () => readingEvents++);
    // The stalled page's process stops reading its socket: the kernel buffers fill, then the host's.
    (stalled.ws as unknown as { _socket: { pause(): void } })._socket.pause();

    const big = 'x'.repeat(100_000);
    let sent = 0;
    // Up to far more than loopback's socket buffers hold, in slices under the limit that the reading
    // page reads before the next one: only the stalled page can fall behind.
    while (!logger.lines.some((l) => l['msg'] === 'web socket not reading: disconnected') && sent < 2_000) {
      for (let n = 0; n < 2; n++) events.emit('directory.changed', { filler: big });
      sent += 2;
      await waitFor('the reading page to keep up', () => readingEvents >= sent);
    }
    const cut = logger.lines.find((l) => l['msg'] === 'web socket not reading: disconnected');
    expect(cut, `no disconnection after ${sent} events of 100 kB`).toBeDefined();
    expect(cut!['bufferedBytes'] as number).toBeLessThanOrEqual(256 * 1024);
    expect(logger.lines.filter((l) => l['msg'] === 'web socket not reading: disconnected')).toHaveLength(1);

    // The page that reads is still served.
    events.emit('directory.changed', { filler: 'after' });
    await waitFor('the reading page to get the next event', () => readingEvents > sent);
    const closed = new Promise<void>((resolve) => stalled.ws.once('close', () => resolve()));
    (stalled.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    await closed;
    reading.ws.close();
  });

  it(`refuses a fixed token shorter than ${MIN_TOKEN_LENGTH} characters at start, and accepts a long one`, async () => {
    await expect(host({ token: 'secret123' })).rejects.toThrow(/ACCUEIL_WEB_TOKEN est trop court \(9 caractères\) : il en faut au moins 24/);
    const { host: h } = await host({ token: 'k'.repeat(MIN_TOKEN_LENGTH) });
    expect(h.url).toMatch(new RegExp(`#token=k{${MIN_TOKEN_LENGTH}}$`));
  });

  it('`accueil serve` with a short ACCUEIL_WEB_TOKEN exits 1 with the reason, before opening anything', async () => {
    const dataDir = path.join(dir, 'data');
    const stderr: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
    vi.stubEnv('ACCUEIL_WEB_TOKEN', 'motdepasse');
    try {
      expect(await main(['serve', '--data-dir', dataDir])).toBe(1);
    } finally {
      spy.mockRestore();
      vi.unstubAllEnvs();
    }
    expect(stderr.join('')).toMatch(/accueil : ACCUEIL_WEB_TOKEN est trop court \(10 caractères\)/);
    expect(fs.existsSync(dataDir)).toBe(false);
  }, 20_000);
});
