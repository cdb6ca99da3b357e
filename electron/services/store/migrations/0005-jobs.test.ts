import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../index';
import { JobsRepository } from '../jobs-repository';
import { migrations } from './index';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A file as version 4 left it, with what `work` puts in it. */
function version4File(work: (raw: BetterSqlite3.Database) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-m5-'));
  dirs.push(dir);
  const file = path.join(dir, 'accueil.db');
  const raw = new BetterSqlite3(file);
  for (const m of migrations.filter((m) => m.version <= 4)) m.up(raw);
  work(raw);
  raw.pragma('user_version = 4');
  raw.close();
  return file;
}

describe('migration 0005 (jobs)', () => {
  it('gives a fresh database the jobs table and no outbox', () => {
    const store = openStore(':memory:');
    const tables = store.database.prepare<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table'`).all().map((t) => t.name);
    expect(tables).toContain('jobs');
    expect(tables).not.toContain('outbox');
    store.close();
  });

  it('moves a version-4 outbox into hubspot jobs: same ids and order, the one being sent still in flight since the same instant', () => {
    const file = version4File((raw) => {
      const insert = raw.prepare(
        `INSERT INTO outbox (id, kind, local_id, op, state, attempts, next_attempt_at, sending_since, last_error, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      insert.run(3, 'contact', 'ct-1', 'create', 'pending', 0, '2026-03-02T09:00:00.000Z', null, null, '2026-03-02T09:00:00.000Z', '2026-03-02T09:00:00.000Z');
      insert.run(7, 'call', 'call-1', 'create', 'sending', 2, '2026-03-02T09:05:00.000Z', '2026-03-02T09:01:00.000Z', 'HubSpot est injoignable (réseau)', '2026-03-02T09:00:30.000Z', '2026-03-02T09:02:00.000Z');
      // An edit made while the call was being sent: its follow-up item.
      insert.run(8, 'call', 'call-1', 'update', 'pending', 0, '2026-03-02T09:03:00.000Z', null, null, '2026-03-02T09:03:00.000Z', '2026-03-02T09:03:00.000Z');
    });

    const store = openStore(file);
    expect(store.database.version).toBeGreaterThanOrEqual(5);
    expect(store.database.prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'outbox%'`).all()).toEqual([]);
    const jobs = new JobsRepository(store.database, () => new Date('2026-03-02T10:00:00.000Z'));
    expect(jobs.list('hubspot')).toEqual([
      expect.objectContaining({ id: 3, kind: 'contact', subject: 'ct-1', payload: { op: 'create' }, state: 'pending', attempts: 0, inFlightSince: null }),
      expect.objectContaining({
        id: 7,
        kind: 'call',
        subject: 'call-1',
        payload: { op: 'create' },
        state: 'in_flight',
        attempts: 2,
        nextAttemptAt: '2026-03-02T09:05:00.000Z',
        inFlightSince: '2026-03-02T09:01:00.000Z',
        lastError: 'HubSpot est injoignable (réseau)',
        idempotencyKey: null,
      }),
      expect.objectContaining({ id: 8, kind: 'call', subject: 'call-1', payload: { op: 'update' }, state: 'pending' }),
    ]);
    // The rules of the outbox hold on what it left: the follow-up waits for the call in flight.
    expect(jobs.hasEarlierInFlight('hubspot', 'call', 'call-1', 8)).toBe(true);
    expect(jobs.count('hubspot')).toBe(3);
    // New jobs are numbered after the moved ones.
    expect(jobs.enqueue('hubspot', { kind: 'note', subject: 'n-1' })).toBeGreaterThan(8);
    store.close();
  });

  it('upgrades an empty outbox to an empty jobs table', () => {
    const store = openStore(version4File(() => {}));
    expect(store.database.prepare(`SELECT count(*) AS n FROM jobs`).get()).toEqual({ n: 0 });
    store.close();
  });

  it('refuses two jobs with one idempotency key in a queue, and an unknown state', () => {
    const store = openStore(':memory:');
    const insert = (queue: string, key: string | null, state = 'pending') =>
      store.database.prepare(`INSERT INTO jobs (queue, kind, idempotency_key, state, next_attempt_at, created_at, updated_at) VALUES (?, 'k', ?, ?, 't', 't', 't')`).run(queue, key, state);
    insert('surveys', 'call-1');
    insert('sms', 'call-1');
    insert('surveys', null);
    insert('surveys', null);
    expect(() => insert('surveys', 'call-1')).toThrow(/UNIQUE/);
    expect(() => insert('surveys', 'call-2', 'sending')).toThrow(/CHECK/);
    store.close();
  });
});
