/**
 * The callback list: one open item per caller number, gathering its missed calls; closed items
 * are kept with who closed them, why and when (nothing drops off silently).
 */
import { randomUUID } from 'node:crypto';
import { ServiceError } from '../../../contract/envelope';
import type { AccueilDatabase } from '../../store/database';
import type { Clock } from '../../store/record-owner';
import { displayNumber } from '../../shared/phone-number';

export interface CallbackRow {
  id: string;
  state: 'open' | 'done';
  numberKey: string;
  numberE164: string | null;
  display: string;
  contactId: string | null;
  companyId: string | null;
  label: string | null;
  firstMissedAt: string;
  lastMissedAt: string;
  missedCount: number;
  closedAt: string | null;
  closedBy: 'answered_call' | 'agent' | null;
  closeReason: string | null;
  closingCallId: string | null;
  /** Why to call back besides missed calls (a low survey score), and by when. */
  requestReason: string | null;
  requestDueAt: string | null;
}

/** Whom an item of the list is about: the number to call and who it is. */
export interface CallbackCaller {
  numberKey: string;
  numberE164: string | null;
  display: string;
  contactId: string | null;
  companyId: string | null;
  label: string | null;
}

/** An item put on the list by another area (a low score, a workflow), not by a missed call. */
export interface CallbackRequest extends CallbackCaller {
  /** Who asks, unique (« survey:<id> »): asking again changes nothing. */
  ref: string;
  reason: string;
  dueAt: string;
}

export interface MissedCall extends CallbackCaller {
  callId: string;
  ringAt: string;
}

/** A missed inbound call of the line that is on no callback item yet. */
export interface UnlistedMissedCall {
  id: string;
  fromRaw: string;
  fromE164: string | null;
  fromDisplay: string;
  contactId: string | null;
  companyId: string | null;
  matchLabel: string | null;
  ringAt: string;
}

interface Row {
  id: string;
  state: 'open' | 'done';
  number_key: string;
  number_e164: string | null;
  number_display: string;
  contact_id: string | null;
  company_id: string | null;
  label: string | null;
  first_missed_at: string;
  last_missed_at: string;
  missed_count: number;
  closed_at: string | null;
  closed_by: 'answered_call' | 'agent' | null;
  close_reason: string | null;
  closing_call_id: string | null;
  request_reason: string | null;
  request_due_at: string | null;
}

const SELECT = `SELECT cb.id, cb.state, cb.number_key, cb.number_e164, cb.number_display, cb.contact_id, cb.company_id, cb.label,
  cb.first_missed_at, cb.last_missed_at, (SELECT count(*) FROM callback_calls cc WHERE cc.callback_id = cb.id) AS missed_count,
  cb.closed_at, cb.closed_by, cb.close_reason, cb.closing_call_id, cb.request_reason, cb.request_due_at FROM callbacks cb`;

/** An item of the callback list as the supervisor's figures need it. */
export interface CallbackItemRow {
  state: 'open' | 'done';
  closedAt: string | null;
  closedBy: 'answered_call' | 'agent' | null;
  firstMissedAt: string;
  /** The item's first missed call at or after the `since` given (null: none that recent). */
  firstMissedSince: string | null;
}

export class CallbacksRepository {
  private readonly byId;
  private readonly openByKey;
  private readonly listed;
  private readonly insertItem;
  private readonly joinItem;
  private readonly linkCall;
  private readonly closeStatement;
  private readonly openList;
  private readonly allList;
  private readonly unlisted;
  private readonly markFollowing;
  private readonly reachedAfterStatement;
  private readonly followingSince;

