import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../log';
import { openDatabase } from './database';
import { latestVersion, migrations } from './migrations';

describe('migrations', () => {
  it('are numbered consecutively from 1', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(latestVersion).toBe(migrations.length);
  });

  it('bring a fresh database to the latest version with every table, index and trigger', () => {
    const db = openDatabase(':memory:');
    expect(db.version).toBe(latestVersion);
    const names = db
      .prepare<{ name: string }>(`SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name`)
      .all()
      .map((r) => r.name);
    for (const table of ['companies', 'contacts', 'phones', 'calls', 'notes', 'emails', 'tickets', 'quotes', 'interventions', 'templates', 'contacts_fts', 'companies_fts']) {
      expect(names).toContain(table);
    }
    const plan = db.prepare<{ detail: string }>(`EXPLAIN QUERY PLAN SELECT * FROM phones WHERE e164 = ?`).all('+33612345678');
    expect(plan.map((p) => p.detail).join()).toContain('USING INDEX phones_e164');
    db.close();
  });

  it('gives every CRM table a nullable hubspot_id that refuses duplicates', () => {
    const db = openDatabase(':memory:');
    for (const table of ['contacts', 'companies', 'tickets', 'quotes', 'calls', 'notes', 'emails', 'interventions']) {
      const columns = db.prepare<{ name: string; notnull: number }>(`PRAGMA table_info(${table})`).all();
      expect(columns.find((c) => c.name === 'hubspot_id'), table).toMatchObject({ notnull: 0 });
      expect(columns.some((c) => c.name === 'updated_at'), table).toBe(true);
    }
    const insert = db.prepare(`INSERT INTO companies (id, name, hubspot_id, created_at, updated_at) VALUES (?, 'X', ?, 'now', 'now')`);
    insert.run('a', null);
    insert.run('b', null);
    insert.run('c', '123');
    expect(() => insert.run('d', '123')).toThrow(/UNIQUE/);
    db.close();
  });

  it('turns foreign keys on', () => {
    const db = openDatabase(':memory:');
    expect(db.pragma('foreign_keys')).toBe(1);
    expect(() =>
      db.prepare(`INSERT INTO contacts (id, last_name, company_id, created_at, updated_at) VALUES ('c', 'X', 'missing', 'now', 'now')`).run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});

describe('AccueilDatabase', () => {
  it('prepares a statement once and returns the cached one after', () => {
    const db = openDatabase(':memory:');
    expect(db.prepare('SELECT 1')).toBe(db.prepare('SELECT 1'));
    db.close();
  });

  it('logs a query slower than the threshold, with its SQL', () => {
    const logger = createMemoryLogger();
    const db = openDatabase(':memory:', { logger, slowQueryMs: 0 });
    db.prepare('SELECT 42').get();
    expect(logger.lines.some((line) => line['msg'] === 'requête SQL lente' && line['sql'] === 'SELECT 42')).toBe(true);
    db.close();
  });

  it('does not log queries under the 40 ms threshold', () => {
    const logger = createMemoryLogger();
    const db = openDatabase(':memory:', { logger });
    db.prepare('SELECT 42').get();
    expect(logger.lines.filter((line) => line['msg'] === 'requête SQL lente')).toEqual([]);
    db.close();
  });
});
