/**
 * JobQueue: runs the jobs of one queue of the jobs table (store/jobs-repository.ts) — the HubSpot
 * pushes today; customer surveys, workflow timers, SMS sends, mailbox polls later. Every state is
 * in SQLite, so a restart, a crash or a kill -9 resumes where the last committed step left off.
 *
 *   const surveys = new JobQueue({
 *     queue: 'surveys',
 *     jobs: new JobsRepository(store.database),
 *     handlers: { survey: async (run) => { run.markInFlight(); await sms.send(…); run.complete(); } },
 *     classify: (error) => ({ message: String(error), outcomeUnknown: isNetworkError(error) }),
 *   });
 *   surveys.start();   // the loop; `await surveys.stop()` at shutdown
 *
 * The rules every queue gets:
 * - Due jobs run oldest first, one at a time. A job waits while an earlier job of the same record
 *   is in flight (its outcome unknown): run now, it could do the work a second time.
 * - A handler marks its job in flight (`run.markInFlight()`) BEFORE its request leaves, and
 *   completes it (`run.complete(store the result)`) in the transaction that records the answer.
 * - A job found in flight (a crash between request and answer, a cut connection) goes to
 *   `resolveInFlight` first: 'completed' (it had been applied: found and recorded), 'idempotent'
 *   (running it again is harmless), or 'absent' (not found: run again once `inFlightGraceMs` since
 *   it left have passed, because the other side's search may lag its writes).
 * - A handler that throws NotYet waits `notYetDelayMs` without counting a failure (a call still
 *   ringing, a record it links to not sent yet).
 * - Any other error is classified by the queue: the job waits Retry-After when the other side said
 *   so, else an exponential backoff with jitter (backoff.ts) on its attempts; a failure whose
 *   outcome is unknown keeps it in flight; one that says so ends the pass (offline, token refused)
 *   or gives the job up ('failed', shown with its reason).
 */
import type { Logger } from '../log';
import { backoffDelay, exponentialCeiling } from '../backoff';
import type { Job, JobsRepository } from '../store/jobs-repository';

/** A reason to wait without counting a failure. Its message is recorded as the job's last error. */
export class NotYet extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotYet';
  }
}

/** One run of one job, as its handler sees it. */
export interface JobRun<Payload = unknown> {
  readonly job: Job<Payload>;
  /** Recorded before the request leaves: after a crash, the job is resolved before it runs again. */
  markInFlight(): void;
  /** Done: `alsoInTransaction` (storing what the other side answered) commits with the completion. */
  complete(alsoInTransaction?: () => void): void;
  readonly completed: boolean;
}

export type JobHandler = (run: JobRun) => Promise<void>;

/** A failure as the queue understands it (from `classify`). */
export interface JobFailure {
  /** For a person: shown as the job's last error and in the status. */
  message: string;
  /** The other side may have applied it (no answer, or a 5xx): the job stays in flight. */
  outcomeUnknown: boolean;
  /** The other side said when to come back (Retry-After). */
  retryAfterMs?: number | null;
  /** Nothing else due would do better now (offline, quota spent, token refused): the pass ends. */
  endsPass?: boolean;
  /** Only a person can fix it (a refused token): the loop waits for `start()` instead of retrying. */
  waitsForPerson?: boolean;
  /** Never worth retrying: the job is given up ('failed') with this message. */
  givesUp?: boolean;
  /** For logs. */
  kind?: string;
  status?: number | null;
}

/** What became of a job found in flight (see the module comment). */
export type InFlightResolution = 'completed' | 'idempotent' | 'absent';

export interface PassResult {
  /** Jobs completed. */
  done: number;
  failed: number;
  /** Jobs still waiting or in flight in the queue. */
  remaining: number;
}

export interface JobQueueLoopOptions {
  /** Between passes when nothing is due (default 15 s). */
  idleDelayMs?: number;
  /** Between passes while jobs are due (default 1 s). */
  busyDelayMs?: number;
  /** Checked before each pass; false stops the loop until `start()` (a demo workspace sends nothing). */
  canRun?: () => boolean;
  /** Before a pass that has work, and after every pass (a status to publish). */
  onPass?: () => void;
  /** How long a done job (one with an idempotency key) is remembered (default 30 days). */
  keepDoneMs?: number;
}

