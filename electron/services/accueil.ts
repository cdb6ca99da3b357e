/**
 * The composition root of the services: opens the data directory, wires store, directory, phone
 * line, journal and settings together, and exposes them as the contract's handlers. Electron's main
 * process, web mode's host and the CLI all start the product through `createAccueil`; none of them
 * knows how the pieces fit.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AppInfo, CallRecord, Locale, ScreenPop, TelephonyStatus } from '../contract/model';
import { createDispatcher, type CallHandlers, type Dispatch } from '../contract/dispatcher';
import { ServiceError } from '../contract/envelope';
import { EventBus } from './event-bus';
import { createFileLogger, type Logger } from './log';
import { CallJournal } from './journal/call-journal';
import { SettingsService } from './settings/settings-service';
import { FileSecretStore, type SecretStore } from './settings/secret-store';
import { openWorkspaceStore, type WorkspaceStore } from './workspace-store';
import { PhoneLine } from './phone-line';
import { createTemplateArea } from './templates/template-area';
import { createSupervisionArea } from './supervision/supervision-area';
import { createSipDialogAdapter } from './supervision/sip-dialog-adapter';
import type { OutboxPort } from './crm/outbox-port';
import { createWorkArea } from './work/work-area';
import { SyncService } from './crm/sync-service';
import { hubSpotToken } from './crm/hubspot-client';
import { CallSimulator } from './demo/call-simulator';

export interface AccueilOptions {
  dataDir: string;
  mode: 'desktop' | 'web';
  version: string;
  logger?: Logger;
  secrets?: SecretStore;
  env?: NodeJS.ProcessEnv;
  /** Run the HubSpot sync in the background when a token is configured (default true). */
  startSync?: boolean;
  /** Register to the PBX when one is configured (default true; the CLI's one-shot commands say false). */
  startTelephony?: boolean;
  /** Seed the demo workspace into an empty database when no CRM is configured (default true). */
  seedDemo?: boolean;
  demoContacts?: number;
  /** Backoff of the SIP line (tests shorten it). */
  sipReconnect?: { initialMs?: number; maxMs?: number };
  /** How long a simulated call rings and lasts (tests shorten them; default 4 s and 20 s). */
  simulation?: { ringMs?: number; talkMs?: number };
  /** Where the work area queues its writes for the CRM (tests record them; default noOutbox). */
  workOutbox?: OutboxPort;
}

export interface Accueil {
  dispatch: Dispatch;
  events: EventBus;
  info(): AppInfo;
  locale(): Locale;
  lookup(number: string): ScreenPop;
  recentCalls(options: { limit: number; onlyMissed: boolean }): CallRecord[];
  generateDemo(options: { contacts: number; seed: number }): Record<string, number>;
  telephonyStatus(): TelephonyStatus;
  close(): Promise<void>;
}

