/**
 * Interventions as an area: today, marking a visit done from the console (`interventions.complete`).
 * Booking, routes and the technicians' app (issue 16) grow here.
 */
import type { AreaModule } from '../area';
import { InterventionStatus } from './intervention-status';

export const interventionsArea: AreaModule = {
  name: 'interventions',
  order: 320,
  create({ workspace, events, port }) {
    const status = workspace.store.repository(InterventionStatus);
    return {
      handlers: {
        'interventions.complete': ({ interventionId, report }) => {
          // The outcome goes to HubSpot in the same transaction (a pull meanwhile keeps the local « terminée »).
          const done = workspace.store.transaction(() => {
            const completed = status.complete(interventionId, report);
            port('crmOutbox').enqueue({ kind: 'meeting', localId: completed.id, op: 'update' });
            return completed;
          });
          events.emit('directory.changed', { contactIds: done.contactId ? [done.contactId] : [], companyIds: done.companyId ? [done.companyId] : [] });
          return done;
        },
      },
    };
  },
};
