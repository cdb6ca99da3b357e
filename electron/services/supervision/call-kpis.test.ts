import { describe, expect, it } from 'vitest';
import { callbackFigures, todayKpis, trend, type StatCall } from './call-kpis';
import { generateCallHistory } from '../../../test/support/call-history';
import { localTime, parisInstant } from '../shared/paris-time';

const at = (hhmmss: string, date = '2025-03-12') => {
  const [h, m, s] = hhmmss.split(':').map(Number) as [number, number, number];
  return new Date(parisInstant(date, h).getTime() + (m * 60 + s) * 1000).toISOString();
};

function inbound(number: string | null, ring: string, outcome: Partial<StatCall>): StatCall {
  return { direction: 'inbound', state: 'ended', number, ringAt: ring, answerAt: null, endAt: null, ...outcome };
}

// A Wednesday in March (UTC+1), built by hand so every figure below is counted on paper.
const DAY: StatCall[] = [
  // Answered after 10 s, 5 min conversation.
  inbound('+33611111111', at('08:59:50'), { state: 'ended', answerAt: at('09:00:00'), endAt: at('09:05:00') }),
  // Answered after 30 s, 2 min.
  inbound('+33622222222', at('09:10:00'), { state: 'ended', answerAt: at('09:10:30'), endAt: at('09:12:30') }),
  // Missed after 40 s; called back (outbound answered) 50 min later: within a 60 min target.
  inbound('+33633333333', at('10:00:00'), { state: 'missed', endAt: at('10:00:40') }),
  { direction: 'outbound', state: 'ended', number: '+33633333333', ringAt: at('10:50:00'), answerAt: at('10:50:10'), endAt: at('10:55:00') },
  // Missed after 20 s; the customer got through again 3 h later: called back, but late.
  inbound('+33644444444', at('11:00:00'), { state: 'missed', endAt: at('11:00:20') }),
  inbound('+33644444444', at('14:00:00'), { state: 'ended', answerAt: at('14:00:05'), endAt: at('14:03:05') }),
  // Missed twice, never called back (an outbound attempt that nobody answered does not count).
  inbound('+33655555555', at('14:30:00'), { state: 'missed', endAt: at('14:30:30') }),
  inbound('+33655555555', at('15:00:00'), { state: 'missed', endAt: at('15:00:10') }),
  { direction: 'outbound', state: 'failed', number: '+33655555555', ringAt: at('15:10:00'), answerAt: null, endAt: at('15:10:30') },
  // Withheld and missed: counted as missed, cannot be called back.
  inbound(null, at('15:30:00'), { state: 'missed', endAt: at('15:30:50') }),
  // Answered by a colleague after 15 s.
  inbound('+33666666666', at('16:00:00'), { state: 'answered_elsewhere', endAt: at('16:00:15') }),
  // Ringing now (now = 16:10:00): waiting 60 s.
  inbound('+33677777777', at('16:09:00'), { state: 'ringing' }),
  // Yesterday (Paris): 23:30 the day before — not today, although the same UTC date.
  inbound('+33688888888', at('23:30:00', '2025-03-11'), { state: 'missed', endAt: at('23:30:30', '2025-03-11') }),
];
const NOW = new Date(at('16:10:00'));

