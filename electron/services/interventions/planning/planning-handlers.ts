/**
 * The planning board's calls (contract/planning-calls.ts), answered by the interventions area.
 *
 * Roles: the staff view and move. Forcing a move that creates a conflict is a supervisor's (or an
 * administrator's) when the caller has an account (company server); accepting a proposal too (the
 * contract's serverRoles). A standalone console is the company's only desk: its user may do both.
 */
import { ServiceError } from '../../../contract/envelope';
import { PLANNING_SUPERVISORS } from '../../../contract/planning-calls';
import type { CallContext } from '../../../contract/call-spec';
import type { CallHandlers } from '../../../contract/dispatcher';
import type { EventBus } from '../../event-bus';
import type { BookingDesk } from '../booking/booking-desk';
import type { PlanningDesk } from './planning-desk';

const actor = (ctx: CallContext | undefined) => ctx?.account?.name ?? null;
const supervises = (ctx: CallContext | undefined) => !ctx?.account || (PLANNING_SUPERVISORS as readonly string[]).includes(ctx.role);

export function planningHandlers(planning: PlanningDesk, booking: BookingDesk, events: EventBus): Partial<CallHandlers> {
  const changed = (days: string[], records: Array<{ contactId: string | null; companyId: string | null }>) => {
    events.emit('planning.changed', { days: [...new Set(days)].sort() });
    const contactIds = [...new Set(records.flatMap((r) => (r.contactId ? [r.contactId] : [])))];
    const companyIds = [...new Set(records.flatMap((r) => (r.companyId ? [r.companyId] : [])))];
    if (contactIds.length + companyIds.length > 0) events.emit('directory.changed', { contactIds, companyIds });
  };
  return {
    'planning.board': ({ day }) => planning.board(day ?? planning.today().day),
    'planning.move': async (input, ctx) => {
      if (input.force && !supervises(ctx)) throw new ServiceError('forbidden', { reason: 'planning.force_supervisor' });
      const before = booking.get(input.visitId)?.day;
      const result = await planning.move(input, actor(ctx));
      changed([input.day, ...(before ? [before] : [])], [result.visit]);
      return result;
    },
    'planning.pin': ({ visitId, pinned }, ctx) => planning.pin(visitId, pinned, actor(ctx)),
    'planning.optimise': ({ day }, ctx) => planning.optimise(day, actor(ctx)),
    'planning.proposal': ({ id }) => planning.proposal(id),
    'planning.accept': async ({ id }, ctx) => {
      const result = await planning.accept(id, actor(ctx));
      changed([result.proposal.day], []);
      return result;
    },
    'planning.refuse': ({ id }, ctx) => planning.refuse(id, actor(ctx)),
  };
}
