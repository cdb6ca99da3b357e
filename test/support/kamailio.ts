/**
 * A real Kamailio registrar/proxy on loopback for integration and end-to-end tests.
 *
 * It listens on UDP (for sipp callers) and on TCP for SIP over WebSocket (for sip.js), on free ports,
 * with its config written to a temp dir. `restart()` stops it and starts it again on the same ports,
 * which is how tests play "the PBX went away and came back". Stop it in `afterAll`; a process 'exit'
 * hook also kills any instance a crashed test left behind, so no Kamailio outlives the test run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports';

const KAMAILIO = '/usr/sbin/kamailio';
const TEMPLATE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'kamailio', 'registrar.cfg');
const DBTEXT_SEED = '/usr/share/kamailio/dbtext/kamailio';
const MAX_LOG_CHARS = 2_000_000;

export interface KamailioOptions {
  /** Dialog + presence modules: Kamailio publishes RFC 4235 dialog events (BLF) to SUBSCRIBErs. */
  presence?: boolean;
  /** Digest authentication on REGISTER for this one user; a wrong password gets 403. */
  auth?: { user: string; password: string };
  /** Kamailio's `debug` level override (2 is the config's default; 3 logs every message). */
  debugLevel?: number;
}

export interface KamailioServer {
  udpPort: number;
  wsPort: number;
  /** ws://127.0.0.1:<wsPort> for sip.js. */
  wsUrl: string;
  domain: '127.0.0.1';
  /** Stop, then start again on the same ports (registrations are lost: usrloc is in memory). */
  restart(): Promise<void>;
  /** Idempotent. Removes the temp dir. */
  stop(): Promise<void>;
  /** stdout + stderr of every run so far, for failure messages. */
  logs(): string;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) killGroup(child, 'SIGKILL');
  });
}

/** Kamailio forks its workers into the group we created (detached): signal the whole group. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

export async function startKamailio(options: KamailioOptions = {}): Promise<KamailioServer> {
  if (!fs.existsSync(KAMAILIO)) throw new Error(`${KAMAILIO} not found: install the kamailio package`);
  installExitHook();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-kamailio-'));
  const cfg = path.join(dir, 'kamailio.cfg');
  fs.copyFileSync(TEMPLATE, cfg);
  const udpPort = await freePort('udp');
  const wsPort = await freePort('tcp');
  const args = ['-f', cfg, '-P', path.join(dir, 'kamailio.pid'), '-E', '-DD', '-m', '48', '-M', '8'];
  args.push('-A', `UDP_PORT=${udpPort}`, '-A', `WS_PORT=${wsPort}`);
  if (options.debugLevel !== undefined) args.push(`--debug=${options.debugLevel}`);
  if (options.auth) {
    args.push('-A', 'WITH_AUTH', '-A', `AUTH_USER=${quoteDefine(options.auth.user)}`);
    args.push('-A', `AUTH_PASSWORD=${quoteDefine(options.auth.password)}`);
  }
  if (options.presence) {
    const db = path.join(dir, 'db');
    fs.cpSync(DBTEXT_SEED, db, { recursive: true });
    args.push('-A', 'WITH_PRESENCE', '-A', `PRESENCE_URI="sip:127.0.0.1:${udpPort}"`, '-A', `DB_URL="text://${db}"`);
  }

  let log = '';
  const append = (chunk: Buffer) => {
    log += chunk.toString('utf8');
    if (log.length > MAX_LOG_CHARS) log = log.slice(-MAX_LOG_CHARS);
  };
  let child: ChildProcess | null = null;
  let stopped = false;

  const launch = async () => {
    const proc = spawn(KAMAILIO, args, { cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    running.add(proc);
    proc.stdout?.on('data', append);
    proc.stderr?.on('data', append);
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    proc.once('exit', () => running.delete(proc));
    const ready = waitUntilListening(udpPort, wsPort, 10_000);
    const outcome = await Promise.race([ready.then(() => 'ready' as const), exited.then((code) => code)]);
    if (outcome !== 'ready') {
      throw new Error(`kamailio exited with code ${String(outcome)} before listening:\n${log.slice(-4000)}`);
    }
  };

  const halt = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    killGroup(proc, 'SIGTERM');
    const timer = setTimeout(() => killGroup(proc, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    // Workers may outlive the main process by a few ms; make sure the group is gone.
    killGroup(proc, 'SIGKILL');
  };

  try {
    await launch();
  } catch (error) {
    await halt();
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    udpPort,
    wsPort,
    wsUrl: `ws://127.0.0.1:${wsPort}`,
    domain: '127.0.0.1',
    async restart() {
      if (stopped) throw new Error('kamailio was stopped');
      await halt();
      // A restarted PBX starts with no presence state (db_text tables as seeded): what it wrote at
      // shutdown is not always readable back, and a real restart loses in-memory subscriptions anyway.
      if (options.presence) {
        const db = path.join(dir, 'db');
        fs.rmSync(db, { recursive: true, force: true });
        fs.cpSync(DBTEXT_SEED, db, { recursive: true });
      }
      await launch();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await halt();
      fs.rmSync(dir, { recursive: true, force: true });
    },
    logs: () => log,
  };
}

/** `-A NAME="value"`: Kamailio's preprocessor needs the quotes to make it a string. */
function quoteDefine(value: string): string {
  if (/["\\\r\n]/.test(value)) throw new Error('Test credentials must not contain quotes, backslashes or newlines');
  return `"${value}"`;
}

async function waitUntilListening(udpPort: number, wsPort: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await tcpAccepts(wsPort)) && (await answersSipOverUdp(udpPort))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`kamailio did not listen on udp ${udpPort} / tcp ${wsPort} within ${timeoutMs} ms`);
}

function tcpAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Any SIP response to an OPTIONS means the UDP workers are up. */
function answersSipOverUdp(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 300);
    socket.once('error', () => done(false));
    socket.once('message', (msg) => done(msg.toString('latin1').startsWith('SIP/2.0 ')));
    socket.bind({ address: '127.0.0.1', port: 0 }, () => {
      const local = socket.address().port;
      const branch = `z9hG4bK${Math.random().toString(36).slice(2)}`;
      const options = [
        `OPTIONS sip:127.0.0.1:${port} SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${local};branch=${branch};rport`,
        'Max-Forwards: 70',
        `From: <sip:probe@127.0.0.1>;tag=${branch.slice(7)}`,
        `To: <sip:127.0.0.1:${port}>`,
        `Call-ID: probe-${branch}`,
        'CSeq: 1 OPTIONS',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n');
      socket.send(options, port, '127.0.0.1');
    });
  });
}
