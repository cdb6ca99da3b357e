#!/usr/bin/env node
// `npm test`: the whole suite, in the order a failure is cheapest to read: types, layering lint,
// the web build the end-to-end tests drive, then every Vitest project (unit, integration, e2e) and
// the date-sensitive suites again under faked dates (see FAKED_DATES below), on three lanes at once
// (see LANES). Ends with one plain line "N passed, N failed, N skipped" for CI.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync, readdirSync, statSync, createWriteStream } from 'node:fs';
import path from 'node:path';

const extra = process.argv.slice(2);
const run = (label, cmd, args, env = {}) => {
  process.stdout.write(`\n=== ${label}\n`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
};

/**
 * Dates the suite has broken on, or could: the year's last half hour in Paris, the night the clocks
 * jump forward (last Sunday of March, 01:30 Paris — 02:00 does not exist that day), a day in August
 * (a month whose French name has an accent, like décembre and février). Each run also sets another
 * time zone for the process, since the product must compute Paris days wherever its machine thinks it is.
 * `utc` is when the faked clock starts; it then runs forward at normal speed.
 */
const FAKED_DATES = [
  { label: '31 décembre 23:30 (Paris)', utc: '2026-12-31 22:30:00', tz: 'Europe/Paris' },
  { label: 'passage à l’heure d’été, 28 mars 01:30 (Paris)', utc: '2027-03-28 00:30:00', tz: 'UTC' },
  { label: '14 août 08:00 (Paris)', utc: '2027-08-14 06:00:00', tz: 'America/Cayenne' },
];
/**
 * What reads "now": the unit tests that touch a date (their file, or a module they import up to two
 * levels down, reads the clock or formats a date: see readsDate), and the integration files that
 * format or bucket dates. A unit test of phone numbers or the dispatcher would only rerun the same
 * thing three times.
 */
const DATE_READING = /new Date\(|Date\.now|Date\.parse|Intl\.DateTimeFormat|toLocale(Date|Time)?String|\bclock\b|localTime|parisInstant|useFakeTimers|setSystemTime/;
function importsOf(file) {
  const found = [];
  for (const m of readFileSync(file, 'utf8').matchAll(/from ['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const base = path.resolve(path.dirname(file), m[1]);
    const hit = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((c) => existsSync(c) && statSync(c).isFile());
    if (hit) found.push(hit);
  }
  return found;
}
function readsDate(file, depth = 2) {
  const seen = new Set();
  let frontier = [file];
  for (let d = 0; d <= depth; d++) {
    const next = [];
    for (const f of frontier) {
      if (seen.has(f)) continue;
      seen.add(f);
      if (DATE_READING.test(readFileSync(f, 'utf8'))) return true;
      next.push(...importsOf(f));
    }
    frontier = next;
  }
  return false;
}
function unitTests(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) unitTests(p, out);
    else if (/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}
const DATE_SENSITIVE = [
  ...[...unitTests('electron'), ...unitTests('renderer/src')].filter((file) => readsDate(file)),
  'test/integration/mail-smtp.test.ts',
  'test/integration/templates-contract.test.ts',
  'test/integration/supervision-figures.test.ts',
  'test/integration/supervision-wallboard.test.ts',
  'test/integration/work-the-call.test.ts',
  'test/integration/crm-incremental.test.ts',
  'test/integration/cli.test.ts',
  'test/integration/store-file.test.ts',
];

const steps = [
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint (layering)', 'npx', ['eslint', '.']],
  ['build (web mode + CLI)', 'npm', ['run', '--silent', 'build:web']],
];
for (const [label, cmd, args] of steps) {
  if (run(label, cmd, args) !== 0) {
    console.log(`\n0 passed, 1 failed\n(${label} failed)`);
    process.exit(1);
  }
}

mkdirSync('test-results', { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0, ran: 0 };
let status = 0;

/** Adds one Vitest run's JSON report to the totals (a run that wrote none counts as one failure). */
function tally(report, code) {
  if (!existsSync(report)) {
    totals.failed += 1;
    status ||= code || 1;
    return;
  }
  const r = JSON.parse(readFileSync(report, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  totals.ran += r.numTotalTests;
  if (r.numTotalTests === 0) status ||= 1;
  status ||= code;
}

const vitestArgs = (report, args) => ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args];

// A filter or a flag on the command line means someone is running part of the suite: one run, on
// the terminal, no faked dates.
if (extra.length > 0) {
  const report = 'test-results/vitest.json';
  rmSync(report, { force: true });
  const [cmd, ...rest] = vitestArgs(report, extra);
  tally(report, run('vitest', cmd, rest));
  console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(totals.ran === 0 ? 1 : status);
}

// libfaketime must really move the clock, or the faked-date runs would prove nothing.
const faked = { TZ: 'UTC', FAKETIME_DONT_FAKE_MONOTONIC: '1' };
for (const date of FAKED_DATES) {
  const probe = spawnSync('faketime', [date.utc, 'node', '-e', 'process.stdout.write(new Date().toISOString())'], { env: { ...process.env, ...faked }, encoding: 'utf8' });
  if (probe.error || !probe.stdout?.startsWith(date.utc.replace(' ', 'T').slice(0, 16))) {
    console.log(`\n=== faked dates: faketime is missing or ineffective (${probe.error?.message ?? probe.stdout}); install Debian's faketime package`);
    console.log('\n0 passed, 1 failed');
    process.exit(1);
  }
}

const runs = {
  e2e: { label: 'vitest (e2e)', report: 'test-results/vitest-e2e.json', args: ['--project', 'e2e'] },
  // Unit and integration files in two halves (Vitest's shards): each half as long as the e2e pass.
  unitAndIntegration1: { label: 'vitest (unit, integration, 1/2)', report: 'test-results/vitest.json', args: ['--project', 'unit', '--project', 'integration', '--shard=1/2'] },
  unitAndIntegration2: { label: 'vitest (unit, integration, 2/2)', report: 'test-results/vitest-2.json', args: ['--project', 'unit', '--project', 'integration', '--shard=2/2'] },
  ...Object.fromEntries(
    FAKED_DATES.map((date, index) => [
      `date${index + 1}`,
      { label: `date-sensitive suites on ${date.label}, TZ=${date.tz}`, report: `test-results/vitest-date-${index + 1}.json`, args: DATE_SENSITIVE, prefix: ['faketime', date.utc, 'env', `TZ=${date.tz}`], env: faked },
    ]),
  ),
};
/**
 * Three lanes at once: the suite leaves much of the two cores idle (it waits on Kamailio, SMTP,
 * timers, Chromium), and integration and e2e files each run one at a time within a pass
 * (vitest.config.ts). Each lane takes the next pass waiting, longest first: e2e, the two halves of
 * unit + integration, then the faked dates. (Two lanes: 21.7 min, 1.2 cores used on average.)
 */
const LANES = 3;
const ORDER = Object.keys(runs);

/** One run, its output to test-results/<name>.log and printed whole when it ends (lanes do not interleave lines). */
function runLogged(name) {
  const { label, report, args, prefix = [], env = {} } = runs[name];
  rmSync(report, { force: true });
  const [cmd, ...rest] = [...prefix, ...vitestArgs(report, args)];
  const logFile = `test-results/${name}.log`;
  const log = createWriteStream(logFile);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, rest, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.on('close', (code) => {
      log.end(() => {
        process.stdout.write(`\n=== ${label} (${Math.round((Date.now() - started) / 1000)} s)\n`);
        process.stdout.write(readFileSync(logFile, 'utf8'));
        tally(report, code ?? 1);
        resolve();
      });
    });
  });
}

const waiting = [...ORDER];
await Promise.all(
  Array.from({ length: LANES }, async () => {
    for (let name = waiting.shift(); name; name = waiting.shift()) await runLogged(name);
  }),
);

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.ran === 0 ? 1 : status);
