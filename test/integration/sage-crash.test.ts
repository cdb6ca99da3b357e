/**
 * `kill -9` in the middle of a Sage import: the file's transaction is never half there — the next
 * run imports it whole, without a duplicated company, and the one after changes nothing.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, afterEach, describe, expect, it } from 'vitest';
import { bundleChild } from '../support/node-child';
import { openStore } from '../../electron/services/store';
import { encodeText } from '../../electron/services/sage/code-pages';
import { writeSage100, type ExportedAccount } from '../../electron/services/sage/sage100-format';

const ROOT = path.resolve(__dirname, '../..');
const CHILD = path.join(ROOT, 'test/support/sage-import-child.ts');
/** The child as plain Node runs it (bundled once: a start per kill costs a few hundred ms, not a compile). */
let bundled: string;
beforeAll(async () => {
  bundled = await bundleChild(CHILD);
}, 60_000);
const NOW = '2024-04-18T08:00:00.000Z';
const ACCOUNTS = 3_000;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

type ChildResult = { killed: true } | { killed: false; report: { accounts: Record<string, number>; rejected: number; fileError: unknown } };

function runChild(db: string, file: string, halt: number | null): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundled], {
      cwd: ROOT,
      env: { ...process.env, ACCUEIL_TEST_DB: db, ACCUEIL_TEST_FILE: file, ACCUEIL_TEST_NOW: NOW, ACCUEIL_TEST_HALT: halt === null ? '' : String(halt) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (halt !== null && out.includes('halfway')) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ killed: true });
      else if (code === 0) resolve({ killed: false, report: JSON.parse(out.trim().split('\n').pop()!) });
      else reject(new Error(`child exited ${code}: ${err}`));
    });
    cleanups.push(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
  });
}

function luhnKey(digits: string): string {
  for (let k = 0; k < 10; k++) {
    const candidate = digits + k;
    let sum = 0;
    for (let i = 0; i < candidate.length; i++) {
      let d = Number(candidate[candidate.length - 1 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('no key');
}

describe('a Sage import killed with SIGKILL', () => {
  it('leaves nothing half-imported, then imports whole without duplicates, then changes nothing', { timeout: 180_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-sage-crash-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const db = path.join(dir, 'accueil.db');
    // 3 000 accounts (codes with leading zeros, accents); one in ten is a company HubSpot already has (same SIRET).
    const accounts: ExportedAccount[] = [];
    const seed = openStore(db, { clock: () => new Date(NOW) });
    for (let i = 1; i <= ACCOUNTS; i++) {
      const siret = i % 10 === 0 ? luhnKey(luhnKey(String(300_000_000 + i).slice(0, 8)) + String(i % 10_000).padStart(4, '0')) : null;
      if (siret) seed.companies.insert({ name: `Société ${i}`, siret });
      accounts.push({ code: String(i).padStart(6, '0'), name: `Rénovation Hélène ${i}`, contact: null, address: `${i} rue de l’Église`.replace('’', "'"), complement: null, postalCode: '69003', city: 'Lyon', country: 'France', vat: null, siret, createdOn: '2021-05-02', phone: null, fax: null, email: null, website: null });
    }
    const before = seed.companies.count();
    seed.close();
    const file = path.join(dir, 'clients.txt');
    fs.writeFileSync(file, encodeText(writeSage100(accounts), 'ibm850'));

    expect(await runChild(db, file, 1_500)).toEqual({ killed: true });
    const afterKill = openStore(db);
    expect(afterKill.companies.count()).toBe(before);
    expect(afterKill.database.prepare<{ n: number }>(`SELECT count(*) AS n FROM sage_accounts`).get()!.n).toBe(0);
    afterKill.close();

    const whole = await runChild(db, file, null);
    expect(whole).toEqual({ killed: false, report: { accounts: { read: ACCOUNTS, created: ACCOUNTS - ACCOUNTS / 10, linked: ACCOUNTS / 10, updated: 0, unchanged: 0, toReview: 0, ignored: 0 }, rejected: 0, fileError: null } });
    const again = await runChild(db, file, null);
    expect(again).toMatchObject({ killed: false, report: { accounts: { unchanged: ACCOUNTS, created: 0, linked: 0 } } });

    const check = openStore(db);
    cleanups.push(() => check.close());
    expect(check.companies.count()).toBe(before + ACCOUNTS - ACCOUNTS / 10);
    expect(check.database.prepare<{ n: number }>(`SELECT count(DISTINCT company_id) AS n FROM sage_accounts`).get()!.n).toBe(ACCOUNTS);
    // One push job for HubSpot, however many runs.
    expect(check.database.prepare<{ n: number }>(`SELECT count(*) AS n FROM jobs WHERE queue = 'sage-hubspot'`).get()!.n).toBe(1);
  });
});
