/**
 * Messaging as an area: SMS (OVHcloud) and WhatsApp (Cloud API) through the desk, its durable
 * 'messages' queue, the incoming SMS poll, and the port the public surface's webhook uses.
 * It runs where the data and the secrets live (the company server, or a desktop working alone);
 * nothing is sent from the demo workspace.
 */
import type { AreaModule } from '../area';
import type { Locale } from '../../contract/model';
import type { MessageItem } from '../../contract/messaging-calls';
import { ServiceError } from '../../contract/envelope';
import { JobQueue } from '../jobs/job-queue';
import { displayNumber } from '../shared/phone-number';
import { MessagingDesk, MESSAGES_QUEUE, type MessageRow } from './messaging-desk';
import { MessagingHubSpotPush } from './messaging-hubspot-push';
import type { MarketingConsent } from './marketing-consent';
import { messagingMigrations } from './messaging-migrations';
import type { BoundTemplate, RecordRef } from '../shared/service-channel';
import { smsConfig, whatsappConfig } from './messaging-settings';
import { OvhSms } from './providers/ovh-sms';
import { ProviderError } from './providers/provider';
import { WhatsAppCloud, type ApprovedTemplate, type WhatsAppConfig } from './providers/whatsapp-cloud';

/** How long the account's template list is kept before it is read again. */
const TEMPLATES_TTL_MS = 5 * 60_000;

declare module '../area' {
  interface AreaPorts {
    /** SMS and WhatsApp: the public surface's webhook, the workflows and the surveys use it. */
    messaging: MessagingDesk & { whatsappConfig(): WhatsAppConfig | null; whatsappTemplateFor(emailTemplateId: string, owner: RecordRef): Promise<BoundTemplate | null> };
    /** « May we send marketing to this person on this channel? » (SMS, WhatsApp, e-mail): the shared opt-out ledger and the consents. */
    marketingConsent: MarketingConsent;
  }
}

function statusText(locale: Locale, row: MessageRow): string | null {
  const en = locale === 'en';
  if (row.status === 'blocked' && row.statusReason === 'opted_out') return en ? 'Not sent: the customer replied STOP' : 'Non envoyé : le client a répondu STOP';
  if (row.status === 'blocked' && row.statusReason === 'no_consent') return en ? 'Not sent: no marketing consent recorded for this channel' : 'Non envoyé : pas de consentement aux messages commerciaux sur ce canal';
  if (row.status === 'blocked' && row.statusReason === 'consent_withdrawn') return en ? 'Not sent: the customer withdrew consent to marketing' : 'Non envoyé : le client a retiré son consentement aux messages commerciaux';
  if (row.status === 'failed' && row.statusReason === 'cut') return en ? 'Sending cut: it may have left — check before sending again' : 'Envoi interrompu : il est peut-être parti — vérifiez avant de renvoyer';
  if (row.status === 'failed') return row.statusReason;
  if (row.status === 'queued' && row.notBefore) return en ? 'Marketing message: leaves at 8:00 (never at night, on Sundays or holidays)' : 'Message commercial : part à 8 h (jamais la nuit, le dimanche ni un jour férié)';
  return null;
}

