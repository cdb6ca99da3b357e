#!/usr/bin/env node
// `npm test`: the whole suite, in the order a failure is cheapest to read: types, layering lint,
// the web build the end-to-end tests drive, then every Vitest project (unit, integration, e2e).
// Ends with one plain line "N passed, N failed, N skipped" for CI.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';

const extra = process.argv.slice(2);
const run = (label, cmd, args, env = {}) => {
  process.stdout.write(`\n=== ${label}\n`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
};

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
const report = 'test-results/vitest.json';
const status = run('vitest (unit, integration, e2e)', 'npx', [
  'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra,
]);

if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
  if (r.numTotalTests === 0) process.exit(1);
}
process.exit(status);
