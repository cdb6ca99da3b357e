/**
 * The call journal. The ringing row is written first and synchronously (WAL + synchronous=NORMAL:
 * durable across an application crash), before the pop is announced.
 */
import type { CallRecord, CallState } from '../../contract/model';
import { ServiceError } from '../../contract/envelope';
import type { AccueilDatabase } from './database';
import type { Clock } from './record-owner';
import { isSimulatedCallId } from './demo-purge';
import { displayNumber } from '../shared/phone-number';

export interface RingingCall {
  id: string;
  sipCallId: string | null;
  direction: 'inbound' | 'outbound';
  fromRaw: string;
  fromE164: string | null;
  fromDisplay: string;
  callerName: string | null;
  toRaw: string;
  ringAt: string;
  contactId: string | null;
  companyId: string | null;
  matchLabel: string | null;
}

export type CallPatch = Partial<{
  state: CallState;
  answerAt: string | null;
  endAt: string | null;
  endReason: string | null;
  contactId: string | null;
  companyId: string | null;
  matchLabel: string | null;
}>;

/** A past call as loaded by a sync or the demo generator, with its outcome already known. */
export interface PastCall extends RingingCall {
  state: CallState;
  answerAt: string | null;
  endAt: string | null;
  endReason: string | null;
  /** The number an outbound call dialled, in E.164 (what tells a call-back from any other call). */
  toE164?: string | null;
  /** Defaults to now. */
  updatedAt?: string;
}

interface CallRow {
  id: string;
  direction: 'inbound' | 'outbound';
  state: CallState;
  from_raw: string;
  from_e164: string | null;
  from_display: string;
  caller_name: string | null;
  to_raw: string;
  to_e164: string | null;
  ring_at: string;
  answer_at: string | null;
  end_at: string | null;
  contact_id: string | null;
  company_id: string | null;
  match_label: string | null;
  end_reason: string | null;
  sip_call_id: string | null;
}

const COLUMNS = `id, direction, state, from_raw, from_e164, from_display, caller_name, to_raw, to_e164, ring_at, answer_at, end_at,
  contact_id, company_id, match_label, end_reason, sip_call_id`;

const PATCHABLE = {
  state: 'state',
  answerAt: 'answer_at',
  endAt: 'end_at',
  endReason: 'end_reason',
  contactId: 'contact_id',
  companyId: 'company_id',
  matchLabel: 'match_label',
} as const;

export class CallsRepository {
  private readonly insertStatement;
  private readonly updateStatement;
  private readonly byId;
  private readonly bySipCallId;
  private readonly recentAll;
  private readonly recentMissed;
  private readonly activeStatement;

  constructor(
    db: AccueilDatabase,
    private readonly clock: Clock,
  ) {
    this.insertStatement = db.prepare(
      `INSERT INTO calls (id, sip_call_id, direction, state, from_raw, from_e164, from_display, caller_name, to_raw, to_e164, ring_at,
         answer_at, end_at, contact_id, company_id, match_label, end_reason, updated_at)
       VALUES (@id, @sip_call_id, @direction, @state, @from_raw, @from_e164, @from_display, @caller_name, @to_raw, @to_e164, @ring_at,
         @answer_at, @end_at, @contact_id, @company_id, @match_label, @end_reason, @updated_at)`,
    );
    // One statement for every patch: a column changes only when its flag is set, so a patch that
    // omits a field leaves it alone while an explicit null clears it.
    this.updateStatement = db.prepare(
      `UPDATE calls SET ${Object.values(PATCHABLE)
        .map((column) => `${column} = CASE WHEN @set_${column} THEN @${column} ELSE ${column} END`)
        .join(', ')}, updated_at = @updated_at
       WHERE id = @id`,
    );
    this.byId = db.prepare<CallRow>(`SELECT ${COLUMNS} FROM calls WHERE id = ?`);
    this.bySipCallId = db.prepare<CallRow>(`SELECT ${COLUMNS} FROM calls WHERE sip_call_id = ? ORDER BY ring_at DESC LIMIT 1`);
    this.recentAll = db.prepare<CallRow>(`SELECT ${COLUMNS} FROM calls ORDER BY ring_at DESC LIMIT ?`);
    this.recentMissed = db.prepare<CallRow>(`SELECT ${COLUMNS} FROM calls WHERE state = 'missed' ORDER BY ring_at DESC LIMIT ?`);
    this.activeStatement = db.prepare<CallRow>(`SELECT ${COLUMNS} FROM calls WHERE state IN ('ringing', 'answered') ORDER BY ring_at`);
  }

