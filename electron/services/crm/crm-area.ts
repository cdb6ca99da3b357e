/**
 * The CRM area: the HubSpot sync (a background loop, never awaited by a pop) and the outbox every
 * local write goes through. What reaches the CRM is decided here, at each write: nothing while the
 * workspace is the demo (so demo records are never sent to a real account, and a token entered in
 * Settings takes effect without a restart), never a simulated call.
 */
import type { AreaModule } from '../area';
import type { OutboxPort } from './outbox-port';
import { SyncService } from './sync-service';
import { ContactProperties } from './contact-properties';

declare module '../area' {
  interface AreaPorts {
    sync: SyncService;
    /** Where records go to the CRM (contacts, companies, tickets, notes, e-mails). */
    crmOutbox: OutboxPort;
    /** The same for the work the call area: calls and what hangs on them (simulations never go). */
    callOutbox: OutboxPort;
    /** Contact properties other areas keep in HubSpot (registered at their creation). */
    crmContactProperties: ContactProperties;
  }
}

export const crmArea: AreaModule = {
  name: 'crm',
  order: 100,
  create({ workspace, secrets, env, events, logger, settings, options, purgeDemo }) {
    const crmContactProperties = new ContactProperties();
    const sync = new SyncService({
      contactProperties: crmContactProperties,
      store: workspace.store,
      secrets,
      env,
      events,
      logger: logger.child('sync'),
      onConnected: () => settings.setWorkspace('crm'),
      // A token set on a demo workspace (IT's usual first steps): the demo goes before the CRM's
      // records arrive, so the two never mix; real journaled calls stay.
      demo: {
        present: () => settings.workspace() === 'demo',
        clear: () => {
          const purged = purgeDemo();
          settings.setWorkspace('crm');
          logger.info('demo workspace removed before the first CRM sync', { ...purged });
          events.emit('directory.changed', { contactIds: [], companyIds: [] });
        },
      },
    });
    // Decided at each write, not at start: what Claire records before the first token waits in the
    // outbox; demo records never queue.
    const crmOutbox: OutboxPort = {
      enqueue: (item) => {
        if (settings.workspace() === 'crm') sync.outbox.enqueue(item);
      },
    };
    // A simulated call (« Simuler un appel ») and its wrap-up are never sent to a CRM, whatever the
    // workspace: Claire may train on a real one.
    const workOutbox = options.workOutbox ?? crmOutbox;
    const callOutbox: OutboxPort = {
      enqueue: (item) => {
        if (item.kind === 'call' && workspace.store.calls.get(item.localId)?.simulated) return;
        workOutbox.enqueue(item);
      },
    };
    return {
      provides: { sync, crmOutbox, callOutbox, crmContactProperties },
      handlers: {
        'sync.status': () => sync.status(),
        'sync.testConnection': ({ token }) => sync.testConnection(token),
        'sync.setToken': ({ token }) => sync.setToken(token),
        'sync.runNow': () => sync.runNow(),
      },
      start: () => {
        if (options.startSync !== false) sync.start();
      },
      stop: () => sync.stop(),
    };
  },
};
