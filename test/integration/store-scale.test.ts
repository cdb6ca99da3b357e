/**
 * Caller identification stays right at the size of a real cache: 100 000 demo contacts in a real
 * file, reopened as at the next start. (How fast it is: `npm run bench`, not a timed test.)
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
  it('generates the whole demo workspace', () => {
    expect(summary.contacts).toBe(CONTACTS);
    expect(summary.companies).toBeGreaterThan(1_000);
  });

  it('still pops the right record for every awkward fixture, among 100 000', () => {
    for (const form of ['06 12 34 56 78', '+33612345678', '0033 6 12 34 56 78', DEMO_FIXTURES.mobileContact.sipUri]) {
      expect(directory.identify(form).matches[0]?.contactId, form).toBe(DEMO_FIXTURES.mobileContact.contactId);
    }
    const switchboard = directory.identify(DEMO_FIXTURES.switchboardCompany.dial).matches;
    expect(switchboard).toHaveLength(1);
    expect(switchboard[0]).toMatchObject({ companyId: DEMO_FIXTURES.switchboardCompany.companyId, reason: 'standard' });
    expect(directory.identify(DEMO_FIXTURES.sharedLandline.dial).matches.map((m) => m.contactId)).toEqual([...DEMO_FIXTURES.sharedLandline.contactIds]);
    expect(directory.identify(DEMO_FIXTURES.unknownNumber.dial).matches).toEqual([]);
  });

  it('identifies every sampled stored number as one of its owners', () => {
    const stored = numbers.filter((n) => n !== 'anonymous' && !n.startsWith('+3369800'));
    const unmatched = stored.filter((raw) => directory.identify(raw).matches.length === 0);
    expect(unmatched).toEqual([]);
  });

  it('finds by name with accents ignored, and by number fragment', () => {
    expect(directory.search('francois lefevre').map((hit) => hit.id)).toContain(DEMO_FIXTURES.mobileContact.contactId);
    expect(directory.search('0612345678').map((hit) => hit.id)).toContain(DEMO_FIXTURES.mobileContact.contactId);
    expect(directory.search('syndic saint eloi gestion').map((hit) => hit.id)).toContain(DEMO_FIXTURES.switchboardCompany.companyId);
  });
});