  insertRinging(row: RingingCall): CallRecord {
    this.insertPast({ ...row, state: 'ringing', answerAt: null, endAt: null, endReason: null });
    return this.get(row.id)!;
  }

  /** Inserts a call whose outcome is known (demo data, import); no read back. */
  insertPast(call: PastCall): void {
    this.insertStatement.run({
      id: call.id,
      sip_call_id: call.sipCallId,
      direction: call.direction,
      state: call.state,
      from_raw: call.fromRaw,
      from_e164: call.fromE164,
      from_display: call.fromDisplay,
      caller_name: call.callerName,
      to_raw: call.toRaw,
      to_e164: call.toE164 ?? null,
      ring_at: call.ringAt,
      answer_at: call.answerAt,
      end_at: call.endAt,
      contact_id: call.contactId,
      company_id: call.companyId,
      match_label: call.matchLabel,
      end_reason: call.endReason,
      updated_at: call.updatedAt ?? this.clock().toISOString(),
    });
  }

  update(id: string, patch: CallPatch): CallRecord {
    const params: Record<string, unknown> = { id, updated_at: this.clock().toISOString() };
    for (const [key, column] of Object.entries(PATCHABLE)) {
      const present = Object.prototype.hasOwnProperty.call(patch, key) && patch[key as keyof CallPatch] !== undefined;
      params[`set_${column}`] = present ? 1 : 0;
      params[column] = present ? patch[key as keyof CallPatch] : null;
    }
    if (this.updateStatement.run(params).changes === 0) throw new ServiceError('not_found', { reason: 'call.not_found' });
    return this.get(id)!;
  }

  get(id: string): CallRecord | null {
    const row = this.byId.get(id);
    return row ? toCallRecord(row) : null;
  }

  findBySipCallId(sipCallId: string): CallRecord | null {
    const row = this.bySipCallId.get(sipCallId);
    return row ? toCallRecord(row) : null;
  }

  /** Newest first. */
  recent(options: { limit: number; onlyMissed?: boolean }): CallRecord[] {
    const statement = options.onlyMissed ? this.recentMissed : this.recentAll;
    return statement.all(options.limit).map(toCallRecord);
  }

  /** Calls ringing or in progress, oldest first. */
  active(): CallRecord[] {
    return this.activeStatement.all().map(toCallRecord);
  }
}

function toCallRecord(row: CallRow): CallRecord {
  return {
    id: row.id,
    direction: row.direction,
    state: row.state,
    fromRaw: row.from_raw,
    fromE164: row.from_e164,
    // Formatted again on the way out: rows written by an older version or pulled from the CRM keep
    // the display of their day; a number without E.164 (extension, withheld) keeps the one recorded.
    fromDisplay: row.from_e164 !== null ? displayNumber(row.from_e164, row.from_raw) : row.from_display,
    callerName: row.caller_name,
    toRaw: row.to_raw,
    toDisplay: displayNumber(row.to_e164, row.to_raw),
    ringAt: row.ring_at,
    answerAt: row.answer_at,
    endAt: row.end_at,
    contactId: row.contact_id,
    companyId: row.company_id,
    matchLabel: row.match_label,
    endReason: row.end_reason,
    ...(isSimulatedCallId(row.sip_call_id) ? { simulated: true } : {}),
  };
}
