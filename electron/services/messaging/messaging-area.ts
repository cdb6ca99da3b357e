/**
 * Messaging as an area: SMS (OVHcloud) and WhatsApp (Cloud API) through the desk, its durable
 * 'messages' queue, the incoming SMS poll, and the port the public surface's webhook uses.
 * It runs where the data and the secrets live (the company server, or a desktop working alone);
 * nothing is sent from the demo workspace.
 */
import type { AreaModule } from '../area';
import type { Locale } from '../../contract/model';
import type { MessageItem } from '../../contract/messaging-calls';
import { JobQueue } from '../jobs/job-queue';
import { displayNumber } from '../shared/phone-number';
import { MessagingDesk, MESSAGES_QUEUE, type MessageRow } from './messaging-desk';
import { MessagingHubSpotPush } from './messaging-hubspot-push';
import type { MarketingConsent } from './marketing-consent';
import { messagingMigrations } from './messaging-migrations';
import { smsConfig, whatsappConfig } from './messaging-settings';
import { OvhSms } from './providers/ovh-sms';
import { ProviderError } from './providers/provider';
import { WhatsAppCloud, type WhatsAppConfig } from './providers/whatsapp-cloud';

declare module '../area' {
  interface AreaPorts {
    /** SMS and WhatsApp: the public surface's webhook and the workflows use it. */
    messaging: MessagingDesk & { whatsappConfig(): WhatsAppConfig | null };
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
    });
    const queue = new JobQueue({
      queue: MESSAGES_QUEUE,
      jobs: desk.jobs,
      handlers: { send: (run) => desk.deliver(run as Parameters<MessagingDesk['deliver']>[0]) },
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
          facts: { direction: row.direction, person: row.author, subject: null, reference: null, category: null, amountCents: null, durationSeconds: null, endReason: null, excerpt },
        };
      }),
    );
    let poller: NodeJS.Timeout | null = null;
    const pollEvery = Math.max(5, Number(env['ACCUEIL_SMS_POLL_S'] ?? 30) || 30) * 1000;
    const item = (row: MessageRow & { name?: string | null }): MessageItem => ({
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
    });

    const consentState = (contactId: string) => ({
      consents: desk.consent.consents(contactId),
      optedOutAt: desk.consent.optedOutAt({ contactId }),
      mayMarket: {
        sms: desk.consent.mayMarket({ contactId }, 'sms').allowed,
        whatsapp: desk.consent.mayMarket({ contactId }, 'whatsapp').allowed,
        email: desk.consent.mayMarket({ contactId }, 'email').allowed,
      },
    });

    return {
      provides: { messaging: Object.assign(desk, { whatsappConfig: () => whatsapp }), marketingConsent: desk.consent },
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
            messages: desk.thread({ contactId, companyId }).map(item),
          };
        },
        'messaging.send': (input, ctx) => {
          const row = desk.send({
            channel: input.channel,
            contactId: input.contactId,
            companyId: input.companyId,
            text: input.text,
            template: input.template,
            purpose: input.purpose,
            idempotencyKey: `composer:${input.draftId}`,
            author: ctx?.account?.name ?? null,
          });
          void queue.pass();
          return item(row);
        },
        'messaging.unread': () => desk.unread().map(item),
        'messaging.consents': ({ contactId }) => consentState(contactId),
        'messaging.setConsent': (input, ctx) => {
          desk.consent.set({ ...input, recordedBy: ctx?.account?.name ?? null });
          events.emit('messaging.changed', { contactIds: [input.contactId] });
          return consentState(input.contactId);
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
        db.prepare(`DELETE FROM messages WHERE contact_id IN (SELECT id FROM temp.demo_purge_contacts)`).run();
      },
    };
  },
};
