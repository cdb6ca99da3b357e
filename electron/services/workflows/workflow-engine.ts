/**
 * The workflow engine: records enter rules, each step is a durable timer, and a step acts only
 * after its rule's conditions are checked again.
 *
 *   change of a quote, visit or ticket ──trigger──▶ workflow_signals
 *   enrolPending()   reads each signal once: the record enters the rules it starts matching (one
 *                    enrolment per rule, record and match key, ever; one active at a time) and
 *                    leaves those it no longer matches — in the transaction that deletes the signal
 *   runDue()         each due step: the rule's exits again (devis signé, client a répondu…), the
 *                    recipient, opt-out and sending hours; then its action
 *   catchUp()        at start and on resume: steps overdue after a stop follow their rule's policy
 *                    (send late, skip, or hold for Claire)
 *
 * Exactly once: a callback or a chantier to plan is written in the transaction that marks its step
 * done. At most once: an e-mail step is marked `running` (committed) before the SMTP request, and
 * done with the e-mail's history row after; a step found `running` at start was cut in the middle —
 * it may have left or not — and waits in « À vérifier » for Claire's decision, never resent by
 * itself. A refusal retries with backoff and ends `failed`, shown there too.
 */
import { randomUUID } from 'node:crypto';
import type { EmailPreview } from '../../contract/template-calls';
import type { Locale } from '../../contract/model';
import type { DryRunItem, WorkflowRule, WorkflowStepItem, WorkflowsOverview } from '../../contract/workflows-calls';
import { ServiceError } from '../../contract/envelope';
import { errorSentence } from '../../contract/error-catalog';
import { backoffDelay } from '../backoff';
import type { Logger } from '../log';
import type { NewEmail } from '../store';
import type { ComposeInput, MailSending } from '../templates/email-composer';
import { htmlFromText } from '../shared/merge-engine';
import { displayNumber, toE164 } from '../shared/phone-number';
import { chooseServiceChannel, textable, whatsappWindowOpen, type BoundTemplate, type ServiceChannel, type ServiceChannelChoice, type ServiceMessaging } from '../shared/service-channel';
export type { ServiceMessaging } from '../shared/service-channel';
import type { CallbackRequest } from '../work/callbacks/callbacks-repository';
import type { NewTicketInput } from '../work/tickets/ticket-desk';
import type { RecordKind, StepDefinition, WorkflowRecord } from './shipped-rules';
import { shippedRule } from './shipped-rules';
import { dueAfter, nextContactTime } from './workflow-calendar';
import { reasonSentence } from './workflow-reasons';
import { effectiveRules, mergeRuleSettings, type EffectiveRule } from './workflow-settings';
import type { EnrolmentRow, StepRow, StepState, StepWithRecord, WorkflowsRepository } from './workflows-repository';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** A step already this far in the past when its record enters is not run (installing relaunches nobody about last year). */
const PAST_AT_ENROLMENT_MS = DAY_MS;
/** Overdue by more than this at start (or on resume): the server was off; the rule's catch-up policy decides. */
export const CATCH_UP_AFTER_MS = 30 * MINUTE_MS;
/** Refusals before an e-mail step is given up (then shown in « À vérifier »). */
const MAX_ATTEMPTS = 6;
const SIGNAL_BATCH = 500;
const DUE_BATCH = 50;

export interface RecordedEmail {
  contactId: string | null;
  companyId: string | null;
  to: string;
  from: string;
  subject: string;
  body: string;
  templateId: string;
  sentAt: string;
}

/** A sent automatic e-mail as the customer's history keeps it (outgoing, with its template). */
export function historyEmail(email: RecordedEmail): NewEmail {
  return {
    contactId: email.contactId,
    companyId: email.companyId,
    direction: 'out',
    fromAddress: email.from,
    toAddress: email.to,
    subject: email.subject,
    body: email.body,
    templateId: email.templateId,
    sentAt: email.sentAt,
  };
}


export interface WorkflowEngineOptions {
  repository: WorkflowsRepository;
  clock: () => Date;
  locale: () => Locale;
  mail: () => MailSending;
  preview: () => (input: ComposeInput) => EmailPreview;
  templateName: (id: string) => string | null;
  callbacks: () => { request(request: CallbackRequest): string };
  /** Opens a ticket inside the engine's transaction (the work area's TicketDesk.insert), then tells the consoles. */
  tickets: () => { insert(input: NewTicketInput, author: string | null): string; announce(ticketId: string): void };
  /** Writes the sent e-mail into the customer's history (and the CRM outbox); called inside the engine's transaction. */
  recordEmail: (email: RecordedEmail) => string;
  optedOut: (email: string) => boolean;
  /**
   * A marketing rule's e-mail (the entretien annuel proposal): the shared ledger's answer — a STOP by
   * SMS or WhatsApp, or a withdrawn consent, stops it too (the messaging area's marketingConsent).
   */
  mayMarketByEmail?: (contactId: string | null, email: string) => boolean;
  /** SMS and WhatsApp (the messaging area): a service step goes by the customer's preferred channel. */
  messaging?: () => ServiceMessaging | null;
  /** Steps may act here (a live, non-demo workspace); enrolment and the screens work regardless. */
  canAct: () => boolean;
  /** Why not, for the screen. */
  notActingReason: () => string | null;
  changed: (contactIds: string[]) => void;
  logger: Logger;
  random?: () => number;
}

export interface CatchUpSummary {
  at: string;
  overdue: number;
  sentLate: number;
  skipped: number;
  held: number;
}

type Outcome = { act: true } | { act: false; state: 'skipped' | 'exit'; reason: string; detail?: Record<string, string | number> };

export class WorkflowEngine {
  private readonly repo: WorkflowsRepository;

