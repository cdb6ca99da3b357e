/**
 * The workflow engine on a real SQLite store with the real templates, composer and callback list,
 * as the area wires it; only the SMTP side is given by the caller (a recorder here, a real SMTP
 * server in the kill test). Shared by the unit tests, the crash test's child and the bench.
 */
import { messagingMigrations } from '../../electron/services/messaging/messaging-migrations';
import { MarketingConsent } from '../../electron/services/messaging/marketing-consent';
import { EventBus } from '../../electron/services/event-bus';
import { createMemoryLogger, type Logger } from '../../electron/services/log';
import { openStore, type AccueilStore } from '../../electron/services/store';
import { EmailComposer, type MailSending, type OutgoingMessage } from '../../electron/services/templates/email-composer';
import { TemplateLibrary } from '../../electron/services/templates/template-library';
import { CallbackList } from '../../electron/services/work/callbacks/callback-list';
import { CallWrapUp } from '../../electron/services/work/wrapup/call-wrap-up';
import { TicketDesk } from '../../electron/services/work/tickets/ticket-desk';
import { satisfactionMigrations } from '../../electron/services/satisfaction/satisfaction-migrations';
import { workflowMigrations } from '../../electron/services/workflows/workflow-migrations';
import { sageMigrations } from '../../electron/services/sage/sage-migrations';
import { historyEmail, WorkflowEngine } from '../../electron/services/workflows/workflow-engine';
import { MessagingDesk } from '../../electron/services/messaging/messaging-desk';
import type { OvhSms } from '../../electron/services/messaging/providers/ovh-sms';
import type { WhatsAppCloud } from '../../electron/services/messaging/providers/whatsapp-cloud';
import { WorkflowsRepository } from '../../electron/services/workflows/workflows-repository';

export const SENDER = { agentName: 'Claire Moreau', companyName: 'Durand Chauffage', companyPhone: '02 99 00 11 22', reviewUrl: 'https://avis.example/durand' };

export interface WorkflowHarness {
  store: AccueilStore;
  engine: WorkflowEngine;
  callbacks: CallbackList;
  repository: WorkflowsRepository;
  /** enrolPending, then the due steps. */
  tick(): Promise<number>;
  logger: Logger;
  /** The real messaging desk the steps send SMS and WhatsApp through (its rules, its idempotency keys). */
  messaging: MessagingDesk;
}

/**
 * SMS and WhatsApp as the messaging area gives them to the engine: the real desk on the same store
 * (STOP ledger, preferred channel, 24-hour window, one message per idempotency key); the providers
 * are only « configured or not » here — the queue that calls them is tested with the stand-ins.
 */
export interface HarnessMessaging {
  sms: boolean;
  whatsapp: boolean;
  /** The approved WhatsApp template bound for a step (by the e-mail template's id), if any. */
  whatsappTemplate?: (emailTemplateId: string) => { template: { name: string; language: string; parameters: string[] }; text: string } | null;
}

/** A mail side that records what it is given (and can be told to refuse). */
export function recordingMail(): MailSending & { sent: OutgoingMessage[]; refuse: Error | null } {
  const mail = {
    sent: [] as OutgoingMessage[],
    refuse: null as Error | null,
    unavailable: () => null,
    fromAddress: () => 'accueil@durand-chauffage.fr',
    send: async (message: OutgoingMessage) => {
      if (mail.refuse) throw mail.refuse;
      mail.sent.push(message);
      return { messageId: `<${mail.sent.length}@test>` };
    },
  };
  return mail;
}

export function createWorkflowHarness(options: { file?: string; clock: () => Date; mail: MailSending; canAct?: () => boolean; random?: () => number; messaging?: HarnessMessaging }): WorkflowHarness {
  const store = openStore(options.file ?? ':memory:', { clock: options.clock });
  store.database.migrateArea('satisfaction', satisfactionMigrations);
  // Before the workflows: their invoice signals are triggers on Sage's open items (as the areas' order runs them).
  store.database.migrateArea('sage', sageMigrations);
  store.database.migrateArea('workflows', workflowMigrations);
  // The shared opt-out ledger (STOP by SMS or WhatsApp, e-mail opt-outs, consents), as the areas wire it.
  store.database.migrateArea('messaging', messagingMigrations);
  const consent = new MarketingConsent(store.database, options.clock);
  const library = new TemplateLibrary(store);
  library.seedDefaults();
  const events = new EventBus();
  const logger = createMemoryLogger();
  const outbox = { enqueue: () => {} };
  const composer = new EmailComposer(store, library, () => SENDER, options.mail, outbox, options.clock);
  const callbacks = new CallbackList(store, events, logger);
  const tickets = new TicketDesk(store, new CallWrapUp(store, outbox, events, () => 'Claire', options.clock), outbox, events, () => 'Claire');
  const repository = new WorkflowsRepository(store.database);
  const wiring = options.messaging;
  const desk = new MessagingDesk({
    db: store.database,
    clock: options.clock,
    sms: () => (wiring?.sms ? ({} as OvhSms) : null),
    whatsapp: () => (wiring?.whatsapp ? ({} as WhatsAppCloud) : null),
    events,
    logger,
  });
  const messaging = Object.assign(desk, { whatsappTemplateFor: async (id: string) => wiring?.whatsappTemplate?.(id) ?? null });
  const engine = new WorkflowEngine({
    repository,
    clock: options.clock,
    locale: () => 'fr',
    mail: () => options.mail,
    preview: () => (input) => composer.preview(input),
    templateName: (id) => store.templates.get(id)?.name ?? null,
    callbacks: () => callbacks,
    tickets: () => tickets,
    recordEmail: (email) => store.history.addEmail(historyEmail(email)),
    optedOut: (email) => store.database.prepare(`SELECT 1 FROM survey_opt_outs WHERE email = ?`).get(email.trim().toLowerCase()) !== undefined,
    mayMarketByEmail: (contactId, email) => consent.mayMarket({ contactId, email }, 'email').allowed,
    canAct: options.canAct ?? (() => true),
    notActingReason: () => null,
    changed: () => {},
    logger,
    ...(options.random ? { random: options.random } : {}),
    ...(wiring ? { messaging: () => messaging } : {}),
  });
  return {
    store,
    engine,
    callbacks,
    repository,
    logger,
    messaging: desk,
    tick: async () => {
      engine.enrolPending();
      return engine.runDue();
    },
  };
}
