/**
 * The workflows' rows (workflow-migrations.ts): signals to read, enrolments, step timers, the rule
 * settings and the engine's own state. SQL only; the rules live in workflow-engine.ts.
 */
import type { AccueilDatabase } from '../store/database';
import type { RecordKind, WorkflowRecord } from './shipped-rules';
import { parisInstant } from '../shared/paris-time';

/** A date (YYYY-MM-DD) at noon in Paris, for formatting it as that day. */
const parisDay = (date: string) => parisInstant(date, 12);

export type EnrolmentState = 'active' | 'completed' | 'exited';
export type StepState = 'planned' | 'held' | 'running' | 'done' | 'skipped' | 'failed';

export interface EnrolmentRow {
  id: string;
  ruleId: string;
  recordKind: RecordKind;
  recordId: string;
  matchKey: string;
  contactId: string | null;
  companyId: string | null;
  label: string;
  anchorAt: string;
  state: EnrolmentState;
  exitReason: string | null;
  enrolledAt: string;
  endedAt: string | null;
}

export interface StepRow {
  id: string;
  enrolmentId: string;
  ruleId: string;
  stepId: string;
  position: number;
  idempotencyKey: string;
  dueAt: string;
  state: StepState;
  reason: string | null;
  detail: string | null;
  attempts: number;
  lastError: string | null;
  resultRef: string | null;
  finishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A step with its enrolment's record, for lists. */
export interface StepWithRecord extends StepRow {
  recordKind: RecordKind;
  recordId: string;
  contactId: string | null;
  companyId: string | null;
  label: string;
  contactName: string | null;
}

const ENROLMENT_COLUMNS = `id, rule_id AS ruleId, record_kind AS recordKind, record_id AS recordId, match_key AS matchKey, contact_id AS contactId,
  company_id AS companyId, label, anchor_at AS anchorAt, state, exit_reason AS exitReason, enrolled_at AS enrolledAt, ended_at AS endedAt`;
const STEP_COLUMNS = `s.id, s.enrolment_id AS enrolmentId, s.rule_id AS ruleId, s.step_id AS stepId, s.position, s.idempotency_key AS idempotencyKey,
  s.due_at AS dueAt, s.state, s.reason, s.detail, s.attempts, s.last_error AS lastError, s.result_ref AS resultRef, s.finished_at AS finishedAt,
  s.created_at AS createdAt, s.updated_at AS updatedAt`;
const WITH_RECORD = `${STEP_COLUMNS}, e.record_kind AS recordKind, e.record_id AS recordId, e.contact_id AS contactId, e.company_id AS companyId, e.label,
  trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')) AS contactName
  FROM workflow_steps s JOIN workflow_enrolments e ON e.id = s.enrolment_id LEFT JOIN contacts c ON c.id = e.contact_id`;

const RECORD_SQL: Record<RecordKind, string> = {
  quote: `SELECT 'quote' AS kind, id, status, contact_id AS contactId, company_id AS companyId, number, title, sent_at AS sentAt, NULL AS scheduledAt, NULL AS category, NULL AS amountCents, updated_at AS updatedAt FROM quotes WHERE id = ?`,
  intervention: `SELECT 'intervention' AS kind, id, status, contact_id AS contactId, company_id AS companyId, NULL AS number, kind AS title, NULL AS sentAt, scheduled_at AS scheduledAt, NULL AS category, NULL AS amountCents, updated_at AS updatedAt FROM interventions WHERE id = ?`,
  ticket: `SELECT 'ticket' AS kind, id, status, contact_id AS contactId, company_id AS companyId, NULL AS number, subject AS title, NULL AS sentAt, NULL AS scheduledAt, category, NULL AS amountCents, updated_at AS updatedAt FROM tickets WHERE id = ?`,
  // A Sage open item, by « account|piece|due date »: « ouverte » while not lettered and still owed.
  invoice: `SELECT 'invoice' AS kind, i.account || '|' || i.piece || '|' || i.due_date AS id,
      CASE WHEN i.lettrage IS NULL AND i.amount_cents > 0 THEN 'ouverte' ELSE 'reglee' END AS status,
      coalesce(a.contact_id, (SELECT c.id FROM contacts c WHERE c.company_id = a.company_id AND c.email IS NOT NULL ORDER BY c.updated_at DESC LIMIT 1)) AS contactId,
      a.company_id AS companyId, i.piece AS number, a.name AS title, i.issued_on AS sentAt, i.due_date AS scheduledAt, NULL AS category, i.amount_cents AS amountCents,
      i.due_date AS updatedAt
    FROM sage_open_items i JOIN sage_accounts a ON a.code = i.account WHERE i.account || '|' || i.piece || '|' || i.due_date = ?`,
};

function recordLabel(r: Omit<WorkflowRecord, 'label'>): string {
  if (r.kind === 'quote') return `Devis ${r.number ?? ''} — ${r.title}`.trim();
  if (r.kind === 'invoice') {
    const due = r.scheduledAt ? new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' }).format(parisDay(r.scheduledAt)) : '';
    return `Facture ${r.number ?? ''}${due ? ` échue le ${due}` : ''}`;
  }
  if (r.kind === 'intervention') {
    const day = r.scheduledAt ? new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(r.scheduledAt)) : '';
    return `${r.title}${day ? ` du ${day}` : ''}`;
  }
  return `Ticket « ${r.title} »`;
}