  constructor(private readonly options: WorkflowEngineOptions) {
    this.repo = options.repository;
  }

  private now(): Date {
    return this.options.clock();
  }

  rules(): EffectiveRule[] {
    return effectiveRules(this.repo.ruleSettings());
  }

  private rule(id: string): EffectiveRule | undefined {
    return this.rules().find((rule) => rule.id === id);
  }

  get paused(): boolean {
    return this.repo.state('paused_at') !== null;
  }

  // ── enrolment ────────────────────────────────────────────────────────────────────────────────

  /** Reads the waiting signals; returns how many records were read. */
  enrolPending(): number {
    let read = 0;
    const rules = this.rules();
    for (;;) {
      const signals = this.repo.signals(SIGNAL_BATCH);
      if (signals.length === 0) break;
      const touched = new Set<string>();
      this.repo.transaction(() => {
        // The same record signalled several times in a batch is read once: its state now is what counts.
        const seen = new Set<string>();
        for (const signal of signals) {
          const key = `${signal.recordKind}:${signal.recordId}`;
          if (!seen.has(key)) {
            seen.add(key);
            for (const contactId of this.readRecord(rules, signal.recordKind, signal.recordId)) touched.add(contactId);
          }
          this.repo.dropSignal(signal.seq);
        }
      });
      read += signals.length;
      if (touched.size > 0) this.options.changed([...touched]);
    }
    return read;
  }

  /** Enrols a record in the rules it starts matching, ends those it left; the contacts concerned. */
  private readRecord(rules: readonly EffectiveRule[], kind: RecordKind, recordId: string): string[] {
    const record = this.repo.record(kind, recordId);
    const active = this.repo.activeFor(kind, recordId);
    const at = this.now().toISOString();
    const touched: string[] = [];
    if (!record) {
      for (const enrolment of active) this.repo.endEnrolment(enrolment.id, 'exited', 'record_gone', at);
      return active.flatMap((e) => (e.contactId ? [e.contactId] : []));
    }
    for (const rule of rules) {
      if (rule.trigger !== kind || !rule.runsHere) continue;
      const current = active.find((e) => e.ruleId === rule.id);
      const match = rule.match(record);
      if (current && (!match || match.key !== current.matchKey)) {
        this.exit(current, 'left', { status: `${kind}:${record.status}` }, at);
        if (record.contactId) touched.push(record.contactId);
      }
      if (!match || (current && match.key === current.matchKey)) continue;
      // A rule switched off takes no one in; those already in wait for it to be on again.
      if (!rule.enabled) continue;
      if (this.repo.enrolmentExists(rule.id, kind, recordId, match.key)) continue;
      this.enrol(rule, record, match, at);
      if (record.contactId) touched.push(record.contactId);
    }
    return touched;
  }

  private enrol(rule: EffectiveRule, record: WorkflowRecord, found: { key: string; anchorAt: string }, at: string): void {
    const enrolmentId = randomUUID();
    const match = rule.anchorIsPast && !(Date.parse(found.anchorAt) <= Date.parse(at)) ? { ...found, anchorAt: at } : found;
    this.repo.insertEnrolment({
      id: enrolmentId,
      ruleId: rule.id,
      recordKind: record.kind,
      recordId: record.id,
      matchKey: match.key,
      contactId: record.contactId,
      companyId: record.companyId,
      label: record.label,
      anchorAt: match.anchorAt,
      enrolledAt: at,
    });
    const anchor = new Date(match.anchorAt);
    const now = this.now().getTime();
    rule.steps.forEach((step, position) => {
      const due = dueAfter(Number.isNaN(anchor.getTime()) ? this.now() : anchor, step.delay);
      const past = due.getTime() < now - PAST_AT_ENROLMENT_MS;
      this.repo.insertStep(
        {
          id: randomUUID(),
          enrolmentId,
          ruleId: rule.id,
          stepId: step.id,
          position,
          idempotencyKey: `${rule.id}:${record.kind}:${record.id}:${step.id}:${match.key}`,
          dueAt: due.toISOString(),
          state: past ? 'skipped' : 'planned',
          reason: past ? 'passed_before_enrolment' : null,
        },
        at,
      );
    });
    if (this.repo.enrolmentFinished(enrolmentId)) this.repo.endEnrolment(enrolmentId, 'completed', null, at);
  }

  private exit(enrolment: EnrolmentRow, reason: string, detail: Record<string, string | number> | null, at: string): void {
    this.repo.endEnrolment(enrolment.id, 'exited', reason, at);
    if (detail) this.repo.transaction(() => this.setDetailOfSkipped(enrolment.id, reason, detail, at));
  }

  private setDetailOfSkipped(enrolmentId: string, reason: string, detail: Record<string, string | number>, at: string): void {
    for (const step of this.repo.stepsWithRecord(`s.enrolment_id = ? AND s.state = 'skipped' AND s.reason = ? AND s.finished_at = ?`, [enrolmentId, reason, at], 's.position', 20)) {
      this.repo.moveStep(step.id, ['skipped'], 'skipped', { detail: JSON.stringify(detail) }, at);
    }
  }

  // ── start, pause, catch-up ───────────────────────────────────────────────────────────────────

  /**
   * At start: an e-mail step cut in the middle of its SMTP request may or may not have left. It is
   * never sent again by itself: it waits in « À vérifier » for Claire (send again, or not). Then the
   * catch-up of steps overdue since the stop.
   */
  recover(): CatchUpSummary | null {
    const at = this.now().toISOString();
    for (const step of this.repo.running()) {
      this.repo.moveStep(step.id, ['running'], 'held', { reason: 'cut_uncertain' }, at);
      this.options.logger.warn('workflow e-mail cut by a stop: held for a person, not sent again', { step: step.id, rule: step.ruleId });
    }
    return this.paused ? null : this.catchUp();
  }