export const messagingArea: AreaModule = {
  name: 'messaging',
  order: 680,
  migrations: messagingMigrations,
  create({ workspace, env, events, logger, settings, options, live, port }) {
    const log = logger.child('messaging');
    const clock = options.clock ?? (() => new Date());
    const sms = smsConfig(env);
    const whatsapp = whatsappConfig(env);
    const acting = () => live && settings.workspace() === 'crm';
    const smsClient = sms ? new OvhSms(() => sms, () => clock().getTime()) : null;
    const whatsappClient = whatsapp ? new WhatsAppCloud(() => whatsapp, () => clock().getTime()) : null;
    // Every message, in and out, as a communication on the contact's HubSpot timeline, once.
    const sync = port('sync');
    const pushToHubSpot = () => settings.workspace() === 'crm';
    const hubspot = new MessagingHubSpotPush({
      db: workspace.store.database,
      gateway: () => (pushToHubSpot() ? sync.currentGateway() : null),
      clock,
      logger: log.child('hubspot'),
      loop: { idleDelayMs: 3_000 },
      ...(env['ACCUEIL_MESSAGING_LOOKUP_GRACE_MS'] ? { inFlightGraceMs: Number(env['ACCUEIL_MESSAGING_LOOKUP_GRACE_MS']) } : {}),
      ...(env['ACCUEIL_MESSAGING_RETRY_MS'] ? { notYetDelayMs: Number(env['ACCUEIL_MESSAGING_RETRY_MS']) } : {}),
    });
    const desk = new MessagingDesk({
      db: workspace.store.database,
      logged: (id) => {
        if (!pushToHubSpot()) return;
        hubspot.enqueue(id);
        if (live) setImmediate(() => void hubspot.queue.pass());
      },
      clock,
      sms: () => (acting() ? smsClient : null),
      whatsapp: () => (acting() ? whatsappClient : null),
      events,
      logger: log,
      // A customer's picture, document or voice note becomes a document of theirs.
      documents: () => port('documents'),
      queued: () => {
        if (live) setImmediate(() => void queue.pass());
      },
      mediaMaxBytes: Math.round((Number(env['ACCUEIL_DOCUMENTS_MAX_MB']) > 0 ? Math.min(Number(env['ACCUEIL_DOCUMENTS_MAX_MB']), 2_000) : 20) * 1024 * 1024),
    });
    const templatePreview = port('templatePreview');
    const queue = new JobQueue({
      queue: MESSAGES_QUEUE,
      jobs: desk.jobs,
      handlers: { send: (run) => desk.deliver(run as Parameters<MessagingDesk['deliver']>[0]), media: (run) => desk.fetchMedia(run) },
      classify: (error) =>
        error instanceof ProviderError
          ? { message: error.message, outcomeUnknown: error.outcomeUnknown, retryAfterMs: error.retryAfterMs, givesUp: error.permanent, kind: error.code ?? 'provider' }
          : { message: String((error as Error)?.message ?? error), outcomeUnknown: false },
      resolveInFlight: async (run) => desk.resolveCut(run),
      loop: { idleDelayMs: 5_000, canRun: acting },
      clock,
      logger: log.child('queue'),
    });
    // SMS and WhatsApp in every record's history, with the calls and e-mails.
    workspace.directory.addHistorySource((owner, limit) =>
      desk.thread(owner.kind === 'contact' ? { contactId: owner.id, companyId: null } : { contactId: null, companyId: owner.id }, limit).map((row) => {
        const channel = row.channel === 'sms' ? 'SMS' : 'WhatsApp';
        const excerpt = row.body.replace(/\s+/g, ' ').trim().slice(0, 200) || null;
        return {
          id: row.id,
          kind: row.channel,
          at: row.createdAt,
          title: `${channel} ${row.direction === 'in' ? 'reçu' : 'envoyé'}`,
          summary: excerpt,
          status: row.status,
          contactId: row.contactId,
          companyId: row.companyId,
          facts: { direction: row.direction, person: row.author, subject: null, reference: null, category: null, amountCents: null, durationSeconds: null, endReason: null, excerpt, origin: row.channel },
        };
      }),
    );
    let poller: NodeJS.Timeout | null = null;
    const pollEvery = Math.max(5, Number(env['ACCUEIL_SMS_POLL_S'] ?? 30) || 30) * 1000;
    // The WhatsApp Business account's templates, read at most every five minutes.
    let approved: { at: number; templates: ApprovedTemplate[]; error: string | null } | null = null;
    const approvedTemplates = async (refresh = false) => {
      const client = acting() ? whatsappClient : null;
      if (!client || !whatsapp?.businessAccountId) return { available: false, error: null, templates: [] as ApprovedTemplate[] };
      if (refresh || !approved || clock().getTime() - approved.at > TEMPLATES_TTL_MS || approved.error) {
        try {
          approved = { at: clock().getTime(), templates: await client.listTemplates(), error: null };
        } catch (error) {
          log.warn('WhatsApp templates not read', { error: String((error as Error)?.message ?? error).slice(0, 200) });
          approved = { at: clock().getTime(), templates: approved?.templates ?? [], error: String((error as Error)?.message ?? error).slice(0, 300) };
        }
      }
      return { available: true, error: approved.error, templates: approved.templates };
    };
    /** Accueil's WhatsApp templates, by the approved template (name and language) they fill. */
    const boundTemplates = () => new Map(workspace.store.templates.list().flatMap((t) => (t.channel === 'whatsapp' && t.whatsapp ? [[`${t.whatsapp.name}|${t.whatsapp.language}`, t] as const] : [])));
    /** An Accueil WhatsApp template merged for the customer: the approved template to send, its parameters, its text. */
    const mergedWhatsApp = async (templateId: string, owner: RecordRef) => {
      const template = workspace.store.templates.get(templateId);
      if (!template) throw new ServiceError('not_found', { reason: 'template.not_found' });
      if (template.channel !== 'whatsapp' || !template.whatsapp) throw new ServiceError('bad_request', { reason: 'messaging.template_not_whatsapp' });
      const { templates } = await approvedTemplates();
      const meta = templates.find((t) => t.name === template.whatsapp!.name && t.language === template.whatsapp!.language);
      if (meta && meta.status !== 'APPROVED') throw new ServiceError('conflict', { reason: 'messaging.template_not_approved', params: { name: meta.name, status: meta.status } });
      const preview = templatePreview({
        templateId,
        contactId: owner.contactId,
        companyId: owner.contactId ? null : owner.companyId,
        // An automation's record (the visit reminded): its fields, not the contact's latest ones.
        ...(owner.interventionId ? { interventionId: owner.interventionId } : {}),
        ...(owner.quoteId ? { quoteId: owner.quoteId } : {}),
        ...(owner.ticketId ? { ticketId: owner.ticketId } : {}),
        values: {},
      });
      if (preview.missing.length > 0) throw new ServiceError('bad_request', { reason: 'messaging.template_fields_missing', params: { fields: preview.missing.map((m) => m.label ?? m.key).join(', ') } });
      const parameters = preview.bodySegments.filter((segment) => segment.field !== null).map((segment) => segment.text);
      if (meta && meta.parameters !== parameters.length) {
        throw new ServiceError('bad_request', { reason: 'messaging.template_parameters_count', params: { name: meta.name, expected: meta.parameters, given: parameters.length } });
      }
      return { template: { name: template.whatsapp.name, language: template.whatsapp.language, parameters }, text: preview.text, marketing: meta?.category === 'MARKETING' };
    };
    /**
     * The WhatsApp template an automatic e-mail step may use outside the 24-hour window: an Accueil
     * template of channel WhatsApp with the e-mail template's category (« confirmation_rdv » for the
     * reminder the day before), bound to a template the account has APPROVED and that WhatsApp does
     * not file as MARKETING, merged for this customer without an empty field. None: null (the
     * automation falls back to e-mail, then SMS, and says why on the step).
     */
    const whatsappTemplateFor = async (emailTemplateId: string, owner: RecordRef): Promise<BoundTemplate | null> => {
      const category = workspace.store.templates.get(emailTemplateId)?.category;
      if (!category) return null;
      const candidates = workspace.store.templates
        .list()
        .filter((t) => t.channel === 'whatsapp' && t.whatsapp && t.category === category)
        .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
      if (candidates.length === 0) return null;
      const { templates } = await approvedTemplates();
      for (const candidate of candidates) {
        const meta = templates.find((t) => t.name === candidate.whatsapp!.name && t.language === candidate.whatsapp!.language);
        if (!meta || meta.status !== 'APPROVED' || meta.category === 'MARKETING') continue;
        try {
          const merged = await mergedWhatsApp(candidate.id, owner);
          return { template: merged.template, text: merged.text };
        } catch (error) {
          if (!(error instanceof ServiceError)) throw error;
        }
      }
      return null;
    };
    const item = (row: MessageRow & { name?: string | null }, media = desk.mediaOf([row.id])): MessageItem => ({
      id: row.id,
      channel: row.channel,
      direction: row.direction,
      number: displayNumber(row.numberE164, row.numberE164),
      contactId: row.contactId,
      companyId: row.companyId,
      name: row.name ?? null,
      body: row.body,
      templateName: row.templateName,
      purpose: row.purpose,
      status: row.status,
      statusText: statusText(settings.get().locale, row),
      segments: row.segments,
      notBefore: row.notBefore,
      readAt: row.readAt,
      author: row.author,
      at: row.createdAt,
      media: (() => {
        const m = media.get(row.id);
        return m ? { kind: m.kind, name: m.filename, state: m.state, documentId: m.documentId, reason: m.reason } : null;
      })(),
    });
    const items = (rows: Array<MessageRow & { name?: string | null }>): MessageItem[] => {
      const media = desk.mediaOf(rows.map((r) => r.id));
      return rows.map((row) => item(row, media));
    };

    const consentState = (contactId: string) => ({
      ...(() => {
        const preferred = desk.preferredChannelRecord(contactId);
        return { preferredChannel: preferred?.channel ?? ('email' as const), preferredSetAt: preferred?.setAt ?? null, preferredSetBy: preferred?.setBy ?? null };
      })(),
      consents: desk.consent.consents(contactId),
      optedOutAt: desk.consent.optedOutAt({ contactId }),
      mayMarket: {
        sms: desk.consent.mayMarket({ contactId }, 'sms').allowed,
        whatsapp: desk.consent.mayMarket({ contactId }, 'whatsapp').allowed,
        email: desk.consent.mayMarket({ contactId }, 'email').allowed,
      },
    });

    return {
      provides: { messaging: Object.assign(desk, { whatsappConfig: () => whatsapp, whatsappTemplateFor }), marketingConsent: desk.consent },
      handlers: {
        'messaging.conversation': ({ contactId, companyId }) => {
          const number = desk.mobileOf({ contactId, companyId });
          const last = number ? desk.lastInboundWhatsApp(number) : null;
          const openUntil = last ? new Date(Date.parse(last) + 24 * 3_600_000) : null;
          return {
            channels: desk.channels(),
            number: number ? displayNumber(number, number) : null,
            whatsappOpenUntil: openUntil && openUntil.getTime() > clock().getTime() ? openUntil.toISOString() : null,
            optedOutAt: number ? desk.optedOutAt(number) : null,
            messages: items(desk.thread({ contactId, companyId })),
          };
        },
        'messaging.send': async (input, ctx) => {
          const known = desk.byIdempotencyKey(`composer:${input.draftId}`);
          if (known) return item(known);
          const merged = input.templateId && input.channel === 'whatsapp' ? await mergedWhatsApp(input.templateId, input) : null;
          const row = desk.send({
            channel: input.channel,
            contactId: input.contactId,
            companyId: input.companyId,
            text: input.text,
            template: merged?.template ?? input.template,
            shownText: merged?.text,
            // A template WhatsApp files as marketing follows the marketing rules, whatever was chosen.
            purpose: merged?.marketing ? 'marketing' : input.purpose,
            idempotencyKey: `composer:${input.draftId}`,
            author: ctx?.account?.name ?? null,
          });
          void queue.pass();
          return item(row);
        },
        'messaging.unread': () => items(desk.unread()),
        'messaging.whatsappTemplates': async ({ refresh }) => {
          const list = await approvedTemplates(refresh === true);
          const bound = boundTemplates();
          return {
            available: list.available,
            error: list.error,
            templates: list.templates.map((t) => {
              const local = bound.get(`${t.name}|${t.language}`);
              return { ...t, templateId: local?.id ?? null, templateName: local?.name ?? null };
            }),
          };
        },
        'messaging.consents': ({ contactId }) => consentState(contactId),
        'messaging.setConsent': (input, ctx) => {
          desk.consent.set({ ...input, recordedBy: ctx?.account?.name ?? null });
          events.emit('messaging.changed', { contactIds: [input.contactId] });
          return consentState(input.contactId);
        },
        'messaging.setPreferredChannel': ({ contactId, channel }, ctx) => {
          desk.setPreferredChannel(contactId, channel, ctx?.account?.name ?? null);
          return consentState(contactId);
        },
        'messaging.markRead': ({ ids }) => ({ marked: desk.markRead(ids) }),
      },
      start: () => {
        if (!live) return;
        queue.start();
        hubspot.queue.start();
        if (smsClient) {
          const poll = () => {
            void desk.pollSms().catch((error: unknown) => log.warn('incoming SMS poll failed', { error: String((error as Error)?.message ?? error).slice(0, 200) }));
            void desk.pollSmsReceipts().catch((error: unknown) => log.warn('SMS delivery receipts poll failed', { error: String((error as Error)?.message ?? error).slice(0, 200) }));
          };
          if (acting()) poll();
          poller = setInterval(() => acting() && poll(), pollEvery);
          poller.unref?.();
        }
      },
      stop: async () => {
        if (poller) clearInterval(poller);
        poller = null;
        await queue.stop();
        await hubspot.queue.stop();
      },
      purgeDemo: (db) => {
        db.prepare(`DELETE FROM message_media WHERE message_id IN (SELECT id FROM messages WHERE contact_id IN (SELECT id FROM temp.demo_purge_contacts))`).run();
        db.prepare(`DELETE FROM messages WHERE contact_id IN (SELECT id FROM temp.demo_purge_contacts)`).run();
        db.prepare(`DELETE FROM contact_channel_preferences WHERE contact_id IN (SELECT id FROM temp.demo_purge_contacts)`).run();
      },
    };
  },
};