export async function createAccueil(options: AccueilOptions): Promise<Accueil> {
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const logger = options.logger ?? createFileLogger({ file: path.join(dataDir, 'logs', 'accueil.log') });
  const env = options.env ?? process.env;
  const events = new EventBus();
  const secrets = options.secrets ?? new FileSecretStore(dataDir);
  const settings = new SettingsService(dataDir, secrets, env);

  const store: WorkspaceStore = openWorkspaceStore(path.join(dataDir, 'accueil.db'), logger.child('store'));
  // With a HubSpot token, the cache fills from the CRM instead of the demo workspace.
  const crmConfigured = hubSpotToken(secrets, env) !== null;
  if (options.seedDemo !== false && store.isEmpty() && !crmConfigured) {
    const started = performance.now();
    const summary = store.generateDemo({ contacts: options.demoContacts ?? 200, seed: 42 });
    settings.setWorkspace('demo');
    logger.info('demo workspace generated', { ...summary, ms: Math.round(performance.now() - started) });
  }

  // HubSpot sync: background loop (never awaited by a pop); its outbox only once a CRM is configured,
  // so demo records are never sent to a real account.
  const sync = new SyncService({
    store: store.store,
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
        const purged = store.store.purgeDemo();
        settings.setWorkspace('crm');
        logger.info('demo workspace removed before the first CRM sync', { ...purged });
        events.emit('directory.changed', { contactIds: [], companyIds: [] });
      },
    },
  });
  // Decided at each write, not at start: a token entered in Settings takes effect without a restart,
  // and what Claire records before the first token waits in the outbox. Demo records never queue.
  const crmOutbox: OutboxPort = {
    enqueue: (item) => {
      if (settings.workspace() === 'crm') sync.outbox.enqueue(item);
    },
  };
  // A simulated call (« Simuler un appel ») and its wrap-up are never sent to a CRM, whatever the
  // workspace: Claire may train on a real one.
  const exceptSimulatedCalls = (port: OutboxPort): OutboxPort => ({
    enqueue: (item) => {
      if (item.kind === 'call' && store.store.calls.get(item.localId)?.simulated) return;
      port.enqueue(item);
    },
  });

  const journal = new CallJournal(store.calls, store.directory, events, logger.child('journal'));
  // Only the process that owns the line closes calls a previous run left open: a one-shot CLI
  // command reading the journal beside a running console must not touch its live calls.
  if (options.startTelephony !== false) journal.closeInterrupted();

  // Templates: library seeded with the defaults, composer, SMTP. Sent e-mails reach HubSpot through
  // the outbox (noOutbox until the sync area passes its own).
  const templates = createTemplateArea({ store: store.store, settings, events, outbox: crmOutbox, logger: logger.child('templates') });

  // A call already logged (wrap-up saved) and then attached to its caller: the CRM's engagement is
  // updated and associated with the caller (simulations excepted, as everywhere).
  const callOutbox = exceptSimulatedCalls(options.workOutbox ?? crmOutbox);
  const relinkLoggedCall = (callId: string) => {
    if (store.store.wrapUps.get(callId)?.loggedAt) callOutbox.enqueue({ kind: 'call', localId: callId, op: 'update' });
  };

  const line = new PhoneLine(settings, events, journal, logger.child('telephony'), options.sipReconnect);
  // Work the call: wrap-up, notes, tickets, callbacks, click-to-call. The callback list follows the
  // journal from before the line starts, and catches up on calls closeInterrupted marked missed.
  const work = createWorkArea({ store: store.store, directory: store.directory, settings, events, outbox: callOutbox, line, logger: logger.child('work') });
  if (options.startTelephony !== false) work.start();
  if (options.startTelephony !== false) await line.start();
  // Supervision: figures from the journal, live board from the PBX's dialog events (its own watcher).
  const supervision = createSupervisionArea({
    store: store.store, dataDir, env, events, logger: logger.child('supervision'),
    identify: (raw) => store.directory.identify(raw),
    callbackTargetMinutes: () => settings.callbackTargetMinutes(),
    createAdapter: (watch) => createSipDialogAdapter(settings.sipConfig(), watch, logger.child('supervision')),
  });
  if (options.startTelephony !== false) await supervision.start();
  // « Simuler un appel »: rings the console through the journal, as the line would.
  const simulator = new CallSimulator({
    deliver: (event) => journal.handle(event),
    called: () => line.status().aor ?? 'poste',
    ...options.simulation,
  });

  const info = (): AppInfo => ({
    version: options.version,
    mode: options.mode,
    workspace: settings.workspace(),
    dataDir,
    locale: settings.get().locale,
    access: 'agent',
  });

  const handlers: CallHandlers = {
    // Later areas (sync, work) add their handlers with a spread here, from their own service modules.
    'app.info': () => info(),
    'directory.identify': ({ number }) => store.directory.buildPop(number),
    'directory.search': ({ query, limit }) => store.directory.search(query, limit),
    'directory.contactCard': ({ contactId, historyLimit }) => store.directory.contactCard(contactId, historyLimit),
    'directory.companyCard': ({ companyId, historyLimit }) => store.directory.companyCard(companyId, historyLimit),
    'directory.createContact': (input) => {
      // Created from the new-caller card: it goes to the CRM (upsert by accueil_id), in the same
      // transaction as the local row, so what is later linked to it can be associated there.
      const contact = store.store.transaction(() => {
        const created = store.directory.createContact(input);
        crmOutbox.enqueue({ kind: 'contact', localId: created.id, op: 'create' });
        return created;
      });
      events.emit('directory.changed', { contactIds: [contact.id], companyIds: contact.companyId ? [contact.companyId] : [] });
      return contact;
    },
    'directory.attachNumber': ({ number, contactId, companyId, kind, callId }) => {
      // The number reaches the CRM with its owner (the payload lists the owner's phones).
      const result = store.store.transaction(() => {
        const attached = store.directory.attachNumber({ number, contactId, companyId, ...(kind ? { kind } : {}) });
        crmOutbox.enqueue(contactId ? { kind: 'contact', localId: contactId, op: 'update' } : { kind: 'company', localId: companyId!, op: 'update' });
        return attached;
      });
      if (callId) {
        const label = result.contact ? `${result.contact.firstName} ${result.contact.lastName}`.trim() : (result.company?.name ?? null);
        journal.attach(callId, { contactId, companyId, label });
        relinkLoggedCall(callId);
      }
      events.emit('directory.changed', { contactIds: contactId ? [contactId] : [], companyIds: companyId ? [companyId] : [] });
      return result;
    },
    'calls.recent': ({ limit, onlyMissed }) => store.calls.recent({ limit, onlyMissed }),
    'calls.active': () => journal.active(),
    'calls.chooseMatch': ({ callId, contactId, companyId }) => {
      if (!store.calls.get(callId)) throw new ServiceError('not_found', 'Appel introuvable');
      const card = contactId
        ? store.directory.contactCard(contactId, 10)
        : companyId
          ? store.directory.companyCard(companyId, 10)
          : null;
      if (!card) throw new ServiceError('bad_request', 'Choisissez un contact ou une entreprise');
      const label = card.contact ? `${card.contact.firstName} ${card.contact.lastName}`.trim() : (card.company?.name ?? null);
      const call = journal.attach(callId, { contactId, companyId, label });
      relinkLoggedCall(callId);
      return { call, card };
    },
    'telephony.status': () => line.status(),
    'telephony.reconnect': async () => {
      await line.reconnect();
      return line.status();
    },
    'settings.get': () => settings.get(),
    'settings.update': async (update) => {
      const { settings: next, sipChanged } = settings.update(update);
      events.emit('settings.changed', next);
      if (sipChanged && options.startTelephony !== false) await line.restart();
      if (sipChanged && options.startTelephony !== false) await supervision.restart();
      return next;
    },
    ...templates.handlers,
    ...supervision.handlers,
    ...work.handlers,
    'sync.status': () => sync.status(),
    'sync.testConnection': ({ token }) => sync.testConnection(token),
    'sync.setToken': ({ token }) => sync.setToken(token),
    'sync.runNow': () => sync.runNow(),
    'demo.simulationCallers': () => simulator.callers(),
    'demo.simulateCall': ({ number, outcome }) => simulator.simulate(number, outcome),
  };
  if (options.startSync !== false) sync.start();

  return {
    dispatch: createDispatcher(handlers),
    events,
    info,
    locale: () => settings.get().locale,
    lookup: (number) => store.directory.buildPop(number),
    recentCalls: (o) => store.calls.recent(o),
    generateDemo: (o) => {
      const summary = store.generateDemo(o);
      settings.setWorkspace('demo');
      return summary;
    },
    telephonyStatus: () => line.status(),
    async close() {
      simulator.stop();
      await sync.stop();
      await line.stop();
      await supervision.stop();
      work.stop();
      store.close();
    },
  };
}
