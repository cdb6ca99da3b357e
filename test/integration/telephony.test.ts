/**
 * The SIP line against a real Kamailio, with real callers played by sipp, on loopback.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TelephonyStatus } from '../../electron/contract/model';
import { createMemoryLogger } from '../../electron/services/log';
import { SipLine, type LineCallEvent } from '../../electron/services/telephony/sip-line';
import { startKamailio, type KamailioServer } from '../support/kamailio';
import { freePort } from '../support/ports';
import { placeCall, startAnsweringDevice, type SippResult } from '../support/sipp';
import { waitFor } from '../support/wait';

const FAST_RETRY = { initialMs: 150, maxMs: 600 };

let kamailio: KamailioServer;
const lines: SipLine[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
let userCounter = 0;

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  kamailio = await startKamailio();
});

afterEach(async (ctx) => {
  await Promise.all(lines.splice(0).map((l) => l.stop()));
  if (ctx.task.result?.state === 'fail') console.log(`--- kamailio log (tail) ---\n${kamailio.logs().slice(-6000)}`);
});

afterAll(async () => {
  await kamailio?.stop();
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

interface Observed {
  line: SipLine;
  user: string;
  statuses: TelephonyStatus[];
  calls: LineCallEvent[];
  logger: ReturnType<typeof createMemoryLogger>;
}

function observeLine(options: { server?: KamailioServer; wsUrl?: string; user?: string; password?: string; expiresSec?: number } = {}): Observed {
  const user = options.user ?? `agent${++userCounter}`;
  const logger = createMemoryLogger();
  const line = new SipLine(
    { wsUrl: options.wsUrl ?? (options.server ?? kamailio).wsUrl, uri: `sip:${user}@127.0.0.1`, user, password: options.password ?? 'unused', displayName: 'Claire' },
    { logger, reconnect: FAST_RETRY, registration: options.expiresSec ? { expiresSec: options.expiresSec } : undefined },
  );
  lines.push(line);
  const statuses: TelephonyStatus[] = [];
  const calls: LineCallEvent[] = [];
  line.on('status', (s) => statuses.push(s));
  line.on('call', (e) => calls.push(e));
  return { line, user, statuses, calls, logger };
}


const eventOf = <T extends LineCallEvent['type']>(o: Observed, type: T) =>
  waitFor(`a '${type}' call event`, () => o.calls.find((e): e is LineCallEvent & { type: T } => e.type === type));

async function registered(o: Observed): Promise<void> {
  await o.line.start();
  await waitFor('registered', () => o.line.status().state === 'registered');
}

function expectSippOk(result: SippResult) {
  expect(result.code, `sipp failed:\n${result.stderr}\n${result.errors}`).toBe(0);
}

describe('SipLine on a real Kamailio', () => {
  it('registers: status goes connecting → registered', async () => {
    const o = observeLine();
    await o.line.start();
    await waitFor('registered', () => o.line.status().state === 'registered');
    expect(o.statuses.map((s) => s.state)).toEqual(['connecting', 'registered']);
    expect(o.line.status()).toMatchObject({ aor: `sip:${o.user}@127.0.0.1`, server: kamailio.wsUrl, detail: null, nextRetryAt: null });
  });

  it('pops a ringing call with the number and name from P-Asserted-Identity, then reports it missed when the caller hangs up', async () => {
    const o = observeLine();
    await registered(o);
    const call = placeCall({
      kamailio,
      to: o.user,
      from: '0999999999',
      displayName: 'Nom du From',
      pai: '"Dupont Plomberie" <sip:+33612345678@127.0.0.1>',
      scenario: 'ring-then-cancel',
      holdMs: 300,
    });
    const ringing = await eventOf(o, 'ringing');
    expect(ringing.caller).toMatchObject({ number: '+33612345678', displayName: 'Dupont Plomberie', source: 'pai', withheld: false, warnings: [] });
    expect(ringing.called).toBe(o.user);
    expect(ringing.callKey).toMatch(/.+/);
    expectSippOk(await call);
    const missed = await eventOf(o, 'missed');
    expect(missed.callKey).toBe(ringing.callKey);
    expect(o.calls.map((e) => e.type)).toEqual(['ringing', 'missed']);
  });

  it('reads the caller from From when there is no P-Asserted-Identity', async () => {
    const o = observeLine();
    await registered(o);
    const call = placeCall({ kamailio, to: o.user, from: '0478123456', displayName: 'Mme Martin', scenario: 'ring-then-cancel', holdMs: 200 });
    const ringing = await eventOf(o, 'ringing');
    expect(ringing.caller).toMatchObject({ number: '0478123456', displayName: 'Mme Martin', source: 'from' });
    expectSippOk(await call);
    await eventOf(o, 'missed');
  });

  it('reports answered_elsewhere, not missed, when the CANCEL says "Call completed elsewhere"', async () => {
    const o = observeLine();
    await registered(o);
    const call = placeCall({ kamailio, to: o.user, from: '0612345678', scenario: 'ring-then-cancel-elsewhere', holdMs: 200 });
    await eventOf(o, 'ringing');
    expectSippOk(await call);
    const end = await eventOf(o, 'answered_elsewhere');
    expect(end.reason).toBe('Call completed elsewhere');
    expect(o.calls.map((e) => e.type)).toEqual(['ringing', 'answered_elsewhere']);
  });

  it('reports answered_elsewhere when the desk phone on the same line answers (Kamailio forks and cancels our branch)', async () => {
    const o = observeLine();
    await registered(o);
    const desk = await startAnsweringDevice({ kamailio, user: o.user, answerAfterMs: 400 });
    try {
      const call = placeCall({ kamailio, to: o.user, from: '0612345678', displayName: 'Client', scenario: 'ring-until-answered', holdMs: 200 });
      const ringing = await eventOf(o, 'ringing');
      expect(ringing.caller.number).toBe('0612345678');
      expectSippOk(await call);
      const deskResult = await desk.done;
      expect(deskResult.code, `desk phone failed:\n${deskResult.errors}`).toBe(0);
      await eventOf(o, 'answered_elsewhere');
      expect(o.calls.map((e) => e.type)).toEqual(['ringing', 'answered_elsewhere']);
    } finally {
      await desk.stop();
    }
  });

  describe('hostile or broken caller headers', () => {
    const cases: Array<{ name: string; call: Partial<Parameters<typeof placeCall>[0]>; expectCaller: Record<string, unknown>; warns: RegExp | null }> = [
      {
        name: 'an HTML display name, quoted',
        call: { from: '0612345678', displayName: '<img src=x onerror=alert(1)>' },
        expectCaller: { number: '0612345678', displayName: '<img src=x onerror=alert(1)>' },
        warns: null,
      },
      {
        // Kamailio relays it; sip.js's grammar refuses a non-ASCII unquoted name and would drop the INVITE.
        // (An unquoted name with '<', as in `<img …> <sip:…>`, is refused by Kamailio itself: 500.)
        name: 'an accented display name without quotes (invalid for sip.js grammar)',
        call: { rawFrom: 'Société Dupont <sip:0612345678@127.0.0.1>' },
        expectCaller: { number: '0612345678', displayName: 'Société Dupont' },
        warns: /Malformed SIP header replaced/,
      },
      {
        name: 'a malformed P-Asserted-Identity',
        call: { from: '0612345678', pai: '<<sip:@@;;"unterminated' },
        expectCaller: { number: '0612345678', source: 'from' },
        warns: /Caller identity header is unusual/,
      },
      {
        name: '4 KB of Unicode as display name',
        call: { from: '0612345678', displayName: 'Société Générale de Chauffage 🔥 '.repeat(130) },
        expectCaller: { number: '0612345678' },
        warns: /trop long/,
      },
      {
        name: 'an oversized extra header and a tel: P-Asserted-Identity with phone params',
        call: { from: '0612345678', pai: '<tel:+33-6-12-34-56-78;phone-context=+33>', rawHeaders: [`X-Junk: ${'a'.repeat(8000)}`] },
        expectCaller: { number: '+33612345678', source: 'pai' },
        warns: null,
      },
      {
        name: 'sip:+33612345678;user=phone@host in From',
        call: { rawFrom: 'sip:+33612345678;user=phone@127.0.0.1' },
        expectCaller: { number: '+33612345678' },
        warns: null,
      },
      {
        name: 'a withheld number (anonymous From, Privacy: id)',
        call: { rawFrom: '"Anonymous" <sip:anonymous@anonymous.invalid>', pai: '<sip:+33612345678@127.0.0.1>', privacy: 'id' },
        expectCaller: { number: '', withheld: true, displayName: null },
        warns: null,
      },
    ];

    for (const c of cases) {
      it(`still pops the call, with ${c.name}`, async () => {
        const o = observeLine();
        await registered(o);
        const call = placeCall({ kamailio, to: o.user, from: '0612345678', scenario: 'ring-then-cancel', holdMs: 200, ...c.call } as Parameters<typeof placeCall>[0]);
        const ringing = await eventOf(o, 'ringing');
        expect(ringing.caller).toMatchObject(c.expectCaller);
        if (c.expectCaller.displayName === undefined && c.name.startsWith('4 KB')) {
          const length = Array.from(ringing.caller.displayName ?? '').length;
          expect(length).toBeGreaterThan(190); // 200, less a trailing space trimmed after the cut
          expect(length).toBeLessThanOrEqual(200);
        }
        expectSippOk(await call);
        await eventOf(o, 'missed');
        const warnings = o.logger.lines.filter((l) => l.level === 'warn').map((l) => JSON.stringify(l));
        if (c.warns) expect(warnings.join('\n')).toMatch(c.warns);
      });
    }
  });

  it('re-registers by itself after Kamailio restarts, and the next call rings', async () => {
    const o = observeLine();
    await registered(o);
    await kamailio.restart();
    const down = await waitFor('unregistered with a retry time', () =>
      o.statuses.find((s) => s.state === 'unregistered' && s.nextRetryAt !== null && s.detail !== null),
    );
    expect(down.detail).toMatch(/Connexion au serveur perdue|Serveur injoignable/);
    expect(Date.parse(down.nextRetryAt ?? '')).toBeGreaterThan(Date.parse(down.since) - 1);
    await waitFor('registered again', () => o.line.status().state === 'registered', 15_000);
    const call = placeCall({ kamailio, to: o.user, from: '0612345678', scenario: 'ring-then-cancel', holdMs: 200 });
    await eventOf(o, 'ringing');
    expectSippOk(await call);
    await eventOf(o, 'missed');
  });

  it('reports a ringing call as failed when the connection to the PBX drops mid-ring, then comes back', async () => {
    const o = observeLine();
    await registered(o);
    const call = placeCall({ kamailio, to: o.user, from: '0612345678', scenario: 'ring-then-cancel', holdMs: 2000, timeoutMs: 2500 });
    const ringing = await eventOf(o, 'ringing');
    await kamailio.restart();
    const failed = await eventOf(o, 'failed');
    expect(failed).toMatchObject({ callKey: ringing.callKey, reason: 'Connexion au serveur perdue' });
    await waitFor('registered again', () => o.line.status().state === 'registered', 15_000);
    await call; // the caller's transaction died with the old Kamailio: its result does not matter
  });

  it('refreshes its registration before it expires', async () => {
    // Three seconds, refreshed at 2.25 s: two refreshes within the wait, each with 0.75 s to spare.
    const o = observeLine({ expiresSec: 3 });
    await registered(o);
    await new Promise((resolve) => setTimeout(resolve, 6500));
    expect(o.line.status().state).toBe('registered');
    // Kamailio no longer routes to an expired contact: a call that rings proves the refresh happened.
    const call = placeCall({ kamailio, to: o.user, from: '0612345678', scenario: 'ring-then-cancel', holdMs: 100 });
    await eventOf(o, 'ringing');
    expectSippOk(await call);
    expect(o.statuses.map((s) => s.state)).toEqual(['connecting', 'registered']);
  });

  it('keeps retrying with a plain detail when nothing listens, without unhandled rejections, and stops cleanly', async () => {
    const port = await freePort('tcp');
    const o = observeLine({ wsUrl: `ws://127.0.0.1:${port}` });
    await o.line.start(); // resolves: a network failure is not an error for the caller
    await waitFor('three failed attempts', () => o.statuses.filter((s) => s.state === 'unregistered').length >= 3, 10_000);
    const down = o.statuses.filter((s) => s.state === 'unregistered');
    for (const s of down) expect(s).toMatchObject({ detail: 'Serveur injoignable', nextRetryAt: expect.any(String) });
    expect(o.statuses.filter((s) => s.state === 'connecting').length).toBeGreaterThanOrEqual(3);
    await o.line.stop();
    await o.line.stop(); // idempotent
    expect(o.line.status()).toMatchObject({ state: 'unregistered', nextRetryAt: null, detail: 'Ligne arrêtée' });
    const count = o.statuses.length;
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(o.statuses.length).toBe(count); // no retry after stop
    expect(unhandled).toEqual([]);
  });

  it('leaves no timer or socket behind after stop(): a process that used it exits by itself', async () => {
    const port = await freePort('tcp');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-sipline-exit-'));
    const root = path.resolve(__dirname, '../..');
    const script = path.join(dir, 'run.mts');
    fs.writeFileSync(
      script,
      `
import { SipLine } from ${JSON.stringify(path.join(root, 'electron/services/telephony/sip-line.ts'))};
import { createMemoryLogger } from ${JSON.stringify(path.join(root, 'electron/services/log.ts'))};
process.on('unhandledRejection', (r) => { console.error('UNHANDLED', r); process.exitCode = 3; });
const logger = createMemoryLogger();
const dead = new SipLine({ wsUrl: 'ws://127.0.0.1:${port}', uri: 'sip:a@127.0.0.1', user: 'a', password: 'p' }, { logger, reconnect: { initialMs: 50, maxMs: 100 } });
const live = new SipLine({ wsUrl: ${JSON.stringify(kamailio.wsUrl)}, uri: 'sip:exit-check@127.0.0.1', user: 'exit-check', password: 'p' }, { logger });
await dead.start();
await live.start();
const t0 = Date.now();
while (live.status().state !== 'registered' && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 20));
await new Promise((r) => setTimeout(r, 400));
await dead.stop();
await live.stop();
console.log('STOPPED', live.status().state, dead.status().state);
`,
    );
    // The sources find areas' modules with import.meta.glob (Vite's): scripts/import-glob.mjs under tsx.
    const tsx = path.join(root, 'node_modules/.bin/tsx');
    const result = await new Promise<{ code: number | null; out: string; ms: number }>((resolve) => {
      const started = Date.now();
      const child = spawn(tsx, ['--import', './scripts/import-glob.mjs', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.on('exit', (code) => {
        clearTimeout(killer);
        resolve({ code, out, ms: Date.now() - started });
      });
    });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(result.out).toMatch(/STOPPED unregistered unregistered/);
    expect(result.code, result.out).toBe(0);
    expect(result.ms).toBeLessThan(12_000);
  });
});

describe('SipLine with digest authentication', () => {
  let secure: KamailioServer;
  beforeAll(async () => {
    secure = await startKamailio({ auth: { user: 'claire', password: 's3cret-Pa55' } });
  });
  afterAll(async () => {
    await secure?.stop();
  });

  it('answers the 401 challenge with the right password and registers', async () => {
    const o = observeLine({ server: secure, user: 'claire', password: 's3cret-Pa55' });
    await registered(o);
    expect(JSON.stringify(o.logger.lines)).not.toContain('s3cret-Pa55');
  });

  it('stops in failed with "Identifiants refusés (403)" on a wrong password, without retrying or logging it', async () => {
    const o = observeLine({ server: secure, user: 'claire', password: 'wrong-Pa55' });
    await o.line.start();
    await waitFor('failed', () => o.line.status().state === 'failed');
    expect(o.line.status()).toMatchObject({ state: 'failed', detail: 'Identifiants refusés (403)', nextRetryAt: null });
    const count = o.statuses.length;
    await new Promise((resolve) => setTimeout(resolve, FAST_RETRY.maxMs * 2));
    expect(o.statuses.length).toBe(count);
    expect(JSON.stringify(o.logger.lines)).not.toContain('wrong-Pa55');
    expect(o.logger.lines.some((l) => l.msg === 'SIP registration refused')).toBe(true);
  });
});