export class WorkflowsRepository {
  constructor(private readonly db: AccueilDatabase) {}

  transaction<T>(work: () => T): T {
    return this.db.transaction(work);
  }

  // ── signals ──────────────────────────────────────────────────────────────────────────────────

  signals(limit: number): Array<{ seq: number; recordKind: RecordKind; recordId: string }> {
    return this.db.prepare<{ seq: number; recordKind: RecordKind; recordId: string }>(`SELECT seq, record_kind AS recordKind, record_id AS recordId FROM workflow_signals ORDER BY seq LIMIT ?`).all(limit);
  }

  dropSignal(seq: number): void {
    this.db.prepare(`DELETE FROM workflow_signals WHERE seq = ?`).run(seq);
  }

  record(kind: RecordKind, id: string): WorkflowRecord | null {
    const row = this.db.prepare<Omit<WorkflowRecord, 'label'>>(RECORD_SQL[kind]).get(id);
    return row ? { ...row, label: recordLabel(row) } : null;
  }

  // ── enrolments ───────────────────────────────────────────────────────────────────────────────

  enrolmentExists(ruleId: string, kind: RecordKind, recordId: string, matchKey: string): boolean {
    return this.db.prepare(`SELECT 1 FROM workflow_enrolments WHERE rule_id = ? AND record_kind = ? AND record_id = ? AND match_key = ?`).get(ruleId, kind, recordId, matchKey) !== undefined;
  }

  activeFor(kind: RecordKind, recordId: string): EnrolmentRow[] {
    return this.db.prepare<EnrolmentRow>(`SELECT ${ENROLMENT_COLUMNS} FROM workflow_enrolments WHERE record_kind = ? AND record_id = ? AND state = 'active'`).all(kind, recordId);
  }

  enrolment(id: string): EnrolmentRow | null {
    return this.db.prepare<EnrolmentRow>(`SELECT ${ENROLMENT_COLUMNS} FROM workflow_enrolments WHERE id = ?`).get(id) ?? null;
  }

  insertEnrolment(row: Omit<EnrolmentRow, 'state' | 'exitReason' | 'endedAt'>): void {
    this.db
      .prepare(
        `INSERT INTO workflow_enrolments (id, rule_id, record_kind, record_id, match_key, contact_id, company_id, label, anchor_at, state, enrolled_at)
         VALUES (@id, @ruleId, @recordKind, @recordId, @matchKey, @contactId, @companyId, @label, @anchorAt, 'active', @enrolledAt)`,
      )
      .run(row);
  }

  /** Ends an enrolment; its steps still planned or held are skipped with the same reason. */
  endEnrolment(id: string, state: 'completed' | 'exited', reason: string | null, at: string): void {
    this.db.prepare(`UPDATE workflow_enrolments SET state = ?, exit_reason = ?, ended_at = ? WHERE id = ? AND state = 'active'`).run(state, reason, at, id);
    if (state === 'exited') {
      this.db.prepare(`UPDATE workflow_steps SET state = 'skipped', reason = ?, finished_at = ?, updated_at = ? WHERE enrolment_id = ? AND state IN ('planned', 'held')`).run(reason, at, at, id);
    }
  }

  // ── steps ────────────────────────────────────────────────────────────────────────────────────

