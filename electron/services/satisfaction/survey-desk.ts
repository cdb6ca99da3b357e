/**
 * The survey loop, end to end:
 *
 *   status change ─(trigger)─► candidate ─plan()─► survey planned (or skipped, with why)
 *        ─ 'send' job at its time ─► e-mail with 11 signed links ─► sent
 *   customer clicks a score ─answer()─► stored at once (the page thanks them)
 *        ─ 'follow-up' job, a little later ─► note for HubSpot, contact properties, and for a
 *          detractor a callback due within one working day
 *
 * Every step is a row or a job in SQLite: a restart resumes, a kill -9 loses nothing, and the
 * unique keys (one survey per visit or ticket, one job per survey and kind) make nothing happen twice.
 * An e-mail whose sending was cut (the request left, the answer was lost) is NOT sent again:
 * « never twice » wins over « surely once » for a customer's inbox.
 *
 * The follow-ups wait a little (FOLLOW_UP_DELAY_MS) after a click because a customer may click
 * again to change the score, and because a mail scanner that opens every link in a message clicks
 * all eleven in a few seconds: such a burst is no person's answer and is forgotten.
 */
import { randomUUID } from 'node:crypto';
import type { LatestAnswer, SatisfactionFigures } from '../../contract/satisfaction-calls';
import type { EmailPreview } from '../../contract/template-calls';
import type { EventBus } from '../event-bus';
import type { JobRun } from '../jobs/job-queue';
import type { Logger } from '../log';
import type { OutboxPort } from '../crm/outbox-port';
import type { ComposeInput, MailSending } from '../templates/email-composer';
import type { CallbackRequest } from '../work/callbacks/callbacks-repository';
import type { AccueilDatabase } from '../store/database';
import { JobsRepository } from '../store/jobs-repository';
import { chooseServiceChannel, textable, whatsappWindowOpen, type ServiceChannel, type ServiceChannelChoice, type ServiceMessaging } from '../shared/service-channel';
import { toE164 } from '../shared/phone-number';
import { frenchLongDate, frenchShortDate } from '../shared/merge-fields';
import type { LinkSigner } from '../shared/signed-links';
import { localTime, parisInstant } from '../shared/paris-time';
import { npsCategory, summarise, summariseBy } from './satisfaction-figures';
import { oneWorkingDayAfter, surveySendTime } from './survey-calendar';
import { surveyMessage } from './survey-mail';
import { chooseRecipient, type SkipReason } from './survey-recipient';

/** Who is asked: a person, at their address, or by text only (no address known: email null). */
type Recipient = { contactId: string; email: string | null };
import { SurveysRepository, type SourceKind, type SurveyRow, type SurveySource } from './surveys-repository';
import type { SurveyRules } from './satisfaction-settings';

export const SURVEYS_QUEUE = 'surveys';
export const SURVEY_TEMPLATE_ID = 'tpl-enquete-satisfaction';
/** A link answers for 30 days after the e-mail; the unsubscribe link for a year. */
export const ANSWER_LINK_DAYS = 30;
export const UNSUBSCRIBE_LINK_DAYS = 365;
/** A visit read as done more than this after it happened is not worth a survey (a first sync of old meetings). */
export const MAX_SOURCE_AGE_DAYS = 14;
export const FOLLOW_UP_DELAY_MS = 2 * 60_000;
/** This many different scores within SCANNER_WINDOW_MS: a machine opened every link. */
const SCANNER_SCORES = 3;
const SCANNER_WINDOW_MS = 30_000;
const DAY_MS = 86_400_000;

export interface SurveyDeskOptions {
  db: AccueilDatabase;
  links: LinkSigner;
  /** Where customers reach the public surface (https://accueil.example.fr); null: surveys cannot go out. */
  publicUrl: string | null;
  rules: () => SurveyRules;
  mail: () => MailSending;
  preview: () => (input: ComposeInput) => EmailPreview;
  outbox: () => OutboxPort;
  callbacks: () => { request(request: CallbackRequest): string; withdraw(ref: string, reason: string): boolean };
  events: EventBus;
  logger: Logger;
  clock?: () => Date;
  /** False in the demo workspace: its customers are made up (their domains may not be), nothing is sent. */
  active: () => boolean;
  followUpDelayMs?: number;
  /**
   * SMS and WhatsApp (the messaging area): the link goes there when it is the customer's preferred
   * channel and they have the number for it (service-channel.ts); absent: e-mail only.
   */
  messaging?: () => ServiceMessaging | null;
}

