/**
 * SMS and WhatsApp: the conversation on the record and the pop (ConversationPanel, placed by them),
 * the « À traiter » inbox in the top bar, and a notification when a customer writes.
 */
import './messaging.css';
import type { ConsoleFeature } from '../app/console-feature';
import { InboxButton } from './InboxButton';
import { useMessagingStore } from './messaging-store';

/** A system notification (desktop and browser alike), when the person allowed them. */
function notify(title: string, body: string): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  new Notification(title, { body, tag: 'accueil-message' });
}

export const feature: ConsoleFeature = {
  name: 'messaging',
  order: 77,
  placed: [{ slot: 'topbar.status', order: 45, component: InboxButton }],
  refresh: () => [useMessagingStore.getState().loadUnread()],
  subscribe: (client) => [
    client.on('messaging.changed', ({ contactIds }) => useMessagingStore.getState().applyChanged(contactIds)),
    client.on('messaging.received', ({ channel, from, name, preview }) => {
      void useMessagingStore.getState().loadUnread();
      notify(`${channel === 'sms' ? 'SMS' : 'WhatsApp'} — ${name ?? from}`, preview);
    }),
  ],
};
