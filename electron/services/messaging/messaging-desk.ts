/**
 * SMS and WhatsApp, by the rules: one conversation per customer, in and out.
 *
 *   send()      Claire's reply, a service message, a marketing one: the rules first (STOP honoured
 *               at once, marketing only 8:00–20:00 Monday–Saturday and never on a holiday — queued
 *               until then —, WhatsApp free text only within 24 hours of the customer's last
 *               message), then a row with its idempotency key and a durable job ('messages' queue):
 *               asking twice sends once.
 *   the job     marks itself in flight before the provider's request; a refusal that retrying cannot
 *               fix ends the message « échec » with the provider's reason; a cut request (no answer)
 *               is never sent again by itself: the message says it may have left.
 *   receive()   a webhook's or a poll's message, stored once per provider id, matched to the customer
 *               by number; a STOP opts the number out in the same transaction.
 *   status()    « distribué », « lu », « échec » from the provider, each event applied once, never
 *               backwards (a late « sent » after « read » changes nothing).
 *   media       a picture, document or voice note a customer sent: a 'media' job (one per media id)
 *               asks the provider where it is, downloads it with the token and keeps it as a
 *               document of the customer (checked from its bytes, size-limited by the documents
 *               area); a webhook delivered twice fetches it once.
 */
import { randomUUID } from 'node:crypto';
import { countSms } from '../../contract/sms-segments';
import { ServiceError } from '../../contract/envelope';
import type { DocumentLibrary } from '../documents/document-library';
import type { EventBus } from '../event-bus';
import type { Logger } from '../log';
import type { JobRun } from '../jobs/job-queue';
import type { AccueilDatabase } from '../store/database';
import { MarketingConsent, type MarketingVerdict } from './marketing-consent';
import { JobsRepository } from '../store/jobs-repository';
import { nextContactTime } from '../shared/contact-windows';
import { displayNumber, toE164 } from '../shared/phone-number';
import { ProviderError } from './providers/provider';
import type { OvhSms } from './providers/ovh-sms';
import type { WhatsAppCloud, WebhookMessage, WebhookStatus } from './providers/whatsapp-cloud';
import { WHATSAPP_WINDOW_MS, type ServiceChannel } from '../shared/service-channel';
import { isStopRequest } from './stop-request';

export const MESSAGES_QUEUE = 'messages';

export type Channel = 'sms' | 'whatsapp';
export type Purpose = 'service' | 'marketing' | 'reply';
export type MessageStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed' | 'received' | 'blocked';

