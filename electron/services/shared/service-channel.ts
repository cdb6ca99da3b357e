/**
 * Which channel an automatic service message takes (the reminder the day before, the survey link):
 * the customer's « canal préféré » when it can carry the message, else the next one that can.
 *
 *   preferred e-mail (default)  e-mail → SMS (only without a usable address, as before)
 *   preferred SMS               SMS → e-mail
 *   preferred WhatsApp          WhatsApp → e-mail → SMS
 *
 * A channel carries the message when:
 * - e-mail: the customer has an address and did not opt out of automatic e-mail;
 * - SMS: SMS is configured, the step has an SMS text, the customer has a mobile, and that number
 *   never said STOP;
 * - WhatsApp: WhatsApp is configured, the customer has a mobile that never said STOP, and either the
 *   24-hour window is open (the step's SMS text goes as free text) or an approved template is bound
 *   for the step (outside the window only approved templates may go).
 *
 * STOP: it opts the number out of everything but what the customer explicitly asks for. A reminder
 * or a survey link is sent by an automation, not asked for in the conversation, so after a STOP no
 * automation writes to that number at all — neither SMS nor WhatsApp — and the message falls back to
 * e-mail (the customer can still be reminded of the visit they booked, by the channel they did not
 * close). Marketing never goes through here (marketing-consent.ts decides those).
 *
 * Pure: the engine and the survey desk read the facts, this decides, and the reason is kept on the
 * step (or the survey) so Claire sees why a message did not go the preferred way.
 */

import { normalizeNumber } from './phone-number';

export type ServiceChannel = 'email' | 'sms' | 'whatsapp';

/**
 * May an automation text this number? A French mobile, or a foreign number (whose kind cannot be
 * told); never a French landline or special number (an SMS to a landline is read out by a robot, or lost).
 */
export function textable(e164: string | null): boolean {
  if (!e164) return false;
  const kind = normalizeNumber(e164).kind;
  return kind === 'mobile' || kind === 'international';
}

/** WhatsApp free text is allowed this long after the customer's last message (ours do not extend it). */
export const WHATSAPP_WINDOW_MS = 24 * 3_600_000;

/** Is the 24-hour window opened by the customer's last WhatsApp message still open at `now`? */
export function whatsappWindowOpen(lastInbound: string | null, now: Date): boolean {
  return lastInbound !== null && now.getTime() - Date.parse(lastInbound) <= WHATSAPP_WINDOW_MS;
}

/** Why the preferred channel (or a channel tried after it) could not carry the message. */
export type ChannelRefusal =
  | 'no_email'
  | 'email_opted_out'
  | 'no_mobile'
  | 'stopped'
  | 'sms_unavailable'
  | 'no_sms_text'
  | 'whatsapp_unavailable'
  /** Outside the 24-hour window and no approved template bound for this step. */
  | 'whatsapp_window';

export interface ServiceChannelFacts {
  preferred: ServiceChannel;
  /** The customer has a usable e-mail address. */
  email: boolean;
  /** That address opted out of automatic e-mail (« ne plus recevoir »). */
  emailOptedOut: boolean;
  /** The customer has a mobile number (E.164). */
  mobile: boolean;
  /** That number said STOP. */
  stopped: boolean;
  /** The message has a text for SMS (and for WhatsApp free text). */
  smsText: boolean;
  /** SMS / WhatsApp are configured and may send here. */
  smsAvailable: boolean;
  whatsappAvailable: boolean;
  /** The customer wrote on WhatsApp within 24 hours. */
  whatsappWindowOpen: boolean;
  /** An approved WhatsApp template is bound for this message. */
  whatsappTemplate: boolean;
}

export type ServiceChannelChoice =
  | {
      channel: ServiceChannel;
      /** WhatsApp: free text inside the window, else the bound template. */
      whatsappAs: 'text' | 'template' | null;
      /** Set when the message does not take the preferred channel: which one and why not. */
      fallback: { from: ServiceChannel; why: ChannelRefusal } | null;
    }
  | { channel: null; why: 'no_email' | 'opted_out'; refusals: Partial<Record<ServiceChannel, ChannelRefusal>> };

const ORDER: Record<ServiceChannel, readonly ServiceChannel[]> = {
  email: ['email', 'sms'],
  sms: ['sms', 'email'],
  whatsapp: ['whatsapp', 'email', 'sms'],
};

function refusal(channel: ServiceChannel, f: ServiceChannelFacts): ChannelRefusal | null {
  if (channel === 'email') return !f.email ? 'no_email' : f.emailOptedOut ? 'email_opted_out' : null;
  if (!f.mobile) return 'no_mobile';
  if (f.stopped) return 'stopped';
  if (channel === 'sms') return !f.smsAvailable ? 'sms_unavailable' : !f.smsText ? 'no_sms_text' : null;
  if (!f.whatsappAvailable) return 'whatsapp_unavailable';
  if (f.whatsappWindowOpen && f.smsText) return null;
  return f.whatsappTemplate ? null : 'whatsapp_window';
}

export function chooseServiceChannel(facts: ServiceChannelFacts): ServiceChannelChoice {
  const refusals: Partial<Record<ServiceChannel, ChannelRefusal>> = {};
  for (const channel of ORDER[facts.preferred]) {
    // Preferring e-mail, a customer whose address opted out gets nothing automatic (no SMS instead):
    // the fallback to SMS is for a customer without an address, as it always was.
    if (facts.preferred === 'email' && channel === 'sms' && refusals.email !== 'no_email') break;
    const why = refusal(channel, facts);
    if (why) {
      refusals[channel] = why;
      continue;
    }
    const first = refusals[facts.preferred];
    return {
      channel,
      whatsappAs: channel === 'whatsapp' ? (facts.whatsappWindowOpen && facts.smsText ? 'text' : 'template') : null,
      fallback: channel !== facts.preferred && first ? { from: facts.preferred, why: first } : null,
    };
  }
  const optedOut = refusals.email === 'email_opted_out' || Object.values(refusals).includes('stopped');
  return { channel: null, why: optedOut ? 'opted_out' : 'no_email', refusals };
}

/** The customer and, for an automation, the record whose fields fill the template (the visit reminded). */
export interface RecordRef {
  contactId: string | null;
  companyId: string | null;
  interventionId?: string | undefined;
  quoteId?: string | undefined;
  ticketId?: string | undefined;
}

/** An approved WhatsApp template merged for a customer (messaging-area.ts finds it). */
export interface BoundTemplate {
  template: { name: string; language: string; parameters: string[] };
  text: string;
}

/**
 * What an automation (a workflow step, a survey) needs of the messaging area to send by SMS or WhatsApp: the customer's
 * « canal préféré », their mobile and its STOP, the WhatsApp window, the approved template bound for
 * the step, and the desk's send (idempotency key: asking twice sends once).
 */
export interface ServiceMessaging {
  channels(): { sms: boolean; whatsapp: boolean };
  preferredChannel(contactId: string | null): ServiceChannel;
  mobileOf(owner: { contactId: string | null; companyId: string | null }): string | null;
  optedOutAt(e164: string): string | null;
  lastInboundWhatsApp(e164: string): string | null;
  whatsappTemplateFor(emailTemplateId: string, owner: RecordRef): Promise<BoundTemplate | null>;
  send(input: {
    channel: 'sms' | 'whatsapp';
    contactId: string | null;
    companyId: string | null;
    text?: string;
    template?: { name: string; language: string; parameters: string[] };
    shownText?: string;
    purpose: 'service';
    idempotencyKey: string;
    author: string | null;
  }): { id: string; status: string; numberE164: string };
}