/**
 * The text before the link when the survey goes by SMS or WhatsApp: GSM-7 only (no ’, no ê), short,
 * so that with the signed link it costs two SMS at most (survey-sms.test.ts counts it).
 */
export const SURVEY_SMS_TEXT = '{{societe.nom}} : merci de votre confiance. Votre avis sur notre intervention, en 1 clic :';
/** The same without the company's name, when it is not set yet (Paramètres › E-mail): never a « {{…}} » in an SMS. */
const SURVEY_SMS_TEXT_UNSIGNED = 'Merci de votre confiance. Votre avis sur notre intervention, en 1 clic :';

/** What the answer page shows for a link. */
export type SurveyView =
  | { ok: true; survey: SurveyRow; about: string; optedOut: boolean }
  | { ok: false; why: 'invalid' | 'expired' };

export class SurveyDesk {
  readonly surveys: SurveysRepository;
  readonly jobs: JobsRepository;
  private readonly clock: () => Date;

  constructor(private readonly options: SurveyDeskOptions) {
    this.surveys = new SurveysRepository(options.db);
    this.jobs = new JobsRepository(options.db);
    this.clock = options.clock ?? (() => new Date());
  }

  /** Null when surveys can go out, else why not (a reason of the error catalogue). */
  sendingBlocker(): 'satisfaction.no_public_address' | 'satisfaction.no_mail' | 'satisfaction.demo' | null {
    if (!this.options.active()) return 'satisfaction.demo';
    if (!this.options.publicUrl) return 'satisfaction.no_public_address';
    if (this.options.mail().unavailable()) return 'satisfaction.no_mail';
    return null;
  }

  // ── planning ────────────────────────────────────────────────────────────────────────────────

  /** Turns waiting candidates into planned (or skipped) surveys; returns how many were handled. */
  plan(): number {
    if (!this.options.publicUrl || !this.options.active()) return 0;
    let handled = 0;
    for (const candidate of this.surveys.waitingCandidates()) {
      this.surveys.transaction(() => this.planOne(candidate.kind, candidate.id));
      handled++;
    }
    return handled;
  }

  private planOne(kind: SourceKind, sourceId: string): void {
    const now = this.clock();
    const at = now.toISOString();
    this.surveys.markPlanned(kind, sourceId, at);
    if (this.surveys.bySource(kind, sourceId)) return;
    const source = this.surveys.source(kind, sourceId);
    const id = randomUUID();
    if (!source) return;
    const rules = this.options.rules();
    const decision = this.decide(source, id, now, rules);
    const dueAt = surveySendTime(new Date(now.getTime() + rules.delayMinutes * 60_000));
    this.surveys.insert({
      id,
      source,
      contactId: decision.recipient?.contactId ?? source.contactId,
      email: decision.recipient?.email ?? null,
      state: decision.skip ? 'skipped' : 'planned',
      skipReason: decision.skip,
      dueAt: dueAt.toISOString(),
      at,
    });
    if (!decision.skip) this.jobs.enqueue(SURVEYS_QUEUE, { kind: 'send', subject: id, runAt: dueAt, idempotencyKey: `send:${id}` });
    this.options.logger.info('survey planned', { survey: id, source: kind, skipped: decision.skip, dueAt: dueAt.toISOString() });
  }