  /** Applies each rule's policy to the steps overdue by more than CATCH_UP_AFTER_MS. */
  catchUp(): CatchUpSummary | null {
    const now = this.now();
    const at = now.toISOString();
    const rules = new Map(this.rules().map((r) => [r.id, r]));
    const summary: CatchUpSummary = { at, overdue: 0, sentLate: 0, skipped: 0, held: 0 };
    this.repo.transaction(() => {
      for (const step of this.repo.overdue(new Date(now.getTime() - CATCH_UP_AFTER_MS).toISOString())) {
        const rule = rules.get(step.ruleId);
        if (!rule?.enabled) continue;
        summary.overdue++;
        if (rule.catchUp === 'skip') {
          this.repo.moveStep(step.id, ['planned'], 'skipped', { reason: 'late_skipped' }, at);
          this.finishIfLast(step.enrolmentId, at);
          summary.skipped++;
        } else if (rule.catchUp === 'ask') {
          this.repo.moveStep(step.id, ['planned'], 'held', { reason: 'late_ask' }, at);
          summary.held++;
        } else {
          this.repo.moveStep(step.id, ['planned'], 'planned', { reason: 'late', detail: null }, at);
          summary.sentLate++;
        }
      }
      if (summary.overdue > 0) this.repo.setState('last_catch_up', JSON.stringify(summary));
    });
    if (summary.overdue > 0) {
      this.options.logger.info('workflow catch-up after a stop', { ...summary });
      this.options.changed([]);
      return summary;
    }
    return null;
  }

  setPaused(paused: boolean, by: string | null): WorkflowsOverview {
    if (paused && !this.paused) this.repo.setState('paused_at', JSON.stringify({ at: this.now().toISOString(), by }));
    if (!paused && this.paused) {
      this.repo.setState('paused_at', null);
      this.catchUp();
    }
    this.options.changed([]);
    return this.overview();
  }

  dismissCatchUp(): WorkflowsOverview {
    this.repo.setState('last_catch_up', null);
    return this.overview();
  }

  // ── running the due steps ────────────────────────────────────────────────────────────────────

  /** Runs every step due now, once each; returns how many acted or ended. */
  async runDue(): Promise<number> {
    if (this.paused || !this.options.canAct()) return 0;
    const enabled = new Map(this.rules().map((rule) => [rule.id, rule]));
    const seen = new Set<string>();
    let handled = 0;
    for (;;) {
      const batch = this.repo.due(this.now().toISOString(), DUE_BATCH).filter((step) => !seen.has(step.id) && enabled.get(step.ruleId)?.enabled !== false);
      if (batch.length === 0) break;
      for (const step of batch) {
        seen.add(step.id);
        if (this.paused) return handled;
        const rule = enabled.get(step.ruleId);
        if (await this.runStep(step, rule)) handled++;
      }
    }
    return handled;
  }

  /** When the next step falls due (the loop sleeps until then). */
  nextDueAt(): Date | null {
    const at = this.repo.nextDueAt();
    return at ? new Date(at) : null;
  }

  private async runStep(step: StepRow, rule: EffectiveRule | undefined): Promise<boolean> {
    const at = this.now().toISOString();
    if (!rule) {
      this.repo.moveStep(step.id, ['planned'], 'failed', { reason: 'rule_unknown' }, at);
      return true;
    }
    const enrolment = this.repo.enrolment(step.enrolmentId);
    if (!enrolment || enrolment.state !== 'active') {
      this.repo.moveStep(step.id, ['planned'], 'skipped', { reason: 'enrolment_ended' }, at);
      return true;
    }
    const definition = rule.steps.find((s) => s.id === step.stepId);
    if (!definition) {
      this.repo.moveStep(step.id, ['planned'], 'failed', { reason: 'rule_unknown' }, at);
      return true;
    }
    const record = this.repo.record(enrolment.recordKind, enrolment.recordId);
    const check = this.check(rule, enrolment, record);
    if (!check.act) {
      this.repo.transaction(() => {
        if (check.state === 'exit') this.exit(enrolment, check.reason, check.detail ?? null, at);
        else {
          this.repo.moveStep(step.id, ['planned'], 'skipped', { reason: check.reason, detail: check.detail ? JSON.stringify(check.detail) : null }, at);
          this.finishIfLast(enrolment.id, at);
        }
      });
      this.notify(enrolment);
      return true;
    }
    const type = definition.action.type;
    const acted =
      type === 'email'
        ? await this.sendEmail(step, rule, definition, enrolment, record!)
        : type === 'notify_supervisor'
          ? await this.notifySupervisor(step, rule, definition, enrolment, record!)
          : this.addToList(step, definition, enrolment, record!);
    if (acted) this.notify(enrolment);
    return acted;
  }

  /** The rule's conditions, checked again just before acting. */
  private check(rule: EffectiveRule, enrolment: EnrolmentRow, record: WorkflowRecord | null): Outcome {
    if (!record) return { act: false, state: 'exit', reason: 'record_gone' };
    const match = rule.match(record);
    if (!match || match.key !== enrolment.matchKey) return { act: false, state: 'exit', reason: 'left', detail: { status: `${record.kind}:${record.status}` } };
    for (const exit of rule.exits) {
      if (exit === 'customer_replied' && record.contactId && this.repo.customerRepliedSince(record.contactId, enrolment.anchorAt)) {
        return { act: false, state: 'exit', reason: 'customer_replied' };
      }
      if (exit === 'newer_maintenance' && this.repo.newerMaintenance(record, enrolment.anchorAt, record.id)) return { act: false, state: 'exit', reason: 'newer_maintenance' };
    }
    return { act: true };
  }

