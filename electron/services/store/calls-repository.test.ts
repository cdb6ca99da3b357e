import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../contract/envelope';
import { openStore } from './index';

const ringing = (id: string, ringAt: string, extra: Partial<Parameters<ReturnType<typeof openStore>['calls']['insertRinging']>[0]> = {}) => ({
  id,
  sipCallId: `sip-${id}`,
  direction: 'inbound' as const,
  fromRaw: '0612345678',
  fromE164: '+33612345678',
  fromDisplay: '06 12 34 56 78',
  callerName: null,
  toRaw: '201',
  ringAt,
  contactId: null,
  companyId: null,
  matchLabel: null,
  ...extra,
});

describe('CallsRepository', () => {
  it('journals a ringing call and returns it as a CallRecord', () => {
    const store = openStore(':memory:');
    const call = store.calls.insertRinging(ringing('c1', '2026-03-10T09:00:00.000Z', { callerName: 'DUPONT J', matchLabel: 'Jean Dupont' }));
    expect(call).toEqual({
      id: 'c1',
      direction: 'inbound',
      state: 'ringing',
      fromRaw: '0612345678',
      fromE164: '+33612345678',
      fromDisplay: '06 12 34 56 78',
      callerName: 'DUPONT J',
      toRaw: '201',
      toDisplay: '201',
      ringAt: '2026-03-10T09:00:00.000Z',
      answerAt: null,
      endAt: null,
      contactId: null,
      companyId: null,
      matchLabel: 'Jean Dupont',
      endReason: null,
    });
    expect(store.calls.findBySipCallId('sip-c1')?.id).toBe('c1');
    expect(store.calls.findBySipCallId('nope')).toBeNull();
    expect(store.calls.get('nope')).toBeNull();
  });

  it('changes only the fields a patch names, and clears a field patched with null', () => {
    const store = openStore(':memory:');
    store.calls.insertRinging(ringing('c1', '2026-03-10T09:00:00.000Z', { matchLabel: 'Jean Dupont' }));
    const answered = store.calls.update('c1', { state: 'answered', answerAt: '2026-03-10T09:00:05.000Z' });
    expect(answered).toMatchObject({ state: 'answered', answerAt: '2026-03-10T09:00:05.000Z', matchLabel: 'Jean Dupont', endAt: null });
    const cleared = store.calls.update('c1', { matchLabel: null });
    expect(cleared).toMatchObject({ state: 'answered', answerAt: '2026-03-10T09:00:05.000Z', matchLabel: null });
  });

  it('refuses to update a call that does not exist', () => {
    const store = openStore(':memory:');
    expect(() => store.calls.update('missing', { state: 'ended' })).toThrow(ServiceError);
  });

  it('lists recent calls newest first, or only the missed ones', () => {
    const store = openStore(':memory:');
    store.calls.insertRinging(ringing('old', '2026-03-01T09:00:00.000Z'));
    store.calls.insertRinging(ringing('new', '2026-03-10T09:00:00.000Z'));
    store.calls.insertRinging(ringing('mid', '2026-03-05T09:00:00.000Z'));
    store.calls.update('mid', { state: 'missed', endAt: '2026-03-05T09:00:30.000Z' });
    expect(store.calls.recent({ limit: 10 }).map((c) => c.id)).toEqual(['new', 'mid', 'old']);
    expect(store.calls.recent({ limit: 2 }).map((c) => c.id)).toEqual(['new', 'mid']);
    expect(store.calls.recent({ limit: 10, onlyMissed: true }).map((c) => c.id)).toEqual(['mid']);
  });

  it('lists as active only the calls ringing or answered', () => {
    const store = openStore(':memory:');
    for (const id of ['a', 'b', 'c']) store.calls.insertRinging(ringing(id, `2026-03-10T09:00:0${id.charCodeAt(0) - 97}.000Z`));
    store.calls.update('b', { state: 'answered' });
    store.calls.update('c', { state: 'ended' });
    expect(store.calls.active().map((c) => [c.id, c.state])).toEqual([
      ['a', 'ringing'],
      ['b', 'answered'],
    ]);
  });

  it('keeps a call whose contact does not exist (the journal never refuses a call)', () => {
    const store = openStore(':memory:');
    expect(() => store.calls.insertRinging(ringing('c1', '2026-03-10T09:00:00.000Z', { contactId: 'deleted-contact' }))).not.toThrow();
  });

  it('shows both numbers of a call in one format, whatever the PBX or the CRM wrote', () => {
    const store = openStore(':memory:');
    store.calls.insertRinging(ringing('in', '2026-03-10T09:00:00.000Z', { fromRaw: '+33478123456', fromE164: '+33478123456', fromDisplay: '+33478123456' }));
    store.calls.insertPast({
      ...ringing('out', '2026-03-10T09:05:00.000Z', { direction: 'outbound', toRaw: '0044 20 7946 0958' }),
      toE164: '+442079460958',
      state: 'ended',
      answerAt: null,
      endAt: null,
      endReason: null,
    });
    expect(store.calls.get('in')).toMatchObject({ fromDisplay: '04 78 12 34 56' });
    expect(store.calls.get('out')).toMatchObject({ toDisplay: '+44 20 7946 0958' });
    // A number the PBX sent without E.164 (an extension) keeps what was recorded.
    store.calls.insertRinging(ringing('ext', '2026-03-10T09:10:00.000Z', { fromRaw: '201', fromE164: null, fromDisplay: '201' }));
    expect(store.calls.get('ext')).toMatchObject({ fromDisplay: '201' });
  });
});
