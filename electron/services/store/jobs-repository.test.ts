import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type AccueilStore } from './index';
import { JobsRepository } from './jobs-repository';

const T0 = Date.parse('2026-03-02T09:00:00.000Z');
let now = T0;
let store: AccueilStore;
let jobs: JobsRepository;
const at = (ms: number) => new Date(T0 + ms);

beforeEach(() => {
  now = T0;
  store = openStore(':memory:');
  jobs = new JobsRepository(store.database, () => new Date(now));
});
afterEach(() => store.close());

describe('JobsRepository', () => {
  it('gives the due jobs of one queue, oldest first, and not those of another queue or not yet due', () => {
    const a = jobs.enqueue('hubspot', { kind: 'note', subject: 'n-1' });
    const later = jobs.enqueue('hubspot', { kind: 'note', subject: 'n-2', runAt: at(60_000) });
    const b = jobs.enqueue('hubspot', { kind: 'call', subject: 'c-1', payload: { op: 'create' } });
    jobs.enqueue('surveys', { kind: 'survey', subject: 'c-1' });
    expect(jobs.due('hubspot').map((j) => j.id)).toEqual([a, b]);
    expect(jobs.due('hubspot', at(60_000)).map((j) => j.id)).toEqual([a, later, b]);
    expect(jobs.due('hubspot', at(0), 1).map((j) => j.id)).toEqual([a]);
    expect(jobs.get(b)).toMatchObject({ queue: 'hubspot', kind: 'call', subject: 'c-1', payload: { op: 'create' }, state: 'pending', attempts: 0, nextAttemptAt: at(0).toISOString() });
    expect(jobs.nextDueAt('hubspot')).toBe(at(0).toISOString());
    expect(jobs.countByQueue()).toEqual({ hubspot: { pending: 3, inFlight: 0, failed: 0 }, surveys: { pending: 1, inFlight: 0, failed: 0 } });
  });

  it('coalesces a record still waiting, but queues a follow-up behind one in flight', () => {
    const first = jobs.enqueue('hubspot', { kind: 'ticket', subject: 't-1', payload: { op: 'create' }, coalesce: true });
    expect(jobs.enqueue('hubspot', { kind: 'ticket', subject: 't-1', payload: { op: 'update' }, coalesce: true })).toBe(first);
    expect(jobs.count('hubspot')).toBe(1);
    jobs.markInFlight(first);
    const followUp = jobs.enqueue('hubspot', { kind: 'ticket', subject: 't-1', payload: { op: 'update' }, coalesce: true });
    expect(followUp).not.toBe(first);
    expect(jobs.hasEarlierInFlight('hubspot', 'ticket', 't-1', followUp)).toBe(true);
    expect(jobs.hasEarlierInFlight('hubspot', 'ticket', 't-1', first)).toBe(false);
    // Without coalesce, each enqueue is a job.
    jobs.enqueue('hubspot', { kind: 'ticket', subject: 't-1' });
    expect(jobs.count('hubspot')).toBe(3);
  });

  it('keeps an idempotency key taken after its job is done, in its queue only, until pruned', () => {
    const sent = jobs.enqueue('surveys', { kind: 'survey', subject: 'call-1', idempotencyKey: 'survey:call-1' });
    expect(jobs.enqueue('surveys', { kind: 'survey', subject: 'call-1', idempotencyKey: 'survey:call-1' })).toBe(sent);
    expect(jobs.enqueue('sms', { kind: 'sms', subject: 'call-1', idempotencyKey: 'survey:call-1' })).not.toBe(sent);
    jobs.markInFlight(sent);
    jobs.complete(sent);
    expect(jobs.get(sent)).toMatchObject({ state: 'done', inFlightSince: null });
    expect(jobs.count('surveys')).toBe(0);
    expect(jobs.enqueue('surveys', { kind: 'survey', subject: 'call-1', idempotencyKey: 'survey:call-1' })).toBe(sent);
    now = T0 + 10_000;
    expect(jobs.pruneDone('sms', at(5_000))).toBe(0);
    expect(jobs.pruneDone('surveys', at(5_000))).toBe(1);
    expect(jobs.enqueue('surveys', { kind: 'survey', subject: 'call-1', idempotencyKey: 'survey:call-1' })).not.toBe(sent);
  });

  it('deletes a job without a key when it completes', () => {
    const id = jobs.enqueue('hubspot', { kind: 'note', subject: 'n-1' });
    expect(jobs.complete(id)).toBe(true);
    expect(jobs.get(id)).toBeNull();
  });

  it('keeps in flight since the first hand-over, counts attempts, and leaves the state as asked on reschedule', () => {
    const id = jobs.enqueue('hubspot', { kind: 'call', subject: 'c-1' });
    jobs.markInFlight(id);
    now = T0 + 1_000;
    jobs.reschedule(id, { next: at(5_000), error: 'HubSpot est injoignable', outcomeUnknown: true });
    jobs.markInFlight(id);
    expect(jobs.get(id)).toMatchObject({ state: 'in_flight', attempts: 2, inFlightSince: at(0).toISOString(), lastError: 'HubSpot est injoignable' });
    expect(jobs.oldestInFlight('hubspot')?.id).toBe(id);
    jobs.reschedule(id, { next: at(9_000), error: 'refusé (400)', outcomeUnknown: false });
    expect(jobs.get(id)).toMatchObject({ state: 'pending', inFlightSince: null, nextAttemptAt: at(9_000).toISOString(), lastError: 'refusé (400)' });
    expect(jobs.lastError('hubspot')).toBe('refusé (400)');
    expect(jobs.oldestInFlight('hubspot')).toBeNull();
  });

  it('refuses a move its states do not allow, and skips one on a job whose record went', () => {
    const id = jobs.enqueue('surveys', { kind: 'survey', subject: 'c-1', idempotencyKey: 'k' });
    jobs.complete(id);
    expect(() => jobs.markInFlight(id)).toThrow(`Invalid state transition from done to in_flight (job ${id} of queue surveys)`);
    expect(() => jobs.reschedule(id, { next: at(0), error: null, outcomeUnknown: false })).toThrow('Invalid state transition from done to pending');
    const gone = jobs.enqueue('hubspot', { kind: 'note', subject: 'n-1' });
    jobs.cancel('hubspot', 'note', 'n-1');
    expect(jobs.markInFlight(gone)).toBe(false);
    expect(jobs.complete(gone)).toBe(false);
  });

  it('gives a job up with its reason, and retries it on demand', () => {
    const id = jobs.enqueue('sms', { kind: 'sms', subject: 'c-1' });
    jobs.fail(id, 'numéro invalide');
    expect(jobs.due('sms', at(3_600_000))).toEqual([]);
    expect(jobs.countByQueue()).toEqual({ sms: { pending: 0, inFlight: 0, failed: 1 } });
    expect(() => jobs.markInFlight(id)).toThrow('Invalid state transition from failed to in_flight');
    now = T0 + 60_000;
    jobs.retry(id);
    expect(jobs.due('sms').map((j) => j.id)).toEqual([id]);
  });

  it('follows a record merged into another, and drops the open jobs of a record removed', () => {
    const a = jobs.enqueue('hubspot', { kind: 'contact', subject: 'old' });
    jobs.enqueue('hubspot', { kind: 'company', subject: 'old' });
    jobs.moveSubject('hubspot', 'contact', 'old', 'survivor');
    expect(jobs.get(a)?.subject).toBe('survivor');
    expect(jobs.isQueued('hubspot', 'contact', 'survivor')).toBe(true);
    expect(jobs.isQueued('hubspot', 'company', 'old')).toBe(true);
    jobs.cancel('hubspot', 'contact', 'survivor');
    expect(jobs.isQueued('hubspot', 'contact', 'survivor')).toBe(false);
  });

  it('queues inside the caller’s transaction: rolled back with it', () => {
    expect(() =>
      store.transaction(() => {
        jobs.enqueue('hubspot', { kind: 'note', subject: 'n-1' });
        throw new Error('write refused');
      }),
    ).toThrow('write refused');
    expect(jobs.count('hubspot')).toBe(0);
  });
});