  /** The rules, checked when planning and again just before sending. */
  private decide(source: SurveySource, surveyId: string, now: Date, rules: SurveyRules): { recipient: Recipient | null; skip: SkipReason | null } {
    if (source.kind === 'intervention' && source.status !== 'terminee') return { recipient: null, skip: 'source_gone' };
    if (source.kind === 'ticket' && source.status !== 'resolu' && source.status !== 'ferme') return { recipient: null, skip: 'source_gone' };
    if (source.kind === 'intervention' && now.getTime() - Date.parse(source.at) > MAX_SOURCE_AGE_DAYS * DAY_MS) return { recipient: null, skip: 'too_old' };
    const contact = source.contactId ? this.surveys.person(source.contactId) : null;
    const companyId = source.companyId ?? contact?.companyId ?? null;
    const colleagues = companyId ? this.surveys.colleagues(companyId, contact?.id ?? null) : [];
    // Nobody with an address: the visit's contact by SMS or WhatsApp when their number and the
    // channels allow it (a private customer often has only a mobile), else nobody to ask.
    const textOnly = (): Recipient | null => {
      const messaging = this.options.messaging?.() ?? null;
      return contact && messaging && this.route(messaging, contact.id, now, false).channel !== null ? { contactId: contact.id, email: null } : null;
    };
    const recipient: Recipient | null = chooseRecipient(contact, colleagues) ?? textOnly();
    if (!recipient) return { recipient: null, skip: 'no_recipient' };
    if (this.surveys.isOptedOut(recipient.email, recipient.contactId)) return { recipient, skip: 'opted_out' };
    const since = new Date(now.getTime() - rules.capDays * DAY_MS).toISOString();
    if (rules.capDays > 0 && this.surveys.surveyedSince(recipient.contactId, recipient.email, since, surveyId)) return { recipient, skip: 'recently_surveyed' };
    return { recipient, skip: null };
  }

  // ── sending ─────────────────────────────────────────────────────────────────────────────────

  /** The 'send' job: the rules again (an opt-out since the planning is honoured), then the e-mail. */
  async send(run: JobRun): Promise<void> {
    const survey = run.job.subject ? this.surveys.get(run.job.subject) : null;
    if (!survey || survey.state !== 'planned') {
      run.complete();
      return;
    }
    const now = this.clock();
    const at = now.toISOString();
    const source = this.surveys.source(survey.sourceKind, survey.sourceId);
    const decision = source ? this.decide(source, survey.id, now, this.options.rules()) : { recipient: null, skip: 'source_gone' as const };
    // A survey is late, not lost, when the planning's time has passed in a quiet hour (the server was off all night).
    const allowedAt = surveySendTime(now);
    if (!decision.skip && allowedAt.getTime() > now.getTime() + 1000) {
      this.jobs.enqueue(SURVEYS_QUEUE, { kind: 'send', subject: survey.id, runAt: allowedAt, idempotencyKey: `send:${survey.id}:${allowedAt.toISOString()}` });
      run.complete(() => this.surveys.setState(survey.id, 'planned', at));
      return;
    }
    if (decision.skip || !decision.recipient || !source) {
      run.complete(() => this.surveys.setState(survey.id, 'skipped', at, { skipReason: decision.skip ?? 'no_recipient' }));
      this.options.logger.info('survey skipped at sending', { survey: survey.id, reason: decision.skip });
      return;
    }
    const { publicUrl } = this.options;
    if (!publicUrl) throw new Error('no public address');
    // The customer's preferred channel (SMS, WhatsApp inside its 24-hour window), else e-mail.
    const messaging = this.options.messaging?.() ?? null;
    const recipient = decision.recipient;
    const choice = messaging ? this.route(messaging, recipient.contactId, now, recipient.email !== null) : null;
    if (choice?.channel === 'sms' || choice?.channel === 'whatsapp') {
      this.sendByMessage(run, survey, source, recipient, messaging!, choice.channel, now);
      return;
    }
    if (recipient.email === null) {
      // Planned for a text, and no text may go now (STOP since, the channel switched off): no e-mail either.
      run.complete(() => this.surveys.setState(survey.id, 'skipped', at, { skipReason: 'no_recipient' }));
      this.options.logger.info('survey skipped at sending', { survey: survey.id, reason: 'no_recipient' });
      return;
    }
    const email = recipient.email;
    const channelNote = choice?.channel === 'email' && choice.fallback ? `${choice.fallback.from}:${choice.fallback.why}` : null;
    const mail = this.options.mail();
    const unavailable = mail.unavailable();
    if (unavailable) throw new Error(`e-mail not configured (${unavailable.reason})`);

    const expiresAt = new Date(now.getTime() + ANSWER_LINK_DAYS * DAY_MS);
    const token = this.options.links.sign({ purpose: 'survey', subject: survey.id, expiresAt });
    const optOutToken = this.options.links.sign({ purpose: 'survey-optout', subject: survey.id, expiresAt: new Date(now.getTime() + UNSUBSCRIBE_LINK_DAYS * DAY_MS) });
    const preview = this.options.preview()({
      templateId: SURVEY_TEMPLATE_ID,
      contactId: recipient.contactId,
      companyId: source.companyId,
      interventionId: source.kind === 'intervention' ? source.id : null,
      ticketId: source.kind === 'ticket' ? source.id : null,
      to: email,
      values: {},
    });
    const message = surveyMessage({
      to: email,
      subject: preview.subject,
      text: preview.text,
      about: aboutLine(source),
      links: { answer: `${publicUrl}/avis/${token}`, unsubscribe: `${publicUrl}/avis/${optOutToken}/desabonnement` },
    });
    run.markInFlight();
    this.surveys.setState(survey.id, 'sending', at, { email });
    try {
      await mail.send(message);
    } catch (error) {
      // The server said no (or could not be reached): nothing was delivered, the job retries later.
      this.surveys.setState(survey.id, 'planned', this.clock().toISOString());
      throw error;
    }
    run.complete(() => this.surveys.setState(survey.id, 'sent', this.clock().toISOString(), { sentAt: at, expiresAt: expiresAt.toISOString(), channel: 'email', channelNote }));
    this.options.logger.info('survey sent', { survey: survey.id });
  }