  constructor(
    private readonly db: AccueilDatabase,
    private readonly clock: Clock,
  ) {
    this.byId = db.prepare<Row>(`${SELECT} WHERE cb.id = ?`);
    // Both indexed lookups (calls_from_e164, calls_to_e164): was this number reached after that time?
    this.reachedAfterStatement = db.prepare<{ id: string }>(
      `SELECT id FROM (
         SELECT id, ring_at FROM calls WHERE from_e164 = @e164 AND direction = 'inbound' AND state IN ('answered', 'ended', 'answered_elsewhere') AND ring_at > @after
         UNION ALL
         SELECT id, ring_at FROM calls WHERE to_e164 = @e164 AND direction = 'outbound' AND answer_at IS NOT NULL AND ring_at > @after
       ) ORDER BY ring_at LIMIT 1`,
    );
    this.markFollowing = db.prepare('INSERT OR IGNORE INTO callbacks_following (one, since) VALUES (1, ?)');
    this.followingSince = db.prepare<{ since: string }>('SELECT since FROM callbacks_following WHERE one = 1');
    this.openByKey = db.prepare<{ id: string }>(`SELECT id FROM callbacks WHERE number_key = ? AND state = 'open'`);
    this.listed = db.prepare<{ callback_id: string }>('SELECT callback_id FROM callback_calls WHERE call_id = ?');
    this.insertItem = db.prepare(
      `INSERT INTO callbacks (id, number_key, number_e164, number_display, contact_id, company_id, label, first_missed_at, last_missed_at,
         state, created_at, updated_at)
       VALUES (@id, @number_key, @number_e164, @number_display, @contact_id, @company_id, @label, @ring_at, @ring_at, 'open', @now, @now)`,
    );
    // A later call may know the caller better (attached meanwhile): fill what the item lacks.
    this.joinItem = db.prepare(
      `UPDATE callbacks SET
         first_missed_at = min(first_missed_at, @ring_at), last_missed_at = max(last_missed_at, @ring_at),
         contact_id = coalesce(contact_id, @contact_id), company_id = coalesce(company_id, @company_id), label = coalesce(label, @label),
         updated_at = @now
       WHERE id = @id`,
    );
    this.linkCall = db.prepare('INSERT INTO callback_calls (call_id, callback_id, ring_at) VALUES (?, ?, ?)');
    this.closeStatement = db.prepare(
      `UPDATE callbacks SET state = 'done', closed_at = @at, closed_by = @by, close_reason = @reason, closing_call_id = @call_id, updated_at = @at
       WHERE id = @id AND state = 'open'`,
    );
    this.openList = db.prepare<Row>(`${SELECT} WHERE cb.state = 'open' ORDER BY cb.first_missed_at LIMIT ?`);
    this.allList = db.prepare<Row>(
      `${SELECT} ORDER BY cb.state = 'done', CASE WHEN cb.state = 'open' THEN cb.first_missed_at END, cb.closed_at DESC LIMIT ?`,
    );
    this.unlisted = db.prepare<{
      id: string;
      from_raw: string;
      from_e164: string | null;
      from_display: string;
      contact_id: string | null;
      company_id: string | null;
      match_label: string | null;
      ring_at: string;
    }>(
      `SELECT c.id, c.from_raw, c.from_e164, c.from_display, c.contact_id, c.company_id, c.match_label, c.ring_at FROM calls c
       WHERE c.state = 'missed' AND c.direction = 'inbound' AND c.sip_call_id IS NOT NULL AND c.ring_at >= ?
         AND NOT EXISTS (SELECT 1 FROM callback_calls cc WHERE cc.call_id = c.id)
       ORDER BY c.ring_at`,
    );
  }

  /** The instant the list began to follow the journal (set once, at the first call). */
  following(now = this.clock().toISOString()): string {
    this.markFollowing.run(now);
    return this.followingSince.get()!.since;
  }

  get(id: string): CallbackRow | null {
    const row = this.byId.get(id);
    return row ? toCallback(row) : null;
  }

  /**
   * Puts a missed call on the list: it joins the open item of its number, or opens one. Returns the
   * item's id, or null when this call is already on the list (the same call reported twice).
   */
  addMissed(call: MissedCall): string | null {
    return this.db.transaction(() => {
      if (this.listed.get(call.callId)) return null;
      const now = this.clock().toISOString();
      const open = this.openByKey.get(call.numberKey);
      const params = {
        number_key: call.numberKey,
        number_e164: call.numberE164,
        number_display: call.display,
        contact_id: call.contactId,
        company_id: call.companyId,
        label: call.label,
        ring_at: call.ringAt,
        now,
      };
      let id: string;
      if (open) {
        id = open.id;
        this.joinItem.run({ ...params, id });
      } else {
        id = randomUUID();
        this.insertItem.run({ ...params, id });
      }
      this.linkCall.run(call.callId, id, call.ringAt);
      return id;
    });
  }

