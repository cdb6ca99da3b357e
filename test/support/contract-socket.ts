/**
 * A script's or a test's console: the contract over the web host's WebSocket, as the renderer
 * speaks it (calls answered by id, events kept in order, how the socket closed).
 */
import WebSocket from 'ws';
import { waitFor } from './wait';

export interface ContractAnswer {
  ok: boolean;
  value?: unknown;
  error?: { code: string; reason?: string; message?: string };
}

export interface ContractSocket {
  /** What the server said on connecting (`hello`: the role), once open. */
  access: string | null;
  events: Array<{ name: string; payload: unknown }>;
  /** Hears each event as it arrives (timings). */
  onEvent(listener: (name: string, payload: unknown) => void): void;
  call(name: string, input?: unknown): Promise<ContractAnswer>;
  closed(): { code: number; at: number } | null;
  close(): void;
}

/** Opens `origin`'s /ws with `?session=…` (company server) or `?token=…` (standalone console). */
export async function openContractSocket(origin: string, credentials: { session: string } | { token: string }): Promise<ContractSocket> {
  const query = 'session' in credentials ? `session=${credentials.session}` : `token=${credentials.token}`;
  const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/ws?${query}`, { headers: { Origin: origin } });
  const results = new Map<number, ContractAnswer>();
  let closed: { code: number; at: number } | null = null;
  const listeners: Array<(name: string, payload: unknown) => void> = [];
  const socket: ContractSocket = {
    access: null,
    events: [],
    onEvent: (listener) => void listeners.push(listener),
    async call(name, input = {}) {
      const id = next++;
      ws.send(JSON.stringify({ t: 'call', id, name, input }));
      return waitFor(`the answer to ${name}`, () => results.get(id));
    },
    closed: () => closed,
    close: () => ws.close(),
  };
  let next = 1;
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { t: string; id?: number; result?: ContractAnswer; name?: string; payload?: unknown; access?: string };
    if (frame.t === 'hello') socket.access = frame.access ?? null;
    if (frame.t === 'event') {
      socket.events.push({ name: frame.name!, payload: frame.payload });
      for (const listener of listeners) listener(frame.name!, frame.payload);
    }
    if (frame.t === 'result') results.set(frame.id!, frame.result!);
  });
  ws.on('close', (code) => (closed = { code, at: Date.now() }));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  await waitFor('the hello frame', () => socket.access !== null);
  return socket;
}

/** Signs in on the company server and opens a console with the session. */
export async function signedInSocket(origin: string, login: string, password: string): Promise<ContractSocket> {
  const answer = await fetch(`${origin}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login, password }) });
  if (!answer.ok) throw new Error(`sign-in of ${login}: ${answer.status}`);
  const { token } = (await answer.json()) as { token: string };
  return openContractSocket(origin, { session: token });
}