export interface JobQueueOptions<Failure extends JobFailure = JobFailure> {
  queue: string;
  jobs: JobsRepository;
  /** One handler per job kind. */
  handlers: Readonly<Record<string, JobHandler>>;
  classify: (error: unknown) => Failure;
  resolveInFlight?: (run: JobRun) => Promise<InFlightResolution>;
  /** How long a job found 'absent' after leaving is looked for before it runs again (default 60 s). */
  inFlightGraceMs?: number;
  /** Backoff of failed jobs (default 2 s doubling up to 10 min). */
  backoff?: { baseMs?: number; maxMs?: number };
  /** The wait after NotYet (default 2 s). */
  notYetDelayMs?: number;
  /** Due jobs read at a time (default 20). */
  batchSize?: number;
  /** The reasons recorded on a job waiting for the runner's own rules (in the queue's words). */
  waitReasons?: { earlierInFlight?: string; inFlightGrace?: string };
  loop?: JobQueueLoopOptions;
  logger?: Logger;
  /** "Now" (tests never depend on today's date). */
  clock?: () => Date;
  /** For the backoff's jitter (tests). */
  random?: () => number;
}

const HOUR_MS = 3_600_000;

/** The run under way of each queue, per repository (see runDue). */
const runsUnderWay = new WeakMap<JobsRepository, Map<string, Promise<void>>>();

class Run implements JobRun {
  completed = false;

  constructor(
    readonly job: Job,
    private readonly jobs: JobsRepository,
  ) {}

  markInFlight(): void {
    this.jobs.markInFlight(this.job.id);
  }

  complete(alsoInTransaction?: () => void): void {
    this.jobs.transaction(() => {
      alsoInTransaction?.();
      this.jobs.complete(this.job.id);
    });
    this.completed = true;
  }
}

export class JobQueue<Failure extends JobFailure = JobFailure> {
  readonly queue: string;
  /** The last failure of a pass; cleared by a pass that completed jobs without any failure. */
  lastFailure: Failure | null = null;
  private readonly jobs: JobsRepository;
  private readonly clock: () => Date;
  private running: Promise<PassResult> | null = null;
  private looping: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private loopFailures = 0;
  private lastPrune = 0;

  constructor(private readonly options: JobQueueOptions<Failure>) {
    this.queue = options.queue;
    this.jobs = options.jobs;
    this.clock = options.clock ?? (() => new Date());
  }

  /** Jobs waiting or in flight. */
  pendingCount(): number {
    return this.jobs.count(this.queue);
  }

  /**
   * Runs every due job once. Concurrent calls share one run; a run of another JobQueue on the same
   * queue and repository (one rebuilt with a new token while the old one finishes) is waited for:
   * two runners side by side would hand the same job over twice.
   */
  runDue(): Promise<PassResult> {
    if (!this.running) {
      let queues = runsUnderWay.get(this.jobs);
      if (!queues) runsUnderWay.set(this.jobs, (queues = new Map()));
      const other = queues.get(this.queue);
      const run = (other ? other.then(() => this.runDueNow()) : this.runDueNow()).finally(() => {
        this.running = null;
        if (queues.get(this.queue) === settled) queues.delete(this.queue);
      });
      const settled = run.then(
        () => {},
        () => {},
      );
      queues.set(this.queue, settled);
      this.running = run;
    }
    return this.running;
  }

