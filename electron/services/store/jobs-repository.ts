/**
 * Durable jobs (migration 0005), for every queue: what must be done, for which record, and when to
 * try next. `enqueue` runs inside the caller's transaction (the record and its job commit together);
 * electron/services/jobs/job-queue.ts runs them.
 *
 * ```txt
 *  enqueue ──▶ pending ──markInFlight──▶ in_flight ──complete──▶ done (deleted if it has no key)
 *              ▲ │ ▲                      │ ▲  │
 *              │ │ └─────reschedule───────┘ └──┘ markInFlight again, or reschedule with the
 *              │ │     (nothing applied)         outcome unknown (it keeps its since)
 *              │ ├──reschedule (not yet) ──▶ pending
 *              │ ├──reschedule, outcome unknown ──▶ in_flight
 *              │ ├──complete (nothing left to do) ──▶ done
 *              │ └──fail──▶ failed ◀──fail── in_flight
 *              └────retry────┘
 * ```
 * A move the diagram does not have throws (StateMachine); a job whose row is gone (its record was
 * deleted or merged away while it ran) is not an error: the move is skipped.
 */
import { StateMachine } from '../state-machine';
import type { AccueilDatabase } from './database';
import type { Clock } from './record-owner';

export type JobState = 'pending' | 'in_flight' | 'done' | 'failed';

export const JOB_STATES = new StateMachine<JobState>({
  pending: ['pending', 'in_flight', 'done', 'failed'],
  in_flight: ['in_flight', 'pending', 'done', 'failed'],
  failed: ['pending'],
  done: [],
});

