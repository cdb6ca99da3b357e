/**
 * The surveys' rows (satisfaction-migrations.ts), and what the planner reads of the records a
 * survey is about (the visit, the ticket, the contact and their colleagues).
 */
import type { AccueilDatabase } from '../store/database';
import type { ScoredAnswer } from './satisfaction-figures';
import type { SkipReason } from './survey-recipient';

export type SourceKind = 'intervention' | 'ticket';
export type SurveyState = 'planned' | 'sending' | 'sent' | 'skipped' | 'failed';

export interface SurveyRow {
  id: string;
  sourceKind: SourceKind;
  sourceId: string;
  contactId: string | null;
  companyId: string | null;
  email: string | null;
  technician: string | null;
  interventionKind: string | null;
  state: SurveyState;
  skipReason: string | null;
  dueAt: string;
  sentAt: string | null;
  expiresAt: string | null;
  score: number | null;
  comment: string | null;
  wantsCallback: boolean;
  answeredAt: string | null;
  clicks: Array<{ at: string; score: number }>;
  noteId: string | null;
  callbackId: string | null;
  /** How the link went: e-mail, or SMS / WhatsApp (the customer's preferred channel). */
  channel: 'email' | 'sms' | 'whatsapp';
  /** The SMS or WhatsApp message it became (messaging area). */
  messageId: string | null;
  /** Why it did not take the preferred channel (service-channel.ts's refusal), or null. */
  channelNote: string | null;
}

export interface SurveySource {
  kind: SourceKind;
  id: string;
  /** For an intervention: planifiee/en_cours/terminee/annulee; a ticket: its status. */
  status: string;
  /** The visit's date, or the ticket's creation. */
  at: string;
  /** An intervention's type, a ticket's subject. */
  label: string;
  technician: string | null;
  contactId: string | null;
  companyId: string | null;
}

export interface PersonRow {
  id: string;
  email: string | null;
  companyId: string | null;
  name: string;
}

interface Row {
  id: string;
  source_kind: SourceKind;
  source_id: string;
  contact_id: string | null;
  company_id: string | null;
  email: string | null;
  technician: string | null;
  intervention_kind: string | null;
  state: SurveyState;
  skip_reason: string | null;
  due_at: string;
  sent_at: string | null;
  expires_at: string | null;
  score: number | null;
  comment: string | null;
  wants_callback: number;
  answered_at: string | null;
  clicks: string;
  note_id: string | null;
  callback_id: string | null;
  channel: 'email' | 'sms' | 'whatsapp';
  message_id: string | null;
  channel_note: string | null;
}

const toSurvey = (row: Row): SurveyRow => ({
  id: row.id,
  sourceKind: row.source_kind,
  sourceId: row.source_id,
  contactId: row.contact_id,
  companyId: row.company_id,
  email: row.email,
  technician: row.technician,
  interventionKind: row.intervention_kind,
  state: row.state,
  skipReason: row.skip_reason,
  dueAt: row.due_at,
  sentAt: row.sent_at,
  expiresAt: row.expires_at,
  score: row.score,
  comment: row.comment,
  wantsCallback: row.wants_callback === 1,
  answeredAt: row.answered_at,
  clicks: safeClicks(row.clicks),
  noteId: row.note_id,
  callbackId: row.callback_id,
  channel: row.channel ?? 'email',
  messageId: row.message_id ?? null,
  channelNote: row.channel_note ?? null,
});

function safeClicks(text: string): Array<{ at: string; score: number }> {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as Array<{ at: string; score: number }>) : [];
  } catch {
    return [];
  }
}

/** The clicks kept per survey: enough to tell a link scanner (every score in seconds) from a person. */
const CLICKS_KEPT = 20;

export class SurveysRepository {
  constructor(private readonly db: AccueilDatabase) {}

  transaction<T>(work: () => T): T {
    return this.db.transaction(work);
  }

  waitingCandidates(limit = 100): Array<{ kind: SourceKind; id: string; observedAt: string }> {
    return this.db
      .prepare<{ kind: SourceKind; id: string; observedAt: string }>(
        `SELECT source_kind AS kind, source_id AS id, observed_at AS observedAt FROM survey_candidates WHERE planned_at IS NULL ORDER BY observed_at LIMIT ?`,
      )
      .all(limit);
  }

  /** A candidate noted by hand (the console's « Intervention terminée » when the status was already so). */
  addCandidate(kind: SourceKind, id: string, at: string): void {
    this.db.prepare(`INSERT OR IGNORE INTO survey_candidates (source_kind, source_id, observed_at) VALUES (?, ?, ?)`).run(kind, id, at);
  }

  markPlanned(kind: SourceKind, id: string, at: string): void {
    this.db.prepare(`UPDATE survey_candidates SET planned_at = ? WHERE source_kind = ? AND source_id = ?`).run(at, kind, id);
  }

