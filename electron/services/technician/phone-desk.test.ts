import { beforeEach, describe, expect, it } from 'vitest';
import { openStore, type AccueilStore } from '../store';
import { interventionsMigrations } from '../interventions/interventions-migrations';
import { DETECTED } from '../documents/upload-check';
import { InterventionStatus } from '../interventions/intervention-status';
import { PhoneDesk } from './phone-desk';
import type { ReportDesk } from './report-desk';
import { technicianMigrations } from './technician-migrations';
import { TechnicianRepository } from './technician-repository';
import { TechnicianRound } from './technician-round';

const NOW = new Date('2026-12-01T06:00:00Z');
const madeAt = '2026-12-01T08:00:00.000Z';
let store: AccueilStore;
let desk: PhoneDesk;
let repository: TechnicianRepository;
const karim = { accountId: 'a-k', technicianId: 'karim', name: 'Karim', deviceId: 'd-k' };
const julien = { accountId: 'a-j', technicianId: 'julien', name: 'Julien', deviceId: 'd-j' };

beforeEach(() => {
  store = openStore(':memory:', { clock: () => NOW });
  store.database.migrateArea('interventions', interventionsMigrations);
  store.database.migrateArea('technician', technicianMigrations);
  for (const [tech, owner] of [['karim', 'o-k'], ['julien', 'o-j']] as const) {
    store.database.prepare("INSERT INTO technicians (id, name, hubspot_owner_id, start_address, created_at, updated_at) VALUES (?, ?, ?, 'Rennes', ?, ?)").run(tech, tech, owner, NOW.toISOString(), NOW.toISOString());
    store.interventions.insert({ id: `visit-${tech}`, kind: 'Dépannage', scheduledAt: '2026-12-01T08:00:00Z' });
    store.database.prepare('UPDATE interventions SET hubspot_owner_id = ? WHERE id = ?').run(owner, `visit-${tech}`);
  }
  repository = new TechnicianRepository(store.database, () => NOW);
  const round = new TechnicianRound(store.database, repository, () => NOW, () => 'Accueil');
  // A picture is what its first bytes say (the documents area's check, reduced to its verdict here).
  const checkFile = (bytes: Buffer) =>
    bytes[0] === 0x89 ? ({ ok: true, type: DETECTED.png } as const) : bytes[0] === 0x52 ? ({ ok: true, type: DETECTED.webp } as const) : ({ ok: false, reason: 'documents.unknown_type', params: {}, detail: '' } as const);
  desk = new PhoneDesk({ db: store.database, repository, round, reports: {} as ReportDesk, status: new InterventionStatus(store.database, () => NOW), checkFile });
});

describe('the phone’s batches', () => {
  it('puts a planned visit « en cours » when the technician starts, once', async () => {
    const status = () => store.database.prepare<{ status: string }>('SELECT status FROM interventions WHERE id = ?').get('visit-karim')!.status;
    await desk.apply(karim, [{ clientId: 'd0000000-0000-4000-8000-000000000010', interventionId: 'visit-karim', kind: 'edit', madeAt, base: {}, changes: { report: 'arrivé' } }]);
    expect(status()).toBe('planifiee');
    await desk.apply(karim, [{ clientId: 'd0000000-0000-4000-8000-000000000011', interventionId: 'visit-karim', kind: 'edit', madeAt, base: { startedAt: null }, changes: { startedAt: madeAt } }]);
    expect(status()).toBe('en_cours');
  });

  it('never lets a technician replay another’s action id: refused, nothing written', async () => {
    const clientId = 'd0000000-0000-4000-8000-000000000001';
    const mine = await desk.apply(karim, [{ clientId, interventionId: 'visit-karim', kind: 'edit', madeAt, base: {}, changes: { report: 'Karim' } }]);
    expect(mine).toEqual([{ clientId, ok: true, fresh: true, outcome: { conflicts: [] } }]);
    const stolen = await desk.apply(julien, [{ clientId, interventionId: 'visit-julien', kind: 'edit', madeAt, base: {}, changes: { report: 'Julien' } }]);
    expect(stolen).toEqual([{ clientId, ok: false, reason: 'technician.action_foreign' }]);
    expect(repository.sheet('visit-julien').report).toBeNull();
  });

  it('applies nothing of a batch naming another technician’s visit', async () => {
    const answer = await desk.apply(karim, [
      { clientId: 'd0000000-0000-4000-8000-000000000002', interventionId: 'visit-karim', kind: 'edit', madeAt, base: {}, changes: { report: 'x' } },
      { clientId: 'd0000000-0000-4000-8000-000000000003', interventionId: 'visit-julien', kind: 'edit', madeAt, base: {}, changes: { report: 'y' } },
    ]);
    expect(answer).toBeNull();
    expect(repository.sheet('visit-karim').report).toBeNull();
  });

  it('keeps JPEG and PNG pictures once, and refuses what the report cannot hold', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('base64');
    const photo = { clientId: 'd0000000-0000-4000-8000-000000000004', interventionId: 'visit-karim', kind: 'photo' as const, madeAt, photo: { data: png } };
    expect((await desk.apply(karim, [photo, photo]))!.map((r) => r.ok && r.fresh)).toEqual([true, false]);
    const webp = await desk.apply(karim, [{ ...photo, clientId: 'd0000000-0000-4000-8000-000000000005', photo: { data: Buffer.from('RIFF').toString('base64') } }]);
    expect(webp).toEqual([{ clientId: 'd0000000-0000-4000-8000-000000000005', ok: false, reason: 'technician.picture_type' }]);
    const text = await desk.apply(karim, [{ ...photo, clientId: 'd0000000-0000-4000-8000-000000000006', photo: { data: Buffer.from('hello').toString('base64') } }]);
    expect(text).toEqual([{ clientId: 'd0000000-0000-4000-8000-000000000006', ok: false, reason: 'documents.unknown_type' }]);
    expect(repository.uploadsOf('visit-karim').photos).toHaveLength(1);
  });
});
