/**
 * The satisfaction figures, from the answers alone (pure functions: the repository reads, this
 * counts). Two measures, kept apart because the company's plan uses both:
 *
 *   CSAT  the mean score /10 (the plan's « satisfaction client /10 ») and the share answering 9–10
 *   NPS   % promoters (9–10) − % detractors (0–6), from −100 to +100; passives are 7–8
 *
 * A month brings 40–60 answers: by chance alone NPS then moves by ±15–20 points. Every figure goes
 * out with its n and a 95 % interval, so a supervisor does not read noise as a trend.
 */

export type NpsCategory = 'detracteur' | 'passif' | 'promoteur';

/** 0–6 detractor, 7–8 passive, 9–10 promoter (the edges 6/7 and 8/9 are where others got it wrong). */
export function npsCategory(score: number): NpsCategory {
  if (!Number.isInteger(score) || score < 0 || score > 10) throw new RangeError(`score out of 0–10: ${score}`);
  if (score <= 6) return 'detracteur';
  if (score <= 8) return 'passif';
  return 'promoteur';
}

export interface ScoredAnswer {
  score: number;
  answeredAt: string;
  technician?: string | null;
  kind?: string | null;
}

export interface Interval {
  low: number;
  high: number;
}

export interface ScoreSummary {
  /** Answers counted. */
  n: number;
  /** Mean score /10 (null without answers), one decimal. */
  mean: number | null;
  meanInterval: Interval | null;
  /** Share answering 9–10, in % (whole numbers). */
  topShare: number | null;
  promoters: number;
  passives: number;
  detractors: number;
  /** −100…+100, whole number (null without answers). */
  nps: number | null;
  npsInterval: Interval | null;
}

/** Two-sided 95 % Student quantiles for small samples (df 1–29); 1.96 beyond. */
const T95 = [12.71, 4.3, 3.18, 2.78, 2.57, 2.45, 2.36, 2.31, 2.26, 2.23, 2.2, 2.18, 2.16, 2.14, 2.13, 2.12, 2.11, 2.1, 2.09, 2.09, 2.08, 2.07, 2.07, 2.06, 2.06, 2.06, 2.05, 2.05, 2.05];
const t95 = (df: number): number => (df >= 1 && df <= T95.length ? T95[df - 1]! : 1.96);

const round1 = (value: number) => Math.round(value * 10) / 10;
const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

export function summarise(answers: readonly Pick<ScoredAnswer, 'score'>[]): ScoreSummary {
  const n = answers.length;
  let sum = 0;
  let promoters = 0;
  let detractors = 0;
  for (const { score } of answers) {
    sum += score;
    const category = npsCategory(score);
    if (category === 'promoteur') promoters++;
    else if (category === 'detracteur') detractors++;
  }
  const passives = n - promoters - detractors;
  if (n === 0) return { n, mean: null, meanInterval: null, topShare: null, promoters, passives, detractors, nps: null, npsInterval: null };

  const mean = sum / n;
  let meanInterval: Interval | null = null;
  if (n >= 2) {
    const variance = answers.reduce((acc, { score }) => acc + (score - mean) ** 2, 0) / (n - 1);
    const half = t95(n - 1) * Math.sqrt(variance / n);
    meanInterval = { low: round1(clamp(mean - half, 0, 10)), high: round1(clamp(mean + half, 0, 10)) };
  }

  // NPS is the mean of a variable worth +1 (promoter), 0 (passive), −1 (detractor): its variance
  // is p + d − (p − d)². A small sample where everyone agrees has no spread to measure; the
  // interval then uses one more answer of the opposite kind, so "n = 3, NPS 100" never reads ± 0.
  const p = promoters / n;
  const d = detractors / n;
  const nps = (p - d) * 100;
  let npsInterval: Interval | null = null;
  if (n >= 2) {
    const pp = (promoters + 0.5) / (n + 1);
    const dd = (detractors + 0.5) / (n + 1);
    const spread = Math.max(p + d - (p - d) ** 2, pp + dd - (pp - dd) ** 2);
    const half = t95(n - 1) * Math.sqrt(spread / n) * 100;
    npsInterval = { low: Math.round(clamp(nps - half, -100, 100)), high: Math.round(clamp(nps + half, -100, 100)) };
  }
  return {
    n,
    mean: round1(mean),
    meanInterval,
    topShare: Math.round(p * 100),
    promoters,
    passives,
    detractors,
    nps: Math.round(nps),
    npsInterval,
  };
}

export interface GroupSummary extends ScoreSummary {
  label: string;
}

/** One summary per label (technician, intervention type), largest groups first. */
export function summariseBy(answers: readonly ScoredAnswer[], labelOf: (answer: ScoredAnswer) => string | null | undefined, unknown = 'Non renseigné'): GroupSummary[] {
  const groups = new Map<string, ScoredAnswer[]>();
  for (const answer of answers) {
    const label = labelOf(answer)?.trim() || unknown;
    const list = groups.get(label);
    if (list) list.push(answer);
    else groups.set(label, [answer]);
  }
  return [...groups.entries()]
    .map(([label, list]) => ({ label, ...summarise(list) }))
    .sort((a, b) => b.n - a.n || a.label.localeCompare(b.label, 'fr'));
}
