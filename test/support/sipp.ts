/**
 * Real SIP callers and devices for tests, played by sipp against the test Kamailio (UDP).
 *
 * Each call gets its own copy of a scenario from test/support/sipp/*.xml in a temp dir. Header values
 * (From, P-Asserted-Identity, hostile text…) never enter the XML: they travel as `-key` values that sipp
 * substitutes when it builds the message, so quotes, `<`, `]]>` or `[brackets]` in a display name
 * reach the wire exactly as written. Only CR and LF are refused (they would split the header).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports';

const SIPP = '/usr/bin/sipp';
const SCENARIOS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sipp');

export type SippScenario =
  /** Ring until 180, hold `holdMs`, CANCEL (optionally with `cancelReason`): the caller gave up. */
  | 'ring-then-cancel'
  /** Same, with `Reason: SIP;cause=200;text="Call completed elsewhere"` on the CANCEL. */
  | 'ring-then-cancel-elsewhere'
  /** Ring until a device answers (200 OK), talk `holdMs`, BYE. Fails if nobody answers. */
  | 'ring-until-answered'
  /** ring-then-cancel with the From value taken verbatim from `rawFrom` (required). */
  | 'raw';

export const CANCEL_REASON_ELSEWHERE = 'SIP;cause=200;text="Call completed elsewhere"';

export interface SippTarget {
  udpPort: number;
}

export interface PlaceCallOptions {
  kamailio: SippTarget;
  /** The called user (AOR user at the registrar). */
  to: string;
  /** The caller's number, the From user part. */
  from: string;
  /** From display name; quoted and escaped (RFC 3261 quoted-string) by this helper. */
  displayName?: string;
  /** Whole P-Asserted-Identity value, sent as is. */
  pai?: string;
  /** Privacy header value (e.g. 'id'). */
  privacy?: string;
  scenario: SippScenario;
  /** How long the ring (or the answered call) lasts before the caller acts. Default 300 ms. */
  holdMs?: number;
  /** Whole From value as sent, replacing from/displayName; `;tag=` is appended when absent. */
  rawFrom?: string;
  /** Extra header lines, each `Name: value`, sent as is on the INVITE. */
  rawHeaders?: string | string[];
  /** Reason header value on the CANCEL (ring-then-cancel and raw). */
  cancelReason?: string;
  /** Kill sipp after this long. Default 20 s. */
  timeoutMs?: number;
  /** Place many calls in one sipp run (benchmarks): `count` calls at `perSecond`, at most `concurrent` at once. */
  repeat?: { count: number; perSecond: number; concurrent?: number };
  /** Write sipp's short message log (one CSV line per message, epoch send time in µs) to this file. */
  messageTimesFile?: string;
}

export interface SippResult {
  /** sipp's exit code: 0 when the scenario ran to its end; null if killed. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** sipp's error log, when it wrote one (unexpected messages, timeouts). */
  errors: string;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) {
      if (child.pid !== undefined) {
        try {
          process.kill(child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    }
  });
}

