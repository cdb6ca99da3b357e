/**
 * The templates area as the composition root plugs it in: library, composer and SMTP sender built
 * together, the default templates seeded, and the contract handlers of `template-calls.ts`.
 *
 *   const templates = createTemplateArea({ store, settings, events, outbox, logger });
 *   const handlers = { …, ...templates.handlers };
 */
import type { CallHandlers } from '../../contract/dispatcher';
import type { MailSettings, templateCalls } from '../../contract/template-calls';
import { ServiceError } from '../../contract/envelope';
import { errorSentence, reasonAndParams } from '../../contract/error-catalog';
import type { EventBus } from '../event-bus';
import type { Logger } from '../log';
import type { AccueilStore } from '../store';
import type { OutboxPort } from '../crm/outbox-port';
import type { SettingsService, StoredMailSettings } from '../settings/settings-service';
import { SmtpSender } from './mail/smtp-sender';
import { checkCleartextAllowed } from './mail/smtp-security';
import { EmailComposer, isOneAddress, type ComposeInput, type MailSending } from './email-composer';
import type { EmailPreview } from '../../contract/template-calls';
import { MERGE_FIELDS } from '../shared/merge-fields';
import { TemplateLibrary } from './template-library';
import { DEFAULT_SMS_TEMPLATES } from './default-templates';
import type { AreaModule } from '../area';

export type TemplateHandlers = Pick<CallHandlers, keyof typeof templateCalls>;

export interface TemplateAreaOptions {
  store: AccueilStore;
  settings: SettingsService;
  events: EventBus;
  outbox: OutboxPort;
  logger: Logger;
  now?: () => Date;
}

/** Checks the SMTP section before it is saved; French sentences IT can act on. */
export function checkMailSettings(mail: StoredMailSettings): void {
  if (mail.host !== '' && !/^[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/i.test(mail.host)) {
    throw new ServiceError('bad_request', { reason: 'smtp.host_invalid', params: { host: mail.host.slice(0, 80) } });
  }
  checkCleartextAllowed(mail);
  if (mail.fromAddress !== '' && !isOneAddress(mail.fromAddress)) {
    throw new ServiceError('bad_request', { reason: 'smtp.from_invalid', params: { address: mail.fromAddress.slice(0, 80) } });
  }
  if (mail.reviewUrl !== '' && !/^https?:\/\/\S+$/i.test(mail.reviewUrl)) {
    throw new ServiceError('bad_request', { reason: 'mail.review_url_invalid' });
  }
  for (const [reason, value] of [['smtp.user_multiline', mail.user], ['smtp.from_name_multiline', mail.fromName]] as const) {
    if (/[\r\n]/.test(value)) throw new ServiceError('bad_request', { reason });
  }
}

export function createTemplateArea(options: TemplateAreaOptions) {
  const { store, settings, events, outbox, logger } = options;
  const library = new TemplateLibrary(store);
  const seeded = library.seedDefaults() + library.seedDefaults(DEFAULT_SMS_TEMPLATES);
  if (seeded > 0) logger.info('default templates seeded', { count: seeded });

  const sender = new SmtpSender(() => settings.smtpConfig(), logger.child('mail'));
  // The signature needs no password: a locked secrets file must not stop a preview.
  const identity = () => {
    const smtp = settings.smtpAccount();
    return {
      agentName: smtp.fromName || settings.sipDisplayName(),
      companyName: smtp.companyName,
      companyPhone: smtp.companyPhone,
      reviewUrl: smtp.reviewUrl,
    };
  };
  const composer = new EmailComposer(store, library, identity, sender, outbox, options.now);

  const mailSettings = (): MailSettings => {
    const { password, caFile: _caFile, ...smtp } = settings.smtpConfig();
    return { ...smtp, hasPassword: password !== '', fromEnvironment: settings.smtpFromEnvironment(), configured: sender.unavailableReason() === null };
  };
  const draftsChanged = (draftId: string) => events.emit('templates.draftsChanged', { draftIds: [draftId] });

  const handlers: TemplateHandlers = {
    'templates.list': ({ query, category, channel }) => library.list({ query, category, channel }),
    'templates.fields': () => MERGE_FIELDS.map((field) => ({ ...field })),
    'templates.save': (input) => {
      const template = library.save(input);
      events.emit('templates.changed', { ids: [template.id] });
      return template;
    },
    'templates.delete': ({ id }) => {
      library.delete(id);
      events.emit('templates.changed', { ids: [id] });
      return { id };
    },
    'templates.preview': (input) => composer.preview(input),
    'templates.send': async (input) => {
      try {
        const sent = await composer.send(input);
        events.emit('directory.changed', {
          contactIds: input.contactId ? [input.contactId] : [],
          companyIds: input.companyId ? [input.companyId] : [],
        });
        return sent;
      } finally {
        draftsChanged(input.draftId);
      }
    },
    'templates.drafts': () => composer.listDrafts(),
    'templates.saveDraft': (input) => {
      const draft = composer.saveDraft(input);
      draftsChanged(input.draftId);
      return draft;
    },
    'templates.discardDraft': ({ draftId }) => {
      composer.discardDraft(draftId);
      draftsChanged(draftId);
      return { draftId };
    },
    'mail.settings': () => mailSettings(),
    'mail.updateSettings': ({ password, ...mail }) => {
      checkMailSettings(mail);
      settings.updateMail({ ...mail, password });
      const next = mailSettings();
      events.emit('mail.settingsChanged', next);
      return next;
    },
    'mail.test': async () => {
      const { reason, params } = reasonAndParams(await sender.test());
      return { detail: errorSentence('fr', reason, params), reason, params };
    },
  };

  return { library, composer, sender, handlers };
}

declare module '../area' {
  interface AreaPorts {
    /** The configured SMTP sending (automatic e-mails: surveys, later workflows). */
    mail: MailSending;
    /** A template merged for a customer, as the composer would show it. */
    templatePreview: (input: ComposeInput) => EmailPreview;
  }
}

/** Templates as an area: sent e-mails reach the CRM through its outbox. */
export const templatesArea: AreaModule = {
  name: 'templates',
  order: 600,
  create({ workspace, settings, events, logger, port }) {
    const templates = createTemplateArea({ store: workspace.store, settings, events, outbox: port('crmOutbox'), logger: logger.child('templates') });
    return {
      handlers: templates.handlers,
      provides: { mail: templates.sender, templatePreview: (input) => templates.composer.preview(input) },
    };
  },
};
