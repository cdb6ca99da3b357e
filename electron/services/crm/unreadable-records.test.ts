import { describe, expect, it } from 'vitest';
import { openStore } from '../store';
import { SyncStateRepository } from '../store/sync-state-repository';
import { UnreadableRecords } from './unreadable-records';

describe('UnreadableRecords', () => {
  it('counts each skipped record once, keeps the count across restarts, and forgets records read fine later', () => {
    const store = openStore(':memory:');
    const clock = () => new Date('2026-03-02T09:00:00.000Z');
    const records = new UnreadableRecords(new SyncStateRepository(store.database), clock);
    records.add('calls', '501', 'RangeError: Invalid time value');
    records.add('calls', '501', 'RangeError: Invalid time value');
    records.add('owners', '9', 'propriétaire sans identifiant lisible');
    records.add('contacts', '12', 'x'.repeat(1_000));
    expect(records.count()).toBe(3);

    const reopened = new UnreadableRecords(new SyncStateRepository(store.database), clock);
    expect(reopened.count()).toBe(3);
    expect(reopened.list().find((r) => r.id === '501')).toEqual({ type: 'calls', id: '501', reason: 'RangeError: Invalid time value', at: '2026-03-02T09:00:00.000Z' });
    expect(reopened.list().find((r) => r.id === '12')!.reason).toHaveLength(300);
    reopened.clear('calls', '501');
    reopened.clear('calls', 'never-skipped');
    expect(reopened.count()).toBe(2);
    reopened.reset();
    expect(new UnreadableRecords(new SyncStateRepository(store.database), clock).count()).toBe(0);
    store.close();
  });
});