export interface MessageRow {
  id: string;
  channel: Channel;
  direction: 'in' | 'out';
  numberE164: string;
  contactId: string | null;
  companyId: string | null;
  body: string;
  templateName: string | null;
  purpose: Purpose | null;
  status: MessageStatus;
  statusReason: string | null;
  providerId: string | null;
  author: string | null;
  segments: number | null;
  notBefore: string | null;
  readAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The columns of a message, read from the table aliased `m`. */
const COLUMNS = `m.id, m.channel, m.direction, m.number_e164 AS numberE164, m.contact_id AS contactId, m.company_id AS companyId, m.body,
  m.template_name AS templateName, m.purpose, m.status, m.status_reason AS statusReason, m.provider_id AS providerId, m.author, m.segments,
  m.not_before AS notBefore, m.read_at AS readAt, m.created_at AS createdAt, m.updated_at AS updatedAt`;

/** How far a status has gone: a later event never moves a message back. */
const RANK: Record<MessageStatus, number> = { queued: 0, blocked: 0, sending: 1, sent: 2, delivered: 3, read: 4, failed: 5, received: 0 };

export interface SendInput {
  channel: Channel;
  contactId: string | null;
  companyId: string | null;
  /** Default: the contact's mobile. */
  number?: string | null | undefined;
  text?: string | undefined;
  template?: { name: string; language: string; parameters: string[] } | undefined;
  /** For a template: its text as the customer will read it (shown in the conversation). */
  shownText?: string | undefined;
  purpose: Purpose;
  /** What asked for it (a composer draft, a workflow step): the same key sends once. */
  idempotencyKey: string;
  author: string | null;
}

/** What an incoming message carried (one media per WhatsApp message). */
export interface MessageMedia {
  messageId: string;
  kind: string;
  mime: string;
  filename: string | null;
  state: 'pending' | 'kept' | 'refused';
  documentId: string | null;
  reason: string | null;
}

const MEDIA_WORDS: Record<string, string> = { image: 'Photo', document: 'Document', audio: 'Message vocal', video: 'Vidéo', sticker: 'Autocollant' };
const MEDIA_EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf', 'audio/ogg': 'ogg' };

export interface MessagingDeskOptions {
  db: AccueilDatabase;
  clock: () => Date;
  sms: () => OvhSms | null;
  whatsapp: () => WhatsAppCloud | null;
  events: EventBus;
  logger: Logger;
  /** A message to log on the customer's CRM timeline (received, or left): inside its transaction. */
  logged?: (messageId: string) => void;
  /** Where received media are kept (the documents area); absent: media are listed, not kept. */
  documents?: () => Pick<DocumentLibrary, 'add'> | null;
  /** The largest media downloaded (default 20 MB, the documents' limit). */
  mediaMaxBytes?: number;
  /** A job was queued outside a send (a media to fetch): the queue may run now. */
  queued?: () => void;
}

export class MessagingDesk {
  readonly jobs: JobsRepository;
  /** « May we send marketing to this person on this channel? » — one answer for every channel. */
  readonly consent: MarketingConsent;
  private readonly db: AccueilDatabase;

  constructor(private readonly options: MessagingDeskOptions) {
    this.db = options.db;
    this.jobs = new JobsRepository(options.db, options.clock);
    this.consent = new MarketingConsent(options.db, options.clock);
  }

  private now(): Date {
    return this.options.clock();
  }

  /** Which channels can send (configured), for the composer. */
  channels(): { sms: boolean; whatsapp: boolean } {
    return { sms: this.options.sms() !== null, whatsapp: this.options.whatsapp() !== null };
  }

  get(id: string): MessageRow | null {
    return this.db.prepare<MessageRow>(`SELECT ${COLUMNS} FROM messages m WHERE m.id = ?`).get(id) ?? null;
  }

  // ── the customer's preferred channel ─────────────────────────────────────────────────────────

  /** The « canal préféré » for automatic service messages: e-mail unless the customer asked otherwise. */
  preferredChannel(contactId: string | null): ServiceChannel {
    if (!contactId) return 'email';
    return this.db.prepare<{ channel: ServiceChannel }>(`SELECT channel FROM contact_channel_preferences WHERE contact_id = ?`).get(contactId)?.channel ?? 'email';
  }

  /** The preference with who set it and when (null: never set, e-mail). */
  preferredChannelRecord(contactId: string): { channel: ServiceChannel; setAt: string; setBy: string | null } | null {
    return this.db.prepare<{ channel: ServiceChannel; setAt: string; setBy: string | null }>(`SELECT channel, set_at AS setAt, set_by AS setBy FROM contact_channel_preferences WHERE contact_id = ?`).get(contactId) ?? null;
  }

  setPreferredChannel(contactId: string, channel: ServiceChannel, by: string | null): void {
    this.db
      .prepare(
        `INSERT INTO contact_channel_preferences (contact_id, channel, set_at, set_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (contact_id) DO UPDATE SET channel = excluded.channel, set_at = excluded.set_at, set_by = excluded.set_by`,
      )
      .run(contactId, channel, this.now().toISOString(), by);
    this.changed([contactId]);
  }

  // ── sending ──────────────────────────────────────────────────────────────────────────────────

