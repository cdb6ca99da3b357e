import { describe, expect, it } from 'vitest';
import { openStore } from '../store';
import { interventionsMigrations } from '../interventions/interventions-migrations';
import { InterventionStatus } from '../interventions/intervention-status';
import { satisfactionMigrations } from '../satisfaction/satisfaction-migrations';
import type { MailSending, OutgoingMessage } from '../templates/email-composer';
import { technicianMigrations } from './technician-migrations';
import { TechnicianRepository } from './technician-repository';
import { needsMaintenanceCertificate, ReportDesk, type FinishInput } from './report-desk';

function setup(kind = 'Entretien chaudière') {
  const clock = () => new Date('2026-03-10T10:00:00Z');
  const store = openStore(':memory:', { clock });
  store.database.migrateArea('interventions', interventionsMigrations);
  store.database.migrateArea('satisfaction', satisfactionMigrations);
  store.database.migrateArea('technician', technicianMigrations);
  const id = store.interventions.insert({ kind, scheduledAt: '2026-03-10T08:00:00Z', siteAddress: '12 rue des Lilas, 69003 Lyon', technician: 'Karim B.' });
  const sent: OutgoingMessage[] = [];
  const outbox: unknown[] = [];
  const attached = new Map<string, { interventionId: string; name: string; type: string }>();
  const mail: MailSending = { unavailable: () => null, fromAddress: () => 'atelier@example.test', send: async (m) => (sent.push(m), { messageId: `<${sent.length}@t>` }) };
  const repository = new TechnicianRepository(store.database, clock);
  const desk = new ReportDesk({
    db: store.database,
    repository,
    status: new InterventionStatus(store.database, clock),
    outbox: () => ({ enqueue: (item) => outbox.push(item) }),
    mail: () => mail,
    recipient: () => ({ email: 'lefevre@example.test', name: 'Mme Lefèvre' }),
    company: () => 'Thermique Durand',
    formatDate: (iso) => iso.slice(0, 16).replace('T', ' '),
    attach: (interventionId, file) => {
      if (!attached.has(file.sourceKey)) attached.set(file.sourceKey, { interventionId, name: file.name, type: file.type });
    },
  });
  const input: FinishInput = {
    action: { clientId: '6d1f7a0e-1111-4000-8000-00000000000a', interventionId: id, kind: 'done', madeAt: '2026-03-10T09:30:00Z' },
    technicianId: 'tech-karim',
    technicianName: 'Karim B.',
    startedAt: '2026-03-10T08:05:00Z',
    stoppedAt: '2026-03-10T09:25:00Z',
    checklist: [{ label: 'Contrôle du CO', done: true }],
    parts: [],
    report: 'Brûleur nettoyé.',
    photos: [],
    signature: null,
  };
  return { store, id, sent, outbox, desk, input, repository, attached };
}

describe('« Terminé » from the phone', () => {
  it('marks the visit done with its report, plans the survey, queues the HubSpot update and mails the PDF', async () => {
    const t = setup();
    const done = await t.desk.finish(t.input);
    expect(done).toMatchObject({ fresh: true, mailed: true, outcome: { interventionId: t.id, filename: `rapport-intervention-${t.id}.pdf` } });
    const row = t.store.database.prepare<{ status: string; report: string }>('SELECT status, report FROM interventions WHERE id = ?').get(t.id)!;
    expect(row).toEqual({ status: 'terminee', report: 'Brûleur nettoyé.' });
    expect(t.store.database.prepare<{ n: number }>("SELECT count(*) AS n FROM survey_candidates WHERE source_kind = 'intervention' AND source_id = ?").get(t.id)!.n).toBe(1);
    expect(t.outbox).toEqual([{ kind: 'meeting', localId: t.id, op: 'update' }]);
    expect(t.sent).toHaveLength(1);
    expect(t.sent[0]!.to).toBe('lefevre@example.test');
    expect(t.sent[0]!.text).toContain('attestation d’entretien');
    const pdf = t.sent[0]!.attachments![0]!;
    expect(Buffer.from(pdf.content).subarray(0, 5).toString()).toBe('%PDF-');
    expect(t.repository.report(done.outcome.sha256)).not.toBeNull();
    expect([...t.attached.values()]).toEqual([{ interventionId: t.id, name: `rapport-intervention-${t.id}.pdf`, type: 'attestation_entretien' }]);
  });

  it('attaches the PDF, each photo and the signature to the visit, under keys a replay reuses', async () => {
    const t = setup('Dépannage');
    const png = new Uint8Array(Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108000000003a7e9b550000000a49444154789c6360000000020001e221bc330000000049454e44ae426082', 'hex'));
    const input = { ...t.input, photos: [{ bytes: png, type: 'image/png' as const }, { bytes: png, type: 'image/png' as const }], signature: png };
    await t.desk.finish(input);
    await t.desk.finish(input);
    expect([...t.attached.entries()].map(([key, f]) => [key.replace(input.action.clientId, 'ID'), f.type, f.name])).toEqual([
      ['technician:ID:report', 'rapport_intervention', `rapport-intervention-${t.id}.pdf`],
      ['technician:ID:photo-1', 'photo', 'photo-1.png'],
      ['technician:ID:photo-2', 'photo', 'photo-2.png'],
      ['technician:ID:signature', 'photo', 'signature-client.png'],
    ]);
  });

  it('answers a replayed « Terminé » from the first outcome: no second e-mail, no second HubSpot update', async () => {
    const t = setup();
    const first = await t.desk.finish(t.input);
    const replay = await t.desk.finish(t.input);
    expect(replay).toEqual({ outcome: first.outcome, fresh: false, mailed: false });
    expect(t.sent).toHaveLength(1);
    expect(t.outbox).toHaveLength(1);
  });

  it('refuses a cancelled visit and records nothing, so nothing is mailed', async () => {
    const t = setup();
    t.store.database.prepare("UPDATE interventions SET status = 'annulee' WHERE id = ?").run(t.id);
    await expect(t.desk.finish(t.input)).rejects.toThrow();
    expect(t.repository.actionsOf(t.id)).toEqual([]);
    expect(t.sent).toEqual([]);
    expect(t.outbox).toEqual([]);
  });

  it('tells a boiler maintenance visit from other visits', () => {
    expect(needsMaintenanceCertificate('Entretien chaudière')).toBe(true);
    expect(needsMaintenanceCertificate('ENTRETIEN CHAUDIERE GAZ')).toBe(true);
    expect(needsMaintenanceCertificate('Dépannage chaudière')).toBe(false);
    expect(needsMaintenanceCertificate('Entretien climatisation')).toBe(false);
  });
});
