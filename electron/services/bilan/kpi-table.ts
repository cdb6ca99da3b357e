/**
 * The Bilan's figures from a month's counts (pure functions: the repository counts, this measures).
 *
 *   inbound calls / day   inbound calls journaled ÷ working days (Mon–Fri, holidays excluded)
 *   satisfaction /10      mean score of the answers given that month, with n
 *   NPS                   % promoters (9–10) − % detractors (0–6), with n — satisfaction-figures.ts's
 *                         definition (kpi-table.test.ts checks both agree)
 *   traceability          conversations whose wrap-up was saved ÷ conversations (calls answered)
 *   time saved (h/an)     a MODEL: each automatic action × the seconds the company estimates it
 *                         spares, summed over the month, then at that pace over a year
 *
 * A month with nothing to measure says « — » (null), never 0: no answer is not a score of 0, and
 * no call recorded is Accueil not running yet, not a switchboard nobody calls.
 */
import type { BilanMonth, BilanTable, MilestoneCell, MilestoneStatus, PlanKpi, PlanRow, TimeSavedParameters } from '../../contract/bilan-calls';
import { addMonths, monthsBetween } from './plan-calendar';
import { MILESTONE_MONTHS, MILESTONES, PLAN_TARGETS } from './plan-targets';

/**
 * Default estimates, to be set by the company (Paramètres › Bilan):
 * - 30 s per pop: the card is on screen as the phone rings, instead of asking the name and
 *   searching HubSpot or the Excel file while the customer waits;
 * - 120 s per templated e-mail: a confirmation or a reminder typed and checked by hand takes ~3 min,
 *   a template ~1 min (the plan counts 165 h/an on templates alone);
 * - 60 s per survey: preparing and sending one by hand;
 * - 90 s per relance: the same for a reminder (no workflow sends any yet: its count stays 0).
 */
export const DEFAULT_TIME_SAVED: TimeSavedParameters = { secondsPerPop: 30, secondsPerTemplateEmail: 120, secondsPerSurvey: 60, secondsPerRelance: 90 };

/** What the data says of one calendar month. */
export interface MonthCounts {
  month: string;
  /** Inbound calls journaled (simulated calls excluded). */
  inbound: number;
  /** Of them, with an identified caller (contact or company): the card popped by itself. */
  identifiedInbound: number;
  /** Conversations: calls answered, either direction. */
  answered: number;
  /** Of them, with a saved wrap-up (calls.logged_at). */
  logged: number;
  /** E-mails sent from a template. */
  templateEmails: number;
  /** Satisfaction surveys sent. */
  surveysSent: number;
  /** Relances sent by a workflow (none exist yet). */
  relances: number;
  /** Scores (0–10) of the answers given that month. */
  scores: readonly number[];
}

const round1 = (value: number) => Math.round(value * 10) / 10;

export function scoreFigures(scores: readonly number[]): BilanMonth['satisfaction'] {
  const n = scores.length;
  if (n === 0) return { n, mean: null, nps: null };
  let sum = 0;
  let promoters = 0;
  let detractors = 0;
  for (const score of scores) {
    sum += score;
    if (score >= 9) promoters++;
    else if (score <= 6) detractors++;
  }
  return { n, mean: round1(sum / n), nps: Math.round(((promoters - detractors) / n) * 100) };
}

export function traceability(answered: number, logged: number): BilanMonth['traceability'] {
  if (answered === 0) return { answered, logged, percent: null };
  // Rounded down: « 100 % » is the plan's promise, shown only when no conversation is missing.
  return { answered, logged, percent: Math.floor((logged / answered) * 100) };
}

/**
 * The model: counts × seconds, in hours for the month, then over a year at that pace. A current
 * month is first extended to all its working days (10 days in, at that pace), so its figure
 * compares with whole months.
 */