describe('today’s figures from the journal', () => {
  const kpis = todayKpis(DAY, [], { now: NOW, callbackTargetMinutes: 60 });

  it('counts inbound, answered (incl. answered elsewhere) and missed calls of the Paris day only', () => {
    expect(kpis.date).toBe('2025-03-12');
    expect(kpis.inbound).toBe(10);
    expect(kpis.answered).toBe(4);
    expect(kpis.missed).toBe(5);
    expect(kpis.answerRate).toBeCloseTo(4 / 9, 3);
  });

  it('measures waits (ring → answer, ring → end when missed, ring → now while ringing) and handling time', () => {
    // 10, 30, 40, 20, 5, 30, 10, 50, 15, 60
    expect(kpis.longestWaitSeconds).toBe(60);
    expect(kpis.averageWaitSeconds).toBe(27);
    // 300, 120, 180 (answered elsewhere has no conversation here)
    expect(kpis.averageHandlingSeconds).toBe(200);
  });

  it('puts calls in their Paris hour', () => {
    const hour = (h: number) => kpis.byHour[h]!;
    expect(kpis.byHour).toHaveLength(24);
    expect(hour(8)).toEqual({ hour: 8, inbound: 1, answered: 1, missed: 0 });
    expect(hour(15)).toEqual({ hour: 15, inbound: 2, answered: 0, missed: 2 });
    expect(hour(16)).toEqual({ hour: 16, inbound: 2, answered: 1, missed: 0 });
    expect(hour(23).inbound).toBe(0);
  });

  it('reports nothing to measure on an empty day rather than zeros', () => {
    const empty = todayKpis([], [], { now: NOW, callbackTargetMinutes: 60 });
    expect(empty.inbound).toBe(0);
    expect(empty.answerRate).toBeNull();
    expect(empty.averageWaitSeconds).toBeNull();
    expect(empty.oldestPendingAt).toBeNull();
  });
});

describe('the trend over 30 days', () => {
  const history = generateCallHistory({ until: '2025-06-20', days: 60, seed: 7 });
  const now = new Date('2025-06-20T12:00:00Z');
  const days = trend(history.calls.filter((c) => c.ringAt < now.toISOString()), { now, days: 30 });

  it('has one entry per Paris day, oldest first, today last', () => {
    expect(days).toHaveLength(30);
    expect(days[29]!.date).toBe('2025-06-20');
    expect(days[0]!.date).toBe('2025-05-22');
  });

  it('matches the generated counts day by day, with holidays at zero', () => {
    for (const day of days.slice(0, 29)) {
      const generated = history.actual.get(day.date)!.reduce((a, b) => a + b, 0);
      expect(day.inbound, day.date).toBe(generated);
      expect(day.answered + day.missed).toBe(day.inbound);
    }
    expect(days.find((d) => d.date === '2025-06-09')!.inbound).toBe(0); // Lundi de Pentecôte
    expect(days.find((d) => d.date === '2025-06-02')!.inbound).toBeGreaterThan(30); // an ordinary Monday
  });

  it('answer rates of a generated day agree with the rows', () => {
    const sample = days[10]!;
    const rows = history.calls.filter((c) => localTime(c.ringAt).date === sample.date);
    expect(sample.missed).toBe(rows.filter((c) => c.state === 'missed').length);
  });
});

describe('callback figures from the callback list', () => {
  const todayStart = parisInstant('2025-03-12');
  const item = (state: 'open' | 'done', firstMissedSince: string | null, firstMissedAt: string, closed: [string, 'answered_call' | 'agent'] | null = null) => ({
    state, firstMissedSince, firstMissedAt, closedAt: closed?.[0] ?? null, closedBy: closed?.[1] ?? null,
  });

  it('reads pending from open items and call-backs from items closed by an answered call', () => {
    const items = [
      item('done', at('10:00:00'), at('10:00:00'), [at('10:50:00'), 'answered_call']), // within 60 min
      item('done', at('11:00:00'), at('11:00:00'), [at('14:00:00'), 'answered_call']), // late
      item('done', at('11:30:00'), at('11:30:00'), [at('11:35:00'), 'agent']), // closed by hand: not a call-back
      item('open', at('14:30:00'), at('14:30:00')),
      item('open', null, at('23:30:00', '2025-03-10')), // from an earlier day, still open
    ];
    expect(callbackFigures(items, { todayStart, targetMinutes: 60 })).toMatchObject({
      missedCallers: 4,
      calledBack: 2,
      calledBackWithinTarget: 1,
      pendingCallbacks: 2,
      oldestPendingAt: at('23:30:00', '2025-03-10'),
    });
    expect(todayKpis(DAY, items, { now: NOW, callbackTargetMinutes: 60 })).toMatchObject({ callbackSource: 'callback-list', calledBack: 2, pendingCallbacks: 2 });
  });
});