  /** Which channel the link takes for this person now (service-channel.ts); a survey has no WhatsApp template: free text in the window only. */
  private route(messaging: ServiceMessaging, contactId: string, now: Date, hasEmail = true): ServiceChannelChoice {
    const found = messaging.mobileOf({ contactId, companyId: null });
    const number = textable(found) ? found : null;
    const channels = messaging.channels();
    return chooseServiceChannel({
      preferred: messaging.preferredChannel(contactId),
      email: hasEmail,
      emailOptedOut: false,
      mobile: number !== null,
      stopped: number !== null && messaging.optedOutAt(number) !== null,
      smsText: true,
      smsAvailable: channels.sms,
      whatsappAvailable: channels.whatsapp,
      whatsappWindowOpen: number !== null && whatsappWindowOpen(messaging.lastInboundWhatsApp(number), now),
      whatsappTemplate: false,
    });
  }

  /**
   * The link by SMS or WhatsApp: a short text and the signed link to the answer page (its eleven
   * scores), asked of the messaging area with the survey's key in the job's completion — queued
   * once, sent once by the messaging queue (its own idempotency), never twice across restarts.
   */
  private sendByMessage(run: JobRun, survey: SurveyRow, source: SurveySource, recipient: Recipient, messaging: ServiceMessaging, channel: Exclude<ServiceChannel, 'email'>, now: Date): void {
    const at = now.toISOString();
    const expiresAt = new Date(now.getTime() + ANSWER_LINK_DAYS * DAY_MS);
    const token = this.options.links.sign({ purpose: 'survey', subject: survey.id, expiresAt });
    const preview = this.options.preview()({
      templateId: SURVEY_TEMPLATE_ID,
      contactId: recipient.contactId,
      companyId: source.companyId,
      interventionId: source.kind === 'intervention' ? source.id : null,
      ticketId: source.kind === 'ticket' ? source.id : null,
      subject: 'Votre avis',
      body: SURVEY_SMS_TEXT,
      values: {},
    });
    const text = `${preview.missing.length > 0 ? SURVEY_SMS_TEXT_UNSIGNED : preview.text.trim()} ${this.options.publicUrl}/avis/${token}`;
    run.complete(() => {
      const message = messaging.send({ channel, contactId: recipient.contactId, companyId: source.companyId, text, purpose: 'service', idempotencyKey: `survey:${survey.id}`, author: 'Enquête de satisfaction' });
      if (message.status === 'blocked') this.surveys.setState(survey.id, 'skipped', at, { skipReason: 'opted_out' });
      else this.surveys.setState(survey.id, 'sent', at, { sentAt: at, expiresAt: expiresAt.toISOString(), ...(recipient.email ? { email: recipient.email } : {}), channel, messageId: message.id });
    });
    this.options.logger.info('survey link sent by message', { survey: survey.id, channel });
  }

