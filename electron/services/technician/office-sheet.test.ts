/**
 * The office reads and corrects the technician's sheet: what the phone wrote is shown, a correction
 * made on an older version than the phone's latest is refused (never overwritten unseen), a phone
 * that edits later from its older base keeps the office's value (and is told), and a visit done on
 * the phone no longer changes.
 */
import { describe, expect, it } from 'vitest';
import { reasonOf } from '../../../test/support/service-reason';
import { openStore } from '../store';
import { applyOnce, mergeFieldEdit, type FieldAction } from './field-sync';
import { technicianMigrations } from './technician-migrations';
import { TechnicianRepository } from './technician-repository';
import { OfficeSheet } from './office-sheet';

function setup() {
  let now = Date.parse('2026-03-10T09:00:00Z');
  const store = openStore(':memory:', { clock: () => new Date(now) });
  store.database.migrateArea('technician', technicianMigrations);
  const repo = new TechnicianRepository(store.database, () => new Date(now));
  const id = store.interventions.insert({ kind: 'Entretien chaudière', scheduledAt: '2026-03-10T08:00:00Z', technician: 'Karim Benali', contactId: null, companyId: null, status: 'en_cours' });
  return { store, repo, office: new OfficeSheet(store.database, repo), id, tick: (ms: number) => (now += ms) };
}

describe('the technician’s sheet at the office', () => {
  it('shows what the phone wrote, and keeps the office’s correction against a phone that had not seen it', () => {
    const { repo, office, id, tick } = setup();
    expect(office.read(id)).toMatchObject({ report: null, parts: [], checklist: [], updatedBy: null, updatedAt: null, photos: 0, signed: false, done: false });
    repo.writeSheet(id, { report: 'Brûleur nettoyé', parts: JSON.stringify([{ label: 'Joint', quantity: 2 }]), checklist: JSON.stringify([{ label: 'Étanchéité', done: true }]), startedAt: '2026-03-10T08:05:00Z' }, 'phone');
    const seen = office.read(id);
    expect(seen).toMatchObject({ report: 'Brûleur nettoyé', parts: [{ label: 'Joint', quantity: 2 }], checklist: [{ label: 'Étanchéité', done: true }], startedAt: '2026-03-10T08:05:00Z', updatedBy: 'phone' });

    tick(60_000);
    const saved = office.save({ interventionId: id, expectedUpdatedAt: seen.updatedAt, report: 'Brûleur nettoyé, vase d’expansion regonflé', parts: [{ label: 'Joint fibre 3/4', quantity: 2 }] });
    expect(saved).toMatchObject({ report: 'Brûleur nettoyé, vase d’expansion regonflé', parts: [{ label: 'Joint fibre 3/4', quantity: 2 }], checklist: [{ label: 'Étanchéité', done: true }], updatedBy: 'office' });

    // The phone, offline, edits the report from what it saw before: the office's value is kept, and reported.
    const merge = mergeFieldEdit(repo.sheet(id), { report: 'Brûleur nettoyé' }, { report: 'Brûleur nettoyé, RAS' });
    expect(merge.write).toEqual({});
    expect(merge.conflicts).toEqual([{ field: 'report', office: 'Brûleur nettoyé, vase d’expansion regonflé', phone: 'Brûleur nettoyé, RAS' }]);
  });

  it('refuses a correction made on an older version, and any once « Terminé » was sent', () => {
    const { repo, office, id, tick } = setup();
    const before = office.read(id);
    tick(1000);
    repo.writeSheet(id, { report: 'Arrivé' }, 'phone');
    expect(reasonOf(() => office.save({ interventionId: id, expectedUpdatedAt: before.updatedAt, report: 'Écrasé ?', parts: [] }))).toBe('technician.sheet_changed');
    expect(office.read(id).report).toBe('Arrivé');

    const done: FieldAction = { clientId: 'b7f3c2a1-0000-4000-8000-0000000000d0', interventionId: id, kind: 'done', madeAt: '2026-03-10T10:00:00Z' };
    applyOnce(repo.processedFor(done), 'tech-a', done, () => ({ ok: true }));
    const now = office.read(id);
    expect(now.done).toBe(true);
    expect(reasonOf(() => office.save({ interventionId: id, expectedUpdatedAt: now.updatedAt, report: 'Trop tard', parts: [] }))).toBe('technician.sheet_done');
    expect(reasonOf(() => office.read('nothing'))).toBe('technician.visit_not_found');
  });
});