export interface Job<Payload = unknown> {
  id: number;
  queue: string;
  kind: string;
  /** What the job is about (a local id), or null. */
  subject: string | null;
  payload: Payload | null;
  idempotencyKey: string | null;
  state: JobState;
  /** How many times it was handed over (markInFlight). */
  attempts: number;
  nextAttemptAt: string;
  /** When it was first handed over without its outcome being recorded since. */
  inFlightSince: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewJob {
  kind: string;
  subject?: string | null;
  /** JSON-serialisable; what the handler cannot read from the subject's row at run time. */
  payload?: unknown;
  /** At most one job per key in the queue, ever (a done job with a key is kept): a second enqueue is a no-op. */
  idempotencyKey?: string | null;
  /** Not before (default: now). */
  runAt?: Date;
  /**
   * A job of the same kind and subject still waiting (not yet handed over) absorbs this one: its
   * handler reads the record when it runs, so it will carry this change too. One in flight does
   * not: this one follows it, so a change made during the request is not lost.
   */
  coalesce?: boolean;
}

export interface QueueCounts {
  pending: number;
  inFlight: number;
  failed: number;
}

interface JobRow {
  id: number;
  queue: string;
  kind: string;
  subject: string | null;
  payload: string | null;
  idempotency_key: string | null;
  state: JobState;
  attempts: number;
  next_attempt_at: string;
  in_flight_since: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

function parsePayload(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

const toJob = (r: JobRow): Job => ({
  id: r.id,
  queue: r.queue,
  kind: r.kind,
  subject: r.subject,
  payload: parsePayload(r.payload),
  idempotencyKey: r.idempotency_key,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  inFlightSince: r.in_flight_since,
  lastError: r.last_error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** `state IN ('a', 'b')` for the states a move to `to` may start from. */
const from = (to: JobState) => `state IN (${JOB_STATES.sourcesOf(to).map((s) => `'${s}'`).join(', ')})`;
/** Waiting or in flight: work still to do. */
const OPEN = `state IN ('pending', 'in_flight')`;

export class JobsRepository {
  constructor(
    private readonly db: AccueilDatabase,
    private readonly clock: Clock = () => new Date(),
  ) {}

  private now(): string {
    return this.clock().toISOString();
  }

  /** Queues a job (call inside the transaction of the write it follows). Returns its id, or the id of the job that absorbed it. */
  enqueue(queue: string, job: NewJob): number {
    const subject = job.subject ?? null;
    const key = job.idempotencyKey ?? null;
    if (key !== null) {
      const existing = this.db.prepare<{ id: number }>(`SELECT id FROM jobs WHERE queue = ? AND idempotency_key = ?`).get(queue, key);
      if (existing) return existing.id;
    }
    if (job.coalesce) {
      const waiting = this.db
        .prepare<{ id: number }>(`SELECT id FROM jobs WHERE queue = ? AND kind = ? AND subject IS ? AND state = 'pending' ORDER BY id LIMIT 1`)
        .get(queue, job.kind, subject);
      if (waiting) return waiting.id;
    }
    const at = this.now();
    const payload = job.payload === undefined || job.payload === null ? null : JSON.stringify(job.payload);
    const result = this.db
      .prepare(
        `INSERT INTO jobs (queue, kind, subject, payload, idempotency_key, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(queue, job.kind, subject, payload, key, job.runAt ? job.runAt.toISOString() : at, at, at);
    return Number(result.lastInsertRowid);
  }

  /** The queue's jobs whose time has come at `now`, oldest first. */
  due(queue: string, now: Date = this.clock(), limit = 50): Job[] {
    return this.db
      .prepare<JobRow>(`SELECT * FROM jobs WHERE queue = ? AND ${OPEN} AND next_attempt_at <= ? ORDER BY id LIMIT ?`)
      .all(queue, now.toISOString(), limit)
      .map(toJob);
  }

  /** When the queue's next job is due (null: nothing to do). */
  nextDueAt(queue: string): string | null {
    return this.db.prepare<{ at: string | null }>(`SELECT min(next_attempt_at) AS at FROM jobs WHERE queue = ? AND ${OPEN}`).get(queue)?.at ?? null;
  }

  get(id: number): Job | null {
    const row = this.db.prepare<JobRow>(`SELECT * FROM jobs WHERE id = ?`).get(id);
    return row ? toJob(row) : null;
  }

  /** Every job of a queue, finished ones included, oldest first. */
  list(queue: string): Job[] {
    return this.db.prepare<JobRow>(`SELECT * FROM jobs WHERE queue = ? ORDER BY id`).all(queue).map(toJob);
  }

  /** Recorded BEFORE the request leaves: after a crash, the job is looked up before it runs again. */
  markInFlight(id: number): boolean {
    const at = this.now();
    return this.move(
      id,
      'in_flight',
      this.db
        .prepare(
          `UPDATE jobs SET state = 'in_flight', in_flight_since = coalesce(in_flight_since, @at), attempts = attempts + 1, updated_at = @at WHERE id = @id AND ${from('in_flight')}`,
        )
        .run({ id, at }).changes,
    );
  }

  /**
   * Try again at `next`. `outcomeUnknown`: the other side may have applied it, so the job stays in
   * flight (and keeps its since); otherwise it waits as pending.
   */
  reschedule(id: number, change: { next: Date; error: string | null; outcomeUnknown: boolean }): boolean {
    const state: JobState = change.outcomeUnknown ? 'in_flight' : 'pending';
    return this.move(
      id,
      state,
      this.db
        .prepare(
          `UPDATE jobs SET state = @state, next_attempt_at = @next, last_error = @error,
             in_flight_since = CASE WHEN @state = 'pending' THEN NULL ELSE in_flight_since END, updated_at = @at
           WHERE id = @id AND ${from(state)}`,
        )
        .run({ id, state, next: change.next.toISOString(), error: change.error, at: this.now() }).changes,
    );
  }

  /**
   * Done and recorded (call inside the transaction that stores its result). A job with an
   * idempotency key is kept as 'done' (the key stays taken); any other is deleted.
   */
  complete(id: number): boolean {
    const deleted = this.db.prepare(`DELETE FROM jobs WHERE id = ? AND idempotency_key IS NULL AND ${from('done')}`).run(id).changes;
    if (deleted > 0) return true;
    const changes = this.db
      .prepare(`UPDATE jobs SET state = 'done', in_flight_since = NULL, last_error = NULL, updated_at = @at WHERE id = @id AND ${from('done')}`)
      .run({ id, at: this.now() }).changes;
    return this.move(id, 'done', changes);
  }

  /** Given up: the job stays, with its reason, until a person retries it. */
  fail(id: number, error: string): boolean {
    return this.move(id, 'failed', this.db.prepare(`UPDATE jobs SET state = 'failed', last_error = @error, updated_at = @at WHERE id = @id AND ${from('failed')}`).run({ id, error, at: this.now() }).changes);
  }

  /** A failed job waits again, due now. */
  retry(id: number): boolean {
    const at = this.now();
    return this.move(
      id,
      'pending',
      this.db.prepare(`UPDATE jobs SET state = 'pending', in_flight_since = NULL, next_attempt_at = @at, updated_at = @at WHERE id = @id AND state = 'failed'`).run({ id, at }).changes,
    );
  }

  /** Open jobs of a queue (waiting or in flight): what the status shows as still to send. */
  count(queue: string): number {
    return this.db.prepare<{ n: number }>(`SELECT count(*) AS n FROM jobs WHERE queue = ? AND ${OPEN}`).get(queue)?.n ?? 0;
  }

  /** Per queue: waiting, in flight, failed. */
  countByQueue(): Record<string, QueueCounts> {
    const out: Record<string, QueueCounts> = {};
    for (const row of this.db.prepare<{ queue: string; state: JobState; n: number }>(`SELECT queue, state, count(*) AS n FROM jobs WHERE state <> 'done' GROUP BY queue, state`).all()) {
      const counts = (out[row.queue] ??= { pending: 0, inFlight: 0, failed: 0 });
      if (row.state === 'pending') counts.pending = row.n;
      else if (row.state === 'in_flight') counts.inFlight = row.n;
      else counts.failed = row.n;
    }
    return out;
  }

  /** The job of the queue in flight the longest (its outcome unknown the longest), or null. */
  oldestInFlight(queue: string): Job | null {
    const row = this.db.prepare<JobRow>(`SELECT * FROM jobs WHERE queue = ? AND state = 'in_flight' ORDER BY in_flight_since IS NULL, in_flight_since, id LIMIT 1`).get(queue);
    return row ? toJob(row) : null;
  }

  /** True while a job of this record is waiting or in flight. */
  isQueued(queue: string, kind: string, subject: string): boolean {
    return this.db.prepare<{ one: number }>(`SELECT 1 AS one FROM jobs WHERE queue = ? AND kind = ? AND subject = ? AND ${OPEN} LIMIT 1`).get(queue, kind, subject) !== undefined;
  }

  /**
   * True when an earlier job of the same record was handed over and its outcome is still unknown
   * (a create cut by the network): a later job must wait for it, or it could do the work twice.
   */
  hasEarlierInFlight(queue: string, kind: string, subject: string, id: number): boolean {
    return (
      this.db
        .prepare<{ one: number }>(`SELECT 1 AS one FROM jobs WHERE queue = ? AND kind = ? AND subject = ? AND state = 'in_flight' AND id < ? LIMIT 1`)
        .get(queue, kind, subject, id) !== undefined
    );
  }

  /** The most recent error recorded in the queue. */
  lastError(queue: string): string | null {
    return this.db.prepare<{ last_error: string }>(`SELECT last_error FROM jobs WHERE queue = ? AND last_error IS NOT NULL ORDER BY updated_at DESC LIMIT 1`).get(queue)?.last_error ?? null;
  }

  /** A record merged into another: its jobs now concern the survivor. */
  moveSubject(queue: string, kind: string, fromSubject: string, toSubject: string): void {
    this.db.prepare(`UPDATE jobs SET subject = ?, updated_at = ? WHERE queue = ? AND kind = ? AND subject = ?`).run(toSubject, this.now(), queue, kind, fromSubject);
  }

  /** A record removed: its unfinished jobs go (done ones stay, their keys taken). */
  cancel(queue: string, kind: string, subject: string): void {
    this.db.prepare(`DELETE FROM jobs WHERE queue = ? AND kind = ? AND subject = ? AND state <> 'done'`).run(queue, kind, subject);
  }

  /** Forgets the queue's done jobs finished before `before` (their keys become free again). */
  pruneDone(queue: string, before: Date): number {
    return this.db.prepare(`DELETE FROM jobs WHERE queue = ? AND state = 'done' AND updated_at < ?`).run(queue, before.toISOString()).changes;
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work);
  }

  /** After a guarded UPDATE: true when it moved; false when the row is gone; throws on a move the diagram does not have. */
  private move(id: number, to: JobState, changes: number): boolean {
    if (changes > 0) return true;
    const current = this.db.prepare<{ state: JobState; queue: string }>(`SELECT state, queue FROM jobs WHERE id = ?`).get(id);
    if (!current) return false;
    JOB_STATES.transition(current.state, to, `job ${id} of queue ${current.queue}`);
    // The guard and the diagram agree; reaching here means the row changed between the two reads.
    return false;
  }
}
