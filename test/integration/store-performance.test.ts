/**
 * The figures the pop depends on, on a 100 000-contact demo workspace in a real file: caller
 * identification p99 under 1 ms, the whole pop (identification + card) well under 10 ms, search
 * under 20 ms, and the workspace generated in well under a minute.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Directory } from '../../electron/services/directory';
import { DEMO_FIXTURES, generateDemoWorkspace, type DemoWorkspaceSummary } from '../../electron/services/demo';
import { openStore, type AccueilStore } from '../../electron/services/store';

const CONTACTS = 100_000;
const NOW = new Date('2026-03-10T10:00:00.000Z');

let dir: string;
let store: AccueilStore;
let directory: Directory;
let summary: DemoWorkspaceSummary;
let numbers: string[];

function percentiles(samples: number[]): { p50: number; p99: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1]! };
}

function time(work: () => unknown): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-perf-'));
  store = openStore(path.join(dir, 'accueil.db'));
  summary = generateDemoWorkspace(store, { contacts: CONTACTS, seed: 42, now: NOW });
  // Reopen, as the application would at its next start: cold statement cache, file on disk.
  store.close();
  store = openStore(path.join(dir, 'accueil.db'));
  directory = new Directory(store, { now: () => NOW });
  // Every 23rd stored number, as the PBX would send it, plus unknown and withheld callers.
  numbers = store.database
    .prepare<{ raw: string }>(`SELECT raw FROM phones WHERE id % 23 = 0`)
    .all()
    .map((row) => row.raw);
  for (let i = 0; i < 500; i++) numbers.push(`+3369800${String(i).padStart(4, '0')}`, 'anonymous');
}, 180_000);

afterAll(() => {
  store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('on 100 000 contacts', () => {
  it('generates the demo workspace in well under a minute', () => {
    console.log(`demo workspace: ${JSON.stringify(summary)}`);
    expect(summary.contacts).toBe(CONTACTS);
    expect(summary.durationMs).toBeLessThan(60_000);
  });

  it('identifies a caller in under 1 ms at the 99th percentile', () => {
    for (const raw of numbers.slice(0, 500)) directory.identify(raw); // warm-up
    const samples = numbers.map((raw) => time(() => directory.identify(raw)));
    const figures = percentiles(samples);
    console.log(`identify over ${samples.length} numbers: p50 ${figures.p50.toFixed(3)} ms, p99 ${figures.p99.toFixed(3)} ms, max ${figures.max.toFixed(3)} ms`);
    expect(directory.identify(DEMO_FIXTURES.mobileContact.dial).matches[0]!.contactId).toBe(DEMO_FIXTURES.mobileContact.contactId);
    expect(figures.p99).toBeLessThan(1);
  });

  it('builds the whole pop (identification and card) in a few milliseconds', () => {
    const sample = numbers.filter((_, i) => i % 5 === 0);
    const samples = sample.map((raw) => time(() => directory.buildPop(raw)));
    const figures = percentiles(samples);
    console.log(`buildPop over ${samples.length} numbers: p50 ${figures.p50.toFixed(3)} ms, p99 ${figures.p99.toFixed(3)} ms`);
    expect(figures.p99).toBeLessThan(10);
  });

  it('searches by name, accents ignored, and by number fragment in a few milliseconds', () => {
    const queries = ['francois', 'lefèvre', "n'diaye", 'syndic saint', '0612', '+33 6 12 34', 'rennes', 'gauthier hélène', '35000', 'mairie'];
    for (const query of queries) directory.search(query);
    const samples = queries.flatMap((query) => Array.from({ length: 10 }, () => time(() => directory.search(query))));
    const figures = percentiles(samples);
    console.log(`search: p50 ${figures.p50.toFixed(3)} ms, p99 ${figures.p99.toFixed(3)} ms`);
    expect(directory.search('francois lefevre').map((hit) => hit.id)).toContain(DEMO_FIXTURES.mobileContact.contactId);
    expect(figures.p99).toBeLessThan(50);
  });
});
