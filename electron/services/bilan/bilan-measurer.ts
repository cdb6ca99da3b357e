/**
 * Measures the plan's KPI table: which months to show, month 0, each month's counts (the journal
 * and e-mails from the repository, the surveys from the satisfaction area), then kpi-table.ts.
 *
 * Months shown: from the earliest of month 0, the first recorded call and the first survey answer
 * (the « before » of the plan's before/after), at most MAX_MONTHS back, up to the current month (Paris).
 */
import type { BilanSettings, BilanSettingsInput, BilanTable } from '../../contract/bilan-calls';
import type { SurveysRepository } from '../satisfaction/surveys-repository';
import { localTime } from '../shared/paris-time';
import type { BilanRepository } from './bilan-repository';
import type { BilanSettingsStore } from './bilan-settings';
import { buildTable, measureMonth, type MonthCounts } from './kpi-table';
import { addMonths, monthBounds, monthOf, monthsBetween, workingDaysIn } from './plan-calendar';

/** Three years: month 0 to M18 and a year of « before » fit. */
export const MAX_MONTHS = 36;

/** What the Bilan reads of the surveys (the satisfaction area's repository, through its port). */
export type SurveyCounts = Pick<SurveysRepository, 'answers' | 'sentAndAnswered'>;

export interface BilanMeasurerOptions {
  repository: BilanRepository;
  settings: BilanSettingsStore;
  /** Null when no area provides the surveys (the counts are then 0 and the scores « — »). */
  surveys: () => SurveyCounts | null;
  clock: () => Date;
}

/** The instant just before `end`: the survey queries take inclusive bounds, a month is [start, end). */
const justBefore = (iso: string) => new Date(Date.parse(iso) - 1).toISOString();

export class BilanMeasurer {
  constructor(private readonly options: BilanMeasurerOptions) {}

  settings(): BilanSettings {
    const first = this.options.repository.firstCallAt();
    return { ...this.options.settings.get(), firstCallMonth: first ? monthOf(first) : null };
  }

  updateSettings(input: BilanSettingsInput): BilanSettings {
    this.options.settings.update(input);
    return this.settings();
  }

  table(): BilanTable {
    const now = this.options.clock();
    const today = localTime(now).date;
    const currentMonth = today.slice(0, 7);
    const stored = this.options.settings.get();
    const first = this.options.repository.firstCallAt();
    const firstMonth = first ? monthOf(first) : null;
    const planStart = stored.planStart ?? firstMonth;
    const planStartSource = stored.planStart ? 'setting' : firstMonth ? 'first-call' : 'none';

    // Every answer of the longest period shown, read once (a few hundred a year).
    const oldest = addMonths(currentMonth, -(MAX_MONTHS - 1));
    const periodEnd = monthBounds(currentMonth).end;
    const surveys = this.options.surveys();
    const answers = surveys ? surveys.answers(monthBounds(oldest).start, justBefore(periodEnd)) : [];
    const firstAnswerMonth = answers.length > 0 ? monthOf(answers[0]!.answeredAt) : null;

    const candidates = [planStart, firstMonth, firstAnswerMonth].filter((m): m is string => m !== null && m <= currentMonth);
    let from = candidates.length > 0 ? candidates.sort()[0]! : currentMonth;
    if (from < oldest) from = oldest;
    const months = Array.from({ length: monthsBetween(from, currentMonth) + 1 }, (_, i) => addMonths(from, i));

    const measured = this.measure(months, { currentMonth, today, planStart, parameters: stored.timeSaved, surveys, answers });
    return buildTable({ asOf: now, planStart, planStartSource, parameters: stored.timeSaved, currentMonth, months: measured });
  }

  private measure(
    months: string[],
    { currentMonth, today, planStart, parameters, surveys, answers }: {
      currentMonth: string;
      today: string;
      planStart: string | null;
      parameters: BilanSettingsInput['timeSaved'];
      surveys: SurveyCounts | null;
      answers: ReadonlyArray<{ score: number; answeredAt: string }>;
    },
  ) {
    const emails = this.options.repository.templateEmailTimes(monthBounds(months[0]!).start, monthBounds(months[months.length - 1]!).end);
    return months.map((month) => {
      const { start, end } = monthBounds(month);
      const calls = this.options.repository.callCounts(start, end);
      const counts: MonthCounts = {
        month,
        ...calls,
        templateEmails: emails.filter((at) => at >= start && at < end).length,
        surveysSent: surveys ? surveys.sentAndAnswered(start, justBefore(end)).sent : 0,
        // No workflow sends relances yet (issue « workflows »): nothing to count, said so on the page.
        relances: 0,
        scores: answers.filter((a) => a.answeredAt >= start && a.answeredAt < end).map((a) => a.score),
      };
      const wholeMonth = workingDaysIn(month);
      const counted = month === currentMonth ? workingDaysIn(month, today) : wholeMonth;
      return measureMonth(counts, parameters, { planStart, currentMonth, workingDays: { counted, wholeMonth } });
    });
  }
}
