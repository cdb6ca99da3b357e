/**
 * Working the call: wrap-up and notes (in the pop), tickets (form and side view), Alt+N and Alt+T
 * on the call shown.
 */
import './work.css';
import type { ConsoleFeature } from '../app/console-feature';
import { useViewStore } from '../app/view-store';
import { workKey } from '../app/shortcuts';
import { useCallStore, selectFocusedPop } from '../call/call-store';
import { useWorkStore } from './work-store';
import { TicketView } from './TicketView';
import { RECORD_DIAL_BUTTON, RECORD_NOTE_ID, RECORD_TICKET_BUTTON } from './RecordWork';

export const feature: ConsoleFeature = {
  name: 'work',
  order: 40,
  placed: [{ slot: 'overlay', order: 40, component: TicketView }],
  subscribe: (client) => [
    client.on('tickets.changed', ({ ticketId }) => {
      if (useWorkStore.getState().ticket?.ticket.id === ticketId) void useWorkStore.getState().showTicket(ticketId);
    }),
  ],
  shortcuts: [
    {
      // On a record (no call, or the call aside): the record's own note, ticket and call back.
      order: 39,
      handle(e, { view }) {
        const work = workKey(e);
        if (view.kind !== 'record' || (work !== 'note' && work !== 'ticket' && work !== 'dial')) return false;
        const target =
          work === 'note'
            ? document.getElementById(RECORD_NOTE_ID)
            : document.querySelector<HTMLElement>(`[data-testid="${work === 'ticket' ? RECORD_TICKET_BUTTON : RECORD_DIAL_BUTTON}"]`);
        if (!target) return false;
        e.preventDefault();
        if (work === 'note') target.focus();
        else target.click();
        return true;
      },
    },
    {
      order: 41,
      handle(e) {
        const work = workKey(e);
        if (work !== 'note' && work !== 'ticket') return false;
        const entry = selectFocusedPop(useCallStore.getState());
        if (!entry || entry.call.state === 'ringing') return false;
        e.preventDefault();
        useViewStore.getState().show({ kind: 'call' });
        if (work === 'note') useWorkStore.getState().requestNoteFocus();
        else void useWorkStore.getState().openTicketForm(entry.call.id);
        return true;
      },
    },
  ],
  help: [
    { order: 70, keys: ['Alt+N'], label: 'help.note' },
    { order: 80, keys: ['Alt+T'], label: 'help.ticket' },
    { order: 110, keys: ['Ctrl+Entrée'], label: 'help.saveWrapUp' },
  ],
};
