/**
 * Durable jobs: one table for every queue of work that must survive a restart — the HubSpot pushes
 * today (queue 'hubspot', formerly the `outbox` table of 0002), customer surveys, workflow timers,
 * SMS sends and mailbox polls later. A job names what it is about (`kind`, `subject`: a local id)
 * and its handler builds what it sends from the local row at run time; `payload` holds only what
 * the row cannot tell (HubSpot: the op the item was queued with).
 *
 * - `state`: 'pending' (waiting for `next_attempt_at`), 'in_flight' (handed to the outside world
 *   since `in_flight_since`, its outcome not yet recorded — after a crash or a cut connection it is
 *   looked up before being run again), 'done' (kept only when it has an idempotency key, so that the
 *   same key enqueued again stays a no-op), 'failed' (given up: waits for a person).
 * - `idempotency_key`: at most one job per key and queue, ever (while its row is kept).
 * - The rows of `outbox` become 'hubspot' jobs with the same ids, so their order is kept, and a
 *   'sending' row becomes 'in_flight' with the same since: an upgraded install loses nothing and
 *   sends nothing twice.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Migration } from './migration';

const JOBS_SCHEMA = `
CREATE TABLE jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  queue TEXT NOT NULL,
  kind TEXT NOT NULL,
  subject TEXT,
  payload TEXT,
  idempotency_key TEXT,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'in_flight', 'done', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  in_flight_since TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (queue, idempotency_key)
);
-- What is due in a queue, oldest first; finished jobs are not in it.
CREATE INDEX jobs_due ON jobs(queue, next_attempt_at, id) WHERE state IN ('pending', 'in_flight');
-- The jobs of one record (coalescing, ordering, a record deleted or merged).
CREATE INDEX jobs_subject ON jobs(queue, kind, subject);
CREATE INDEX jobs_done ON jobs(queue, updated_at) WHERE state = 'done';
`;

/** An `outbox` row (0002) as the 'hubspot' job it becomes: also used to salvage an older damaged file. */
export function jobFromOutboxRow(row: Record<string, unknown>): Record<string, unknown> {
  return {
    id: row['id'],
    queue: 'hubspot',
    kind: row['kind'],
    subject: row['local_id'],
    payload: JSON.stringify({ op: row['op'] }),
    idempotency_key: null,
    state: row['state'] === 'sending' ? 'in_flight' : 'pending',
    attempts: row['attempts'] ?? 0,
    next_attempt_at: row['next_attempt_at'],
    in_flight_since: row['sending_since'] ?? null,
    last_error: row['last_error'] ?? null,
    created_at: row['created_at'],
    updated_at: row['updated_at'],
  };
}

const JOB_COLUMNS = ['id', 'queue', 'kind', 'subject', 'payload', 'idempotency_key', 'state', 'attempts', 'next_attempt_at', 'in_flight_since', 'last_error', 'created_at', 'updated_at'];

function moveOutboxIntoJobs(db: BetterSqlite3.Database): void {
  const insert = db.prepare(`INSERT INTO jobs (${JOB_COLUMNS.join(', ')}) VALUES (${JOB_COLUMNS.map((c) => `@${c}`).join(', ')})`);
  for (const row of db.prepare(`SELECT * FROM outbox ORDER BY id`).all() as Array<Record<string, unknown>>) insert.run(jobFromOutboxRow(row));
  db.exec(`DROP TABLE outbox`);
}

export const jobs: Migration = {
  version: 5,
  name: 'jobs',
  up(db) {
    db.exec(JOBS_SCHEMA);
    moveOutboxIntoJobs(db);
  },
};