  /** A send cut between the request and its answer: counted as sent (never a second e-mail). */
  resolveCutSend(run: JobRun): 'completed' {
    const survey = run.job.subject ? this.surveys.get(run.job.subject) : null;
    if (survey?.state === 'sending') {
      const at = this.clock();
      this.surveys.setState(survey.id, 'sent', at.toISOString(), { sentAt: at.toISOString(), expiresAt: new Date(at.getTime() + ANSWER_LINK_DAYS * DAY_MS).toISOString() });
      this.options.logger.warn('survey sending was cut: counted as sent, not sent again', { survey: survey.id });
    }
    return 'completed';
  }

  // ── the customer's side ─────────────────────────────────────────────────────────────────────

  /** What a link points at; a forged, edited, expired or unknown link says so and shows nothing. */
  view(token: string, purpose: 'survey' | 'survey-optout' = 'survey'): SurveyView {
    const check = this.options.links.verify(token, purpose, this.clock());
    if (!check.ok) return { ok: false, why: check.refusal === 'expired' ? 'expired' : 'invalid' };
    const survey = this.surveys.get(check.subject);
    if (!survey || !survey.sentAt) return { ok: false, why: 'invalid' };
    const source = this.surveys.source(survey.sourceKind, survey.sourceId);
    return { ok: true, survey, about: source ? aboutLine(source) : '', optedOut: survey.email ? this.surveys.optedOutAt(survey.email) !== null : false };
  }

  /**
   * The surveys sent to a contact, newest first, each with the path of its answer page while it
   * takes answers (the customer portal lists them); the link is signed as the e-mail's was.
   */
  sentTo(contactId: string, limit = 20): Array<{ id: string; about: string; sentAt: string; score: number | null; path: string | null }> {
    const now = this.clock().getTime();
    return this.surveys.sentToContact(contactId, limit).map((survey) => {
      const source = this.surveys.source(survey.sourceKind, survey.sourceId);
      const open = survey.expiresAt !== null && Date.parse(survey.expiresAt) > now;
      return {
        id: survey.id,
        about: source ? aboutLine(source) : '',
        sentAt: survey.sentAt!,
        score: survey.score,
        path: open ? `/avis/${this.options.links.sign({ purpose: 'survey', subject: survey.id, expiresAt: new Date(survey.expiresAt!) })}` : null,
      };
    });
  }

  /** A score clicked (or clicked again: the survey's one answer changes). */
  answer(token: string, score: number): SurveyView {
    const view = this.view(token);
    if (!view.ok) return view;
    if (!Number.isInteger(score) || score < 0 || score > 10) return view;
    const at = this.clock().toISOString();
    const survey = this.surveys.transaction(() => {
      const saved = this.surveys.recordScore(view.survey.id, score, at);
      this.scheduleFollowUp(saved.id);
      return saved;
    });
    return { ...view, survey };
  }

  /** The comment and « may we call you back? », after a score. */
  comment(token: string, comment: string, wantsCallback: boolean): SurveyView {
    const view = this.view(token);
    if (!view.ok) return view;
    const text = comment.replace(/\r\n?/g, '\n').trim().slice(0, 2_000) || null;
    const at = this.clock().toISOString();
    this.surveys.transaction(() => {
      this.surveys.saveComment(view.survey.id, text, wantsCallback, at);
      this.scheduleFollowUp(view.survey.id);
    });
    return { ...view, survey: this.surveys.get(view.survey.id)! };
  }

  /** « Ne plus recevoir ces enquêtes »: honoured from now on (a survey already planned is skipped when its time comes). */
  optOut(token: string, how: string): SurveyView {
    const view = this.view(token, 'survey-optout');
    if (!view.ok || !view.survey.email) return view;
    this.surveys.optOut(view.survey.email, view.survey.contactId, how, this.clock().toISOString());
    this.options.logger.info('survey opt-out', { survey: view.survey.id, how });
    return { ...view, optedOut: true };
  }

  optIn(token: string): SurveyView {
    const view = this.view(token, 'survey-optout');
    if (!view.ok || !view.survey.email) return view;
    this.surveys.optIn(view.survey.email);
    return { ...view, optedOut: false };
  }

