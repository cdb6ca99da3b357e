/**
 * The call journal as an area: every call the line (or a simulation) reports is written before its
 * pop is announced; the recent calls, the calls in progress, and re-attaching a call to the caller
 * Claire picked.
 */
import { ServiceError } from '../../contract/envelope';
import { callLine } from '../../contract/call-spec';
import type { AreaModule } from '../area';
import { CallJournal } from './call-journal';

declare module '../area' {
  interface AreaPorts {
    journal: CallJournal;
  }
}

export const journalArea: AreaModule = {
  name: 'journal',
  order: 200,
  create({ workspace, events, logger, live, port }) {
    const { store, directory } = workspace;
    const journal = new CallJournal(workspace.calls, directory, events, logger.child('journal'));
    // Only the process that owns the line closes calls a previous run left open: a one-shot CLI
    // command reading the journal beside a running console must not touch its live calls.
    if (live) journal.closeInterrupted();
    return {
      provides: { journal },
      handlers: {
        'calls.recent': ({ limit, onlyMissed, mine }, ctx) => {
          // « Mes appels »: the calls of the caller's own line (company server); everyone's otherwise.
          if (!mine || !ctx?.account) return store.calls.recent({ limit, onlyMissed });
          const own = ctx.account.sipUser;
          return own ? store.calls.recent({ limit: limit * 10, onlyMissed }).filter((call) => callLine(call) === own).slice(0, limit) : [];
        },
        // A console that reloads catches up with the calls it may see: an agent's own, or all.
        'calls.active': (_input, ctx) =>
          journal.active().filter(({ call }) => !ctx?.account || ctx.role !== 'agent' || callLine(call) === ctx.account.sipUser),
        'calls.chooseMatch': ({ callId, contactId, companyId }) => {
          if (!store.calls.get(callId)) throw new ServiceError('not_found', { reason: 'call.not_found' });
          const card = contactId ? directory.contactCard(contactId, 10) : companyId ? directory.companyCard(companyId, 10) : null;
          if (!card) throw new ServiceError('bad_request', { reason: 'journal.record_required' });
          const label = card.contact ? `${card.contact.firstName} ${card.contact.lastName}`.trim() : (card.company?.name ?? null);
          const call = journal.attach(callId, { contactId, companyId, label });
          // The work area (created after this one) owns the wrap-up: it knows whether the call was logged.
          port('relinkLoggedCall')(callId);
          return { call, card };
        },
      },
    };
  },
};