  private async sendEmail(step: StepRow, rule: EffectiveRule, definition: StepDefinition, enrolment: EnrolmentRow, record: WorkflowRecord): Promise<boolean> {
    if (definition.action.type !== 'email') return false;
    const now = this.now();
    const at = now.toISOString();
    const skip = (reason: string, detail?: Record<string, string | number>) => {
      this.repo.transaction(() => {
        this.repo.moveStep(step.id, ['planned'], 'skipped', { reason, detail: detail ? JSON.stringify(detail) : null }, at);
        this.finishIfLast(enrolment.id, at);
      });
      return true;
    };
    const fail = (reason: string, detail: Record<string, string | number>) => {
      this.repo.moveStep(step.id, ['planned'], 'failed', { reason, detail: JSON.stringify(detail) }, at);
      this.options.logger.warn('workflow step failed', { step: step.id, rule: rule.id, reason });
      return true;
    };
    const recipient = this.repo.recipient(record.contactId, record.companyId);
    const email = recipient.email?.trim() || null;
    const emailOptedOut = email !== null && (this.options.optedOut(email) || (rule.marketing === true && this.options.mayMarketByEmail !== undefined && !this.options.mayMarketByEmail(record.contactId, email)));
    // A service step goes by the customer's preferred channel; a marketing one only by e-mail.
    const messaging = rule.marketing ? null : (this.options.messaging?.() ?? null);
    const route = messaging ? await this.route(messaging, definition.action, record, email !== null, emailOptedOut) : null;
    const choice: ServiceChannelChoice = route
      ? route.choice
      : !email
        ? { channel: null, why: 'no_email', refusals: {} }
        : emailOptedOut
          ? { channel: null, why: 'opted_out', refusals: {} }
          : { channel: 'email', whatsappAs: null, fallback: null };
    if (choice.channel === null) return skip(choice.why, choice.refusals.sms === 'stopped' || choice.refusals.whatsapp === 'stopped' ? { stopped: 1 } : undefined);

    // Sending hours: the step waits, it is not late (and a reminder after its visit is pointless).
    const allowed = nextContactTime(now, rule.window);
    const limit = rule.lateLimit?.(record);
    if (limit && allowed.getTime() >= Date.parse(limit)) return skip('too_late');
    if (allowed.getTime() > now.getTime() + 1000) {
      this.repo.moveStep(step.id, ['planned'], 'planned', { dueAt: allowed.toISOString(), reason: 'waiting_window', detail: JSON.stringify({ window: rule.window }) }, at);
      return false;
    }

    if (choice.channel !== 'email') return this.sendMessageInstead(step, rule, definition.action, enrolment, record, messaging!, choice, route!.bound);
    if (!email) return skip('no_email');
    const fallback: Record<string, string> = choice.fallback ? { fallbackFrom: choice.fallback.from, fallbackWhy: choice.fallback.why } : {};

    const templateId = definition.action.templateId;
    if (this.options.templateName(templateId) === null) return fail('template_missing', { template: templateId });
    let preview: EmailPreview;
    try {
      preview = this.previewFor(templateId, record, email);
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'not_found') return skip('record_gone');
      throw error;
    }
    if (preview.missing.length > 0) return fail('fields_missing', { fields: preview.missing.map((m) => m.label ?? m.key).join(', ') });

