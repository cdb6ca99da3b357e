import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore, type AccueilStore } from '../store';
import { JobsRepository, type Job } from '../store/jobs-repository';
import { backoffDelay } from '../backoff';
import { JobQueue, NotYet, UnknownJobKindError, type JobFailure, type JobHandler, type JobQueueOptions } from './job-queue';

const T0 = Date.parse('2026-03-02T09:00:00.000Z');
let now = T0;
const clock = () => new Date(now);
const iso = (ms: number) => new Date(T0 + ms).toISOString();
let store: AccueilStore;
let jobs: JobsRepository;

beforeEach(() => {
  now = T0;
  store = openStore(':memory:');
  jobs = new JobsRepository(store.database, clock);
});
afterEach(() => {
  vi.useRealTimers();
  store.close();
});

/** A failure from the other side, as a test handler throws it. */
class Refused extends Error {
  constructor(
    message: string,
    readonly failure: Partial<JobFailure> = {},
  ) {
    super(message);
  }
}

const classify = (error: unknown): JobFailure => ({ message: error instanceof Error ? error.message : String(error), outcomeUnknown: false, ...(error instanceof Refused ? error.failure : {}) });

function queue(name: string, handlers: Record<string, JobHandler>, options: Partial<JobQueueOptions> = {}, repository = jobs): JobQueue {
  return new JobQueue({ queue: name, jobs: repository, handlers, classify, clock, random: () => 0.5, ...options });
}

/** A handler that hands the job over and records what it ran. */
function recording(ran: string[], work: (job: Job) => Promise<void> | void = () => {}): JobHandler {
  return async (run) => {
    run.markInFlight();
    await work(run.job);
    ran.push(`${run.job.kind}:${run.job.subject}`);
    run.complete();
  };
}