  /** The customer's mobile, else any number of theirs, in E.164; null when they have none. */
  mobileOf(owner: { contactId: string | null; companyId: string | null }): string | null {
    const column = owner.contactId ? 'contact_id' : 'company_id';
    const id = owner.contactId ?? owner.companyId;
    if (!id) return null;
    return this.db.prepare<{ e164: string }>(`SELECT e164 FROM phones WHERE ${column} = ? AND e164 IS NOT NULL ORDER BY kind = 'mobile' DESC LIMIT 1`).get(id)?.e164 ?? null;
  }

  private numberFor(input: SendInput): string {
    if (input.number) {
      const e164 = toE164(input.number);
      if (!e164) throw new ServiceError('bad_request', { reason: 'messaging.number_invalid', params: { number: input.number.slice(0, 40) } });
      return e164;
    }
    const e164 = this.mobileOf(input);
    if (!e164) throw new ServiceError('bad_request', { reason: 'messaging.no_mobile' });
    return e164;
  }

  optedOutAt(e164: string): string | null {
    return this.db.prepare<{ at: string }>(`SELECT opted_out_at AS at FROM message_opt_outs WHERE number_e164 = ?`).get(e164)?.at ?? null;
  }

  /** When the customer last wrote on WhatsApp (their messages open the 24-hour window; ours do not). */
  lastInboundWhatsApp(e164: string): string | null {
    return this.db.prepare<{ at: string | null }>(`SELECT max(created_at) AS at FROM messages WHERE channel = 'whatsapp' AND direction = 'in' AND number_e164 = ?`).get(e164)?.at ?? null;
  }

  /** The message a draft (or a workflow step) already became, if any. */
  byIdempotencyKey(key: string): MessageRow | null {
    return this.db.prepare<MessageRow>(`SELECT ${COLUMNS} FROM messages m WHERE m.idempotency_key = ?`).get(key) ?? null;
  }