/** Quote a display name as an RFC 3261 quoted-string: backslash-escape `"` and `\`. */
export function quoteDisplayName(name: string): string {
  return `"${name.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function refuseLineBreaks(label: string, value: string): string {
  if (/[\r\n]/.test(value)) throw new Error(`${label} must not contain CR or LF (it would split the SIP header)`);
  return value;
}

function withTag(from: string): string {
  return /;\s*tag=/i.test(from) ? from : `${from};tag=sipp${Math.random().toString(36).slice(2, 10)}`;
}

/** Place one call and resolve when sipp exits (it never rejects for a failed scenario: check `code`). */
export async function placeCall(options: PlaceCallOptions): Promise<SippResult> {
  const holdMs = options.holdMs ?? 300;
  let fromValue: string;
  if (options.scenario === 'raw' || options.rawFrom !== undefined) {
    if (options.rawFrom === undefined) throw new Error("scenario 'raw' needs rawFrom");
    fromValue = withTag(refuseLineBreaks('rawFrom', options.rawFrom));
  } else {
    const name = options.displayName !== undefined ? `${quoteDisplayName(refuseLineBreaks('displayName', options.displayName))} ` : '';
    fromValue = withTag(`${name}<sip:${options.from}@127.0.0.1>`);
  }

  const headers: string[] = [];
  if (options.pai !== undefined) headers.push(`P-Asserted-Identity: ${options.pai}`);
  if (options.privacy !== undefined) headers.push(`Privacy: ${options.privacy}`);
  const raw = options.rawHeaders === undefined ? [] : Array.isArray(options.rawHeaders) ? options.rawHeaders : [options.rawHeaders];
  headers.push(...raw);
  headers.forEach((h, i) => refuseLineBreaks(`header ${i}`, h));

  const cancelReason =
    options.scenario === 'ring-then-cancel-elsewhere' ? CANCEL_REASON_ELSEWHERE : options.cancelReason;
  const keys: Record<string, string> = { from_hdr: fromValue };
  headers.forEach((h, i) => (keys[`hdr${i}`] = h));
  if (cancelReason !== undefined) keys.cancel_reason = `Reason: ${refuseLineBreaks('cancelReason', cancelReason)}`;

  const template = options.scenario === 'ring-until-answered' ? 'uac-ring-until-answered.xml' : 'uac-ring-cancel.xml';
  const xml = fillTemplate(template, {
    EXTRA_HEADERS: headers.map((_, i) => `      [hdr${i}]`).join('\n'),
    CANCEL_HEADERS: cancelReason !== undefined ? '      [cancel_reason]' : '',
    HOLD_MS: String(holdMs),
  });
  const localPort = await freePort('udp');
  const mediaPort = await freePort('udp');
  const args = [
    '-s', options.to,
    `127.0.0.1:${options.kamailio.udpPort}`,
    '-i', '127.0.0.1',
    '-p', String(localPort),
    '-mp', String(mediaPort),
    '-m', String(options.repeat?.count ?? 1),
  ];
  if (options.repeat) args.push('-r', String(options.repeat.perSecond), '-l', String(options.repeat.concurrent ?? 1));
  if (options.messageTimesFile) args.push('-trace_shortmsg', '-shortmessage_file', options.messageTimesFile);
  return runSipp(xml, args, keys, options.timeoutMs ?? 20_000).done;
}

export interface AnsweringDevice {
  /** The device's local UDP port (its registered Contact). */
  port: number;
  /** Resolves when the device has answered one call and seen its BYE (or was stopped). */
  done: Promise<SippResult>;
  stop(): Promise<void>;
}

/**
 * A second device on the same line (the desk phone): registers `user` at Kamailio with its own
 * Contact, then waits for one call, rings `answerAfterMs` (default 300 ms) and answers it.
 */
export async function startAnsweringDevice(options: {
  kamailio: SippTarget;
  user: string;
  answerAfterMs?: number;
  expiresSec?: number;
  timeoutMs?: number;
  /**
   * 'click-to-dial': the desk phone of a click-to-dial (uas-click-to-dial.xml): answers the console's
   * INVITE, accepts its REFER and reports `referOutcome` (default '200 OK') in a sipfrag NOTIFY after
   * `customerAfterMs` (default 300 ms).
   */
  scenario?: 'answer' | 'click-to-dial';
  referOutcome?: string;
  customerAfterMs?: number;
}): Promise<AnsweringDevice> {
  const port = await freePort('udp');
  const register = fillTemplate('register.xml', { EXPIRES: String(options.expiresSec ?? 120) });
  const registered = await runSipp(
    register,
    ['-s', options.user, `127.0.0.1:${options.kamailio.udpPort}`, '-i', '127.0.0.1', '-p', String(port), '-mp', String(await freePort('udp')), '-m', '1'],
    {},
    10_000,
  ).done;
  if (registered.code !== 0) {
    throw new Error(`sipp could not register ${options.user} (exit ${String(registered.code)}): ${registered.stderr}${registered.errors}`);
  }
  const uas =
    options.scenario === 'click-to-dial'
      ? fillTemplate('uas-click-to-dial.xml', {
          ANSWER_AFTER_MS: String(options.answerAfterMs ?? 300),
          CUSTOMER_AFTER_MS: String(options.customerAfterMs ?? 300),
          OUTCOME: refuseLineBreaks('referOutcome', options.referOutcome ?? '200 OK'),
        })
      : fillTemplate('uas-answer.xml', { ANSWER_AFTER_MS: String(options.answerAfterMs ?? 300) });
  const run = runSipp(
    uas,
    ['-i', '127.0.0.1', '-p', String(port), '-mp', String(await freePort('udp')), '-m', '1'],
    {},
    options.timeoutMs ?? 30_000,
  );
  await waitUntilUdpBound(port, 5000);
  return { port, done: run.done, stop: run.stop };
}

/**
 * Removes a device's registration (REGISTER with expires=0 from its port) once its sipp has exited,
 * so that later calls in the same test file are not forked to a contact nobody answers any more.
 */
export async function unregisterDevice(options: { kamailio: SippTarget; user: string; port: number }): Promise<void> {
  const register = fillTemplate('register.xml', { EXPIRES: '0' });
  const result = await runSipp(
    register,
    ['-s', options.user, `127.0.0.1:${options.kamailio.udpPort}`, '-i', '127.0.0.1', '-p', String(options.port), '-mp', String(await freePort('udp')), '-m', '1'],
    {},
    10_000,
  ).done;
  if (result.code !== 0) throw new Error(`sipp could not unregister ${options.user}:${options.port} (exit ${String(result.code)}): ${result.errors}`);
}

function fillTemplate(file: string, values: Record<string, string>): string {
  const xml = fs.readFileSync(path.join(SCENARIOS, file), 'utf8');
  // A placeholder line with nothing to put in is dropped: an empty line would end the SIP headers early.
  return xml
    .split('\n')
    .flatMap((line) => {
      const match = /@@([A-Z_]+)@@/.exec(line);
      if (!match) return [line];
      const value = values[match[1] ?? ''];
      if (value === undefined) throw new Error(`No value for @@${match[1]}@@ in ${file}`);
      return value === '' ? [] : [line.split(match[0]).join(value)];
    })
    .join('\n');
}

function runSipp(
  xml: string,
  args: string[],
  keys: Record<string, string>,
  timeoutMs: number,
): { done: Promise<SippResult>; stop: () => Promise<void> } {
  if (!fs.existsSync(SIPP)) throw new Error(`${SIPP} not found: install the sip-tester package`);
  installExitHook();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-sipp-'));
  const scenario = path.join(dir, 'scenario.xml');
  fs.writeFileSync(scenario, xml);
  const errorFile = path.join(dir, 'errors.log');
  // ACCUEIL_SIPP_TRACE=1 keeps each run's dir (path printed) with every message sipp sent and received.
  const trace = process.env.ACCUEIL_SIPP_TRACE === '1';
  // -timeout alone did not stop sipp 3.6.1 mid-retransmission here; with -timeout_error it exits (255).
  const fullArgs = ['-sf', scenario, ...args, '-nostdin', '-trace_err', '-error_file', errorFile, '-timeout', `${Math.ceil(timeoutMs / 1000)}s`, '-timeout_error'];
  if (trace) fullArgs.push('-trace_msg', '-message_file', path.join(dir, 'messages.log'));
  for (const [name, value] of Object.entries(keys)) fullArgs.push('-key', name, value);
  const child = spawn(SIPP, fullArgs, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout = (stdout + c.toString('utf8')).slice(-200_000)));
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString('utf8')).slice(-200_000)));
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs + 3000);
  const done = new Promise<SippResult>((resolve) => {
    const finish = (code: number | null) => {
      clearTimeout(killer);
      running.delete(child);
      const errors = fs.existsSync(errorFile) ? fs.readFileSync(errorFile, 'utf8').slice(-20_000) : '';
      if (trace) process.stderr.write(`sipp trace kept in ${dir}\n`);
      else fs.rmSync(dir, { recursive: true, force: true });
      resolve({ code, stdout, stderr, errors });
    };
    child.once('exit', (code) => finish(code));
    child.once('error', (error) => {
      stderr += String(error);
      finish(null);
    });
  });
  return {
    done,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await done;
    },
  };
}

async function waitUntilUdpBound(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const free = await new Promise<boolean>((resolve) => {
      const socket = dgram.createSocket('udp4');
      socket.once('error', () => resolve(false));
      socket.bind({ address: '127.0.0.1', port }, () => socket.close(() => resolve(true)));
    });
    if (!free) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`sipp did not bind udp ${port} within ${timeoutMs} ms`);
}
