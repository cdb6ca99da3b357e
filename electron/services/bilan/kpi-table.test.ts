import { describe, expect, it } from 'vitest';
import type { BilanMonth } from '../../contract/bilan-calls';
import { summarise } from '../satisfaction/satisfaction-figures';
import { buildTable, DEFAULT_TIME_SAVED, measureMonth, scoreFigures, timeSaved, traceability, type MonthCounts } from './kpi-table';

const counts = (patch: Partial<MonthCounts> = {}): MonthCounts => ({
  month: '2025-09',
  inbound: 0,
  identifiedInbound: 0,
  answered: 0,
  logged: 0,
  templateEmails: 0,
  surveysSent: 0,
  relances: 0,
  scores: [],
  ...patch,
});
const whole = { counted: 22, wholeMonth: 22 };

describe('a month measured', () => {
  it('divides inbound calls by the working days', () => {
    const month = measureMonth(counts({ inbound: 880 }), DEFAULT_TIME_SAVED, { planStart: '2025-06', currentMonth: '2025-11', workingDays: whole });
    expect(month.inbound).toEqual({ calls: 880, perWorkingDay: 40 });
    expect(month.planMonth).toBe(3);
    expect(month.partial).toBe(false);
  });

  it('says « — » (null), never 0, for a month with nothing to measure', () => {
    const month = measureMonth(counts(), DEFAULT_TIME_SAVED, { planStart: null, currentMonth: '2025-11', workingDays: whole });
    expect(month.inbound.perWorkingDay).toBeNull();
    expect(month.satisfaction).toEqual({ n: 0, mean: null, nps: null });
    expect(month.traceability.percent).toBeNull();
    expect(month.timeSaved.hours).toBeNull();
    expect(month.timeSaved.hoursPerYear).toBeNull();
    expect(month.planMonth).toBeNull();
  });

  it('reads traceability as conversations logged, 100 % only when none is missing', () => {
    expect(traceability(200, 150)).toEqual({ answered: 200, logged: 150, percent: 75 });
    expect(traceability(1000, 999).percent).toBe(99);
    expect(traceability(12, 12).percent).toBe(100);
    expect(traceability(0, 0).percent).toBeNull();
  });

  it('agrees with the satisfaction area on the mean and on NPS, edges 6/7 and 8/9 included', () => {
    const samples = [[6], [7], [8], [9], [10], [0, 10], [6, 7, 8, 9], [3, 9, 9, 10, 7, 6, 8], Array.from({ length: 47 }, (_, i) => (i * 7) % 11)];
    for (const scores of samples) {
      const theirs = summarise(scores.map((score) => ({ score })));
      expect(scoreFigures(scores), scores.join(',')).toEqual({ n: theirs.n, mean: theirs.mean, nps: theirs.nps });
    }
    expect(scoreFigures([6, 9]).nps).toBe(0);
    expect(scoreFigures([7, 8]).nps).toBe(0);
  });
});

describe('the time-saved model', () => {
  const parameters = { secondsPerPop: 30, secondsPerTemplateEmail: 120, secondsPerSurvey: 60, secondsPerRelance: 90 };

  it('is each month’s counts × the parameters, at that pace over a year', () => {
    // 600 pops × 30 s + 45 e-mails × 120 s + 40 surveys × 60 s = 18 000 + 5 400 + 2 400 s = 7.2 h; × 12 = 86 h/an.
    const saved = timeSaved({ identifiedInbound: 600, templateEmails: 45, surveysSent: 40, relances: 0 }, parameters, whole);
    expect(saved).toEqual({ pops: 600, templateEmails: 45, surveys: 40, relances: 0, hours: 7.2, hoursPerYear: 86 });
  });

  it('follows the parameters Gaëtan sets', () => {
    const saved = timeSaved({ identifiedInbound: 600, templateEmails: 0, surveysSent: 0, relances: 0 }, { ...parameters, secondsPerPop: 60 }, whole);
    expect(saved.hours).toBe(10);
    expect(saved.hoursPerYear).toBe(120);
  });

  it('extends a current month to its working days before annualising', () => {
    // 11 working days of 22 gone: the pace of half a month is that of the whole month twice.
    const saved = timeSaved({ identifiedInbound: 360, templateEmails: 0, surveysSent: 0, relances: 0 }, parameters, { counted: 11, wholeMonth: 22 });
    expect(saved.hours).toBe(3);
    expect(saved.hoursPerYear).toBe(72);
  });

  it('counts relances at their parameter when a workflow sends them (none today)', () => {
    expect(timeSaved({ identifiedInbound: 0, templateEmails: 0, surveysSent: 0, relances: 40 }, parameters, whole).hours).toBe(1);
  });
});