  /** Starts the loop (a pass at once); safe to call again. */
  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops the loop; resolves once a pass under way is over. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.looping?.catch(() => {});
  }

  /** Runs a pass of the loop now (shared with one under way) and schedules the next if started. */
  pass(): Promise<void> {
    if (!this.looping) this.looping = this.loopPass().finally(() => (this.looping = null));
    return this.looping;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.pass(), ms);
    this.timer.unref?.();
  }

  private get idleDelayMs(): number {
    return this.options.loop?.idleDelayMs ?? 15_000;
  }

  private async loopPass(): Promise<void> {
    const loop = this.options.loop ?? {};
    if (loop.canRun && !loop.canRun()) return;
    try {
      this.pruneNow();
      if (this.pendingCount() > 0) {
        loop.onPass?.();
        await this.runDue();
      }
      this.loopFailures = 0;
      loop.onPass?.();
      if (this.lastFailure?.waitsForPerson && this.pendingCount() > 0) return;
      this.schedule(this.jobs.due(this.queue, this.clock(), 1).length > 0 ? (loop.busyDelayMs ?? 1_000) : this.idleDelayMs);
    } catch (error) {
      // runDue() reports per job and does not throw; this is a fault of the loop itself (SQLite).
      this.loopFailures++;
      const failure = this.options.classify(error);
      this.options.logger?.warn('job queue pass failed', { queue: this.queue, kind: failure.kind, status: failure.status, failures: this.loopFailures });
      loop.onPass?.();
      // Longer each time: the idle delay doubled, at most 32× and 5 min.
      this.schedule(exponentialCeiling(this.loopFailures, this.idleDelayMs, Math.min(300_000, this.idleDelayMs * 32)));
    }
  }

  private pruneNow(): void {
    const now = this.clock().getTime();
    if (now - this.lastPrune < HOUR_MS) return;
    this.lastPrune = now;
    this.jobs.pruneDone(this.queue, new Date(now - (this.options.loop?.keepDoneMs ?? 30 * 24 * HOUR_MS)));
  }

  private later(ms: number): Date {
    return new Date(this.clock().getTime() + ms);
  }

  private async runDueNow(): Promise<PassResult> {
    let done = 0;
    let failed = 0;
    const seen = new Set<number>();
    for (;;) {
      // Jobs rescheduled during this run may be due again at once: each runs once per run.
      const batch = this.jobs.due(this.queue, this.clock(), this.options.batchSize ?? 20).filter((job) => !seen.has(job.id));
      if (batch.length === 0) break;
      for (const job of batch) {
        seen.add(job.id);
        const run = new Run(job, this.jobs);
        try {
          await this.runOne(run);
          done++;
        } catch (error) {
          if (run.completed) {
            // Its result is recorded; what failed after it is a fault of the handler, not of the job.
            done++;
            this.options.logger?.warn('job handler failed after completing its job', { queue: this.queue, kind: job.kind, id: job.id, error: String(error).slice(0, 200) });
            continue;
          }
          if (error instanceof NotYet) {
            // Nothing left in this run: the job keeps the state it was picked in.
            this.jobs.reschedule(job.id, { next: this.later(this.options.notYetDelayMs ?? 2_000), error: error.message, outcomeUnknown: job.state === 'in_flight' });
            continue;
          }
          failed++;
          const failure = (this.lastFailure = this.options.classify(error));
          const wait = failure.retryAfterMs ?? backoffDelay(job.attempts + 1, this.options.backoff?.baseMs ?? 2_000, this.options.backoff?.maxMs ?? 600_000, this.options.random);
          if (failure.givesUp) this.jobs.fail(job.id, failure.message);
          // Only an answer proves nothing was applied: a job in flight stays so until resolved.
          else this.jobs.reschedule(job.id, { next: this.later(wait), error: failure.message, outcomeUnknown: failure.outcomeUnknown || job.state === 'in_flight' });
          this.options.logger?.warn('job failed', { queue: this.queue, kind: job.kind, id: job.id, error: failure.kind, status: failure.status, waitMs: failure.givesUp ? null : wait });
          if (failure.endsPass) return { done, failed, remaining: this.pendingCount() };
        }
      }
    }
    if (failed === 0 && done > 0) this.lastFailure = null;
    return { done, failed, remaining: this.pendingCount() };
  }

  private async runOne(run: Run): Promise<void> {
    const { job } = run;
    const reasons = this.options.waitReasons ?? {};
    if (job.subject !== null && this.jobs.hasEarlierInFlight(this.queue, job.kind, job.subject, job.id)) {
      throw new NotYet(reasons.earlierInFlight ?? 'une tâche précédente pour cet enregistrement n’a pas encore abouti');
    }
    const handler = this.options.handlers[job.kind];
    if (!handler) throw new UnknownJobKindError(this.queue, job.kind);
    if (job.state === 'in_flight' && this.options.resolveInFlight) {
      const resolution = await this.options.resolveInFlight(run);
      if (resolution === 'completed') {
        if (!run.completed) run.complete();
        return;
      }
      if (resolution === 'absent') {
        const since = job.inFlightSince ? Date.parse(job.inFlightSince) : 0;
        if (this.clock().getTime() - since < (this.options.inFlightGraceMs ?? 60_000)) {
          throw new NotYet(reasons.inFlightGrace ?? 'résultat d’un envoi précédent pas encore visible : vérification avant un nouvel envoi');
        }
      }
    }
    await handler(run);
    if (!run.completed) run.complete();
  }
}

/** A job of a kind its queue has no handler for (written by a newer version, or a typo). */
export class UnknownJobKindError extends Error {
  constructor(
    readonly queue: string,
    readonly kind: string,
  ) {
    super(`Aucun traitement pour les tâches « ${kind} » de la file « ${queue} ».`);
    this.name = 'UnknownJobKindError';
  }
}
