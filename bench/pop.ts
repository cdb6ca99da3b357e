/**
 * The pop as Claire lives it: 200 different callers — known contacts' mobiles, landlines shared by
 * a household, company switchboards, numbers the cache does not know, withheld numbers — ring a
 * console whose cache holds 100,000 demo contacts, through the real path: sipp's INVITE → Kamailio
 * → the SIP line (sip.js) → CallJournal (card built, SQLite row written) → WebSocket → React in
 * Chromium (web mode). One call at a time, each from its own sipp run, after 5 warm-up calls; the
 * desk phone answers most (the caller's CANCEL says "Call completed elsewhere"), 15 % are missed.
 *
 * Stage marks, all on the machine's wall clock in epoch ms:
 *   sent        sipp's short message log (first transmission of the INVITE, µs; Kamailio's 100 Trying)
 *   line…       CallJournal's onTiming (ACCUEIL_POP_TIMING=1 logs it as 'pop timing' in the data
 *               dir's log): lineAt, cardAt, writtenAt, announcedAt
 *   received,   renderer/src/call/pop-timing.ts (window.__accueilPopTimings, defined here before the
 *   rendered    app starts)
 * Joined by SIP Call-ID (sipp ↔ journal) and call id (journal ↔ page).
 *
 *   ACCUEIL_BENCH_CALLS=200          callers
 *   ACCUEIL_BENCH_CONTACTS=100000    size of the cache
 *   ACCUEIL_BENCH_POP_DIR=/some/dir  keep the generated data dir there and reuse it on the next run
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateDemoWorkspace } from '../electron/services/demo';
import { openStore } from '../electron/services/store';
import { startKamailio, type KamailioServer } from '../test/support/kamailio.ts';
import { placeCall } from '../test/support/sipp.ts';
import { launchChromium, serve, tempDataDir } from '../test/support/web-mode.ts';
import { line, ms, summarize } from './stats';

const AIM_P95_MS = 50;
const WARM_UP_CALLS = 5;

type CallerKind = 'mobile' | 'shared landline' | 'switchboard' | 'unknown' | 'withheld';

/** Share of calls nobody answers; the others are answered on the desk phone ("answered elsewhere"). */
const MISSED_SHARE = 0.15;

/** Share of each kind among the callers (a switchboard desk's day, roughly). */
const MIX: Array<[CallerKind, number]> = [
  ['mobile', 0.4],
  ['shared landline', 0.15],
  ['switchboard', 0.2],
  ['unknown', 0.2],
  ['withheld', 0.05],
];

interface Caller {
  kind: CallerKind;
  /** What the PBX puts in From (national or international form, or 'anonymous'). */
  from: string;
  /** Withheld with Privacy: id while the network still asserts the number. */
  privacy?: { pai: string };
  /** The caller gives up (missed call, goes to the callback list); otherwise the desk phone answers. */
  missed: boolean;
}

interface PopTimingLine {
  callKey: string;
  callId: string;
  lineAt: number;
  cardAt: number;
  writtenAt: number;
  announcedAt: number;
}

interface PageTiming {
  callId: string;
  receivedAt: number;
  renderedAt: number | null;
}

/** mulberry32: the same callers on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** As a French PBX presents it: mostly national, sometimes E.164; foreign numbers with 00. */
function onTheWire(e164: string, i: number): string {
  if (!e164.startsWith('+33')) return `00${e164.slice(1)}`;
  return i % 4 === 3 ? e164 : `0${e164.slice(3)}`;
}