  private scheduleFollowUp(surveyId: string): void {
    const runAt = new Date(this.clock().getTime() + (this.options.followUpDelayMs ?? FOLLOW_UP_DELAY_MS));
    this.jobs.enqueue(SURVEYS_QUEUE, { kind: 'follow-up', subject: surveyId, runAt, coalesce: true });
  }

  // ── what an answer does ─────────────────────────────────────────────────────────────────────

  /** The 'follow-up' job: the note, the contact's properties, the callback — each once, updated when the answer changes. */
  followUp(run: JobRun): void {
    const survey = run.job.subject ? this.surveys.get(run.job.subject) : null;
    if (!survey) {
      run.complete();
      return;
    }
    run.complete(() => {
      const at = this.clock().toISOString();
      if (survey.score !== null && isScannerBurst(survey.clicks)) {
        this.surveys.clearAnswer(survey.id, at);
        this.options.logger.warn('survey links opened by a machine: answer forgotten', { survey: survey.id, clicks: survey.clicks.length });
        this.withdrawCallback(survey, 'Réponse automatique (analyse de lien), pas celle du client');
        return;
      }
      if (survey.score === null) return;
      const source = this.surveys.source(survey.sourceKind, survey.sourceId);
      this.writeNote(survey, source, at);
      if (survey.contactId) this.options.outbox().enqueue({ kind: 'contact', localId: survey.contactId, op: 'update' });
      const category = npsCategory(survey.score);
      if (category === 'detracteur' || survey.wantsCallback) this.requestCallback(survey, source);
      else this.withdrawCallback(survey, 'Le client a changé sa note');
    });
    this.options.events.emit('satisfaction.changed', { contactIds: survey.contactId ? [survey.contactId] : [] });
  }