  send(input: SendInput): MessageRow {
    const existing = this.byIdempotencyKey(input.idempotencyKey);
    if (existing) return existing;
    const provider = input.channel === 'sms' ? this.options.sms() : this.options.whatsapp();
    if (!provider) throw new ServiceError('unavailable', { reason: input.channel === 'sms' ? 'messaging.sms_not_configured' : 'messaging.whatsapp_not_configured' });
    const text = input.text?.trim() ?? '';
    if (!input.template && text === '') throw new ServiceError('bad_request', { reason: 'messaging.empty' });
    if (input.channel === 'sms' && input.template) throw new ServiceError('bad_request', { reason: 'messaging.sms_no_template' });
    const number = this.numberFor(input);
    const now = this.now();
    const at = now.toISOString();

    let status: MessageStatus = 'queued';
    let reason: string | null = null;
    let notBefore: string | null = null;
    const optedOut = this.optedOutAt(number);
    let verdict: MarketingVerdict = { allowed: true };
    if (optedOut && input.purpose !== 'reply') {
      // STOP covers everything the customer did not ask for: only an answer to their own message goes.
      status = 'blocked';
      reason = 'opted_out';
    } else if (input.purpose === 'marketing' && !(verdict = this.consent.mayMarket({ contactId: input.contactId, number }, input.channel)).allowed) {
      // Marketing only with the customer's consent on this channel, and never after a no anywhere.
      status = 'blocked';
      reason = verdict.reason;
    } else if (input.channel === 'whatsapp' && !input.template) {
      const last = this.lastInboundWhatsApp(number);
      if (!last || now.getTime() - Date.parse(last) > WHATSAPP_WINDOW_MS) throw new ServiceError('conflict', { reason: 'messaging.whatsapp_window' });
    }
    if (status === 'queued' && input.purpose === 'marketing') {
      const allowed = nextContactTime(now, 'marketing');
      if (allowed.getTime() > now.getTime()) notBefore = allowed.toISOString();
    }
    const id = randomUUID();
    const body = input.template ? input.shownText?.trim() || `[${input.template.name}] ${input.template.parameters.join(' · ')}`.trim() : text;
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO messages (id, channel, direction, number_e164, contact_id, company_id, body, template_name, purpose, status, status_reason, idempotency_key, author, segments, not_before, created_at, updated_at)
           VALUES (@id, @channel, 'out', @number, @contactId, @companyId, @body, @template, @purpose, @status, @reason, @key, @author, @segments, @notBefore, @at, @at)`,
        )
        .run({
          id,
          channel: input.channel,
          number,
          contactId: input.contactId,
          companyId: input.companyId,
          body,
          template: input.template?.name ?? null,
          purpose: input.purpose,
          status,
          reason,
          key: input.idempotencyKey,
          author: input.author,
          segments: input.channel === 'sms' ? countSms(text).segments : null,
          notBefore,
          at,
        });
      if (status === 'queued') {
        this.jobs.enqueue(MESSAGES_QUEUE, {
          kind: 'send',
          subject: id,
          payload: input.template ? { template: input.template } : null,
          idempotencyKey: `send:${id}`,
          ...(notBefore ? { runAt: new Date(notBefore) } : {}),
        });
      }
    });
    this.changed([input.contactId]);
    return this.get(id)!;
  }

  /** The 'send' job: the rules again (a STOP since), then the provider. */
  async deliver(run: JobRun<{ template?: { name: string; language: string; parameters: string[] } } | null>): Promise<void> {
    const message = run.job.subject ? this.get(run.job.subject) : null;
    if (!message || (message.status !== 'queued' && message.status !== 'sending')) {
      run.complete();
      return;
    }
    if (this.optedOutAt(message.numberE164) && message.purpose !== 'reply') {
      run.complete(() => this.setStatus(message.id, 'blocked', 'opted_out'));
      this.changed([message.contactId]);
      return;
    }
    const verdict = message.purpose === 'marketing' ? this.consent.mayMarket({ contactId: message.contactId, number: message.numberE164 }, message.channel) : null;
    if (verdict && !verdict.allowed) {
      // Consent withdrawn (or a no by e-mail) while it waited for the morning.
      run.complete(() => this.setStatus(message.id, 'blocked', verdict.reason));
      this.changed([message.contactId]);
      return;
    }
    const now = this.now();
    if (message.purpose === 'marketing' && nextContactTime(now, 'marketing').getTime() > now.getTime()) {
      // Late after a stop, and now the night: waits for the morning (never at night).
      const allowed = nextContactTime(now, 'marketing');
      run.complete(() => {
        this.db.prepare(`UPDATE messages SET not_before = ?, updated_at = ? WHERE id = ?`).run(allowed.toISOString(), now.toISOString(), message.id);
        this.jobs.enqueue(MESSAGES_QUEUE, { kind: 'send', subject: message.id, payload: run.job.payload, idempotencyKey: `send:${message.id}:${allowed.toISOString()}`, runAt: allowed });
      });
      return;
    }
    run.markInFlight();
    this.setStatus(message.id, 'sending', null);
    const reference = message.id.replace(/-/g, '').slice(0, 20);
    try {
      const template = run.job.payload?.template;
      const sent =
        message.channel === 'sms'
          ? await this.options.sms()!.send({ to: message.numberE164, body: message.body, purpose: message.purpose ?? 'service', reference })
          : template
            ? await this.options.whatsapp()!.sendTemplate({ to: message.numberE164, templateName: template.name, language: template.language, parameters: template.parameters, reference })
            : await this.options.whatsapp()!.sendText({ to: message.numberE164, body: message.body, purpose: message.purpose ?? 'reply', reference });
      run.complete(() => {
        this.db.prepare(`UPDATE messages SET provider_id = ?, updated_at = ? WHERE id = ?`).run(sent.providerId, this.now().toISOString(), message.id);
        this.advance(message.id, 'sent', null);
        this.options.logged?.(message.id);
      });
      this.options.logger.info('message sent', { message: message.id, channel: message.channel });
    } catch (error) {
      if (error instanceof ProviderError && error.permanent) {
        run.complete(() => this.setStatus(message.id, 'failed', error.message));
        this.changed([message.contactId]);
        return;
      }
      if (!(error instanceof ProviderError) || !error.outcomeUnknown) this.setStatus(message.id, 'queued', null);
      throw error;
    }
    this.changed([message.contactId]);
  }

  /** A send cut between request and answer: the message may have left — never sent again by itself. */
  resolveCut(run: JobRun): 'completed' {
    const message = run.job.subject ? this.get(run.job.subject) : null;
    if (message && (message.status === 'sending' || message.status === 'queued')) {
      this.setStatus(message.id, 'failed', 'cut');
      this.changed([message.contactId]);
    }
    return 'completed';
  }

  private setStatus(id: string, status: MessageStatus, reason: string | null): void {
    this.db.prepare(`UPDATE messages SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?`).run(status, reason, this.now().toISOString(), id);
  }

  /** Moves a message forward only (sent → delivered → read; failed is final). */
  private advance(id: string, status: MessageStatus, reason: string | null): boolean {
    const current = this.get(id);
    if (!current || current.status === 'failed' || RANK[status] <= RANK[current.status]) return false;
    this.setStatus(id, status, reason);
    return true;
  }

  // ── receiving ────────────────────────────────────────────────────────────────────────────────

  /** Who a number is: the contact (or company) whose phone it is, when there is exactly one. */
  private whoIs(e164: string): { contactId: string | null; companyId: string | null } {
    const rows = this.db.prepare<{ contactId: string | null; companyId: string | null }>(`SELECT DISTINCT contact_id AS contactId, company_id AS companyId FROM phones WHERE e164 = ?`).all(e164);
    const contacts = rows.filter((r) => r.contactId);
    if (contacts.length === 1) return { contactId: contacts[0]!.contactId, companyId: this.db.prepare<{ companyId: string | null }>(`SELECT company_id AS companyId FROM contacts WHERE id = ?`).get(contacts[0]!.contactId!)?.companyId ?? null };
    const companies = rows.filter((r) => r.companyId && !r.contactId);
    return { contactId: null, companyId: companies.length === 1 ? companies[0]!.companyId : null };
  }

  /** A customer's message (webhook or poll): stored once, matched, a STOP honoured; true when new. */
  receive(channel: Channel, message: { providerId: string; from: string; text: string; at: string; media?: { id: string; kind: string; mime: string; filename: string | null } | null }): boolean {
    const e164 = toE164(message.from.startsWith('+') || message.from.startsWith('0') ? message.from : `+${message.from}`);
    if (!e164) {
      this.options.logger.warn('incoming message from an unreadable number: kept aside', { channel });
      return false;
    }
    const who = this.whoIs(e164);
    const stop = isStopRequest(message.text);
    const at = this.now().toISOString();
    const inserted = this.db.transaction(() => {
      const result = this.db
        .prepare(
          `INSERT OR IGNORE INTO messages (id, channel, direction, number_e164, contact_id, company_id, body, status, provider_id, created_at, updated_at)
           VALUES (?, ?, 'in', ?, ?, ?, ?, 'received', ?, ?, ?)`,
        )
        .run(randomUUID(), channel, e164, who.contactId, who.companyId, message.text.slice(0, 4000), message.providerId, message.at, at);
      if (result.changes === 1) {
        const id = this.db.prepare<{ id: string }>(`SELECT id FROM messages WHERE channel = ? AND provider_id = ?`).get(channel, message.providerId)?.id;
        if (id) this.options.logged?.(id);
        const media = message.media;
        if (id && media) {
          // One row and one job per media id: the same media in another delivery adds nothing.
          const fresh = this.db
            .prepare(`INSERT OR IGNORE INTO message_media (message_id, channel, media_id, kind, mime, filename, state, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)`)
            .run(id, channel, media.id, media.kind, media.mime.slice(0, 120), media.filename?.slice(0, 200) ?? null, at).changes === 1;
          if (fresh) this.jobs.enqueue(MESSAGES_QUEUE, { kind: 'media', subject: id, payload: null, idempotencyKey: `media:${channel}:${media.id}` });
        }
      }
      if (result.changes === 1 && stop) {
        this.db.prepare(`INSERT OR IGNORE INTO message_opt_outs (number_e164, contact_id, opted_out_at, how) VALUES (?, ?, ?, ?)`).run(e164, who.contactId, at, `${channel}: ${message.text.slice(0, 60)}`);
      }
      return result.changes === 1;
    });
    if (inserted) {
      if (message.media) this.options.queued?.();
      this.options.logger.info('message received', { channel, stop });
      const name = who.contactId
        ? (this.db.prepare<{ name: string }>(`SELECT trim(first_name || ' ' || last_name) AS name FROM contacts WHERE id = ?`).get(who.contactId)?.name ?? null)
        : who.companyId
          ? (this.db.prepare<{ name: string }>(`SELECT name FROM companies WHERE id = ?`).get(who.companyId)?.name ?? null)
          : null;
      this.options.events.emit('messaging.received', { contactIds: who.contactId ? [who.contactId] : [], channel, from: displayNumber(e164, e164), name: name || null, preview: message.text.slice(0, 120) });
      this.changed([who.contactId]);
    }
    return inserted;
  }

  /** A webhook's body from WhatsApp: its messages and statuses, each applied once. */
  applyWhatsAppWebhook(parsed: { messages: WebhookMessage[]; statuses: WebhookStatus[] }): { messages: number; statuses: number } {
    let messages = 0;
    let statuses = 0;
    for (const m of parsed.messages) {
      const text = m.text || (m.media ? (MEDIA_WORDS[m.type] ?? m.type) : `(${m.type})`);
      if (this.receive('whatsapp', { providerId: m.id, from: m.from, text, at: m.at, media: m.media ? { ...m.media, kind: m.type } : null })) messages++;
    }
    for (const s of parsed.statuses) if (this.applyStatus('whatsapp', s.id, s.status, s.error, s.reference)) statuses++;
    return { messages, statuses };
  }

  applyStatus(channel: Channel, providerId: string, status: 'sent' | 'delivered' | 'read' | 'failed', error: string | null, reference: string | null = null): boolean {
    const at = this.now().toISOString();
    let row = this.db.prepare<{ id: string; contactId: string | null }>(`SELECT id, contact_id AS contactId FROM messages WHERE channel = ? AND provider_id = ?`).get(channel, providerId);
    // A send whose answer never came (« peut-être parti »): the provider's status, carrying our
    // reference, says it did leave — the message takes its provider id and its real status.
    const cut =
      !row && reference && /^[0-9a-f]{20}$/.test(reference)
        ? this.db
            .prepare<{ id: string; contactId: string | null; status: MessageStatus; statusReason: string | null }>(
              `SELECT id, contact_id AS contactId, status, status_reason AS statusReason FROM messages
               WHERE channel = ? AND direction = 'out' AND provider_id IS NULL AND status IN ('sending', 'failed') AND substr(replace(id, '-', ''), 1, 20) = ?`,
            )
            .get(channel, reference)
        : undefined;
    if (cut && (cut.status === 'sending' || cut.statusReason === 'cut')) row = cut;
    const applied = this.db.transaction(() => {
      const fresh = this.db.prepare(`INSERT OR IGNORE INTO message_events (provider, event_id, received_at) VALUES (?, ?, ?)`).run(channel, `${providerId}:${status}`, at).changes === 1;
      if (fresh && row && row === cut) {
        this.db.prepare(`UPDATE messages SET provider_id = ?, status = 'sending', status_reason = NULL, updated_at = ? WHERE id = ?`).run(providerId, at, row.id);
        this.options.logged?.(row.id);
      }
      return fresh && row ? this.advance(row.id, status, error) : false;
    });
    if (applied) this.changed([row?.contactId ?? null]);
    return applied;
  }

  /** Reads the SMS gateway's new incoming messages (each once, across restarts). */
  async pollSms(): Promise<number> {
    const sms = this.options.sms();
    if (!sms) return 0;
    const last = this.db.prepare<{ id: number }>(`SELECT last_incoming_id AS id FROM sms_poll_state`).get()?.id ?? 0;
    let read = 0;
    for (const m of await sms.incomingAfter(last)) {
      this.db.transaction(() => {
        this.receive('sms', { providerId: String(m.id), from: m.from, text: m.text, at: m.at });
        this.db.prepare(`INSERT INTO sms_poll_state (one, last_incoming_id) VALUES (1, ?) ON CONFLICT (one) DO UPDATE SET last_incoming_id = excluded.last_incoming_id`).run(m.id);
      });
      read++;
    }
    return read;
  }

  /**
   * Delivery receipts of the SMS sent in the last three days and not settled yet: « distribué » or
   * « échec » from OVH's outgoing list (a status only moves forward); returns how many changed.
   */
  async pollSmsReceipts(): Promise<number> {
    const sms = this.options.sms();
    if (!sms) return 0;
    const since = new Date(this.now().getTime() - 3 * 24 * 3_600_000).toISOString();
    const waiting = this.db
      .prepare<{ id: string; providerId: string; contactId: string | null }>(
        `SELECT id, provider_id AS providerId, contact_id AS contactId FROM messages WHERE channel = 'sms' AND direction = 'out' AND status = 'sent' AND provider_id IS NOT NULL AND created_at >= ? ORDER BY created_at LIMIT 100`,
      )
      .all(since);
    let changed = 0;
    const contacts: Array<string | null> = [];
    for (const m of waiting) {
      const receipt = await sms.deliveryOf(m.providerId);
      if (receipt !== 'delivered' && receipt !== 'failed') continue;
      const moved = this.db.transaction(() => (receipt === 'delivered' ? this.advance(m.id, 'delivered', null) : this.failAfterSent(m.id)));
      if (moved) {
        changed++;
        contacts.push(m.contactId);
      }
    }
    if (changed > 0) this.changed(contacts);
    return changed;
  }

  /** An operator's « not delivered » for a message that had left. */
  private failAfterSent(id: string): boolean {
    const current = this.get(id);
    if (!current || current.status !== 'sent') return false;
    this.setStatus(id, 'failed', 'Non distribué par l’opérateur (numéro injoignable ou inexistant)');
    return true;
  }

  // ── media ────────────────────────────────────────────────────────────────────────────────────

  /** What the messages carried, by message id. */
  mediaOf(messageIds: readonly string[]): Map<string, MessageMedia> {
    const out = new Map<string, MessageMedia>();
    if (messageIds.length === 0) return out;
    const rows = this.db
      .prepare<MessageMedia>(
        `SELECT message_id AS messageId, kind, mime, filename, state, document_id AS documentId, reason FROM message_media WHERE message_id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(messageIds));
    for (const row of rows) out.set(row.messageId, row);
    return out;
  }