  /**
   * Puts a request on the list: it joins the number's open item (a customer who also called and
   * was missed is one item, with the reason added) or opens one. Returns the item's id; the same
   * `ref` twice returns the first item.
   */
  addRequest(request: CallbackRequest): string {
    return this.db.transaction(() => {
      const now = this.clock().toISOString();
      const asked = this.itemOfRequest(request.ref);
      if (asked) {
        // The same asker again: its own line follows its latest words (a comment after the score).
        if (asked.state === 'open' && asked.reasons[request.ref] !== request.reason) this.writeReasons(asked.id, { ...asked.reasons, [request.ref]: request.reason }, now);
        return asked.id;
      }
      const params = {
        number_key: request.numberKey,
        number_e164: request.numberE164,
        number_display: request.display,
        contact_id: request.contactId,
        company_id: request.companyId,
        label: request.label,
        reason: request.reason,
        reasons: JSON.stringify({ [request.ref]: request.reason }),
        due_at: request.dueAt,
        ref: request.ref,
        now,
      };
      const open = this.openByKey.get(request.numberKey);
      if (open) {
        this.db
          .prepare(
            `UPDATE callbacks SET request_due_at = min(coalesce(request_due_at, @due_at), @due_at), request_ref = coalesce(request_ref, @ref),
               contact_id = coalesce(contact_id, @contact_id), company_id = coalesce(company_id, @company_id), label = coalesce(label, @label), updated_at = @now
             WHERE id = @id`,
          )
          .run({ ...params, id: open.id });
        this.writeReasons(open.id, { ...this.reasonsOf(open.id), [request.ref]: request.reason }, now);
        return open.id;
      }
      const id = randomUUID();
      this.db
        .prepare(
          `INSERT INTO callbacks (id, number_key, number_e164, number_display, contact_id, company_id, label, first_missed_at, last_missed_at,
             state, request_reason, request_reasons, request_due_at, request_ref, created_at, updated_at)
           VALUES (@id, @number_key, @number_e164, @number_display, @contact_id, @company_id, @label, @now, @now, 'open', @reason, @reasons, @due_at, @ref, @now, @now)`,
        )
        .run({ ...params, id });
      return id;
    });
  }

  /** The open item a request opened or joined (null: none, or already closed). */
  openRequest(ref: string): string | null {
    const item = this.itemOfRequest(ref);
    return item?.state === 'open' ? item.id : null;
  }

  /**
   * The asker takes its request back: its line goes; an item left with nothing to say and no missed
   * call is closed with `reason`.
   */
  withdrawRequest(ref: string, reason: string): boolean {
    const item = this.itemOfRequest(ref);
    if (!item || item.state !== 'open') return false;
    const now = this.clock().toISOString();
    const { [ref]: _gone, ...rest } = item.reasons;
    const missed = this.db.prepare<{ n: number }>(`SELECT count(*) AS n FROM callback_calls WHERE callback_id = ?`).get(item.id)!.n;
    if (Object.keys(rest).length > 0 || missed > 0) {
      this.writeReasons(item.id, rest, now);
      if (Object.keys(rest).length === 0) this.db.prepare(`UPDATE callbacks SET request_due_at = NULL, request_ref = NULL, updated_at = ? WHERE id = ?`).run(now, item.id);
      else this.db.prepare(`UPDATE callbacks SET request_ref = CASE WHEN request_ref = ? THEN ? ELSE request_ref END WHERE id = ?`).run(ref, Object.keys(rest)[0]!, item.id);
      return true;
    }
    return this.close(item.id, { by: 'agent', reason, callId: null, at: now });
  }

  /** The item this asker's request opened or joined, open or closed (the most recent). */
  private itemOfRequest(ref: string): { id: string; state: string; reasons: Record<string, string> } | null {
    const row = this.db
      .prepare<{ id: string; state: string; request_reasons: string | null }>(
        `SELECT id, state, request_reasons FROM callbacks
         WHERE request_ref = @ref OR (request_reasons IS NOT NULL AND EXISTS (SELECT 1 FROM json_each(request_reasons) WHERE key = @ref))
         ORDER BY state = 'open' DESC, updated_at DESC LIMIT 1`,
      )
      .get({ ref });
    return row ? { id: row.id, state: row.state, reasons: parseReasons(row.request_reasons) } : null;
  }

  private reasonsOf(id: string): Record<string, string> {
    return parseReasons(this.db.prepare<{ request_reasons: string | null }>(`SELECT request_reasons FROM callbacks WHERE id = ?`).get(id)?.request_reasons ?? null);
  }

  private writeReasons(id: string, reasons: Record<string, string>, now: string): void {
    const lines = Object.values(reasons);
    this.db
      .prepare(`UPDATE callbacks SET request_reasons = ?, request_reason = ?, updated_at = ? WHERE id = ?`)
      .run(lines.length > 0 ? JSON.stringify(reasons) : null, lines.length > 0 ? lines.join('\n') : null, now, id);
  }

