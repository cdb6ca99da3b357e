/**
 * The day's figures and the trend, computed from journal rows (pure: rows in, numbers out).
 *
 * Definitions (what the supervisor reads on the wall):
 * - inbound: inbound calls that started ringing that Paris day (every agent's calls: calls synced
 *   from HubSpot land in the same journal).
 * - answered: state answered / ended with an answer time, or answered_elsewhere (a colleague took
 *   it: for the service, it was answered). missed: state missed. A `failed` call (the PBX gave up)
 *   counts in inbound only; a call still ringing counts in inbound and in the waits.
 * - answer rate: answered / (answered + missed).
 * - wait: ring → answer for an answered call, ring → end for a missed or answered-elsewhere one
 *   (how long the caller waited before someone, or no one, picked up), ring → now while ringing.
 *   Average and longest over those.
 * - handling time: answer → end of the calls answered on a journalled line (answered elsewhere has
 *   no end of conversation in this journal).
 * - callbacks: read from the callback list Claire works from (the work area's items, see
 *   `callbackFigures`), never guessed from the calls.
 */
import type { CallState } from '../../contract/model';
import type { CallbackItemRow } from '../work/callbacks/callbacks-repository';
import type { DayKpis, HourBucket, TodayKpis } from '../../contract/supervision-calls';
import { addDays, localTime, parisInstant } from '../shared/paris-time';

export interface StatCall {
  direction: 'inbound' | 'outbound';
  state: CallState;
  /** The customer's number in E.164: the caller for inbound, the number dialled for outbound. */
  number: string | null;
  ringAt: string;
  answerAt: string | null;
  endAt: string | null;
}

export interface TodayOptions {
  now: Date;
  callbackTargetMinutes: number;
}

const seconds = (from: string, to: string | number): number =>
  Math.max(0, ((typeof to === 'number' ? to : Date.parse(to)) - Date.parse(from)) / 1000);

export function isAnswered(call: StatCall): boolean {
  return call.state === 'answered_elsewhere' || ((call.state === 'answered' || call.state === 'ended') && call.answerAt !== null);
}

/** How long the caller waited (seconds), or null when it cannot be told. */
export function waitSeconds(call: StatCall, now: number): number | null {
  if (call.answerAt) return seconds(call.ringAt, call.answerAt);
  if (call.state === 'ringing') return seconds(call.ringAt, now);
  if (call.endAt && (call.state === 'missed' || call.state === 'answered_elsewhere')) return seconds(call.ringAt, call.endAt);
  return null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const average = (values: number[]) => (values.length === 0 ? null : round1(values.reduce((a, b) => a + b, 0) / values.length));

/** Figures for the inbound calls given (already restricted to one day by the caller). */
export function dayKpis(date: string, calls: readonly StatCall[], now: number): DayKpis {
  const inbound = calls.filter((c) => c.direction === 'inbound');
  const answered = inbound.filter(isAnswered);
  const missed = inbound.filter((c) => c.state === 'missed');
  const waits = inbound.map((c) => waitSeconds(c, now)).filter((w): w is number => w !== null);
  const handling = inbound
    .filter((c) => c.answerAt && c.endAt && c.state === 'ended')
    .map((c) => seconds(c.answerAt!, c.endAt!));
  const finished = answered.length + missed.length;
  return {
    date,
    inbound: inbound.length,
    answered: answered.length,
    missed: missed.length,
    answerRate: finished === 0 ? null : Math.round((answered.length / finished) * 1000) / 1000,
    averageWaitSeconds: average(waits),
    longestWaitSeconds: waits.length === 0 ? null : round1(Math.max(...waits)),
    averageHandlingSeconds: average(handling),
  };
}

/** Groups rows by Paris date of their ring time. */
function byDate(calls: readonly StatCall[]): Map<string, StatCall[]> {
  const days = new Map<string, StatCall[]>();
  for (const call of calls) {
    const date = localTime(call.ringAt).date;
    const list = days.get(date);
    if (list) list.push(call);
    else days.set(date, [call]);
  }
  return days;
}

export function todayKpis(calls: readonly StatCall[], callbackItems: readonly CallbackItemRow[], options: TodayOptions): TodayKpis {
  const now = options.now.getTime();
  const today = localTime(now).date;
  const todays = calls.filter((c) => localTime(c.ringAt).date === today);
  const base = dayKpis(today, todays, now);

  const byHour: HourBucket[] = Array.from({ length: 24 }, (_, hour) => ({ hour, inbound: 0, answered: 0, missed: 0 }));
  for (const call of todays) {
    if (call.direction !== 'inbound') continue;
    const bucket = byHour[localTime(call.ringAt).hour]!;
    bucket.inbound++;
    if (isAnswered(call)) bucket.answered++;
    else if (call.state === 'missed') bucket.missed++;
  }

  return {
    ...base,
    ...callbackFigures(callbackItems, { todayStart: parisInstant(today), targetMinutes: options.callbackTargetMinutes }),
    callbackTargetMinutes: options.callbackTargetMinutes,
    callbackSource: 'callback-list',
    byHour,
    computedAt: options.now.toISOString(),
  };
}

/** One entry per Paris day, oldest first, ending today (days with no call included, at zero). */
export function trend(calls: readonly StatCall[], options: { now: Date; days: number }): DayKpis[] {
  const now = options.now.getTime();
  const today = localTime(now).date;
  const grouped = byDate(calls);
  const out: DayKpis[] = [];
  for (let i = options.days - 1; i >= 0; i--) {
    const date = addDays(today, -i);
    out.push(dayKpis(date, grouped.get(date) ?? [], now));
  }
  return out;
}

/**
 * The callback figures, read from the callback list Claire works from: pending = open items (oldest
 * by first missed call); today's missed callers = items with a missed call today; called back =
 * closed by an answered call (an agent closing it by hand is handled, not called back); within
 * target = closed no later than the target after the item's first missed call today.
 */
export function callbackFigures(items: readonly CallbackItemRow[], options: { todayStart: Date; targetMinutes: number }) {
  const todayStart = options.todayStart.getTime();
  const targetMs = options.targetMinutes * 60_000;
  const open = items.filter((i) => i.state === 'open');
  const oldest = open.length === 0 ? null : open.map((i) => i.firstMissedAt).sort()[0]!;
  const today = items.filter((i) => i.firstMissedSince !== null && Date.parse(i.firstMissedSince) >= todayStart);
  const calledBack = today.filter((i) => i.state === 'done' && i.closedBy === 'answered_call' && i.closedAt !== null);
  const within = calledBack.filter((i) => Date.parse(i.closedAt!) - Date.parse(i.firstMissedSince!) <= targetMs);
  return {
    pendingCallbacks: open.length,
    oldestPendingAt: oldest,
    missedCallers: today.length,
    calledBack: calledBack.length,
    calledBackWithinTarget: within.length,
  };
}