  source(kind: SourceKind, id: string): SurveySource | null {
    const row =
      kind === 'intervention'
        ? this.db
            .prepare<Omit<SurveySource, 'kind'>>(
              `SELECT id, status, scheduled_at AS at, kind AS label, technician, contact_id AS contactId, company_id AS companyId FROM interventions WHERE id = ?`,
            )
            .get(id)
        : this.db
            .prepare<Omit<SurveySource, 'kind'>>(
              `SELECT id, status, created_at AS at, subject AS label, NULL AS technician, contact_id AS contactId, company_id AS companyId FROM tickets WHERE id = ?`,
            )
            .get(id);
    return row ? { kind, ...row } : null;
  }

  person(contactId: string): PersonRow | null {
    return (
      this.db
        .prepare<PersonRow>(`SELECT id, email, company_id AS companyId, trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) AS name FROM contacts WHERE id = ?`)
        .get(contactId) ?? null
    );
  }

  colleagues(companyId: string, except: string | null): PersonRow[] {
    return this.db
      .prepare<PersonRow>(
        `SELECT id, email, company_id AS companyId, trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) AS name FROM contacts
         WHERE company_id = ? AND id IS NOT ? AND email IS NOT NULL AND email <> '' ORDER BY updated_at DESC LIMIT 20`,
      )
      .all(companyId, except);
  }

  insert(survey: {
    id: string;
    source: SurveySource;
    contactId: string | null;
    email: string | null;
    state: 'planned' | 'skipped';
    skipReason: SkipReason | null;
    dueAt: string;
    at: string;
  }): void {
    const { source } = survey;
    this.db
      .prepare(
        `INSERT OR IGNORE INTO surveys (id, source_kind, source_id, contact_id, company_id, email, technician, intervention_kind, state, skip_reason, due_at, created_at, updated_at)
         VALUES (@id, @source_kind, @source_id, @contact_id, @company_id, @email, @technician, @intervention_kind, @state, @skip_reason, @due_at, @at, @at)`,
      )
      .run({
        id: survey.id,
        source_kind: source.kind,
        source_id: source.id,
        contact_id: survey.contactId,
        company_id: source.companyId,
        email: survey.email,
        technician: source.technician,
        intervention_kind: source.kind === 'intervention' ? source.label : null,
        state: survey.state,
        skip_reason: survey.skipReason,
        due_at: survey.dueAt,
        at: survey.at,
      });
  }

  get(id: string): SurveyRow | null {
    const row = this.db.prepare<Row>(`SELECT * FROM surveys WHERE id = ?`).get(id);
    return row ? toSurvey(row) : null;
  }

  /** The surveys sent to a contact, newest first (the customer portal lists them). */
  sentToContact(contactId: string, limit: number): SurveyRow[] {
    return this.db
      .prepare<Row>(`SELECT * FROM surveys WHERE contact_id = ? AND sent_at IS NOT NULL ORDER BY sent_at DESC LIMIT ?`)
      .all(contactId, limit)
      .map(toSurvey);
  }

  bySource(kind: SourceKind, id: string): SurveyRow | null {
    const row = this.db.prepare<Row>(`SELECT * FROM surveys WHERE source_kind = ? AND source_id = ?`).get(kind, id);
    return row ? toSurvey(row) : null;
  }

  /** A survey sent (or leaving) to this person or address since `since`, other than `except`. */
  surveyedSince(contactId: string | null, email: string | null, since: string, except: string): boolean {
    const row = this.db
      .prepare<{ found: number }>(
        `SELECT 1 AS found FROM surveys WHERE id <> @except AND state IN ('sending', 'sent') AND coalesce(sent_at, due_at) >= @since
           AND ((@contact IS NOT NULL AND contact_id = @contact) OR (@email IS NOT NULL AND lower(email) = @email)) LIMIT 1`,
      )
      .get({ except, since, contact: contactId, email: email?.trim().toLowerCase() ?? null });
    return row !== undefined;
  }

  isOptedOut(email: string | null, contactId: string | null): boolean {
    const row = this.db
      .prepare<{ found: number }>(`SELECT 1 AS found FROM survey_opt_outs WHERE (@email IS NOT NULL AND email = @email) OR (@contact IS NOT NULL AND contact_id = @contact) LIMIT 1`)
      .get({ email: email?.trim().toLowerCase() ?? null, contact: contactId });
    return row !== undefined;
  }

  optOut(email: string, contactId: string | null, how: string, at: string): boolean {
    return this.db.prepare(`INSERT OR IGNORE INTO survey_opt_outs (email, contact_id, opted_out_at, how) VALUES (?, ?, ?, ?)`).run(email.trim().toLowerCase(), contactId, at, how).changes === 1;
  }