describe('JobQueue', () => {
  it('runs the due jobs oldest first, once each, and leaves those not yet due', async () => {
    const ran: string[] = [];
    jobs.enqueue('hubspot', { kind: 'note', subject: 'n-1' });
    jobs.enqueue('hubspot', { kind: 'note', subject: 'n-2', runAt: new Date(T0 + 60_000) });
    jobs.enqueue('hubspot', { kind: 'call', subject: 'c-1' });
    const hubspot = queue('hubspot', { note: recording(ran), call: recording(ran) });
    expect(await hubspot.runDue()).toEqual({ done: 2, failed: 0, remaining: 1 });
    expect(ran).toEqual(['note:n-1', 'call:c-1']);
    now = T0 + 60_000;
    expect(await hubspot.runDue()).toEqual({ done: 1, failed: 0, remaining: 0 });
    expect(ran).toEqual(['note:n-1', 'call:c-1', 'note:n-2']);
  });

  it('backs off exponentially with jitter on each failed hand-over, and keeps the reason', async () => {
    const id = jobs.enqueue('sms', { kind: 'sms', subject: 'c-1' });
    const sms = queue('sms', { sms: recording([], () => Promise.reject(new Refused('passerelle SMS refusée (400)'))) }, { backoff: { baseMs: 1_000, maxMs: 60_000 } });
    expect(await sms.runDue()).toEqual({ done: 0, failed: 1, remaining: 1 });
    expect(jobs.get(id)).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: iso(backoffDelay(1, 1_000, 60_000, () => 0.5)), lastError: 'passerelle SMS refusée (400)' });
    expect(sms.lastFailure?.message).toBe('passerelle SMS refusée (400)');
    now = Date.parse(jobs.get(id)!.nextAttemptAt);
    await sms.runDue();
    expect(jobs.get(id)).toMatchObject({ attempts: 2, nextAttemptAt: new Date(now + backoffDelay(2, 1_000, 60_000, () => 0.5)).toISOString() });
    expect(backoffDelay(2, 1_000, 60_000, () => 0.5)).toBe(2 * backoffDelay(1, 1_000, 60_000, () => 0.5));
  });

  it('waits what Retry-After says rather than its backoff', async () => {
    const id = jobs.enqueue('hubspot', { kind: 'note', subject: 'n-1' });
    const hubspot = queue('hubspot', { note: recording([], () => Promise.reject(new Refused('429', { retryAfterMs: 7_000 }))) });
    await hubspot.runDue();
    expect(jobs.get(id)?.nextAttemptAt).toBe(iso(7_000));
  });

  it('keeps a job whose outcome is unknown in flight, and resolves it before running it again', async () => {
    const id = jobs.enqueue('hubspot', { kind: 'call', subject: 'c-1' });
    const applied = new Set<string>();
    const cut = queue('hubspot', {
      call: recording([], (job) => {
        applied.add(job.subject!);
        return Promise.reject(new Refused('connexion coupée', { outcomeUnknown: true }));
      }),
    });
    await cut.runDue();
    expect(jobs.get(id)).toMatchObject({ state: 'in_flight', inFlightSince: iso(0) });

    const ran: string[] = [];
    const resolveInFlight = vi.fn(async () => (applied.has('c-1') ? ('completed' as const) : ('absent' as const)));
    now = T0 + 10 * 60_000;
    const next = queue('hubspot', { call: recording(ran) }, { resolveInFlight });
    expect(await next.runDue()).toEqual({ done: 1, failed: 0, remaining: 0 });
    expect(resolveInFlight).toHaveBeenCalledOnce();
    expect(ran).toEqual([]);
    expect(jobs.get(id)).toBeNull();
  });

  it('after a kill between the request and its answer, looks the job up for the grace period, then runs it again', async () => {
    const id = jobs.enqueue('hubspot', { kind: 'note', subject: 'n-1' });
    // The process dies while the request is out: the job stays in flight, nothing more happens to it.
    const killed = queue('hubspot', { note: (run) => (run.markInFlight(), new Promise<void>(() => {})) });
    void killed.runDue();
    await vi.waitFor(() => expect(jobs.get(id)?.state).toBe('in_flight'));

    // Started again (a fresh repository on the same database, as after a restart).
    const restarted = new JobsRepository(store.database, clock);
    const ran: string[] = [];
    const lookups: number[] = [];
    const options = { resolveInFlight: async () => (lookups.push(now - T0), 'absent' as const), inFlightGraceMs: 30_000, notYetDelayMs: 2_000 };
    const again = queue('hubspot', { note: recording(ran) }, options, restarted);
    now = T0 + 10_000;
    expect(await again.runDue()).toEqual({ done: 0, failed: 0, remaining: 1 });
    expect(restarted.get(id)).toMatchObject({ state: 'in_flight', nextAttemptAt: iso(12_000), inFlightSince: iso(0), lastError: 'résultat d’un envoi précédent pas encore visible : vérification avant un nouvel envoi' });
    now = T0 + 30_000;
    expect(await again.runDue()).toEqual({ done: 1, failed: 0, remaining: 0 });
    expect(lookups).toEqual([10_000, 30_000]);
    expect(ran).toEqual(['note:n-1']);
  });

  it('runs a later job of a record only once the earlier one in flight is resolved', async () => {
    const first = jobs.enqueue('hubspot', { kind: 'ticket', subject: 't-1' });
    jobs.markInFlight(first);
    jobs.reschedule(first, { next: new Date(T0 + 60_000), error: 'coupé', outcomeUnknown: true });
    const second = jobs.enqueue('hubspot', { kind: 'ticket', subject: 't-1' });
    const ran: string[] = [];
    const hubspot = queue('hubspot', { ticket: recording(ran) }, { waitReasons: { earlierInFlight: 'un envoi précédent n’a pas abouti' } });
    expect(await hubspot.runDue()).toEqual({ done: 0, failed: 0, remaining: 2 });
    expect(jobs.get(second)).toMatchObject({ state: 'pending', attempts: 0, lastError: 'un envoi précédent n’a pas abouti', nextAttemptAt: iso(2_000) });
    now = T0 + 60_000;
    expect(await hubspot.runDue()).toEqual({ done: 2, failed: 0, remaining: 0 });
    expect(ran).toEqual(['ticket:t-1', 'ticket:t-1']);
  });

  it('waits on NotYet without counting a failure, keeping the state the job was in', async () => {
    const id = jobs.enqueue('hubspot', { kind: 'call', subject: 'c-1' });
    const hubspot = queue('hubspot', {
      call: async () => {
        throw new NotYet('appel en cours : envoyé à la fin');
      },
    });
    expect(await hubspot.runDue()).toEqual({ done: 0, failed: 0, remaining: 1 });
    expect(jobs.get(id)).toMatchObject({ state: 'pending', attempts: 0, nextAttemptAt: iso(2_000), lastError: 'appel en cours : envoyé à la fin' });
    expect(hubspot.lastFailure).toBeNull();
  });

  it('runs a job once per idempotency key', async () => {
    const ran: string[] = [];
    jobs.enqueue('surveys', { kind: 'survey', subject: 'call-1', idempotencyKey: 'survey:call-1' });
    const surveys = queue('surveys', { survey: recording(ran) });
    await surveys.runDue();
    jobs.enqueue('surveys', { kind: 'survey', subject: 'call-1', idempotencyKey: 'survey:call-1' });
    expect(await surveys.runDue()).toEqual({ done: 0, failed: 0, remaining: 0 });
    expect(ran).toEqual(['survey:call-1']);
  });

  it('keeps two queues apart: each runs its own jobs, and one offline does not hold the other', async () => {
    jobs.enqueue('hubspot', { kind: 'note', subject: 'n-1' });
    jobs.enqueue('hubspot', { kind: 'note', subject: 'n-2' });
    jobs.enqueue('sms', { kind: 'sms', subject: 'c-1' });
    const offline = new Refused('HubSpot est injoignable', { outcomeUnknown: true, endsPass: true });
    const hubspotRan: string[] = [];
    const hubspot = queue('hubspot', { note: recording(hubspotRan, () => Promise.reject(offline)) });
    const smsRan: string[] = [];
    const sms = queue('sms', { sms: recording(smsRan) });
    expect(await hubspot.runDue()).toEqual({ done: 0, failed: 1, remaining: 2 });
    expect(await sms.runDue()).toEqual({ done: 1, failed: 0, remaining: 0 });
    expect(smsRan).toEqual(['sms:c-1']);
    expect(hubspotRan).toEqual([]);
    expect(jobs.countByQueue()).toEqual({ hubspot: { pending: 1, inFlight: 1, failed: 0 } });
  });

  it('gives a job up when the failure says so, and a job of an unknown kind goes to classify', async () => {
    const id = jobs.enqueue('sms', { kind: 'sms', subject: 'c-1' });
    const odd = jobs.enqueue('sms', { kind: 'mms', subject: 'c-2' });
    const seen: unknown[] = [];
    const sms = queue(
      'sms',
      { sms: recording([], () => Promise.reject(new Refused('numéro invalide', { givesUp: true }))) },
      { classify: (error) => (seen.push(error), classify(error)) },
    );
    expect(await sms.runDue()).toEqual({ done: 0, failed: 2, remaining: 1 });
    expect(jobs.get(id)).toMatchObject({ state: 'failed', lastError: 'numéro invalide' });
    expect(seen[1]).toBeInstanceOf(UnknownJobKindError);
    expect(jobs.get(odd)).toMatchObject({ state: 'pending', lastError: 'Aucun traitement pour les tâches « mms » de la file « sms ».' });
  });

  it('never runs a queue twice side by side, even from two runners', async () => {
    jobs.enqueue('hubspot', { kind: 'note', subject: 'n-1' });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const ran: string[] = [];
    const old = queue('hubspot', { note: recording(ran, () => gate) });
    const fresh = queue('hubspot', { note: recording(ran) });
    const first = old.runDue();
    await vi.waitFor(() => expect(jobs.oldestInFlight('hubspot')).not.toBeNull());
    const second = fresh.runDue();
    release();
    expect(await first).toEqual({ done: 1, failed: 0, remaining: 0 });
    expect(await second).toEqual({ done: 0, failed: 0, remaining: 0 });
    expect(ran).toEqual(['note:n-1']);
  });

  it('loops until stopped: at once, then again when idle, and waits for a person after a failure that needs one', async () => {
    vi.useFakeTimers();
    const ran: string[] = [];
    let refuse = false;
    const passes = vi.fn();
    const surveys = queue(
      'surveys',
      { survey: recording(ran, () => (refuse ? Promise.reject(new Refused('jeton refusé', { waitsForPerson: true, endsPass: true })) : undefined)) },
      { loop: { idleDelayMs: 10_000, onPass: passes } },
    );
    jobs.enqueue('surveys', { kind: 'survey', subject: 'c-1' });
    surveys.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(ran).toEqual(['survey:c-1']);
    expect(passes).toHaveBeenCalledTimes(2);

    jobs.enqueue('surveys', { kind: 'survey', subject: 'c-2' });
    await vi.advanceTimersByTimeAsync(9_000);
    expect(ran).toEqual(['survey:c-1']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ran).toEqual(['survey:c-1', 'survey:c-2']);

    refuse = true;
    jobs.enqueue('surveys', { kind: 'survey', subject: 'c-3' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(surveys.lastFailure?.message).toBe('jeton refusé');
    const before = passes.mock.calls.length;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(passes.mock.calls.length).toBe(before);

    refuse = false;
    now = T0 + 3_600_000;
    surveys.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(ran).toEqual(['survey:c-1', 'survey:c-2', 'survey:c-3']);
    await surveys.stop();
    jobs.enqueue('surveys', { kind: 'survey', subject: 'c-4' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ran).toHaveLength(3);
  });

  it('does not loop while it may not run', async () => {
    vi.useFakeTimers();
    const ran: string[] = [];
    jobs.enqueue('hubspot', { kind: 'note', subject: 'n-1' });
    const hubspot = queue('hubspot', { note: recording(ran) }, { loop: { canRun: () => false } });
    hubspot.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ran).toEqual([]);
    await hubspot.stop();
  });
});