  /**
   * The 'media' job: where the media is (GET /{media-id}), its bytes (with the token, size-limited),
   * then a document of the customer, checked from its bytes by the documents area. A refusal (a
   * type or a size the documents area does not keep, a media WhatsApp no longer has) is final and
   * said in the conversation; a network failure is retried (a GET changes nothing at Meta).
   */
  async fetchMedia(run: JobRun): Promise<void> {
    const id = run.job.subject;
    const media = id ? this.db.prepare<MessageMedia & { mediaId: string }>(`SELECT message_id AS messageId, media_id AS mediaId, kind, mime, filename, state FROM message_media WHERE message_id = ?`).get(id) : undefined;
    const message = id ? this.get(id) : null;
    if (!media || !message || media.state !== 'pending') {
      run.complete();
      return;
    }
    const settle = (state: 'kept' | 'refused', documentId: string | null, reason: string | null) =>
      this.db.prepare(`UPDATE message_media SET state = ?, document_id = ?, reason = ?, updated_at = ? WHERE message_id = ?`).run(state, documentId, reason, this.now().toISOString(), media.messageId);
    const documents = this.options.documents?.();
    const links = message.contactId ? { contactId: message.contactId } : message.companyId ? { companyId: message.companyId } : null;
    if (!documents || !links) {
      run.complete(() => settle('refused', null, !documents ? 'Documents indisponibles : pièce jointe non conservée' : 'Expéditeur inconnu : pièce jointe non classée'));
      this.changed([message.contactId]);
      return;
    }
    const whatsapp = this.options.whatsapp();
    if (!whatsapp) throw new ProviderError('WhatsApp n’est pas configuré', false, false);
    let bytes: Buffer;
    try {
      const info = await whatsapp.mediaInfo(media.mediaId);
      bytes = await whatsapp.downloadMedia(info.url, this.options.mediaMaxBytes ?? 20 * 1024 * 1024);
    } catch (error) {
      if (error instanceof ProviderError && error.permanent) {
        run.complete(() => settle('refused', null, `Pièce jointe non récupérée : ${error.message}`));
        this.changed([message.contactId]);
        return;
      }
      throw error;
    }
    const day = message.createdAt.slice(0, 10);
    const extension = MEDIA_EXTENSIONS[media.mime.split(';')[0]!.trim()] ?? '';
    const name = media.filename ?? `WhatsApp ${MEDIA_WORDS[media.kind] ?? media.kind} ${day}${extension ? `.${extension}` : ''}`;
    try {
      const row = documents.add({ bytes, name, links, addedBy: { kind: 'customer', name: `WhatsApp ${displayNumber(message.numberE164, message.numberE164)}` }, sourceKey: `whatsapp:${media.mediaId}` });
      run.complete(() => settle('kept', row.id, null));
      this.options.logger.info('message media kept', { message: message.id, document: row.id, size: bytes.length });
    } catch (error) {
      // Refused by the documents area (its reason is logged there): said in the conversation.
      if (!(error instanceof ServiceError)) throw error;
      run.complete(() => settle('refused', null, `Pièce jointe refusée : ${error.message}`));
    }
    this.changed([message.contactId]);
  }

