/**
 * « Terminé » with two photos and a signature: the report PDF reaches the customer through a real
 * SMTP exchange (test/support/smtp-inbox.ts), and the attachment read back is the whole PDF.
 */
import { simpleParser } from 'mailparser';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../electron/services/store';
import { interventionsMigrations } from '../../electron/services/interventions/interventions-migrations';
import { InterventionStatus } from '../../electron/services/interventions/intervention-status';
import { satisfactionMigrations } from '../../electron/services/satisfaction/satisfaction-migrations';
import { SmtpSender } from '../../electron/services/templates/mail/smtp-sender';
import { technicianMigrations } from '../../electron/services/technician/technician-migrations';
import { TechnicianRepository } from '../../electron/services/technician/technician-repository';
import { ReportDesk } from '../../electron/services/technician/report-desk';
import { startSmtpInbox, type SmtpInbox } from '../support/smtp-inbox';
import { tinyPng } from '../support/tiny-png';

let inbox: SmtpInbox | null = null;
afterEach(async () => {
  await inbox?.stop();
  inbox = null;
});

describe('technician report by e-mail', () => {
  it('sends the PDF with both photos and the signature to the customer, once', async () => {
    inbox = await startSmtpInbox();
    const clock = () => new Date('2026-03-10T10:00:00Z');
    const store = openStore(':memory:', { clock });
    store.database.migrateArea('interventions', interventionsMigrations);
    store.database.migrateArea('satisfaction', satisfactionMigrations);
    store.database.migrateArea('technician', technicianMigrations);
    const id = store.interventions.insert({ kind: 'Dépannage chaudière', scheduledAt: '2026-03-10T08:00:00Z', siteAddress: '3 place Bellecour, Lyon' });
    const port = inbox.port;
    const sender = new SmtpSender(() => ({
      host: '127.0.0.1', port, security: 'none', user: '', password: '', fromAddress: 'atelier@durand.example', fromName: 'Thermique Durand',
      companyName: 'Thermique Durand', companyPhone: '', reviewUrl: '', caFile: null,
    }));
    const desk = new ReportDesk({
      db: store.database,
      repository: new TechnicianRepository(store.database, clock),
      status: new InterventionStatus(store.database, clock),
      outbox: () => ({ enqueue: () => {} }),
      mail: () => sender,
      recipient: () => ({ email: 'client@example.test', name: 'M. Martin' }),
      company: () => 'Thermique Durand',
      formatDate: (iso) => iso,
    });
    const input = {
      action: { clientId: 'a2c4e6f8-2222-4000-8000-000000000001', interventionId: id, kind: 'done' as const, madeAt: '2026-03-10T09:30:00Z' },
      technicianId: 't1', technicianName: 'Karim B.', startedAt: null, stoppedAt: '2026-03-10T09:25:00Z',
      checklist: [], parts: [{ label: 'Thermocouple', quantity: 1 }], report: 'Thermocouple remplacé.',
      photos: [{ bytes: tinyPng(64, 48), type: 'image/png' as const }, { bytes: tinyPng(48, 64), type: 'image/png' as const }],
      signature: tinyPng(300, 100),
    };
    await desk.finish(input);
    await desk.finish(input); // the phone replays after a lost answer
    const mail = await inbox.next(5000);
    expect(mail.envelopeTo).toEqual(['client@example.test']);
    const parsed = await simpleParser(mail.raw);
    expect(parsed.attachments).toHaveLength(1);
    const attachment = parsed.attachments[0]!;
    expect(attachment.contentType).toBe('application/pdf');
    expect(attachment.filename).toBe(`rapport-intervention-${id}.pdf`);
    const pdf = await PDFDocument.load(attachment.content);
    const images = pdf.context.enumerateIndirectObjects().filter(([, o]) => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'));
    expect(images).toHaveLength(3);
    await new Promise((r) => setTimeout(r, 300));
    expect(inbox.received).toHaveLength(1);
    expect(store.database.prepare<{ status: string }>('SELECT status FROM interventions WHERE id = ?').get(id)!.status).toBe('terminee');
    store.close();
  });
});
