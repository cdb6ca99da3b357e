/**
 * Mail → ticket in the console: the ticket dialog shows the ticket's e-mails and Claire answers
 * from there (TicketMailThread, placed by the ticket dialog). The thread reloads when a message joins it.
 */
import './mailbox.css';
import type { ConsoleFeature } from '../app/console-feature';
import { useMailboxStore } from './mailbox-store';

export const feature: ConsoleFeature = {
  name: 'mailbox',
  order: 77,
  subscribe: (client) => [client.on('mailbox.threadChanged', ({ ticketId }) => useMailboxStore.getState().applyChanged(ticketId))],
  refresh: () => {
    const { ticketId, load } = useMailboxStore.getState();
    return ticketId ? [load(ticketId)] : [];
  },
};