  // ── what Claire reads ────────────────────────────────────────────────────────────────────────

  thread(owner: { contactId: string | null; companyId: string | null }, limit = 200): MessageRow[] {
    const column = owner.contactId ? 'contact_id' : 'company_id';
    const id = owner.contactId ?? owner.companyId;
    if (!id) return [];
    return this.db.prepare<MessageRow>(`SELECT ${COLUMNS} FROM messages m WHERE m.${column} = ? ORDER BY m.created_at DESC LIMIT ?`).all(id, limit).reverse();
  }

  /** Incoming messages not yet read, newest first (« À traiter »). */
  unread(limit = 100): Array<MessageRow & { name: string | null }> {
    return this.db
      .prepare<MessageRow & { name: string | null }>(
        `SELECT ${COLUMNS}, nullif(trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')), '') AS name
         FROM messages m LEFT JOIN contacts c ON c.id = m.contact_id WHERE m.direction = 'in' AND m.read_at IS NULL ORDER BY m.created_at DESC LIMIT ?`,
      )
      .all(limit);
  }

  markRead(ids: readonly string[]): number {
    const at = this.now().toISOString();
    let n = 0;
    this.db.transaction(() => {
      for (const id of ids) n += this.db.prepare(`UPDATE messages SET read_at = ? WHERE id = ? AND direction = 'in' AND read_at IS NULL`).run(at, id).changes;
    });
    if (n > 0) this.changed([]);
    return n;
  }

  private changed(contactIds: Array<string | null>): void {
    this.options.events.emit('messaging.changed', { contactIds: contactIds.filter((id): id is string => id !== null) });
  }
}