export function timeSaved(
  counts: Pick<MonthCounts, 'identifiedInbound' | 'templateEmails' | 'surveysSent' | 'relances'>,
  parameters: TimeSavedParameters,
  days: { counted: number; wholeMonth: number },
): BilanMonth['timeSaved'] {
  const pops = counts.identifiedInbound;
  const base = { pops, templateEmails: counts.templateEmails, surveys: counts.surveysSent, relances: counts.relances };
  if (pops + counts.templateEmails + counts.surveysSent + counts.relances === 0 || days.counted === 0) return { ...base, hours: null, hoursPerYear: null };
  const seconds =
    pops * parameters.secondsPerPop +
    counts.templateEmails * parameters.secondsPerTemplateEmail +
    counts.surveysSent * parameters.secondsPerSurvey +
    counts.relances * parameters.secondsPerRelance;
  const hours = seconds / 3600;
  return { ...base, hours: round1(hours), hoursPerYear: Math.round(hours * (days.wholeMonth / days.counted) * 12) };
}

export interface MonthContext {
  /** Month 0 of the plan; null when there is none yet. */
  planStart: string | null;
  /** The month `now` is in (Paris). */
  currentMonth: string;
  /** Working days counted (up to today for the current month) and in the whole month. */
  workingDays: { counted: number; wholeMonth: number };
}

export function measureMonth(counts: MonthCounts, parameters: TimeSavedParameters, context: MonthContext): BilanMonth {
  const days = context.workingDays;
  return {
    month: counts.month,
    planMonth: context.planStart ? monthsBetween(context.planStart, counts.month) : null,
    partial: counts.month === context.currentMonth,
    workingDays: days.counted,
    inbound: { calls: counts.inbound, perWorkingDay: counts.inbound > 0 && days.counted > 0 ? round1(counts.inbound / days.counted) : null },
    satisfaction: scoreFigures(counts.scores),
    traceability: traceability(counts.answered, counts.logged),
    timeSaved: timeSaved(counts, parameters, days),
  };
}

/** The figure a plan row reads in a measured month. */
export function measureOf(kpi: PlanKpi, month: BilanMonth): { value: number | null; n: number | null } {
  switch (kpi) {
    case 'timeSaved':
      return { value: month.timeSaved.hoursPerYear, n: null };
    case 'inboundPerDay':
      return { value: month.inbound.perWorkingDay, n: null };
    case 'satisfaction':
      return { value: month.satisfaction.mean, n: month.satisfaction.n };
    case 'nps':
      return { value: month.satisfaction.nps, n: month.satisfaction.n };
    case 'traceability':
      return { value: month.traceability.percent, n: null };
    case 'revenue':
      return { value: null, n: null };
  }
}

export interface TableInput {
  asOf: Date;
  planStart: string | null;
  planStartSource: BilanTable['planStartSource'];
  parameters: TimeSavedParameters;
  currentMonth: string;
  /** Measured months, oldest first. */
  months: BilanMonth[];
}

function milestoneCell(target: (typeof PLAN_TARGETS)[number], milestone: (typeof MILESTONES)[number], input: TableInput, byMonth: Map<string, BilanMonth>): MilestoneCell {
  const goal = target.targets[milestone];
  const month = input.planStart ? addMonths(input.planStart, MILESTONE_MONTHS[milestone]) : null;
  const cell = (status: MilestoneStatus, measured: number | null = null, n: number | null = null): MilestoneCell => ({ milestone, month, target: goal, measured, n, status });
  if (!target.measuredByAccueil) return cell('not_measured');
  if (month === null) return cell('no_plan');
  if (month > input.currentMonth) return cell('upcoming');
  const measured = byMonth.get(month);
  const { value, n } = measured ? measureOf(target.kpi, measured) : { value: null, n: null };
  if (value === null) return cell('no_data', null, n);
  if (month === input.currentMonth) return cell('in_progress', value, n);
  const met = target.better === 'higher' ? value >= goal : value <= goal;
  return cell(met ? 'reached' : 'missed', value, n);
}

export function buildTable(input: TableInput): BilanTable {
  const byMonth = new Map(input.months.map((m) => [m.month, m]));
  const rows: PlanRow[] = PLAN_TARGETS.map((target) => ({
    kpi: target.kpi,
    better: target.better,
    measuredByAccueil: target.measuredByAccueil,
    milestones: MILESTONES.map((milestone) => milestoneCell(target, milestone, input, byMonth)),
  }));
  return {
    asOf: input.asOf.toISOString(),
    planStart: input.planStart,
    planStartSource: input.planStartSource,
    parameters: input.parameters,
    rows,
    months: input.months,
  };
}
