/**
 * The durable outbox (migration 0002): what must reach HubSpot, by kind and local id. Enqueue runs
 * inside the caller's transaction; repeated edits of one record waiting to be sent are one row.
 */
import type { AccueilDatabase } from './database';
import type { Clock } from './record-owner';

export type OutboxKind = 'contact' | 'company' | 'call' | 'note' | 'ticket' | 'email';

export interface OutboxItem {
  id: number;
  kind: OutboxKind;
  localId: string;
  op: 'create' | 'update';
  state: 'pending' | 'sending';
  attempts: number;
  nextAttemptAt: string;
  sendingSince: string | null;
  lastError: string | null;
  createdAt: string;
}

interface OutboxRow {
  id: number;
  kind: OutboxKind;
  local_id: string;
  op: 'create' | 'update';
  state: 'pending' | 'sending';
  attempts: number;
  next_attempt_at: string;
  sending_since: string | null;
  last_error: string | null;
  created_at: string;
}

const toItem = (r: OutboxRow): OutboxItem => ({
  id: r.id,
  kind: r.kind,
  localId: r.local_id,
  op: r.op,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  sendingSince: r.sending_since,
  lastError: r.last_error,
  createdAt: r.created_at,
});

export class OutboxRepository {
  private readonly waiting;
  private readonly insert;
  private readonly due;
  private readonly all;
  private readonly byId;
  private readonly markSendingStatement;
  private readonly rescheduleStatement;
  private readonly deleteStatement;
  private readonly countStatement;
  private readonly pendingFor;
  private readonly lastErrorStatement;
  private readonly olderSendingStatement;

  constructor(
    private readonly db: AccueilDatabase,
    private readonly clock: Clock = () => new Date(),
  ) {
    this.waiting = db.prepare<{ id: number; op: string }>(`SELECT id, op FROM outbox WHERE kind = ? AND local_id = ? AND state = 'pending'`);
    this.insert = db.prepare(
      `INSERT INTO outbox (kind, local_id, op, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.due = db.prepare<OutboxRow>(`SELECT * FROM outbox WHERE next_attempt_at <= ? ORDER BY id LIMIT ?`);
    this.all = db.prepare<OutboxRow>(`SELECT * FROM outbox ORDER BY id`);
    this.byId = db.prepare<OutboxRow>(`SELECT * FROM outbox WHERE id = ?`);
    this.markSendingStatement = db.prepare(`UPDATE outbox SET state = 'sending', sending_since = coalesce(sending_since, @at), attempts = attempts + 1, updated_at = @at WHERE id = @id`);
    this.rescheduleStatement = db.prepare(
      `UPDATE outbox SET state = @state, next_attempt_at = @next, last_error = @error, sending_since = CASE WHEN @state = 'pending' THEN NULL ELSE sending_since END, updated_at = @at WHERE id = @id`,
    );
    this.deleteStatement = db.prepare(`DELETE FROM outbox WHERE id = ?`);
    this.countStatement = db.prepare<{ n: number }>(`SELECT count(*) AS n FROM outbox`);
    this.pendingFor = db.prepare<{ one: number }>(`SELECT 1 AS one FROM outbox WHERE kind = ? AND local_id = ? LIMIT 1`);
    this.olderSendingStatement = db.prepare<{ one: number }>(
      `SELECT 1 AS one FROM outbox WHERE kind = ? AND local_id = ? AND state = 'sending' AND id < ? LIMIT 1`,
    );
    this.lastErrorStatement = db.prepare<{ last_error: string }>(`SELECT last_error FROM outbox WHERE last_error IS NOT NULL ORDER BY updated_at DESC LIMIT 1`);
  }

  /**
   * Queues a record. A record already waiting (not yet handed to HubSpot) is not queued twice: its
   * payload is built from the row at send time anyway. One being sent (marked 'sending' before every
   * request) gets a follow-up item, so an edit made during the request is sent after it.
   */
  enqueue(kind: OutboxKind, localId: string, op: 'create' | 'update'): void {
    const at = this.clock().toISOString();
    const existing = this.waiting.get(kind, localId);
    if (existing) return;
    this.insert.run(kind, localId, op, at, at, at);
  }

  /** Items whose time has come, oldest first. */
  dueItems(limit = 50): OutboxItem[] {
    return this.due.all(this.clock().toISOString(), limit).map(toItem);
  }

  list(): OutboxItem[] {
    return this.all.all().map(toItem);
  }

  get(id: number): OutboxItem | null {
    const row = this.byId.get(id);
    return row ? toItem(row) : null;
  }

  /** Recorded BEFORE the request leaves: after a crash, the item is looked up before a resend. */
  markSending(id: number): void {
    this.markSendingStatement.run({ id, at: this.clock().toISOString() });
  }

  /** Try again at `next`; `ambiguous` keeps 'sending' (HubSpot may have applied it). */
  reschedule(id: number, next: Date, error: string, ambiguous: boolean): void {
    this.rescheduleStatement.run({ id, next: next.toISOString(), error, state: ambiguous ? 'sending' : 'pending', at: this.clock().toISOString() });
  }

  /** Sent and recorded (call inside the transaction that stores the HubSpot id). */
  complete(id: number): void {
    this.deleteStatement.run(id);
  }

  count(): number {
    return this.countStatement.get()?.n ?? 0;
  }

  /** True while a local change of this record waits to be sent: the pull must not overwrite it. */
  hasPending(kind: OutboxKind, localId: string): boolean {
    return this.pendingFor.get(kind, localId) !== undefined;
  }

  /**
   * True when an earlier item of the same record was handed to HubSpot and its outcome is still
   * unknown (a create cut by the network): a later item must wait for it, or it could create the
   * record a second time.
   */
  hasEarlierSending(kind: OutboxKind, localId: string, id: number): boolean {
    return this.olderSendingStatement.get(kind, localId, id) !== undefined;
  }

  lastError(): string | null {
    return this.lastErrorStatement.get()?.last_error ?? null;
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work);
  }
}
