/**
 * The store on real SQLite files in a temporary directory: what survives a restart, what a newer
 * version's file does to us (nothing), and what happens to a damaged file (moved aside, calls back).
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../electron/services/log';
import { useTempStoreFile } from '../support/temp-store-file';
import { DatabaseFromFutureError, openStore, type AccueilStore } from '../../electron/services/store';

const temp = useTempStoreFile('accueil-store-');
// The test may point `file` at a copy (a crash snapshot): open what it points at.
const open = (options?: Parameters<typeof temp.open>[0]) => temp.open(options, file);
let dir: string;
let file: string;
beforeEach(() => {
  dir = temp.dir();
  file = temp.file();
});

function ring(store: AccueilStore, n: number, extra: { contactId?: string | null; matchLabel?: string | null } = {}) {
  return store.calls.insertRinging({
    id: `call-${String(n).padStart(5, '0')}`,
    sipCallId: `sip-${n}`,
    direction: 'inbound',
    fromRaw: '+33612345678',
    fromE164: '+33612345678',
    fromDisplay: '06 12 34 56 78',
    callerName: `Appelant ${n}`,
    toRaw: '201',
    ringAt: new Date(Date.UTC(2026, 2, 10, 9, 0, 0) + n * 60_000).toISOString(),
    contactId: extra.contactId ?? null,
    companyId: null,
    matchLabel: extra.matchLabel ?? null,
  });
}

/** Filled with a customer and `calls` calls, then closed (so everything is in the main file). */
function journalWith(calls: number): { contactId: string } {
  const store = openStore(file);
  const contact = store.contacts.create({ firstName: 'François', lastName: 'Lefèvre', phone: '06 12 34 56 78' });
  store.transaction(() => {
    for (let n = 0; n < calls; n++) ring(store, n, { contactId: contact.id, matchLabel: 'François Lefèvre' });
    // Enough contacts to fill pages of their own, away from the journal's.
    for (let n = 0; n < 300; n++) store.contacts.insert({ firstName: `Prénom ${n}`, lastName: 'Remplissage'.repeat(5) });
  });
  store.close();
  return { contactId: contact.id };
}

/** Overwrites the given pages of the file with garbage. */
function garble(pages: number[]): void {
  const raw = new BetterSqlite3(file, { readonly: true });
  const pageSize = raw.pragma('page_size', { simple: true }) as number;
  raw.close();
  const fd = fs.openSync(file, 'r+');
  for (const page of pages) fs.writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize);
  fs.closeSync(fd);
}

function pagesOf(name: string): number[] {
  const raw = new BetterSqlite3(file, { readonly: true });
  const pages = raw.prepare<[string], { pageno: number }>(`SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno`).all(name).map((r) => r.pageno);
  raw.close();
  return pages;
}

