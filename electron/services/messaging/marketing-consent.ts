/**
 * The one place that answers « may we send marketing to this person on this channel? » — for the
 * messaging desk (SMS, WhatsApp), the workflows (the entretien annuel proposal) and e-mail.
 *
 * One opt-out ledger, read across channels: a STOP texted back (message_opt_outs, by number or
 * contact) and a « ne plus recevoir » from an e-mail (survey_opt_outs, by address or contact) each
 * stop marketing on every channel. Then the channel's own rule:
 * - SMS and WhatsApp: only with the customer's consent recorded for that channel (set from the
 *   console with its date and source: « au téléphone », « formulaire signé »…); a recorded « non »
 *   or no record at all refuses;
 * - e-mail: an existing customer may be written to about similar services until they say no (the
 *   customer exception of article L.34-5 of the CPCE); a recorded « non » refuses.
 */
import type { AccueilDatabase } from '../store/database';

export type MarketingChannel = 'sms' | 'whatsapp' | 'email';
export type MarketingVerdict = { allowed: true } | { allowed: false; reason: 'opted_out' | 'no_consent' | 'consent_withdrawn' };

export interface ConsentRecord {
  channel: MarketingChannel;
  granted: boolean;
  givenAt: string;
  source: string;
  recordedBy: string | null;
}

export class MarketingConsent {
  constructor(
    private readonly db: AccueilDatabase,
    private readonly clock: () => Date,
  ) {}

  private hasTable(name: string): boolean {
    return this.db.prepare<{ n: number }>(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name)!.n > 0;
  }

  /** A consent given or withdrawn, with when and how; the latest word replaces the previous. */
  set(input: { contactId: string; channel: MarketingChannel; granted: boolean; givenAt: string; source: string; recordedBy: string | null }): ConsentRecord {
    this.db
      .prepare(
        `INSERT INTO marketing_consents (contact_id, channel, granted, given_at, source, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (contact_id, channel) DO UPDATE SET granted = excluded.granted, given_at = excluded.given_at, source = excluded.source, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
      )
      .run(input.contactId, input.channel, input.granted ? 1 : 0, input.givenAt, input.source.trim().slice(0, 200), input.recordedBy, this.clock().toISOString());
    return this.consents(input.contactId).find((c) => c.channel === input.channel)!;
  }

  consents(contactId: string): ConsentRecord[] {
    return this.db
      .prepare<{ channel: MarketingChannel; granted: number; givenAt: string; source: string; recordedBy: string | null }>(
        `SELECT channel, granted, given_at AS givenAt, source, recorded_by AS recordedBy FROM marketing_consents WHERE contact_id = ? ORDER BY channel`,
      )
      .all(contactId)
      .map((r) => ({ ...r, granted: r.granted === 1 }));
  }

  /** When this person said no, on any channel (the shared ledger), or null. */
  optedOutAt(who: { contactId: string | null; number?: string | null; email?: string | null }): string | null {
    const numbers = who.number ? [who.number] : [];
    const emails = who.email ? [who.email.trim().toLowerCase()] : [];
    if (who.contactId) {
      numbers.push(...this.db.prepare<{ e164: string }>(`SELECT e164 FROM phones WHERE contact_id = ?`).all(who.contactId).map((r) => r.e164));
      const email = this.db.prepare<{ email: string | null }>(`SELECT email FROM contacts WHERE id = ?`).get(who.contactId)?.email;
      if (email) emails.push(email.trim().toLowerCase());
    }
    const dates: string[] = [];
    const one = (sql: string, ...params: unknown[]) => {
      const at = this.db.prepare<{ at: string | null }>(sql).get(...params)?.at;
      if (at) dates.push(at);
    };
    for (const number of numbers) one(`SELECT opted_out_at AS at FROM message_opt_outs WHERE number_e164 = ?`, number);
    if (who.contactId) one(`SELECT min(opted_out_at) AS at FROM message_opt_outs WHERE contact_id = ?`, who.contactId);
    if (this.hasTable('survey_opt_outs')) {
      for (const email of emails) one(`SELECT opted_out_at AS at FROM survey_opt_outs WHERE email = ?`, email);
      if (who.contactId) one(`SELECT min(opted_out_at) AS at FROM survey_opt_outs WHERE contact_id = ?`, who.contactId);
    }
    return dates.sort()[0] ?? null;
  }

  /** May we send marketing to this person on this channel? */
  mayMarket(who: { contactId: string | null; number?: string | null; email?: string | null }, channel: MarketingChannel): MarketingVerdict {
    if (this.optedOutAt(who)) return { allowed: false, reason: 'opted_out' };
    const consent = who.contactId ? this.consents(who.contactId).find((c) => c.channel === channel) : undefined;
    if (consent && !consent.granted) return { allowed: false, reason: 'consent_withdrawn' };
    if (channel === 'email') return { allowed: true };
    return consent?.granted ? { allowed: true } : { allowed: false, reason: 'no_consent' };
  }
}
