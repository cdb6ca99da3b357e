import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../index';
import { migrations } from './index';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const AT = '2026-03-02T09:00:00.000Z';

/** A file as version 5 left it: one contact with a number, a devis and a ticket. */
function version5File(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-m6-'));
  dirs.push(dir);
  const file = path.join(dir, 'accueil.db');
  const raw = new BetterSqlite3(file);
  for (const m of migrations.filter((m) => m.version <= 5)) m.up(raw);
  raw.prepare(`INSERT INTO contacts (id, first_name, last_name, created_at, updated_at) VALUES ('ct-1', 'Odile', 'Marchand', ?, ?)`).run(AT, AT);
  raw
    .prepare(`INSERT INTO phones (contact_id, e164, raw, kind, search_digits, created_at, updated_at) VALUES ('ct-1', '+33478123456', '04 78 12 34 56', 'fixe', '0478123456 478123456 33478123456', ?, ?)`)
    .run(AT, AT);
  raw
    .prepare(`INSERT INTO quotes (id, number, title, amount_cents, status, contact_id, created_at, updated_at) VALUES ('q-1', 'DV-2025-00410', 'Chaudière à condensation', 380000, 'envoye', 'ct-1', ?, ?)`)
    .run(AT, AT);
  raw
    .prepare(`INSERT INTO tickets (id, subject, status, priority, category, contact_id, created_at, updated_at) VALUES ('9b1c77d0-aaaa', 'Radiateur froid', 'nouveau', 'normale', 'depannage', 'ct-1', ?, ?)`)
    .run(AT, AT);
  raw.pragma('user_version = 5');
  raw.close();
  return file;
}

describe('migration 0007 (search everywhere)', () => {
  it('indexes what a version-5 file already holds: numbers from their middle, devis and tickets', () => {
    const store = openStore(version5File());
    expect(store.database.version).toBeGreaterThanOrEqual(7);
    for (const query of ['34 56', '8123', 'DV-2025-00410', 'chaudiere', 'T-9B1C77D0', 'radiateur']) {
      expect(store.search.search(query).map((hit) => hit.id), query).toEqual(['ct-1']);
    }
    store.close();
  });

  it('gives a fresh database the three new indexes, empty', () => {
    const store = openStore(':memory:');
    for (const table of ['phone_digits_fts', 'contacts_work_fts', 'companies_work_fts']) {
      expect(store.database.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    }
    store.close();
  });
});