  /** The first call after `after` in which this number was reached (answered, either way), if any. */
  reachedAfter(e164: string, after: string): string | null {
    return this.reachedAfterStatement.get({ e164, after })?.id ?? null;
  }

  openIdFor(numberKey: string): string | null {
    return this.openByKey.get(numberKey)?.id ?? null;
  }

  /** Returns false when the item was already closed (or does not exist). */
  close(id: string, closing: { by: 'answered_call' | 'agent'; reason: string; callId: string | null; at?: string }): boolean {
    const at = closing.at ?? this.clock().toISOString();
    return this.closeStatement.run({ id, at, by: closing.by, reason: closing.reason, call_id: closing.callId }).changes > 0;
  }

  /** Open items oldest first (the most overdue on top); with `includeDone`, closed ones after, newest first. */
  /** The list; with `line`, only the items with a missed call that rang on that line (« mes rappels »). */
  list(options: { includeDone: boolean; limit: number; line?: string | null }): CallbackRow[] {
    if (options.line == null) return (options.includeDone ? this.allList : this.openList).all(options.limit).map(toCallback);
    const onLine = `EXISTS (SELECT 1 FROM callback_calls cc JOIN calls c ON c.id = cc.call_id WHERE cc.callback_id = cb.id AND c.direction = 'inbound' AND c.to_raw = @line)`;
    const sql = options.includeDone
      ? `${SELECT} WHERE ${onLine} ORDER BY cb.state = 'done', CASE WHEN cb.state = 'open' THEN cb.first_missed_at END, cb.closed_at DESC LIMIT @limit`
      : `${SELECT} WHERE cb.state = 'open' AND ${onLine} ORDER BY cb.first_missed_at LIMIT @limit`;
    return this.db.prepare<Row>(sql).all({ line: options.line, limit: options.limit }).map(toCallback);
  }

  /** Missed calls of the line left off the list (a crash between the journal and the list, a killed run). */
  unlistedMissed(since: string): UnlistedMissedCall[] {
    return this.unlisted.all(since).map((r) => ({
      id: r.id,
      fromRaw: r.from_raw,
      fromE164: r.from_e164,
      fromDisplay: r.from_display,
      contactId: r.contact_id,
      companyId: r.company_id,
      matchLabel: r.match_label,
      ringAt: r.ring_at,
    }));
  }

  existing(id: string): CallbackRow {
    const item = this.get(id);
    if (!item) throw new ServiceError('not_found', { reason: 'callback.not_found' });
    return item;
  }

  /** For the supervisor's figures: the open items and those with a missed call since `sinceIso`. */
  itemsForFiguresSince(sinceIso: string): CallbackItemRow[] {
    // Open items, and items that gathered a missed call since the instant; withheld numbers ('masque')
    // cannot be called back and are left out, as everywhere on the list.
    return this.db.prepare<CallbackItemRow>(
      `SELECT cb.state, cb.closed_at AS closedAt, cb.closed_by AS closedBy, cb.first_missed_at AS firstMissedAt,
         (SELECT min(cc.ring_at) FROM callback_calls cc WHERE cc.callback_id = cb.id AND cc.ring_at >= @since) AS firstMissedSince
       FROM callbacks cb
       WHERE cb.number_key <> 'masque'
         AND EXISTS (SELECT 1 FROM callback_calls cc WHERE cc.callback_id = cb.id)
         AND (cb.state = 'open' OR EXISTS (SELECT 1 FROM callback_calls cc WHERE cc.callback_id = cb.id AND cc.ring_at >= @since))`,
      )
      .all({ since: sinceIso });
  }
}

function toCallback(row: Row): CallbackRow {
  return {
    id: row.id,
    state: row.state,
    numberKey: row.number_key,
    numberE164: row.number_e164,
    // In today's format, whatever the journal recorded when the call was missed.
    display: row.number_e164 !== null ? displayNumber(row.number_e164, row.number_display) : row.number_display,
    contactId: row.contact_id,
    companyId: row.company_id,
    label: row.label,
    firstMissedAt: row.first_missed_at,
    lastMissedAt: row.last_missed_at,
    missedCount: row.missed_count,
    closedAt: row.closed_at,
    closedBy: row.closed_by,
    closeReason: row.close_reason,
    closingCallId: row.closing_call_id,
    requestReason: row.request_reason,
    requestDueAt: row.request_due_at,
  };
}

function parseReasons(json: string | null): Record<string, string> {
  if (!json) return {};
  try {
    const parsed = JSON.parse(json) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}