    const subject = preview.subject.trim();
    return this.deliver(
      step,
      rule,
      definition,
      enrolment,
      { to: email, subject, text: preview.text },
      (sentAt, from) => this.options.recordEmail({ contactId: record.contactId, companyId: record.companyId, to: email, from, subject, body: preview.text, templateId, sentAt }),
      fallback,
    );
  }

  /**
   * The facts the channel choice needs (service-channel.ts): the preferred channel, the mobile and
   * its STOP, what is configured, the WhatsApp window, and — only when WhatsApp is preferred and its
   * window is closed — the approved template bound for this step.
   */
  private async route(
    messaging: ServiceMessaging,
    action: Extract<StepDefinition['action'], { type: 'email' }>,
    record: WorkflowRecord,
    hasEmail: boolean,
    emailOptedOut: boolean,
  ): Promise<{ choice: ServiceChannelChoice; bound: BoundTemplate | null }> {
    const owner = { contactId: record.contactId, companyId: record.companyId };
    const preferred = messaging.preferredChannel(record.contactId);
    const found = messaging.mobileOf(owner);
    const number = textable(found) ? found : null;
    const stopped = number !== null && messaging.optedOutAt(number) !== null;
    const channels = messaging.channels();
    const windowOpen = number !== null && whatsappWindowOpen(messaging.lastInboundWhatsApp(number), this.now());
    const smsText = Boolean(action.smsFallback);
    const wantsTemplate = preferred === 'whatsapp' && channels.whatsapp && number !== null && !stopped && !(windowOpen && smsText);
    const bound = wantsTemplate
      ? await messaging.whatsappTemplateFor(action.templateId, {
          ...owner,
          ...(record.kind === 'intervention' ? { interventionId: record.id } : record.kind === 'quote' ? { quoteId: record.id } : record.kind === 'ticket' ? { ticketId: record.id } : {}),
        })
      : null;
    const choice = chooseServiceChannel({
      preferred,
      email: hasEmail,
      emailOptedOut,
      mobile: number !== null,
      stopped,
      smsText,
      smsAvailable: channels.sms,
      whatsappAvailable: channels.whatsapp,
      whatsappWindowOpen: windowOpen,
      whatsappTemplate: bound !== null,
    });
    return { choice, bound };
  }

  /**
   * The step by SMS or WhatsApp: the step's SMS text merged like a template (or the approved
   * WhatsApp template bound for it) goes as a service message through the messaging area — asked in
   * the transaction that marks the step done, with the step's key, so it is queued exactly once and
   * the messaging queue sends it once, across restarts and retries.
   */
  private sendMessageInstead(
    step: StepRow,
    rule: EffectiveRule,
    action: Extract<StepDefinition['action'], { type: 'email' }>,
    enrolment: EnrolmentRow,
    record: WorkflowRecord,
    messaging: ServiceMessaging,
    choice: Extract<ServiceChannelChoice, { channel: ServiceChannel }>,
    bound: BoundTemplate | null,
  ): boolean {
    const at = this.now().toISOString();
    const channel = choice.channel as 'sms' | 'whatsapp';
    const useTemplate = channel === 'whatsapp' && choice.whatsappAs === 'template' && bound !== null;
    let text = '';
    if (!useTemplate) {
      const preview = this.previewFor(action.templateId, record, undefined, { subject: rule.name, body: action.smsFallback ?? '' });
      if (preview.missing.length > 0) {
        this.repo.moveStep(step.id, ['planned'], 'failed', { reason: 'fields_missing', detail: JSON.stringify({ fields: preview.missing.map((m) => m.label ?? m.key).join(', ') }) }, at);
        return true;
      }
      text = preview.text;
    }
    // The customer without an address, as before: « Pas d’e-mail : envoyé par SMS ».
    const noEmail = choice.fallback?.from === 'email' && choice.fallback.why === 'no_email';
    const fallback = choice.fallback && !noEmail ? { fallbackFrom: choice.fallback.from, fallbackWhy: choice.fallback.why } : {};
    try {
      this.repo.transaction(() => {
        const message = messaging.send({
          channel,
          contactId: record.contactId,
          companyId: record.companyId,
          ...(useTemplate ? { template: bound!.template, shownText: bound!.text } : { text }),
          purpose: 'service',
          idempotencyKey: `workflow:${step.idempotencyKey}`,
          author: 'Automatisations',
        });
        const blocked = message.status === 'blocked';
        const to = displayNumber(message.numberE164, message.numberE164);
        this.repo.moveStep(
          step.id,
          ['planned'],
          blocked ? 'skipped' : 'done',
          {
            reason: blocked ? 'opted_out' : noEmail ? 'sms_queued' : 'message_queued',
            detail: JSON.stringify({ to, channel, ...(useTemplate ? { template: bound!.template.name } : {}), ...fallback, ...(blocked ? { stopped: 1 } : {}) }),
            resultRef: message.id,
          },
          at,
        );
        this.finishIfLast(enrolment.id, at);
      });
    } catch (error) {
      // Refused by the messaging area (the number went away, WhatsApp's window closed meanwhile):
      // failed with its reason, in « À vérifier » — Claire tries again or skips it.
      if (error instanceof ServiceError) {
        this.repo.moveStep(step.id, ['planned'], 'failed', { reason: 'message_refused', detail: JSON.stringify({ channel, error: errorSentence(this.options.locale(), error.reason, error.params) }) }, at);
        this.options.logger.warn('workflow message refused', { step: step.id, rule: rule.id, channel });
        return true;
      }
      throw error;
    }
    return true;
  }

  /** An e-mail to the company's own mailbox, where the supervisor reads: not in the customer's history. */
  private async notifySupervisor(step: StepRow, rule: EffectiveRule, definition: StepDefinition, enrolment: EnrolmentRow, record: WorkflowRecord): Promise<boolean> {
    if (definition.action.type !== 'notify_supervisor') return false;
    const text = definition.action.text(record);
    const to = this.options.mail().fromAddress();
    return this.deliver(step, rule, definition, enrolment, { to, subject: `[Accueil] ${rule.name} — ${record.label}`.slice(0, 200), text }, () => null);
  }

  /**
   * Sends one automatic e-mail for a step: marked `running` (committed) before the request, done
   * with `record` (the history row) in one transaction after; a refusal is retried with backoff,
   * then shown as failed. Returns whether the step moved.
   */
  private async deliver(
    step: StepRow,
    rule: EffectiveRule,
    definition: StepDefinition,
    enrolment: EnrolmentRow,
    message: { to: string; subject: string; text: string },
    record: (sentAt: string, from: string) => string | null,
    detail: Record<string, string> = {},
  ): Promise<boolean> {
    const now = this.now();
    const at = now.toISOString();
    const mail = this.options.mail();
    const unavailable = mail.unavailable();
    if (unavailable) {
      // Not a refusal: the step waits for the mail settings, checked again in an hour.
      this.repo.moveStep(step.id, ['planned'], 'planned', { dueAt: new Date(now.getTime() + HOUR_MS).toISOString(), reason: 'mail_unavailable', detail: JSON.stringify({ why: errorSentence(this.options.locale(), unavailable.reason, unavailable.params) }) }, at);
      return false;
    }
    const late = step.reason === 'late';
    // Committed before the request: a stop during it is found at start, and the e-mail is never sent twice.
    if (!this.repo.moveStep(step.id, ['planned'], 'running', { attempt: true }, at)) return false;
    try {
      await mail.send({
        ...message,
        html: htmlFromText(message.text, message.subject),
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Accueil-Workflow': `${rule.id}/${definition.id}` },
      });
    } catch (error) {
      const text = String((error as Error)?.message ?? error).slice(0, 300);
      const attempts = step.attempts + 1;
      const when = this.now();
      if (attempts >= MAX_ATTEMPTS) {
        this.repo.moveStep(step.id, ['running'], 'failed', { reason: 'send_failed', detail: JSON.stringify({ attempts, error: text }), lastError: text }, when.toISOString());
      } else {
        const wait = backoffDelay(attempts, 5 * MINUTE_MS, 6 * HOUR_MS, this.options.random);
        this.repo.moveStep(
          step.id,
          ['running'],
          'planned',
          { dueAt: new Date(when.getTime() + wait).toISOString(), reason: 'retrying', detail: JSON.stringify({ attempts, error: text }), lastError: text },
          when.toISOString(),
        );
      }
      this.options.logger.warn('workflow e-mail refused', { step: step.id, rule: rule.id, attempts });
      return true;
    }
    const sentAt = this.now().toISOString();
    this.repo.transaction(() => {
      const emailId = record(sentAt, mail.fromAddress());
      this.repo.moveStep(step.id, ['running'], 'done', { reason: late ? 'sent_late' : 'sent', detail: JSON.stringify({ to: message.to, ...detail }), ...(emailId ? { resultRef: emailId } : {}) }, sentAt);
      this.finishIfLast(enrolment.id, sentAt);
    });
    this.options.logger.info('workflow e-mail sent', { step: step.id, rule: rule.id });
    return true;
  }

  /** The template merged for the record, as the composer would for Claire. */
  private previewFor(templateId: string, record: WorkflowRecord, email: string | undefined, text: { subject?: string; body?: string } = {}): EmailPreview {
    return this.options.preview()({
      templateId,
      contactId: record.contactId,
      companyId: record.companyId,
      quoteId: record.kind === 'quote' ? record.id : undefined,
      interventionId: record.kind === 'intervention' ? record.id : undefined,
      ticketId: record.kind === 'ticket' ? record.id : undefined,
      ...(email !== undefined ? { to: email } : {}),
      ...text,
      // An invoice's fields have no source in the CRM cache: the open item gives them.
      values:
        record.kind === 'invoice'
          ? { 'facture.numero': record.number ?? '', 'facture.montant': `${new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format((record.amountCents ?? 0) / 100)} €` }
          : {},
    });
  }

  /** A callback, a chantier to plan or a ticket, in the transaction that marks the step done: exactly once. */
  private addToList(step: StepRow, definition: StepDefinition, enrolment: EnrolmentRow, record: WorkflowRecord): boolean {
    const action = definition.action;
    if (action.type === 'email' || action.type === 'notify_supervisor') return false;
    const at = this.now();
    let ticketId: string | null = null;
    this.repo.transaction(() => {
      if (!this.repo.moveStep(step.id, ['planned'], 'running', {}, at.toISOString())) return;
      let resultRef: string;
      if (action.type === 'open_ticket') {
        resultRef = ticketId = this.options.tickets().insert(
          { subject: action.subject(record), description: `Ouvert par l’automatisation « ${shippedRule(step.ruleId)?.name ?? step.ruleId} » (${record.label}).`, category: action.category, priority: action.priority, status: 'nouveau', contactId: record.contactId, companyId: record.companyId, siteAddress: null, callId: null },
          'Automatisations',
        );
      } else {
        const recipient = this.repo.recipient(record.contactId, record.companyId);
        const e164 = recipient.phone?.e164 ?? (recipient.phone ? toE164(recipient.phone.raw) : null);
        const display = recipient.phone?.raw ?? recipient.email ?? 'Sans numéro';
        const reason = action.type === 'callback' ? action.reason(record) : `${action.kind} à planifier : ${record.label} accepté${record.kind === 'quote' ? ' — proposer une date au client' : ''}`;
        const dueAt = dueAfter(at, { amount: action.type === 'callback' ? action.dueInWorkingDays : 2, unit: 'working_days' });
        resultRef = this.options.callbacks().request({
          ref: `workflow:${step.idempotencyKey}`,
          numberKey: e164 ?? `raw:${display}`,
          numberE164: e164,
          display,
          contactId: record.contactId,
          companyId: record.companyId,
          label: recipient.name,
          reason,
          dueAt: dueAt.toISOString(),
        });
      }
      const reason = action.type === 'callback' ? 'callback_created' : action.type === 'plan_intervention' ? 'chantier_created' : 'ticket_opened';
      this.repo.moveStep(step.id, ['running'], 'done', { reason, resultRef }, at.toISOString());
      this.finishIfLast(enrolment.id, at.toISOString());
    });
    if (ticketId) this.options.tickets().announce(ticketId);
    return true;
  }

  private finishIfLast(enrolmentId: string, at: string): void {
    if (this.repo.enrolmentFinished(enrolmentId)) this.repo.endEnrolment(enrolmentId, 'completed', null, at);
  }

  private notify(enrolment: EnrolmentRow): void {
    this.options.changed(enrolment.contactId ? [enrolment.contactId] : []);
  }

  // ── Claire's decisions ───────────────────────────────────────────────────────────────────────

  decide(stepId: string, decision: 'run' | 'skip' | 'retry', by: string): WorkflowStepItem {
    const step = this.repo.step(stepId);
    if (!step) throw new ServiceError('not_found', { reason: 'workflows.step_not_found' });
    const at = this.now().toISOString();
    const moved = this.repo.transaction(() => {
      if (decision === 'skip') {
        const ok = this.repo.moveStep(stepId, ['held', 'failed'], 'skipped', { reason: 'skipped_by_person', detail: JSON.stringify({ who: by }) }, at);
        if (ok) this.finishIfLast(step.enrolmentId, at);
        return ok;
      }
      // Run now or try again: planned, due now; the loop checks the rule's conditions before acting.
      return this.repo.moveStep(stepId, decision === 'run' ? ['held'] : ['failed'], 'planned', { dueAt: at, reason: decision === 'run' ? 'late' : null, detail: null }, at);
    });
    if (!moved) throw new ServiceError('conflict', { reason: 'workflows.step_moved' });
    this.options.changed([]);
    return this.item(this.repo.stepsWithRecord('s.id = ?', [stepId], 's.id', 1)[0]!);
  }

  updateRule(
    ruleId: string,
    change: { enabled?: boolean | undefined; catchUp?: EffectiveRule['catchUp'] | undefined; steps?: Array<{ id: string; amount: number; unit: StepDefinition['delay']['unit']; templateId?: string | null | undefined }> | undefined },
    by: string | null,
  ): WorkflowRule {
    const definition = shippedRule(ruleId);
    if (!definition) throw new ServiceError('not_found', { reason: 'workflows.rule_not_found' });
    if (definition.delegatedTo || definition.needs) throw new ServiceError('conflict', { reason: definition.needs ? 'workflows.rule_needs_sage' : 'workflows.rule_delegated' });
    for (const step of change.steps ?? []) {
      if (step.templateId && this.options.templateName(step.templateId) === null) throw new ServiceError('bad_request', { reason: 'workflows.template_unknown', params: { template: step.templateId } });
    }
    const wasEnabled = this.rule(ruleId)?.enabled ?? false;
    const stored = mergeRuleSettings(definition, this.repo.ruleSettings().get(ruleId), change);
    this.repo.saveRuleSettings(ruleId, stored, this.now().toISOString(), by);
    // Switched on again: what fell due meanwhile follows the catch-up policy.
    if (!wasEnabled && this.rule(ruleId)?.enabled) this.catchUp();
    this.options.changed([]);
    return this.ruleView(this.rule(ruleId)!);
  }

  // ── what the screens read ────────────────────────────────────────────────────────────────────

  overview(): WorkflowsOverview {
    const paused = this.repo.state('paused_at');
    const lastCatchUp = this.repo.state('last_catch_up');
    const acting = this.options.canAct();
    return {
      paused: paused !== null,
      pausedAt: paused ? (JSON.parse(paused) as { at: string }).at : null,
      running: acting,
      notRunning: acting ? null : this.options.notActingReason(),
      rules: this.rules().map((rule) => this.ruleView(rule)),
      lastCatchUp: lastCatchUp ? (JSON.parse(lastCatchUp) as CatchUpSummary) : null,
    };
  }

  private ruleView(rule: EffectiveRule): WorkflowRule {
    const counts = this.repo.countsByRule().filter((c) => c.ruleId === rule.id);
    const count = (state: StepState) => counts.find((c) => c.state === state)?.n ?? 0;
    const en = this.options.locale() === 'en';
    return {
      id: rule.id,
      name: en ? rule.en.name : rule.name,
      description: en ? rule.en.description : rule.description,
      triggerLabel: en ? rule.en.triggerLabel : rule.triggerLabel,
      enabled: rule.enabled,
      delegatedTo: rule.delegatedTo ?? null,
      unavailable: rule.needs === 'sage' ? (en ? 'Starts once Sage due dates are imported.' : 'S’active quand les échéances Sage sont importées.') : null,
      catchUp: rule.catchUp,
      steps: rule.steps.map((step) => ({
        id: step.id,
        label: en ? step.labelEn : step.label,
        action: step.action.type,
        amount: step.delay.amount,
        unit: step.delay.unit,
        atHour: step.delay.atHour ?? null,
        templateId: step.action.type === 'email' ? step.action.templateId : null,
        templateName: step.action.type === 'email' ? this.options.templateName(step.action.templateId) : null,
      })),
      active: this.repo.activeEnrolmentsByRule().get(rule.id) ?? 0,
      planned: count('planned'),
      held: count('held'),
      failed: count('failed'),
      nextRunAt: counts.find((c) => c.state === 'planned')?.next ?? null,
    };
  }

  private item(row: StepWithRecord): WorkflowStepItem {
    const rule = shippedRule(row.ruleId);
    const en = this.options.locale() === 'en';
    const step = rule?.steps.find((s) => s.id === row.stepId);
    return {
      id: row.id,
      ruleId: row.ruleId,
      ruleName: rule ? (en ? rule.en.name : rule.name) : row.ruleId,
      stepLabel: step ? (en ? step.labelEn : step.label) : row.stepId,
      state: row.state,
      dueAt: row.dueAt,
      finishedAt: row.finishedAt,
      recordLabel: row.label,
      recordKind: row.recordKind,
      recordId: row.recordId,
      contactId: row.contactId,
      companyId: row.companyId,
      contactName: row.contactName || null,
      reason: reasonSentence(this.options.locale(), row.reason === 'late' ? null : row.reason, row.detail),
      attempts: row.attempts,
    };
  }

  upcoming(days: number, ruleId?: string): WorkflowStepItem[] {
    const until = new Date(this.now().getTime() + days * DAY_MS).toISOString();
    const where = ruleId ? `s.state IN ('planned', 'held') AND s.due_at <= ? AND s.rule_id = ?` : `s.state IN ('planned', 'held') AND s.due_at <= ?`;
    return this.repo.stepsWithRecord(where, ruleId ? [until, ruleId] : [until], 's.due_at, s.position', 500).map((row) => this.item(row));
  }

  history(limit: number, filter: { ruleId?: string | undefined; contactId?: string | undefined } = {}): WorkflowStepItem[] {
    // Steps already past when their record entered (a first read of old quotes) never were to run: not history.
    const clauses = [`s.state IN ('done', 'skipped', 'failed')`, `s.reason IS NOT 'passed_before_enrolment'`];
    const params: unknown[] = [];
    if (filter.ruleId) {
      clauses.push('s.rule_id = ?');
      params.push(filter.ruleId);
    }
    if (filter.contactId) {
      clauses.push('e.contact_id = ?');
      params.push(filter.contactId);
    }
    return this.repo.stepsWithRecord(clauses.join(' AND '), params, 's.finished_at DESC, s.position DESC', limit).map((row) => this.item(row));
  }

  attention(): WorkflowStepItem[] {
    return this.repo.stepsWithRecord(`s.state IN ('held', 'failed')`, [], 's.due_at', 200).map((row) => this.item(row));
  }

  forRecord(contactId: string | null, companyId: string | null): WorkflowStepItem[] {
    if (!contactId && !companyId) return [];
    const where = contactId ? `s.state IN ('planned', 'held') AND e.contact_id = ?` : `s.state IN ('planned', 'held') AND e.company_id = ?`;
    return this.repo.stepsWithRecord(where, [contactId ?? companyId], 's.due_at, s.position', 20).map((row) => this.item(row));
  }

  /** What the next `days` would do if nothing changed: each step, with what its checks say now. */
  dryRun(days: number): DryRunItem[] {
    const rules = new Map(this.rules().map((r) => [r.id, r]));
    const en = this.options.locale() === 'en';
    return this.upcoming(days).map((item): DryRunItem => {
      const rule = rules.get(item.ruleId);
      const step = this.repo.step(item.id);
      const enrolment = step ? this.repo.enrolment(step.enrolmentId) : null;
      if (!rule || !enrolment || !step) return { ...item, outcome: en ? 'Unknown rule' : 'Règle inconnue', wouldAct: false };
      if (!rule.enabled) return { ...item, outcome: en ? 'Rule switched off: would wait' : 'Règle désactivée : attendrait', wouldAct: false };
      if (item.state === 'held') return { ...item, outcome: en ? 'Waiting for your decision' : 'Attend votre décision', wouldAct: false };
      const record = this.repo.record(enrolment.recordKind, enrolment.recordId);
      const check = this.check(rule, enrolment, record);
      if (!check.act) {
        const why = reasonSentence(this.options.locale(), check.reason, check.detail ? JSON.stringify(check.detail) : null);
        return { ...item, outcome: en ? `Would be skipped — ${why}` : `Serait ignorée — ${why}`, wouldAct: false };
      }
      const definition = rule.steps.find((s) => s.id === step.stepId);
      if (definition?.action.type === 'email') {
        const email = this.repo.recipient(record!.contactId, record!.companyId).email?.trim();
        const messaging = rule.marketing ? null : (this.options.messaging?.() ?? null);
        if (messaging) {
          // The channel as it stands now; a WhatsApp template is looked up only when the step runs.
          const found = messaging.mobileOf({ contactId: record!.contactId, companyId: record!.companyId });
          const number = textable(found) ? found : null;
          const windowOpen = number !== null && whatsappWindowOpen(messaging.lastInboundWhatsApp(number), this.now());
          const preferred = messaging.preferredChannel(record!.contactId);
          const choice = chooseServiceChannel({
            preferred,
            email: Boolean(email),
            emailOptedOut: email ? this.options.optedOut(email) : false,
            mobile: number !== null,
            stopped: number !== null && messaging.optedOutAt(number) !== null,
            smsText: Boolean(definition.action.smsFallback),
            smsAvailable: messaging.channels().sms,
            whatsappAvailable: messaging.channels().whatsapp,
            whatsappWindowOpen: windowOpen,
            whatsappTemplate: false,
          });
          const display = number ? displayNumber(number, number) : '';
          if (choice.channel === 'sms') return { ...item, outcome: en ? `Would send an SMS to ${display}` : `Enverrait un SMS au ${display}`, wouldAct: true };
          if (choice.channel === 'whatsapp') return { ...item, outcome: en ? `Would send a WhatsApp message to ${display}` : `Enverrait un message WhatsApp au ${display}`, wouldAct: true };
          if (choice.channel === 'email' && choice.fallback?.why === 'whatsapp_window') {
            return { ...item, outcome: en ? `By WhatsApp if an approved template is bound, else by e-mail to ${email}` : `Par WhatsApp si un modèle approuvé est lié, sinon par e-mail à ${email}`, wouldAct: true };
          }
        }
        if (!email) return { ...item, outcome: reasonSentence(this.options.locale(), 'no_email', null)!, wouldAct: false };
        if (this.options.optedOut(email) || (rule.marketing && this.options.mayMarketByEmail && !this.options.mayMarketByEmail(record!.contactId, email))) return { ...item, outcome: reasonSentence(this.options.locale(), 'opted_out', null)!, wouldAct: false };
        const template = this.options.templateName(definition.action.templateId);
        if (template === null) return { ...item, outcome: reasonSentence(this.options.locale(), 'template_missing', JSON.stringify({ template: definition.action.templateId }))!, wouldAct: false };
        const missing = this.previewFor(definition.action.templateId, record!, email).missing;
        if (missing.length > 0) {
          const why = reasonSentence(this.options.locale(), 'fields_missing', JSON.stringify({ fields: missing.map((m) => m.label ?? m.key).join(', ') }));
          return { ...item, outcome: en ? `Would fail — ${why}` : `Échouerait — ${why}`, wouldAct: false };
        }
        return { ...item, outcome: en ? `Would send « ${template} » to ${email}` : `Enverrait « ${template} » à ${email}`, wouldAct: true };
      }
      if (definition?.action.type === 'notify_supervisor') return { ...item, outcome: en ? `Would e-mail the supervisor (${this.options.mail().fromAddress() || 'company mailbox'})` : `Écrirait à la superviseuse (${this.options.mail().fromAddress() || 'boîte de l’entreprise'})`, wouldAct: true };
      if (definition?.action.type === 'open_ticket') return { ...item, outcome: en ? `Would open the ticket « ${definition.action.subject(record!)} »` : `Ouvrirait le ticket « ${definition.action.subject(record!)} »`, wouldAct: true };
      return { ...item, outcome: en ? 'Would add an item to the callback list' : 'Ajouterait un rappel à la liste de Claire', wouldAct: true };
    });
  }
}