/** Builds the demo cache once in dataDir (or reuses it) and samples `count` callers from it. */
function prepareCache(dataDir: string, contacts: number, count: number) {
  const file = path.join(dataDir, 'accueil.db');
  const reused = fs.existsSync(file);
  const store = openStore(file);
  try {
    let generateMs: number | null = null;
    if (!reused) {
      const started = performance.now();
      generateDemoWorkspace(store, { contacts, now: new Date() });
      generateMs = performance.now() - started;
    }
    const numbers = store.database
      .prepare<{ e164: string; contacts: number; companies: number; kinds: string }>(
        `SELECT e164, COUNT(DISTINCT contact_id) AS contacts, COUNT(company_id) AS companies, group_concat(DISTINCT kind) AS kinds
         FROM phones WHERE e164 IS NOT NULL GROUP BY e164`,
      )
      .all();
    const pools: Record<Exclude<CallerKind, 'unknown' | 'withheld'>, string[]> = { mobile: [], 'shared landline': [], switchboard: [] };
    for (const n of numbers) {
      if (n.companies > 0 && n.kinds.split(',').includes('standard')) pools.switchboard.push(n.e164);
      else if (n.companies === 0 && n.contacts > 1) pools['shared landline'].push(n.e164);
      else if (n.companies === 0 && n.contacts === 1 && n.kinds === 'mobile') pools.mobile.push(n.e164);
    }
    const known = new Set(numbers.map((n) => n.e164));
    const random = seeded(20261130);
    const pick = <T>(items: T[]): T => items.splice(Math.floor(random() * items.length), 1)[0]!;
    const callers: Caller[] = [];
    for (const [kind, share] of MIX) {
      const wanted = Math.max(1, Math.round(share * count));
      for (let i = 0; i < wanted; i++) {
        if (kind === 'unknown') {
          let e164: string;
          do e164 = `+33${random() < 0.7 ? '6' : '2'}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
          while (known.has(e164));
          known.add(e164);
          callers.push({ kind, from: onTheWire(e164, i), missed: random() < MISSED_SHARE });
        } else if (kind === 'withheld') {
          const asserted = pools.mobile.length > 0 ? pick(pools.mobile) : '+33600000000';
          const missed = random() < MISSED_SHARE;
          callers.push(i % 2 === 0 ? { kind, from: 'anonymous', missed } : { kind, from: 'anonymous', privacy: { pai: `<sip:${asserted}@127.0.0.1>` }, missed });
        } else if (pools[kind].length > 0) {
          callers.push({ kind, from: onTheWire(pick(pools[kind]), i), missed: random() < MISSED_SHARE });
        }
      }
    }
    // Shuffled, so kinds interleave as they would in a day.
    for (let i = callers.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [callers[i], callers[j]] = [callers[j]!, callers[i]!];
    }
    const pooled = { mobile: pools.mobile.length, shared: pools['shared landline'].length, switchboard: pools.switchboard.length };
    const warmUp: Caller[] = Array.from({ length: Math.min(WARM_UP_CALLS, pools.mobile.length) }, (_, i) => ({ kind: 'mobile', from: onTheWire(pick(pools.mobile), i), missed: false }));
    return { callers: callers.slice(0, count), warmUp, generateMs, reused, contacts: store.contacts.count(), pooled };
  } finally {
    store.close();
  }
}

interface InviteSent {
  callId: string;
  /** First transmission of the INVITE. */
  at: number;
  /** Kamailio's 100 Trying back at sipp: the proxy has taken the call in hand. */
  tryingAt: number | null;
}

/** The INVITE in one sipp run's short log: its Call-ID, when it left, when Kamailio answered 100. */
function inviteSent(file: string): InviteSent | null {
  if (!fs.existsSync(file)) return null;
  let sent: InviteSent | null = null;
  // Short log lines: date, time, epoch.µs, S|R, Call-ID, CSeq, first line.
  for (const f of fs.readFileSync(file, 'utf8').split('\n').map((l) => l.split('\t'))) {
    if (!sent && f[3] === 'S' && f[5] === 'CSeq:1 INVITE' && f[6]?.startsWith('INVITE ')) sent = { callId: f[4]!, at: Number(f[2]) * 1000, tryingAt: null };
    else if (sent && sent.tryingAt === null && f[3] === 'R' && f[5] === 'CSeq:1 INVITE' && f[6]?.startsWith('SIP/2.0 100 ')) sent.tryingAt = Number(f[2]) * 1000;
  }
  return sent;
}

function journalTimings(dataDir: string): Map<string, PopTimingLine> {
  const byKey = new Map<string, PopTimingLine>();
  const log = path.join(dataDir, 'logs', 'accueil.log');
  for (const file of [`${log}.1`, log]) {
    if (!fs.existsSync(file)) continue;
    for (const text of fs.readFileSync(file, 'utf8').split('\n')) {
      if (!text.includes('"pop timing"')) continue;
      const entry = JSON.parse(text) as PopTimingLine & { msg: string };
      if (entry.msg === 'pop timing') byKey.set(entry.callKey, entry);
    }
  }
  return byKey;
}

async function ring(kamailio: KamailioServer, caller: Caller, timesFile: string) {
  fs.rmSync(timesFile, { force: true });
  const result = await placeCall({
    kamailio,
    to: 'claire',
    from: caller.from,
    ...(caller.from === 'anonymous' ? { displayName: 'Anonymous' } : {}),
    ...(caller.privacy ? { pai: caller.privacy.pai, privacy: 'id' } : {}),
    scenario: caller.missed ? 'ring-then-cancel' : 'ring-then-cancel-elsewhere',
    holdMs: 150,
    messageTimesFile: timesFile,
    timeoutMs: 10_000,
  });
  return { code: result.code, sent: inviteSent(timesFile) };
}

export async function benchPop(calls = 200, contacts = 100_000) {
  const keep = process.env['ACCUEIL_BENCH_POP_DIR'];
  const dataDir = keep ? path.resolve(keep) : tempDataDir('accueil-bench-pop-');
  fs.mkdirSync(dataDir, { recursive: true });
  const loadBefore = os.loadavg()[0]!;
  let kamailio: KamailioServer | null = null;
  let product: Awaited<ReturnType<typeof serve>> | null = null;
  let browser: Awaited<ReturnType<typeof launchChromium>> | null = null;
  try {
    const cache = prepareCache(dataDir, contacts, calls);
    const started = performance.now();
    kamailio = await startKamailio();
    product = await serve({
      dataDir,
      env: { ACCUEIL_SIP_WS_URL: kamailio.wsUrl, ACCUEIL_SIP_URI: 'sip:claire@127.0.0.1', ACCUEIL_SIP_PASSWORD: 'x', ACCUEIL_POP_TIMING: '1' },
    });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.addInitScript('window.__accueilPopTimings = []');
    await page.goto(product.url);
    await page.locator('[data-testid="status-registration"][data-state="registered"]').waitFor({ timeout: 20_000 });

    const timesFile = path.join(dataDir, 'sipp-short.log');
    for (const caller of cache.warmUp) await ring(kamailio, caller, timesFile);
    const placed: Array<{ caller: Caller; sent: InviteSent | null; code: number | null }> = [];
    for (const caller of cache.callers) placed.push({ caller, ...(await ring(kamailio, caller, timesFile)) });
    await page.waitForTimeout(500);
    const pageTimings = new Map(((await page.evaluate('window.__accueilPopTimings')) as PageTiming[]).map((t) => [t.callId, t]));
    const journal = journalTimings(dataDir);

    type Stage = 'total' | 'pbxToLine' | 'card' | 'write' | 'socket' | 'render';
    const stages: Record<Stage | 'kamailio' | 'announce', number[]> = { total: [], pbxToLine: [], kamailio: [], card: [], write: [], socket: [], render: [], announce: [] };
    const byKind = new Map<CallerKind, number[]>();
    /** One row per call, in the order placed (bench-results/latest.json), to look into a tail. */
    const rows: Array<{ kind: CallerKind; from: string } & Record<Stage, number>> = [];
    let missing = 0;
    let failedCalls = 0;
    for (const { caller, sent, code } of placed) {
      if (code !== 0) failedCalls++;
      const j = sent ? journal.get(sent.callId) : undefined;
      const p = j ? pageTimings.get(j.callId) : undefined;
      if (!sent || !j || !p || p.renderedAt === null) {
        missing++;
        continue;
      }
      const call: Record<Stage, number> = {
        total: p.renderedAt - sent.at,
        pbxToLine: j.lineAt - sent.at,
        card: j.cardAt - j.lineAt,
        write: j.writtenAt - j.cardAt,
        socket: p.receivedAt - j.writtenAt,
        render: p.renderedAt - p.receivedAt,
      };
      for (const [stage, value] of Object.entries(call) as Array<[Stage, number]>) stages[stage].push(value);
      if (sent.tryingAt !== null) stages.kamailio.push(sent.tryingAt - sent.at);
      stages.announce.push(j.announcedAt - j.writtenAt);
      byKind.set(caller.kind, [...(byKind.get(caller.kind) ?? []), call.total]);
      const rounded = Object.fromEntries(Object.entries(call).map(([k, v]) => [k, Math.round(v * 100) / 100])) as Record<Stage, number>;
      rows.push({ kind: caller.kind, from: caller.from, ...rounded });
    }
    const s = Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, summarize(v)])) as Record<keyof typeof stages, ReturnType<typeof summarize>>;
    const kinds = Object.fromEntries(MIX.map(([kind]) => [kind, summarize(byKind.get(kind) ?? [])]));
    const pct = (x: ReturnType<typeof summarize>) => `p50 ${ms(x.p50)}  p95 ${ms(x.p95)}  p99 ${ms(x.p99)}`;
    const named: Array<[string, Stage, string]> = [
      ['PBX → line (Kamailio, WebSocket, sip.js, SipLine)', 'pbxToLine', 'PBX → line'],
      ['card built (identify + card)', 'card', 'card built'],
      ['journal write (SQLite row)', 'write', 'journal write'],
      ['socket (event, WebSocket, page reads it)', 'socket', 'socket'],
      ['render (React → DOM)', 'render', 'render'],
    ];
    const slowest = (p: 'p50' | 'p95') => named.reduce((a, b) => (s[b[1]][p] > s[a[1]][p] ? b : a))[2];
    const negatives = Object.values(stages).flat().filter((v) => v < 0).length;
    const mixText = MIX.map(([kind]) => `${kind} ${kinds[kind]!.n}`).join(', ');
    return {
      lines: [
        line(`pop, ${s.total.n}/${cache.callers.length} callers, ${cache.contacts.toLocaleString('fr-FR')} contacts, sipp → DOM`, pct(s.total), `p95 < ${AIM_P95_MS} ms`),
        ...named.flatMap(([label, key]) => [
          line(`  ${label}`, pct(s[key])),
          ...(key === 'pbxToLine' ? [line('    of which Kamailio (its 100 Trying back at sipp)', pct(s.kamailio))] : []),
          // Not a part of socket: the page may read the frame before emit returns (other work, GC).
          ...(key === 'socket' ? [line('    Node: emit returns (event checked, frame sent)', pct(s.announce))] : []),
        ]),
        line('  slowest stage', `at p50: ${slowest('p50')}, at p95: ${slowest('p95')}`),
        ...MIX.map(([kind]) => line(`  ${kind} (${kinds[kind]!.n})`, `p50 ${ms(kinds[kind]!.p50)}  p95 ${ms(kinds[kind]!.p95)}`)),
        line(
          '  (cache)',
          `${cache.reused ? 'reused' : `generated in ${((cache.generateMs ?? 0) / 1000).toFixed(1)} s`}; Kamailio, console, Chromium and calls ${((performance.now() - started) / 1000).toFixed(0)} s`,
        ),
        // Other work on the machine shows in the tail: say how busy it was.
        line('  (machine load, 1 min average)', `${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after, ${os.cpus().length} cœurs`),
        ...(missing > 0 || failedCalls > 0 || negatives > 0
          ? [line('  (warning)', `${missing} calls without every mark, ${failedCalls} sipp failures, ${negatives} negative stages`)]
          : []),
      ],
      figures: { ...s, byKind: kinds, mix: mixText, pools: cache.pooled, missing, failedCalls, negatives, generateMs: cache.generateMs, load: [loadBefore, os.loadavg()[0]], aimP95Ms: AIM_P95_MS, calls: rows },
    };
  } finally {
    await browser?.close();
    await product?.stop();
    await kamailio?.stop();
    if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
