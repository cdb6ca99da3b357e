import { describe, expect, it } from 'vitest';
import { openStore } from '../store';
import { applyOnce, ForeignActionError, type FieldAction } from './field-sync';
import { technicianMigrations } from './technician-migrations';
import { TechnicianRepository } from './technician-repository';

const action: FieldAction = { clientId: 'b7f3c2a1-0000-4000-8000-000000000001', interventionId: 'itv-1', kind: 'signature', madeAt: '2026-03-10T09:00:00Z' };

describe('technician tables', () => {
  it('apply an action once per client id, on disk, across repository instances (a server restart)', () => {
    const store = openStore(':memory:');
    store.database.migrateArea('technician', technicianMigrations);
    let applied = 0;
    const first = applyOnce(store.repository(TechnicianRepository).processedFor(action), 'tech-a', action, () => ({ n: ++applied }));
    const again = applyOnce(new TechnicianRepository(store.database, () => new Date()).processedFor(action), 'tech-a', action, () => ({ n: ++applied }));
    expect(first).toMatchObject({ fresh: true, outcome: { n: 1 } });
    expect(again).toMatchObject({ fresh: false, outcome: { n: 1 } });
    expect(applied).toBe(1);
    expect(store.repository(TechnicianRepository).actionsOf('itv-1')).toEqual([{ clientId: action.clientId, kind: 'signature' }]);
    expect(() => applyOnce(store.repository(TechnicianRepository).processedFor(action), 'tech-b', action, () => 0)).toThrow(ForeignActionError);
    store.close();
  });

  it('refuses a client id too short to be a phone-made UUID', () => {
    const store = openStore(':memory:');
    store.database.migrateArea('technician', technicianMigrations);
    const short = { ...action, clientId: 'x' };
    expect(() => applyOnce(store.repository(TechnicianRepository).processedFor(short), 't', short, () => 1)).toThrow(/CHECK/);
    store.close();
  });

  it('keep a report by content: same bytes, one row, read back whole', () => {
    const store = openStore(':memory:');
    store.database.migrateArea('technician', technicianMigrations);
    const repo = store.repository(TechnicianRepository);
    const bytes = new TextEncoder().encode('%PDF-1.7 test');
    const a = repo.keepReport('itv-1', bytes);
    expect(repo.keepReport('itv-1', bytes)).toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.from(repo.report(a)!).toString()).toBe('%PDF-1.7 test');
    expect(store.database.prepare<{ n: number }>('SELECT count(*) AS n FROM technician_reports').get()!.n).toBe(1);
    store.close();
  });
});
