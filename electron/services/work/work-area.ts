/**
 * The "work the call" area as the composition root plugs it in: wrap-up and notes, tickets, the
 * callback list and click-to-call, bound to the contract's calls. Writes go to SQLite first and to
 * the CRM through `outbox` (the sync area's OutboxPort; `noOutbox` in the demo workspace).
 */
import type { CallHandlers } from '../../contract/dispatcher';
import type { OutboxPort } from '../crm/outbox-port';
import type { EventBus } from '../event-bus';
import type { Logger } from '../log';
import type { SettingsService } from '../settings/settings-service';
import type { AccueilStore } from '../store';
import { CallWrapUp } from './wrapup/call-wrap-up';
import { TicketDesk } from './tickets/ticket-desk';
import { CallbackList } from './callbacks/callback-list';
import { Dialer, type DialingLine } from './dialer/dialer';
import { WrapUpRepository } from './wrapup/wrap-up-repository';
import { purgeWorkDemo } from './demo-purge';
import { CallbacksRepository, type CallbackItemRow } from './callbacks/callbacks-repository';
import type { Directory } from '../directory';
import type { AreaModule } from '../area';
import type { CallbackRequest } from './callbacks/callbacks-repository';

type WorkCallName =
  | 'wrapup.get'
  | 'wrapup.save'
  | 'notes.add'
  | 'tickets.draft'
  | 'tickets.create'
  | 'tickets.update'
  | 'tickets.get'
  | 'callbacks.list'
  | 'callbacks.close'
  | 'callbacks.settings'
  | 'callbacks.setTarget'
  | 'dialer.call';

export interface WorkArea {
  wrapUp: CallWrapUp;
  tickets: TicketDesk;
  callbacks: CallbackList;
  dialer: Dialer;
  handlers: Pick<CallHandlers, WorkCallName>;
  /** Follow the journal (callback list) and catch up on missed calls left off the list. */
  start(): void;
  stop(): void;
}

export function createWorkArea(deps: {
  store: AccueilStore;
  directory: Directory;
  settings: SettingsService;
  events: EventBus;
  outbox: OutboxPort;
  line: DialingLine;
  logger: Logger;
}): WorkArea {
  const { store, settings, events, outbox } = deps;
  const author = () => settings.get().sip.displayName.trim() || null;
  const wrapUp = new CallWrapUp(store, outbox, events, author);
  const tickets = new TicketDesk(store, wrapUp, outbox, events, author);
  const callbacks = new CallbackList(store, events, deps.logger.child('callbacks'), () => settings.callbackTargetMinutes());
  const dialer = new Dialer(store, deps.directory, deps.line, events, deps.logger.child('dialer'));

  const handlers: WorkArea['handlers'] = {
    'wrapup.get': ({ callId }) => wrapUp.get(callId),
    'wrapup.save': (input) => wrapUp.save(input),
    'notes.add': (input) => wrapUp.addNote(input),
    'tickets.draft': ({ callId }) => tickets.draft(callId),
    'tickets.create': (input) => tickets.create(input),
    'tickets.update': (input) => tickets.update(input),
    'tickets.get': ({ ticketId }) => tickets.get(ticketId),
    'callbacks.list': ({ includeDone, limit, mine }, ctx) =>
      callbacks.list({ includeDone, limit, ...(mine && ctx?.account ? { line: ctx.account.sipUser ?? '' } : {}) }),
    'callbacks.close': ({ callbackId, reason }) => callbacks.close(callbackId, reason),
    'callbacks.settings': () => ({ targetMinutes: settings.callbackTargetMinutes() }),
    'callbacks.setTarget': ({ targetMinutes }) => {
      settings.setCallbackTargetMinutes(targetMinutes);
      callbacks.announce();
      return { targetMinutes };
    },
    // On the company server, from the caller's own line (their account's SIP user).
    'dialer.call': ({ number }, ctx) => dialer.call(number, ctx?.account ? ctx.account.sipUser : undefined),
  };

  return {
    wrapUp,
    tickets,
    callbacks,
    dialer,
    handlers,
    start: () => void callbacks.start(),
    stop: () => callbacks.stop(),
  };
}

/**
 * Work the call as an area. It starts before the line (the callback list follows the journal from
 * the first call, and catches up on calls the journal closed at start); click-to-call reaches the
 * line through its port when Claire dials, the line being created after this area.
 */
declare module '../area' {
  interface AreaPorts {
    /** A call already logged, then attached to its caller: the CRM's engagement follows. */
    relinkLoggedCall: (callId: string) => void;
    /** The callback list as the supervisor's figures read it (open items, items missed since). */
    callbackItemsSince: (sinceIso: string) => CallbackItemRow[];
    /** Another area puts a customer on the callback list (a low survey score), or takes it back. */
    callbackRequests: { request(request: CallbackRequest): string; withdraw(ref: string, reason: string): boolean };
    /**
     * Another area opens or reopens a ticket (an e-mail from a customer) inside its own transaction,
     * queued for HubSpot like the console's; `announce` once committed.
     */
    ticketOpening: Pick<TicketDesk, 'insert' | 'reopen' | 'announce'>;
  }
}

export const workArea: AreaModule = {
  name: 'work',
  order: 300,
  create({ workspace, settings, events, logger, live, port }) {
    const work = createWorkArea({
      store: workspace.store,
      directory: workspace.directory,
      settings,
      events,
      outbox: port('callOutbox'),
      line: {
        // A person signed in on the company server dials from their own line; the desk from its line.
        dial: (target, listener, lineUser) => {
          const agentLines = port('agentLines');
          return agentLines && lineUser !== undefined ? agentLines.dial(lineUser, target, listener) : port('line').dial(target, listener);
        },
      },
      logger: logger.child('work'),
    });
    const callOutbox = port('callOutbox');
    const wrapUps = workspace.store.repository(WrapUpRepository);
    const callbacks = workspace.store.repository(CallbacksRepository);
    return {
      provides: {
        relinkLoggedCall: (callId) => {
          if (wrapUps.get(callId)?.loggedAt) callOutbox.enqueue({ kind: 'call', localId: callId, op: 'update' });
        },
        callbackItemsSince: (sinceIso) => callbacks.itemsForFiguresSince(sinceIso),
        callbackRequests: { request: (request) => work.callbacks.request(request), withdraw: (ref, reason) => work.callbacks.withdraw(ref, reason) },
        ticketOpening: {
          insert: (input, author) => work.tickets.insert(input, author),
          reopen: (ticketId, author) => work.tickets.reopen(ticketId, author),
          announce: (ticketId) => work.tickets.announce(ticketId),
        },
      },
      handlers: work.handlers,
      purgeDemo: purgeWorkDemo,
      start: () => {
        if (live) work.start();
      },
      stop: () => work.stop(),
    };
  },
};