describe('the plan’s table', () => {
  const month = (m: string, patch: Partial<MonthCounts>, current = '2026-01') =>
    measureMonth(counts({ month: m, ...patch }), DEFAULT_TIME_SAVED, { planStart: '2025-06', currentMonth: current, workingDays: whole });

  it('puts each milestone on its calendar month with its target and measure', () => {
    const months: BilanMonth[] = [
      month('2025-09', { inbound: 1100, scores: [9, 9, 10, 5], answered: 100, logged: 100 }), // M3
      month('2025-12', { inbound: 880, scores: [], answered: 100, logged: 90 }), // M6
      month('2026-01', { inbound: 440 }),
    ];
    const table = buildTable({ asOf: new Date('2026-01-15T10:00:00Z'), planStart: '2025-06', planStartSource: 'setting', parameters: DEFAULT_TIME_SAVED, currentMonth: '2026-01', months });
    const row = (kpi: string) => table.rows.find((r) => r.kpi === kpi)!;
    expect(table.rows.map((r) => r.kpi)).toEqual(['timeSaved', 'inboundPerDay', 'satisfaction', 'nps', 'traceability', 'revenue']);

    const inbound = row('inboundPerDay').milestones;
    expect(inbound.map((c) => c.month)).toEqual(['2025-09', '2025-12', '2026-06', '2026-12']);
    expect(inbound.map((c) => c.target)).toEqual([50, 45, 40, 30]);
    // 50 a day at M3 (the target is « at most »), 40 at M6: reached; M12 and M18 are to come.
    expect(inbound.map((c) => [c.measured, c.status])).toEqual([[50, 'reached'], [40, 'reached'], [null, 'upcoming'], [null, 'upcoming']]);

    expect(row('satisfaction').milestones[0]).toMatchObject({ target: 6, measured: 8.3, n: 4, status: 'reached' });
    expect(row('nps').milestones[0]).toMatchObject({ target: 20, measured: 50, n: 4, status: 'reached' });
    // No answer in December: « — », not a missed target.
    expect(row('satisfaction').milestones[1]).toMatchObject({ measured: null, n: 0, status: 'no_data' });
    expect(row('traceability').milestones.slice(0, 2).map((c) => [c.measured, c.status])).toEqual([[100, 'reached'], [90, 'missed']]);
    expect(row('revenue')).toMatchObject({ measuredByAccueil: false });
    expect(row('revenue').milestones.every((c) => c.status === 'not_measured' && c.measured === null)).toBe(true);
    expect(row('revenue').milestones.map((c) => c.target)).toEqual([30, 60, 90, 120]);
  });

  it('has no milestone month without a month 0', () => {
    const table = buildTable({ asOf: new Date('2026-01-15T10:00:00Z'), planStart: null, planStartSource: 'none', parameters: DEFAULT_TIME_SAVED, currentMonth: '2026-01', months: [] });
    expect(table.rows[0]!.milestones.every((c) => c.month === null && c.status === 'no_plan')).toBe(true);
  });

  it('shows a milestone in the current month as in progress', () => {
    const months = [month('2025-12', { inbound: 500 }, '2025-12')];
    const table = buildTable({ asOf: new Date('2025-12-10T10:00:00Z'), planStart: '2025-06', planStartSource: 'first-call', parameters: DEFAULT_TIME_SAVED, currentMonth: '2025-12', months });
    expect(table.rows[1]!.milestones[1]).toMatchObject({ month: '2025-12', status: 'in_progress', measured: 22.7 });
  });
});
