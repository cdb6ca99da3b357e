/**
 * Interventions as an area: marking a visit done from the console (`interventions.complete`), the
 * technicians and the kinds of visit (Paramètres), and booking a visit on the call — the arrival
 * windows that can really be kept, then booking, moving and cancelling (booking/booking-desk.ts).
 * Routes (`accueil routes solve`) live in routes/; the planning board and « Optimiser la journée »
 * in planning/ (planning-handlers.ts).
 */
import { ServiceError } from '../../contract/envelope';
import type { AreaModule } from '../area';
import { InterventionStatus } from './intervention-status';
import { interventionsMigrations } from './interventions-migrations';
import { TechniciansRepository } from './technicians/technicians-repository';
import { seedDemoTechnicians } from './technicians/demo-technicians';
import { shippedGeocoder, SHIPPED_GEO_SOURCE } from './geo/shipped-communes';
import { BookingDesk } from './booking/booking-desk';
import { localTime } from '../shared/paris-time';
import { PlanningDesk } from './planning/planning-desk';
import { planningHandlers } from './planning/planning-handlers';

declare module '../area' {
  interface AreaPorts {
    /** Booking on the call (the bench and the technicians' app read it). */
    booking: BookingDesk;
    /** Marking a visit done (the technicians' app's « Terminé »). */
    interventionStatus: InterventionStatus;
    /** The planning board and « Optimiser la journée » (the bench reads it). */
    planning: PlanningDesk;
  }
}

export const interventionsArea: AreaModule = {
  name: 'interventions',
  order: 320,
  migrations: interventionsMigrations,
  create({ workspace, events, port, settings, logger, options }) {
    const status = workspace.store.repository(InterventionStatus);
    const db = workspace.store.database;
    const clock = options.clock ?? workspace.store.clock;
    const technicians = new TechniciansRepository(db, clock, shippedGeocoder);
    technicians.seedDefaultTypes();
    if (settings.workspace() === 'demo') seedDemoTechnicians(technicians, localTime(clock()).date);
    const desk = new BookingDesk({
      db,
      clock,
      technicians,
      geocoder: shippedGeocoder,
      outbox: () => port('crmOutbox'),
      mail: () => {
        try {
          return port('mail');
        } catch {
          return null;
        }
      },
      sending: () => settings.workspace() === 'crm',
      company: () => ({ name: settings.smtpAccount().companyName, phone: settings.smtpAccount().companyPhone }),
      recordEmail: (email) =>
        workspace.store.transaction(() => {
          const id = workspace.store.history.addEmail({ contactId: email.contactId, companyId: email.companyId, direction: 'out', fromAddress: email.from, toAddress: email.to, subject: email.subject, body: email.body, sentAt: email.sentAt });
          port('crmOutbox').enqueue({ kind: 'email', localId: id, op: 'create' });
        }),
      logger: logger.child('booking'),
    });
    const planning = new PlanningDesk({ db, clock, booking: () => desk, technicians: () => technicians });
    const changed = (contactId: string | null, companyId: string | null) =>
      events.emit('directory.changed', { contactIds: contactId ? [contactId] : [], companyIds: companyId ? [companyId] : [] });
    const actor = (ctx: { account?: { name: string } } | undefined) => ctx?.account?.name ?? null;
    const technicianAccounts = () => {
      try {
        return port('accounts')
          .list()
          .filter((a) => a.role === 'technician' && !a.disabled)
          .map((a) => ({ id: a.id, name: a.name, login: a.login }));
      } catch {
        return [];
      }
    };
    const owners = () =>
      db
        .prepare<{ hubspot_id: string; first_name: string | null; last_name: string | null; email: string | null }>('SELECT hubspot_id, first_name, last_name, email FROM crm_owners ORDER BY last_name, first_name')
        .all()
        .map((o) => ({ id: o.hubspot_id, name: [o.first_name, o.last_name].filter(Boolean).join(' ') || o.email || o.hubspot_id }));

    return {
      provides: { booking: desk, interventionStatus: status, planning },
      handlers: {
        'interventions.complete': ({ interventionId, report }) => {
          // The outcome goes to HubSpot in the same transaction (a pull meanwhile keeps the local « terminée »).
          const done = workspace.store.transaction(() => {
            const completed = status.complete(interventionId, report);
            port('crmOutbox').enqueue({ kind: 'meeting', localId: completed.id, op: 'update' });
            return completed;
          });
          changed(done.contactId, done.companyId);
          return done;
        },
        'booking.setup': () => ({ technicians: technicians.list(), types: technicians.types(), technicianAccounts: technicianAccounts(), owners: owners(), geocoding: SHIPPED_GEO_SOURCE }),
        'booking.saveTechnician': (input) => {
          const saved = technicians.save(input);
          if (!saved) throw new ServiceError('bad_request', { reason: 'booking.start_address_unknown' });
          return saved;
        },
        'booking.removeTechnician': ({ id }) => ({ removed: technicians.remove(id) }),
        'booking.saveType': (input) => technicians.saveType(input),
        'booking.removeType': ({ id }) => ({ removed: technicians.removeType(id) }),
        'booking.geocode': ({ address }) => desk.geocode(address),
        'booking.propose': (input) => desk.propose(input),
        'booking.book': async (input, ctx) => {
          const booking = await desk.book(input, actor(ctx));
          changed(booking.contactId, booking.companyId);
          return booking;
        },
        'booking.reschedule': async (input, ctx) => {
          const booking = await desk.reschedule(input, actor(ctx));
          changed(booking.contactId, booking.companyId);
          return booking;
        },
        'booking.cancel': async (input, ctx) => {
          const booking = await desk.cancel(input, actor(ctx));
          changed(booking.contactId, booking.companyId);
          return booking;
        },
        'booking.get': ({ interventionId }) => desk.get(interventionId),
        ...planningHandlers(planning, desk, events),
      },
      purgeDemo: (purge) => {
        purge.prepare(`DELETE FROM technicians WHERE id LIKE 'demo-tech-%'`).run();
      },
    };
  },
};