describe('store on a file', () => {
  it('keeps contacts and calls across a restart, in WAL mode', () => {
    const first = open();
    const contact = first.contacts.create({ firstName: 'Hélène', lastName: 'Gauthier', phone: '02 99 87 65 43' });
    ring(first, 1, { contactId: contact.id });
    first.close();
    const second = open();
    expect(second.database.pragma('journal_mode')).toBe('wal');
    expect(second.contacts.get(contact.id)!.phones[0]!.e164).toBe('+33299876543');
    expect(second.calls.get('call-00001')!.contactId).toBe(contact.id);
    expect(second.recoveredFromCorruption).toBeNull();
  });

  it('writes a ringing call to disk before returning it (visible to another connection at once)', () => {
    const store = open();
    ring(store, 7);
    const other = new BetterSqlite3(file, { readonly: true });
    expect(other.prepare(`SELECT id FROM calls`).all()).toEqual([{ id: 'call-00007' }]);
    other.close();
  });

  it('refuses a database from a newer Accueil and leaves the file untouched', () => {
    open().close();
    const raw = new BetterSqlite3(file);
    raw.pragma('journal_mode = DELETE');
    raw.pragma('user_version = 99');
    raw.close();
    const before = fs.readFileSync(file);
    expect(() => openStore(file)).toThrow(DatabaseFromFutureError);
    expect(() => openStore(file)).toThrow(/version plus récente d'Accueil \(schéma 99/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(dir).filter((name) => name.includes('corrupt'))).toEqual([]);
  });

  it('moves a damaged file aside, starts afresh and salvages every call from it', () => {
    const { contactId } = journalWith(50);
    garble(pagesOf('contacts'));
    const logger = createMemoryLogger();
    const store = open({ logger });

    const recovery = store.recoveredFromCorruption!;
    expect(recovery.salvagedCalls).toBe(50);
    expect(path.basename(recovery.movedTo)).toMatch(/^accueil\.db\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/);
    expect(fs.existsSync(recovery.movedTo)).toBe(true);
    expect(store.contacts.get(contactId)).toBeNull();
    const calls = store.calls.recent({ limit: 100 });
    expect(calls).toHaveLength(50);
    expect(calls[0]).toMatchObject({ id: 'call-00049', matchLabel: 'François Lefèvre', callerName: 'Appelant 49', fromE164: '+33612345678' });
    expect(logger.lines.some((line) => line['level'] === 'error' && line['movedTo'] === recovery.movedTo && line['salvagedCalls'] === 50)).toBe(true);

    // The fresh database works, and is not "recovered" again on the next start.
    store.close();
    const again = open();
    expect(again.recoveredFromCorruption).toBeNull();
    expect(again.calls.recent({ limit: 100 })).toHaveLength(50);
  });

  it('salvages calls still in the -wal of a damaged file (written just before a crash)', () => {
    journalWith(20);
    garble(pagesOf('contacts'));
    // A crash right after the last calls: they are only in the WAL (copied while the writer is open).
    const writer = new BetterSqlite3(file);
    writer.pragma('wal_autocheckpoint = 0');
    const insert = writer.prepare(
      `INSERT INTO calls (id, direction, state, from_raw, from_display, to_raw, ring_at, updated_at) VALUES (?, 'inbound', 'ringing', '0612345678', '06 12 34 56 78', '201', ?, ?)`,
    );
    for (let n = 0; n < 5; n++) insert.run(`late-${n}`, '2026-03-11T08:00:00.000Z', '2026-03-11T08:00:00.000Z');
    const crashed = path.join(dir, 'crashed');
    fs.mkdirSync(crashed);
    for (const suffix of ['', '-wal', '-shm']) fs.copyFileSync(`${file}${suffix}`, path.join(crashed, `accueil.db${suffix}`));
    writer.close();
    file = path.join(crashed, 'accueil.db');
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);

    const store = open();
    expect(store.recoveredFromCorruption!.salvagedCalls).toBe(25);
    expect(store.calls.get('late-4')).toMatchObject({ state: 'ringing', fromDisplay: '06 12 34 56 78' });
    expect(fs.statSync(`${store.recoveredFromCorruption!.movedTo}-wal`).size).toBeGreaterThan(0);
  });

  it('salvages the calls on both sides of a damaged page of the journal itself', () => {
    journalWith(3000);
    const callPages = pagesOf('calls');
    expect(callPages.length).toBeGreaterThan(10);
    garble([callPages[Math.floor(callPages.length / 2)]!]);
    const store = open();
    const salvaged = store.recoveredFromCorruption!.salvagedCalls;
    expect(salvaged).toBeGreaterThan(2500);
    expect(salvaged).toBeLessThan(3000);
    const ids = new Set(store.calls.recent({ limit: 5000 }).map((c) => c.id));
    expect(ids.has('call-00000')).toBe(true);
    expect(ids.has('call-02999')).toBe(true);
  });

  it('moves aside a file that is not a database at all, with its -wal and -shm', () => {
    fs.writeFileSync(file, Buffer.from('Ceci n’est pas une base SQLite. '.repeat(200)));
    fs.writeFileSync(`${file}-wal`, 'x');
    fs.writeFileSync(`${file}-shm`, 'y');
    const store = open();
    const { movedTo, salvagedCalls } = store.recoveredFromCorruption!;
    expect(salvagedCalls).toBe(0);
    expect(fs.readFileSync(movedTo, 'utf8')).toMatch(/^Ceci n’est pas/);
    expect(fs.readFileSync(`${movedTo}-wal`, 'utf8')).toBe('x');
    // The -shm is SQLite's index of the WAL, rebuilt by whoever reads the copy: moved, not kept as is.
    expect(fs.existsSync(`${movedTo}-shm`)).toBe(true);
    expect(fs.existsSync(`${file}-wal`) && fs.readFileSync(`${file}-wal`, 'utf8') === 'x').toBe(false);
    expect(store.calls.recent({ limit: 10 })).toEqual([]);
    ring(store, 1);
    expect(store.calls.recent({ limit: 10 })).toHaveLength(1);
  });
});
