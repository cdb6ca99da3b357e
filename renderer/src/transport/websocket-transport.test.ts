import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, WebSocket, type WebSocket as ServerSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { createContractClient, ContractCallError } from '../contract';
import http from 'node:http';
import { WebSocketTransport, TransportError, backoffDelay, linkCheckOverHttp, socketUrl, tokenFromHash, type SocketLike } from './websocket-transport';
import type { LinkStatus } from './transport-status';

interface Harness {
  wss: WebSocketServer;
  port: number;
  sockets: ServerSocket[];
  received: unknown[];
  close(): Promise<void>;
}

async function startServer(port = 0, onCall?: (ws: ServerSocket, frame: { id: number; name: string; input: unknown }) => void): Promise<Harness> {
  const wss = new WebSocketServer({ port, host: '127.0.0.1' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const harness: Harness = {
    wss,
    port: (wss.address() as AddressInfo).port,
    sockets: [],
    received: [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of harness.sockets) s.terminate();
        wss.close(() => resolve());
      }),
  };
  wss.on('connection', (ws, req) => {
    harness.sockets.push(ws);
    const token = new URL(req.url ?? '/', 'http://x').searchParams.get('token');
    ws.send(JSON.stringify({ t: 'hello', access: token === 'ro' ? 'read-only' : 'agent' }));
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { id: number; name: string; input: unknown };
      harness.received.push(frame);
      if (onCall) onCall(ws, frame);
      else ws.send(JSON.stringify({ t: 'result', id: frame.id, result: { ok: true, value: { echo: frame.name, input: frame.input } } }));
    });
  });
  return harness;
}

function waitFor(transport: WebSocketTransport, predicate: (s: LinkStatus) => boolean, timeoutMs = 3000): Promise<LinkStatus> {
  return new Promise((resolve, reject) => {
    if (predicate(transport.status())) return resolve(transport.status());
    const timer = setTimeout(() => {
      off();
      reject(new Error(`status not reached; last: ${JSON.stringify(transport.status())}`));
    }, timeoutMs);
    const off = transport.onStatus((s) => {
      if (predicate(s)) {
        clearTimeout(timer);
        off();
        resolve(s);
      }
    });
  });
}

const nodeSocket = (url: string) => new WebSocket(url) as unknown as SocketLike;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

function makeTransport(port: number, token = 'secret', extra: Partial<ConstructorParameters<typeof WebSocketTransport>[0]> = {}) {
  const transport = new WebSocketTransport({
    url: `ws://127.0.0.1:${port}/ws?token=${token}`,
    createSocket: nodeSocket,
    initialDelayMs: 20,
    maxDelayMs: 100,
    jitter: 0,
    ...extra,
  }).start();
  cleanups.push(() => transport.stop());
  return transport;
}