  insertStep(row: Pick<StepRow, 'id' | 'enrolmentId' | 'ruleId' | 'stepId' | 'position' | 'idempotencyKey' | 'dueAt' | 'state' | 'reason'>, at: string): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO workflow_steps (id, enrolment_id, rule_id, step_id, position, idempotency_key, due_at, state, reason, finished_at, created_at, updated_at)
         VALUES (@id, @enrolmentId, @ruleId, @stepId, @position, @idempotencyKey, @dueAt, @state, @reason, CASE WHEN @state = 'skipped' THEN @at END, @at, @at)`,
      )
      .run({ ...row, at });
  }

  step(id: string): StepRow | null {
    return this.db.prepare<StepRow>(`SELECT ${STEP_COLUMNS} FROM workflow_steps s WHERE s.id = ?`).get(id) ?? null;
  }

  /** Planned steps due at `now`, oldest first. */
  due(now: string, limit: number): StepRow[] {
    return this.db.prepare<StepRow>(`SELECT ${STEP_COLUMNS} FROM workflow_steps s WHERE s.state = 'planned' AND s.due_at <= ? ORDER BY s.due_at, s.position LIMIT ?`).all(now, limit);
  }

  nextDueAt(): string | null {
    return this.db.prepare<{ at: string | null }>(`SELECT min(due_at) AS at FROM workflow_steps WHERE state = 'planned'`).get()?.at ?? null;
  }

  /** Steps left 'running' by a process that stopped in the middle of one. */
  running(): StepRow[] {
    return this.db.prepare<StepRow>(`SELECT ${STEP_COLUMNS} FROM workflow_steps s WHERE s.state = 'running'`).all();
  }

  /** Planned steps due before `before` (overdue after a stop), with their rule. */
  overdue(before: string): StepRow[] {
    return this.db.prepare<StepRow>(`SELECT ${STEP_COLUMNS} FROM workflow_steps s WHERE s.state = 'planned' AND s.due_at < ? ORDER BY s.due_at`).all(before);
  }

  /** A move of a step's state, only from the states given (a step moved meanwhile is left alone). */
  moveStep(id: string, from: readonly StepState[], to: StepState, fields: { reason?: string | null; detail?: string | null; dueAt?: string; lastError?: string | null; resultRef?: string | null; attempt?: boolean } , at: string): boolean {
    const finished = to === 'done' || to === 'skipped' || to === 'failed';
    const result = this.db
      .prepare(
        `UPDATE workflow_steps SET state = @to,
           reason = CASE WHEN @hasReason THEN @reason ELSE reason END,
           detail = CASE WHEN @hasDetail THEN @detail ELSE detail END,
           due_at = coalesce(@dueAt, due_at),
           last_error = CASE WHEN @hasError THEN @lastError ELSE last_error END,
           result_ref = coalesce(@resultRef, result_ref),
           attempts = attempts + @attempt,
           finished_at = CASE WHEN @finished THEN @at ELSE NULL END,
           updated_at = @at
         WHERE id = @id AND state IN (${from.map((s) => `'${s}'`).join(', ')})`,
      )
      .run({
        id,
        to,
        hasReason: fields.reason !== undefined ? 1 : 0,
        reason: fields.reason ?? null,
        hasDetail: fields.detail !== undefined ? 1 : 0,
        detail: fields.detail ?? null,
        dueAt: fields.dueAt ?? null,
        hasError: fields.lastError !== undefined ? 1 : 0,
        lastError: fields.lastError ?? null,
        resultRef: fields.resultRef ?? null,
        attempt: fields.attempt ? 1 : 0,
        finished: finished ? 1 : 0,
        at,
      });
    return result.changes === 1;
  }

  /** True when no step of the enrolment is still to run. */
  enrolmentFinished(enrolmentId: string): boolean {
    return this.db.prepare(`SELECT 1 FROM workflow_steps WHERE enrolment_id = ? AND state IN ('planned', 'held', 'running') LIMIT 1`).get(enrolmentId) === undefined;
  }

  stepsWithRecord(where: string, params: unknown[], order: string, limit: number): StepWithRecord[] {
    return this.db.prepare<StepWithRecord>(`SELECT ${WITH_RECORD} WHERE ${where} ORDER BY ${order} LIMIT ?`).all(...params, limit);
  }

  countsByRule(): Array<{ ruleId: string; state: StepState; n: number; next: string | null }> {
    return this.db.prepare<{ ruleId: string; state: StepState; n: number; next: string | null }>(`SELECT rule_id AS ruleId, state, count(*) AS n, min(due_at) AS next FROM workflow_steps GROUP BY rule_id, state`).all();
  }

  activeEnrolmentsByRule(): Map<string, number> {
    const rows = this.db.prepare<{ ruleId: string; n: number }>(`SELECT rule_id AS ruleId, count(*) AS n FROM workflow_enrolments WHERE state = 'active' GROUP BY rule_id`).all();
    return new Map(rows.map((r) => [r.ruleId, r.n]));
  }

  // ── what the rules' exits read ──────────────────────────────────────────────────────────────

  /** An e-mail from the customer, or a call with them answered, since `since`. */
  customerRepliedSince(contactId: string, since: string): boolean {
    return (
      this.db.prepare(`SELECT 1 FROM emails WHERE contact_id = ? AND direction = 'in' AND sent_at > ? LIMIT 1`).get(contactId, since) !== undefined ||
      this.db.prepare(`SELECT 1 FROM calls WHERE contact_id = ? AND ring_at > ? AND answer_at IS NOT NULL LIMIT 1`).get(contactId, since) !== undefined
    );
  }

  /** A maintenance visit of the same customer after `after` (planned or done). */
  newerMaintenance(owner: { contactId: string | null; companyId: string | null }, after: string, excludeId: string): boolean {
    const column = owner.contactId ? 'contact_id' : 'company_id';
    const id = owner.contactId ?? owner.companyId;
    if (!id) return false;
    return (
      this.db
        .prepare(`SELECT 1 FROM interventions WHERE ${column} = ? AND id <> ? AND scheduled_at > ? AND status IN ('planifiee', 'en_cours', 'terminee') AND lower(kind) LIKE '%entretien%' LIMIT 1`)
        .get(id, excludeId, after) !== undefined
    );
  }

  // ── settings and state ───────────────────────────────────────────────────────────────────────

  ruleSettings(): Map<string, unknown> {
    const rows = this.db.prepare<{ ruleId: string; settings: string }>(`SELECT rule_id AS ruleId, settings FROM workflow_rule_settings`).all();
    const map = new Map<string, unknown>();
    for (const row of rows) {
      try {
        map.set(row.ruleId, JSON.parse(row.settings));
      } catch {
        // An unreadable row is the rule's defaults; the next save replaces it.
      }
    }
    return map;
  }

  saveRuleSettings(ruleId: string, settings: unknown, at: string, by: string | null): void {
    this.db
      .prepare(`INSERT INTO workflow_rule_settings (rule_id, settings, updated_at, updated_by) VALUES (?, ?, ?, ?) ON CONFLICT (rule_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at, updated_by = excluded.updated_by`)
      .run(ruleId, JSON.stringify(settings), at, by);
  }

  state(key: string): string | null {
    return this.db.prepare<{ value: string }>(`SELECT value FROM workflow_state WHERE key = ?`).get(key)?.value ?? null;
  }

  setState(key: string, value: string | null): void {
    if (value === null) this.db.prepare(`DELETE FROM workflow_state WHERE key = ?`).run(key);
    else this.db.prepare(`INSERT INTO workflow_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(key, value);
  }

  /** The e-mail address and phone of a record's contact (or company). */
  recipient(contactId: string | null, companyId: string | null): { email: string | null; name: string | null; phone: { e164: string | null; raw: string } | null } {
    if (contactId) {
      const c = this.db.prepare<{ email: string | null; name: string }>(`SELECT email, trim(first_name || ' ' || last_name) AS name FROM contacts WHERE id = ?`).get(contactId);
      const phone = this.db.prepare<{ e164: string | null; raw: string }>(`SELECT e164, raw FROM phones WHERE contact_id = ? ORDER BY kind = 'mobile' DESC LIMIT 1`).get(contactId) ?? null;
      if (c) return { email: c.email, name: c.name || null, phone };
    }
    if (companyId) {
      const c = this.db.prepare<{ email: string | null; name: string }>(`SELECT email, name FROM companies WHERE id = ?`).get(companyId);
      const phone = this.db.prepare<{ e164: string | null; raw: string }>(`SELECT e164, raw FROM phones WHERE company_id = ? LIMIT 1`).get(companyId) ?? null;
      if (c) return { email: c.email, name: c.name, phone };
    }
    return { email: null, name: null, phone: null };
  }
}
