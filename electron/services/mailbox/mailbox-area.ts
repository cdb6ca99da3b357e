/**
 * Mail → ticket as an area (issue 14 §4): the customer mailbox read over IMAP by the process that
 * owns the timers (the company server, or a standalone console), each customer e-mail a ticket or
 * a message on its thread (mail-intake.ts), and Claire's answers from the ticket
 * (ticket-correspondence.ts). Configured by ACCUEIL_IMAP_* (imap-settings.ts); never read in the
 * demo workspace, whose customers are made up, nor by a one-shot CLI command.
 */
import fs from 'node:fs';
import type { AreaModule } from '../area';
import { errorSentence } from '../../contract/error-catalog';
import type { MailboxStatus } from '../../contract/mailbox-calls';
import { AttachmentStore } from './attachment-store';
import { imapSettingsFrom } from './imap-settings';
import { MailIntake } from './mail-intake';
import { MailboxReader } from './mailbox-reader';
import { mailboxMigrations } from './mailbox-migrations';
import { MailboxRepository } from './mailbox-repository';
import { TicketCorrespondence } from './ticket-correspondence';

declare module '../area' {
  interface AreaPorts {
    /** Turns a raw customer e-mail into a ticket or a thread message (tests, a future upload). */
    mailIntake: MailIntake;
  }
}

export const mailboxArea: AreaModule = {
  name: 'mailbox',
  // After work the call (tickets, 300), the CRM (its outbox, 100) and templates (mail, 600).
  order: 660,
  migrations: mailboxMigrations,
  create({ workspace, dataDir, env, events, logger, settings, options, live, port }) {
    const log = logger.child('mailbox');
    const store = workspace.store;
    const clock = options.clock ?? (() => new Date());
    const configured = imapSettingsFrom(env);
    const intake = new MailIntake({
      store,
      tickets: () => port('ticketOpening'),
      outbox: () => port('crmOutbox'),
      attachments: AttachmentStore.under(dataDir),
      documents: () => port('documents'),
      ownAddresses: () => [configured.settings?.user ?? '', port('mail').fromAddress()].map((a) => a.trim().toLowerCase()).filter((a) => a.includes('@')),
      events,
      logger: log,
    });
    const correspondence = new TicketCorrespondence({
      store,
      mail: () => port('mail'),
      preview: () => port('templatePreview'),
      outbox: () => port('crmOutbox'),
      events,
      logger: log,
      clock,
      author: () => settings.smtpAccount().fromName || settings.sipDisplayName() || null,
    });
    const active = () => settings.workspace() === 'crm';
    const caFile = env['ACCUEIL_IMAP_CA_FILE']?.trim();
    const reader = configured.settings
      ? new MailboxReader({
          settings: configured.settings,
          repository: store.repository(MailboxRepository),
          ingest: (raw, position) => intake.ingest(raw, position),
          active,
          clock,
          logger: log,
          ...(caFile ? { ca: fs.readFileSync(caFile, 'utf8') } : {}),
        })
      : null;
    if (!configured.settings && configured.problem) log.error('mailbox not read', { reason: configured.problem.reason });

    const status = (): MailboxStatus => {
      const locale = settings.get().locale;
      const problem = configured.settings
        ? active()
          ? null
          : locale === 'en'
            ? 'The demo workspace reads no mailbox.'
            : 'L’espace de démonstration ne lit pas la boîte aux lettres.'
        : configured.problem
          ? errorSentence(locale, configured.problem.reason, (configured.problem as { params?: Record<string, string> }).params ?? {})
          : null;
      const reading = reader?.status() ?? { state: 'stopped' as const, lastCheckAt: null, lastError: null };
      return { configured: configured.settings !== null, problem, ...reading, ...store.repository(MailboxRepository).counts() };
    };

    // One timeline: a ticket a customer's e-mail opened says so in the history.
    workspace.directory.addHistoryOrigins((items) => {
      const tickets = items.filter((i) => i.kind === 'ticket').map((i) => i.id);
      if (tickets.length === 0) return new Map();
      const opened = workspace.store.database
        .prepare<{ id: string }>(`SELECT DISTINCT ticket_id AS id FROM mail_messages WHERE state = 'opened' AND ticket_id IN (SELECT value FROM json_each(?))`)
        .all(JSON.stringify(tickets));
      return new Map(opened.map((row) => [`ticket:${row.id}`, 'email' as const]));
    });

    return {
      provides: { mailIntake: intake },
      handlers: {
        'mailbox.thread': ({ ticketId }) => correspondence.thread(ticketId),
        'mailbox.replyDraft': ({ ticketId, templateId }) => correspondence.replyDraft(ticketId, templateId),
        'mailbox.reply': (input) => correspondence.reply(input),
        'mailbox.status': () => status(),
      },
      start: () => {
        if (live && reader) reader.start();
      },
      stop: async () => {
        await reader?.stop();
      },
    };
  },
};
