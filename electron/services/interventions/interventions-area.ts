/**
 * Interventions as an area: today, marking a visit done from the console (`interventions.complete`).
 * Booking, routes and the technicians' app (issue 16) grow here.
 */
import type { AreaModule } from '../area';
import { InterventionStatus } from './intervention-status';

export const interventionsArea: AreaModule = {
  name: 'interventions',
  order: 320,
  create({ workspace, events }) {
    const status = workspace.store.repository(InterventionStatus);
    return {
      handlers: {
        'interventions.complete': ({ interventionId, report }) => {
          const done = status.complete(interventionId, report);
          events.emit('directory.changed', { contactIds: done.contactId ? [done.contactId] : [], companyIds: done.companyId ? [done.companyId] : [] });
          return done;
        },
      },
    };
  },
};