describe('WebSocketTransport', () => {
  it('becomes up on the server hello and reports the access it grants', async () => {
    const server = await startServer();
    cleanups.push(() => server.close());
    const agent = makeTransport(server.port);
    expect((await waitFor(agent, (s) => s.state === 'up')).access).toBe('agent');
    const wallboard = makeTransport(server.port, 'ro');
    expect((await waitFor(wallboard, (s) => s.state === 'up')).access).toBe('read-only');
  });

  it('sends call frames with increasing ids and resolves each with its own envelope', async () => {
    const server = await startServer();
    cleanups.push(() => server.close());
    const transport = makeTransport(server.port);
    await waitFor(transport, (s) => s.state === 'up');
    const [a, b] = await Promise.all([transport.invoke('app.info', {}), transport.invoke('calls.recent', { limit: 5 })]);
    expect(a).toEqual({ ok: true, value: { echo: 'app.info', input: {} } });
    expect(b).toEqual({ ok: true, value: { echo: 'calls.recent', input: { limit: 5 } } });
    expect(server.received).toEqual([
      { t: 'call', id: 1, name: 'app.info', input: {} },
      { t: 'call', id: 2, name: 'calls.recent', input: { limit: 5 } },
    ]);
  });

  it('turns an error envelope into a ContractCallError through the contract client', async () => {
    const server = await startServer(0, (ws, frame) =>
      ws.send(JSON.stringify({ t: 'result', id: frame.id, result: { ok: false, error: { code: 'forbidden', message: 'Cet accès est en lecture seule.' } } })),
    );
    cleanups.push(() => server.close());
    const transport = makeTransport(server.port);
    await waitFor(transport, (s) => s.state === 'up');
    const client = createContractClient(transport);
    await expect(client.invoke('telephony.reconnect', {})).rejects.toMatchObject({ code: 'forbidden', message: 'Cet accès est en lecture seule.' });
  });

  it('delivers events to every listener and stops after unsubscribe', async () => {
    const server = await startServer();
    cleanups.push(() => server.close());
    const transport = makeTransport(server.port);
    await waitFor(transport, (s) => s.state === 'up');
    const seen: unknown[] = [];
    const off = transport.on('telephony.status', (p) => seen.push(p));
    transport.on('call.updated', () => seen.push('other'));
    server.sockets[0]!.send(JSON.stringify({ t: 'event', name: 'telephony.status', payload: { state: 'registered' } }));
    server.sockets[0]!.send('not json at all');
    server.sockets[0]!.send(JSON.stringify({ t: 'event', name: 'telephony.status', payload: { state: 'failed' } }));
    await new Promise((r) => setTimeout(r, 50));
    off();
    server.sockets[0]!.send(JSON.stringify({ t: 'event', name: 'telephony.status', payload: { state: 'connecting' } }));
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual([{ state: 'registered' }, { state: 'failed' }]);
  });

  it('rejects calls in flight with a clear error when the socket drops, then reconnects and keeps listeners', async () => {
    const server = await startServer(0, () => {
      /* never answers */
    });
    cleanups.push(() => server.close());
    const transport = makeTransport(server.port);
    await waitFor(transport, (s) => s.state === 'up');
    const seen: unknown[] = [];
    transport.on('call.incoming', (p) => seen.push(p));
    const inFlight = transport.invoke('calls.active', {});
    await new Promise((r) => setTimeout(r, 20));
    server.sockets[0]!.terminate();
    const error = await inFlight.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toBeInstanceOf(ContractCallError);
    expect((error as TransportError).failure).toBe('disconnected');
    expect((error as TransportError).code).toBe('unavailable');
    expect((error as TransportError).message).toMatch(/connexion/i);

    await waitFor(transport, (s) => s.state === 'up' && server.sockets.length === 2);
    server.sockets[1]!.send(JSON.stringify({ t: 'event', name: 'call.incoming', payload: { n: 1 } }));
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual([{ n: 1 }]);
  });

  it('refuses calls immediately while not connected instead of hanging', async () => {
    const transport = makeTransport(1, 'secret'); // nothing listens on port 1
    await expect(transport.invoke('app.info', {})).rejects.toMatchObject({ failure: 'not_connected', code: 'unavailable' });
  });

  it('keeps retrying with backoff while the host is down and comes back when it restarts', async () => {
    const first = await startServer();
    const port = first.port;
    const transport = makeTransport(port);
    await waitFor(transport, (s) => s.state === 'up');
    await first.close();
    const down = await waitFor(transport, (s) => s.state === 'down');
    expect(down.retryAt).not.toBeNull();
    await waitFor(transport, (s) => s.failedAttempts >= 2);
    const second = await startServer(port);
    cleanups.push(() => second.close());
    const up = await waitFor(transport, (s) => s.state === 'up');
    expect(up.failedAttempts).toBe(0);
    expect(up.everConnected).toBe(true);
    await expect(transport.invoke('app.info', {})).resolves.toMatchObject({ ok: true });
  });

  it('stops retrying and says the link is refused when the host answers that the token is not its own', async () => {
    // As `accueil serve` restarted with a new token: the upgrade is refused (401), the check says so.
    let upgrades = 0;
    const server = http.createServer((req, res) => {
      const token = new URL(req.url ?? '/', 'http://x').searchParams.get('token');
      res.writeHead(req.url?.startsWith('/api/link') && token === 'current' ? 204 : 401).end();
    });
    server.on('upgrade', (_req, socket) => {
      upgrades++;
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const port = (server.address() as AddressInfo).port;
    let refused = 0;
    const transport = makeTransport(port, 'stale', {
      checkLink: linkCheckOverHttp(`http://127.0.0.1:${port}/api/link?token=stale`),
      onLinkRefused: () => refused++,
    });
    await expect.poll(() => refused, { timeout: 3000 }).toBe(1);
    expect(transport.status()).toMatchObject({ state: 'down', retryAt: null, everConnected: false });
    const attempts = upgrades;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(upgrades).toBe(attempts);
    expect(refused).toBe(1);
    await expect(linkCheckOverHttp(`http://127.0.0.1:${port}/api/link?token=current`)()).resolves.toBe('accepted');
  });

  it('an open console whose host restarts with another token stops at the first refused reconnect', async () => {
    // The real case: the page was up, `accueil serve` restarted on the same port with a new token.
    const first = await startServer();
    const port = first.port;
    let refused = 0;
    const transport = makeTransport(port, 'old', { checkLink: linkCheckOverHttp(`http://127.0.0.1:${port}/api/link?token=old`), onLinkRefused: () => refused++ });
    await waitFor(transport, (s) => s.state === 'up');
    await first.close();
    const restarted = http.createServer((_req, res) => res.writeHead(401).end());
    restarted.on('upgrade', (_req, socket) => socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'));
    await new Promise<void>((resolve) => restarted.listen(port, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => restarted.close(() => resolve())));
    await expect.poll(() => refused, { timeout: 3000 }).toBe(1);
    expect(transport.status()).toMatchObject({ state: 'down', retryAt: null, everConnected: true });
  });

  it('keeps retrying while the host does not answer the link check (it is down, not refusing)', async () => {
    let refused = 0;
    const transport = makeTransport(1, 'secret', { checkLink: linkCheckOverHttp('http://127.0.0.1:1/api/link?token=secret'), onLinkRefused: () => refused++ });
    const later = await waitFor(transport, (s) => s.failedAttempts >= 3);
    expect(later.state).not.toBe('up');
    expect(refused).toBe(0);
  });

  it('fails a call with timeout when no answer comes', async () => {
    const server = await startServer(0, () => {});
    cleanups.push(() => server.close());
    const transport = makeTransport(server.port, 'secret', { callTimeoutMs: 50 });
    await waitFor(transport, (s) => s.state === 'up');
    await expect(transport.invoke('app.info', {})).rejects.toMatchObject({ failure: 'timeout' });
  });

  it('treats a result that is not an envelope as an internal error', async () => {
    const server = await startServer(0, (ws, frame) => ws.send(JSON.stringify({ t: 'result', id: frame.id, result: 42 })));
    cleanups.push(() => server.close());
    const transport = makeTransport(server.port);
    await waitFor(transport, (s) => s.state === 'up');
    await expect(transport.invoke('app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('backoffDelay', () => {
  it('doubles from the initial delay and stops at the cap', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 30].map((n) => backoffDelay(n, 500, 10_000, 0.2, mid))).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
  });
  it('spreads by the jitter fraction', () => {
    expect(backoffDelay(0, 1000, 10_000, 0.2, () => 0)).toBe(800);
    expect(backoffDelay(0, 1000, 10_000, 0.2, () => 1)).toBe(1200);
  });
});

describe('URL helpers', () => {
  it('reads the token from the hash, not the query', () => {
    expect(tokenFromHash('#token=abc-DEF_12')).toBe('abc-DEF_12');
    expect(tokenFromHash('#foo=1&token=x%2By')).toBe('x+y');
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#token=')).toBeNull();
  });
  it('builds the socket URL on the page host with the token encoded', () => {
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:4173' }, '/ws', 'a+b/c')).toBe('ws://127.0.0.1:4173/ws?token=a%2Bb%2Fc');
  });
});
