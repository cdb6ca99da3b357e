/**
 * The technicians' app as an area (issue 16): phones signed in for weeks (technician-sessions.ts),
 * actions replayed from the phone applied once by their client id (field-sync.ts), and « Terminé »
 * (report-desk.ts): the report PDF e-mailed to the customer and kept as a document of the visit, the
 * visit marked « terminée » (its survey follows), the HubSpot meeting update queued.
 * The public routes under /technicien/ (host/public/technician-area.ts) read the ports below: the
 * round (technician-round.ts) and the phone's batches of actions (phone-desk.ts).
 */
import type { AreaModule } from '../area';
import { PhoneDesk } from './phone-desk';
import { ReportDesk } from './report-desk';
import { technicianMigrations } from './technician-migrations';
import { TechnicianRepository } from './technician-repository';
import { TechnicianRound } from './technician-round';
import { TechnicianSessions } from './technician-sessions';
import { OfficeSheet } from './office-sheet';

declare module '../area' {
  interface AreaPorts {
    /** Phones of technicians: sign-in, who holds a token, revocation. */
    technicianSessions: TechnicianSessions;
    /** « Terminé » from the phone. */
    technicianReports: ReportDesk;
    /** Today's and tomorrow's visits of a technician, and one of his visits (never another's). */
    technicianRound: TechnicianRound;
    /** The phone's batches of actions, applied once each. */
    technicianPhone: PhoneDesk;
  }
}

const parisDateTime = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });

export const technicianArea: AreaModule = {
  name: 'technician',
  // After accounts (50), interventions (320), documents (340) and templates' mail (600).
  order: 690,
  migrations: technicianMigrations,
  create({ workspace, settings, options, port }) {
    const db = workspace.store.database;
    const clock = options.clock ?? workspace.store.clock;
    const repository = new TechnicianRepository(db, clock);
    const sessions = new TechnicianSessions(db, port('accounts'), clock);
    const reports = new ReportDesk({
      db,
      repository,
      status: port('interventionStatus'),
      outbox: () => port('crmOutbox'),
      mail: () => {
        try {
          return port('mail');
        } catch {
          return null;
        }
      },
      recipient: (intervention) => {
        if (!intervention.contactId) return null;
        const row = db
          .prepare<{ first_name: string; last_name: string; email: string | null }>('SELECT first_name, last_name, email FROM contacts WHERE id = ?')
          .get(intervention.contactId);
        return row?.email ? { email: row.email, name: `${row.first_name} ${row.last_name}`.trim() } : null;
      },
      company: () => settings.smtpAccount().companyName || 'Accueil',
      formatDate: (iso) => parisDateTime.format(new Date(iso)),
      attach: (interventionId, file) => {
        port('documents').add({
          bytes: Buffer.from(file.bytes),
          name: file.name,
          type: file.type,
          links: { interventionId },
          addedBy: { kind: 'technician' },
          sourceKey: file.sourceKey,
        });
      },
    });
    const round = new TechnicianRound(db, repository, clock, () => settings.smtpAccount().companyName || 'Accueil');
    const phone = new PhoneDesk({ db, repository, round, reports, status: port('interventionStatus'), checkFile: (bytes, name) => port('documents').check(bytes, name) });
    const office = new OfficeSheet(db, repository);
    return {
      provides: { technicianSessions: sessions, technicianReports: reports, technicianRound: round, technicianPhone: phone },
      handlers: {
        'technician.sheet': ({ interventionId }) => office.read(interventionId),
        'technician.saveSheet': (input) => office.save(input),
      },
    };
  },
};