  private writeNote(survey: SurveyRow, source: SurveySource | null, at: string): void {
    const body = noteBody(survey, source);
    const noteId = survey.noteId ?? `enquete-${survey.id}`;
    const db = this.options.db;
    if (survey.noteId) {
      db.prepare(`UPDATE notes SET body = ?, updated_at = ? WHERE id = ?`).run(body, at, noteId);
    } else {
      db.prepare(
        `INSERT OR IGNORE INTO notes (id, contact_id, company_id, body, author, call_id, ticket_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
      ).run(noteId, survey.contactId, survey.companyId, body, 'Enquête de satisfaction', survey.sourceKind === 'ticket' ? survey.sourceId : null, at, at);
      this.surveys.setFollowUps(survey.id, { noteId });
    }
    this.options.outbox().enqueue({ kind: 'note', localId: noteId, op: survey.noteId ? 'update' : 'create' });
  }

  private requestCallback(survey: SurveyRow, source: SurveySource | null): void {
    const phone = survey.contactId
      ? this.options.db.prepare<{ e164: string | null; raw: string }>(`SELECT e164, raw FROM phones WHERE contact_id = ? ORDER BY kind = 'mobile' DESC LIMIT 1`).get(survey.contactId)
      : undefined;
    const person = survey.contactId ? this.surveys.person(survey.contactId) : null;
    const e164 = phone?.e164 ?? (phone ? toE164(phone.raw) : null);
    const display = phone?.raw ?? survey.email ?? 'Sans numéro';
    const score = survey.score ?? 0;
    const reason = [
      `Avis ${score}/10${source ? ` sur ${source.kind === 'intervention' ? `« ${source.label} »` : `le ticket « ${source.label} »`}` : ''}`,
      survey.comment ? ` — « ${survey.comment.slice(0, 200)} »` : '',
      survey.wantsCallback ? ' (souhaite être rappelé)' : '',
    ].join('');
    const callbackId = this.options.callbacks().request({
      ref: `survey:${survey.id}`,
      numberKey: e164 ?? `raw:${display}`,
      numberE164: e164,
      display,
      contactId: survey.contactId,
      companyId: survey.companyId,
      label: person?.name || null,
      reason,
      dueAt: oneWorkingDayAfter(this.clock()).toISOString(),
    });
    this.surveys.setFollowUps(survey.id, { callbackId });
  }

  private withdrawCallback(survey: SurveyRow, why: string): void {
    if (survey.callbackId) this.options.callbacks().withdraw(`survey:${survey.id}`, why);
  }

  // ── figures ─────────────────────────────────────────────────────────────────────────────────

  figures(windowDays: number): SatisfactionFigures {
    const now = this.clock();
    const to = now.toISOString();
    const from = new Date(now.getTime() - windowDays * DAY_MS).toISOString();
    const { sent, answered } = this.surveys.sentAndAnswered(from, to);
    const today = localTime(now).date;
    const firstOfMonth = `${today.slice(0, 7)}-01`;
    const months = Array.from({ length: 12 }, (_, i) => monthShift(firstOfMonth, i - 11));
    const monthsFrom = parisInstant(months[0]!).toISOString();
    // One read for the window and the twelve months (whichever starts earlier), split in memory.
    const read = this.surveys.answers(from < monthsFrom ? from : monthsFrom, to);
    const answers = read.filter((a) => a.answeredAt >= from);
    const yearAnswers = read.filter((a) => a.answeredAt >= monthsFrom);
    return {
      from,
      to,
      windowDays,
      window: summarise(answers),
      sent,
      answered,
      responseRate: sent > 0 ? Math.round((answered / sent) * 100) : null,
      byTechnician: summariseBy(
        answers.filter((a) => a.kind !== 'Ticket'),
        (a) => a.technician,
      ),
      byKind: summariseBy(answers, (a) => a.kind),
      months: months.map((month, i) => {
        const end = months[i + 1] ? parisInstant(months[i + 1]!).toISOString() : null;
        const start = parisInstant(month).toISOString();
        return { month: month.slice(0, 7), ...summarise(yearAnswers.filter((a) => a.answeredAt >= start && (end === null || a.answeredAt < end))) };
      }),
    };
  }

  /** True when this address said no to automatic e-mail (the workflows honour it too). */
  optedOut(email: string): boolean {
    return this.surveys.optedOutAt(email) !== null;
  }

  latest(contactId: string): LatestAnswer | null {
    const survey = this.surveys.latestAnswerOf(contactId);
    if (!survey || survey.score === null || !survey.answeredAt) return null;
    return {
      surveyId: survey.id,
      score: survey.score,
      category: npsCategory(survey.score),
      answeredAt: survey.answeredAt,
      comment: survey.comment,
      wantsCallback: survey.wantsCallback,
    };
  }
}

/** The first day of the month `offset` months from `firstOfMonth` (YYYY-MM-01). */
function monthShift(firstOfMonth: string, offset: number): string {
  const [y, m] = firstOfMonth.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

export function isScannerBurst(clicks: ReadonlyArray<{ at: string; score: number }>): boolean {
  for (let i = 0; i < clicks.length; i++) {
    const start = Date.parse(clicks[i]!.at);
    const scores = new Set<number>();
    for (let j = i; j < clicks.length && Date.parse(clicks[j]!.at) - start <= SCANNER_WINDOW_MS; j++) scores.add(clicks[j]!.score);
    if (scores.size >= SCANNER_SCORES) return true;
  }
  return false;
}

/** « Entretien chaudière du mardi 14 mai 2024, par Karim Benali » / « Votre demande « Fuite sous l’évier » ». */
export function aboutLine(source: SurveySource): string {
  const date = new Date(source.at);
  if (source.kind === 'intervention') {
    return `À propos de : ${source.label} du ${Number.isNaN(date.getTime()) ? '' : frenchLongDate(date)}${source.technician ? `, par ${source.technician}` : ''}.`;
  }
  return `À propos de votre demande « ${source.label} »${Number.isNaN(date.getTime()) ? '' : ` du ${frenchShortDate(date)}`}.`;
}

function noteBody(survey: SurveyRow, source: SurveySource | null): string {
  const score = survey.score ?? 0;
  const category = { detracteur: 'détracteur', passif: 'passif', promoteur: 'promoteur' }[npsCategory(score)];
  return [
    `Enquête de satisfaction : ${score}/10 (${category}).`,
    source ? aboutLine(source) : null,
    survey.comment ? `Commentaire du client : « ${survey.comment} »` : null,
    survey.wantsCallback ? 'Le client souhaite être rappelé.' : null,
  ]
    .filter((line): line is string => line !== null)
    .join('\n');
}

