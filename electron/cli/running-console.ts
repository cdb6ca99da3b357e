/**
 * How a one-shot command reaches the console `accueil serve` runs on the same data folder: serve
 * writes `console.json` (address and agent token, readable by its owner only — the folder already
 * holds the secrets) and removes it when it stops; `accueil simulate-call` reads it and makes one
 * contract call over the same WebSocket the browser uses.
 */
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { WS_PATH } from '../contract/wire-constants';
import type { Envelope } from '../contract/envelope';
import type { CallInput, CallName, CallOutput } from '../contract/calls';

export const CONSOLE_FILE = 'console.json';

interface ConsoleAddress {
  origin: string;
  token: string;
  pid: number;
}

export function writeConsoleAddress(dataDir: string, address: ConsoleAddress): () => void {
  const file = path.join(dataDir, CONSOLE_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(address), { mode: 0o600 });
  fs.renameSync(temp, file);
  return () => {
    try {
      // Only our own: a second console started on the folder since then owns the file now.
      const current = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ConsoleAddress>;
      if (current.pid === address.pid) fs.rmSync(file, { force: true });
    } catch {
      // Already gone.
    }
  };
}

export class NoRunningConsoleError extends Error {}

function readConsoleAddress(dataDir: string): ConsoleAddress {
  const file = path.join(dataDir, CONSOLE_FILE);
  let parsed: Partial<ConsoleAddress>;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ConsoleAddress>;
  } catch {
    throw new NoRunningConsoleError(`aucune console Accueil n'est lancée sur ${dataDir} : démarrez-la avec « accueil serve --data-dir ${dataDir} »`);
  }
  if (typeof parsed.origin !== 'string' || !/^http:\/\/(?:127\.\d+\.\d+\.\d+|\[::1\]|localhost):\d+$/.test(parsed.origin) || typeof parsed.token !== 'string') {
    throw new NoRunningConsoleError(`${file} est illisible : relancez « accueil serve »`);
  }
  return { origin: parsed.origin, token: parsed.token, pid: Number(parsed.pid) };
}

/** One call to the running console, as the agent; rejects with the service's own message. */
export async function callRunningConsole<N extends CallName>(dataDir: string, name: N, input: CallInput<N>, timeoutMs = 10_000): Promise<CallOutput<N>> {
  const address = readConsoleAddress(dataDir);
  const url = `${address.origin.replace(/^http/, 'ws')}${WS_PATH}?token=${encodeURIComponent(address.token)}`;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`la console (${address.origin}) n'a pas répondu en ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const done = (fn: () => void) => {
      clearTimeout(timer);
      ws.close();
      fn();
    };
    ws.on('open', () => ws.send(JSON.stringify({ t: 'call', id: 1, name, input })));
    ws.on('message', (data) => {
      let frame: { t?: string; id?: number; result?: Envelope<unknown> };
      try {
        frame = JSON.parse(String(data)) as typeof frame;
      } catch {
        return;
      }
      if (frame.t !== 'result' || frame.id !== 1 || !frame.result) return;
      const envelope = frame.result;
      if (envelope.ok) done(() => resolve(envelope.value as CallOutput<N>));
      else done(() => reject(new Error(envelope.error.message)));
    });
    ws.on('unexpected-response', (_req, res) => {
      done(() => reject(new NoRunningConsoleError(`la console a refusé la connexion (${res.statusCode}) : relancez « accueil serve »`)));
    });
    ws.on('error', (error: NodeJS.ErrnoException) => {
      const gone = error.code === 'ECONNREFUSED';
      done(() => reject(gone ? new NoRunningConsoleError(`aucune console Accueil ne répond sur ${address.origin} : démarrez-la avec « accueil serve --data-dir ${dataDir} »`) : error));
    });
  });
}