  optedOutAt(email: string): string | null {
    return this.db.prepare<{ at: string }>(`SELECT opted_out_at AS at FROM survey_opt_outs WHERE email = ?`).get(email.trim().toLowerCase())?.at ?? null;
  }

  /** Back in: the customer changed their mind on the same page. */
  optIn(email: string): void {
    this.db.prepare(`DELETE FROM survey_opt_outs WHERE email = ?`).run(email.trim().toLowerCase());
  }

  setState(
    id: string,
    state: SurveyState,
    at: string,
    extra: { skipReason?: string | null; sentAt?: string; expiresAt?: string; email?: string; channel?: 'email' | 'sms' | 'whatsapp'; messageId?: string; channelNote?: string | null } = {},
  ): void {
    this.db
      .prepare(
        `UPDATE surveys SET state = @state, updated_at = @at, skip_reason = coalesce(@skip_reason, skip_reason), sent_at = coalesce(@sent_at, sent_at),
           expires_at = coalesce(@expires_at, expires_at), email = coalesce(@email, email), channel = coalesce(@channel, channel),
           message_id = coalesce(@message_id, message_id), channel_note = coalesce(@channel_note, channel_note) WHERE id = @id`,
      )
      .run({
        id,
        state,
        at,
        skip_reason: extra.skipReason ?? null,
        sent_at: extra.sentAt ?? null,
        expires_at: extra.expiresAt ?? null,
        email: extra.email ?? null,
        channel: extra.channel ?? null,
        message_id: extra.messageId ?? null,
        channel_note: extra.channelNote ?? null,
      });
  }

  /** A score clicked: the survey's one answer is the last click; every click is kept (a few) to tell a scanner. */
  recordScore(id: string, score: number, at: string): SurveyRow {
    const current = this.get(id)!;
    const clicks = [...current.clicks, { at, score }].slice(-CLICKS_KEPT);
    this.db
      .prepare(`UPDATE surveys SET score = @score, answered_at = coalesce(answered_at, @at), clicks = @clicks, updated_at = @at WHERE id = @id`)
      .run({ id, score, at, clicks: JSON.stringify(clicks) });
    return this.get(id)!;
  }

  /** Forgets an answer that was no person's (a link scanner clicked every score). */
  clearAnswer(id: string, at: string): void {
    this.db.prepare(`UPDATE surveys SET score = NULL, answered_at = NULL, comment = NULL, wants_callback = 0, updated_at = ? WHERE id = ?`).run(at, id);
  }

  saveComment(id: string, comment: string | null, wantsCallback: boolean, at: string): void {
    this.db.prepare(`UPDATE surveys SET comment = ?, wants_callback = ?, updated_at = ? WHERE id = ?`).run(comment, wantsCallback ? 1 : 0, at, id);
  }

  setFollowUps(id: string, followUps: { noteId?: string | null; callbackId?: string | null }): void {
    if (followUps.noteId !== undefined) this.db.prepare(`UPDATE surveys SET note_id = ? WHERE id = ?`).run(followUps.noteId, id);
    if (followUps.callbackId !== undefined) this.db.prepare(`UPDATE surveys SET callback_id = ? WHERE id = ?`).run(followUps.callbackId, id);
  }

  /** Answers given in [from, to], oldest first, with what the figures group them by. */
  answers(from: string, to: string): ScoredAnswer[] {
    return this.db
      .prepare<ScoredAnswer>(
        `SELECT score, answered_at AS answeredAt, technician, coalesce(intervention_kind, 'Ticket') AS kind FROM surveys
         WHERE score IS NOT NULL AND answered_at >= ? AND answered_at <= ? ORDER BY answered_at`,
      )
      .all(from, to);
  }

  /** Surveys sent in [from, to], and how many of them have an answer (the response rate). */
  sentAndAnswered(from: string, to: string): { sent: number; answered: number } {
    return this.db
      .prepare<{ sent: number; answered: number }>(
        `SELECT count(*) AS sent, coalesce(sum(score IS NOT NULL), 0) AS answered FROM surveys WHERE state = 'sent' AND sent_at >= ? AND sent_at <= ?`,
      )
      .get(from, to)!;
  }

  latestAnswerOf(contactId: string): SurveyRow | null {
    const row = this.db.prepare<Row>(`SELECT * FROM surveys WHERE contact_id = ? AND score IS NOT NULL ORDER BY answered_at DESC LIMIT 1`).get(contactId);
    return row ? toSurvey(row) : null;
  }

  recent(limit: number): SurveyRow[] {
    return this.db.prepare<Row>(`SELECT * FROM surveys ORDER BY updated_at DESC LIMIT ?`).all(limit).map(toSurvey);
  }
}
