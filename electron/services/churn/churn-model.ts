/**
 * Risque de départ: who among the active customers is about to stop calling the company, with the
 * reasons in plain French. A customer is active at a date when a visit was done for them in the three
 * years before; they have left (the label) when, in the fifteen months after, no visit was done, no
 * quote accepted and no call came in — fifteen months leave an annual customer a season of delay.
 *
 * The features, computed at a date from events before it only:
 *   overdue      time since the last maintenance visit ÷ the customer's own usual interval (the
 *                median gap between their maintenance visits; a year with fewer than two)
 *   silence      log(1 + days since any contact: visit, call, quote, ticket, survey answer)
 *   complaints   complaints (tickets « réclamation ») in the last 180 days
 *   detractor    survey answers of 0–6 in the last year
 *   lostQuotes   quotes refused in the last year
 *   loyalty      visits done in the last three years
 *   maintained   whether the customer has maintenance visits at all (a breakdown-only customer is
 *                silent for years and stays)
 *
 * A logistic regression learns their weights on the company's own history, several past dates at
 * once (time split: the label of a date is only known fifteen months later). With too little history
 * to learn from, documented rules stand in — the screen says which one is used. Unpaid invoices
 * (Sage) are shown as a reason but not learned: when an invoice was paid is not in the exports.
 */
import { contributions, fitLogistic, predict, type LogisticModel } from './logistic-model';
import type { CustomerHistory } from './customer-history';

export const DAY_MS = 86_400_000;
export const HORIZON_DAYS = 456; // fifteen months
const ACTIVE_DAYS = 3 * 365;
export const FEATURES = ['overdue', 'silence', 'complaints', 'detractor', 'lostQuotes', 'loyalty', 'maintained'] as const;
export type Feature = (typeof FEATURES)[number];

export interface FeatureRow {
  values: number[];
  /** For the reasons: months overdue, days of silence, the last complaint… */
  facts: {
    monthsOverdue: number | null;
    daysSilent: number | null;
    lastComplaintDays: number | null;
    lastDetractor: { days: number; score: number } | null;
    lastLostQuoteDays: number | null;
  };
}

const countSince = (times: readonly number[], from: number, to: number) => times.filter((t) => t > from && t <= to).length;
const lastBefore = (times: readonly number[], to: number) => {
  let last: number | null = null;
  for (const t of times) if (t <= to) last = t;
  return last;
};

export function isActive(h: CustomerHistory, at: number): boolean {
  return h.visits.some((v) => v.at <= at && v.at > at - ACTIVE_DAYS * DAY_MS);
}

/** Left: nothing in the fifteen months after `at` (no visit done, no quote accepted, no call in). */
export function hasLeft(h: CustomerHistory, at: number): boolean {
  const end = at + HORIZON_DAYS * DAY_MS;
  return countSince(h.visits.map((v) => v.at), at, end) === 0 && countSince(h.wonQuotes, at, end) === 0 && countSince(h.inboundCalls, at, end) === 0;
}

export function featuresAt(h: CustomerHistory, at: number): FeatureRow {
  const maintenance = h.visits.filter((v) => v.maintenance && v.at <= at).map((v) => v.at);
  const gaps = maintenance.slice(1).map((t, i) => t - maintenance[i]!).sort((a, b) => a - b);
  const interval = gaps.length > 0 ? Math.max(90 * DAY_MS, gaps[Math.floor(gaps.length / 2)]!) : 365 * DAY_MS;
  const lastMaintenance = maintenance.at(-1) ?? null;
  const overdue = lastMaintenance === null ? 0 : (at - lastMaintenance) / interval;
  const lastContact = lastBefore(h.contacts, at);
  const daysSilent = lastContact === null ? null : (at - lastContact) / DAY_MS;
  const complaints = countSince(h.complaints, at - 180 * DAY_MS, at);
  const detractors = h.answers.filter((a) => a.at <= at && a.at > at - 365 * DAY_MS && a.score <= 6);
  const lost = countSince(h.lostQuotes, at - 365 * DAY_MS, at);
  const loyalty = countSince(h.visits.map((v) => v.at), at - ACTIVE_DAYS * DAY_MS, at);
  const lastComplaint = lastBefore(h.complaints, at);
  const lastLost = lastBefore(h.lostQuotes, at);
  const lastDetractor = detractors.at(-1) ?? null;
  return {
    // Overdue is capped: three intervals late says as much as ten, and one outlier must not steer the fit.
    values: [Math.min(overdue, 3), Math.log1p(daysSilent ?? 3 * 365), complaints, detractors.length, lost, loyalty, lastMaintenance === null ? 0 : 1],
    facts: {
      monthsOverdue: lastMaintenance === null ? null : Math.max(0, (at - lastMaintenance - interval) / (30.44 * DAY_MS)),
      daysSilent,
      lastComplaintDays: lastComplaint !== null && at - lastComplaint <= 180 * DAY_MS ? (at - lastComplaint) / DAY_MS : null,
      lastDetractor: lastDetractor ? { days: (at - lastDetractor.at) / DAY_MS, score: lastDetractor.score } : null,
      lastLostQuoteDays: lastLost !== null && at - lastLost <= 365 * DAY_MS ? (at - lastLost) / DAY_MS : null,
    },
  };
}

export interface Example {
  key: string;
  at: number;
  values: number[];
  left: number;
}

/** The labelled examples at each of `dates` (each at least fifteen months before `now`). */
export function examplesAt(histories: Iterable<CustomerHistory>, dates: readonly number[]): Example[] {
  const out: Example[] = [];
  for (const h of histories) {
    for (const at of dates) {
      if (!isActive(h, at)) continue;
      out.push({ key: h.key, at, values: featuresAt(h, at).values, left: hasLeft(h, at) ? 1 : 0 });
    }
  }
  return out;
}

/**
 * The stand-in when the history is too short to learn from: weights set by hand, in the spirit of
 * the « time since last visit ÷ usual interval » rule, with complaints and bad answers on top.
 */
export const RULES_MODEL: LogisticModel = {
  features: [...FEATURES],
  means: [1, Math.log1p(180), 0, 0, 0, 3, 1],
  scales: [0.5, 1, 1, 1, 1, 2, 1],
  weights: [1.2, 0.6, 0.5, 0.6, 0.3, -0.4, 0],
  bias: -1.6,
};

/** At least this many labelled examples, and this many who left, to learn rather than use the rules. */
export const MIN_EXAMPLES = 200;
export const MIN_LEFT = 20;

export interface TrainedChurn {
  model: LogisticModel;
  method: 'learned' | 'rules';
  examples: number;
  left: number;
  /** The past dates learned from. */
  dates: number[];
}

/** Dates to learn from: every three months, from fifteen months before `now` back three years. */
export function trainingDates(now: number): number[] {
  return Array.from({ length: 12 }, (_, i) => now - (HORIZON_DAYS + i * 91) * DAY_MS);
}

export function trainChurn(histories: Iterable<CustomerHistory>, now: number): TrainedChurn {
  const dates = trainingDates(now);
  const examples = examplesAt(histories, dates);
  const left = examples.reduce((s, e) => s + e.left, 0);
  if (examples.length < MIN_EXAMPLES || left < MIN_LEFT || examples.length - left < MIN_LEFT) {
    return { model: RULES_MODEL, method: 'rules', examples: examples.length, left, dates };
  }
  // Beyond 20 000 examples, every k-th (deterministic): learning stays a second or two on a server.
  const step = Math.ceil(examples.length / 20_000);
  const sample = step > 1 ? examples.filter((_, i) => i % step === 0) : examples;
  const model = fitLogistic(
    FEATURES,
    sample.map((e) => e.values),
    sample.map((e) => e.left),
  );
  return { model, method: 'learned', examples: examples.length, left, dates };
}

export type RiskLevel = 'eleve' | 'moyen' | 'faible';

export interface ChurnScore {
  key: string;
  companyId: string | null;
  contactId: string | null;
  label: string;
  probability: number;
  level: RiskLevel;
  /** Plain French, strongest first. */
  reasons: string[];
}

export function levelOf(probability: number): RiskLevel {
  return probability >= 0.5 ? 'eleve' : probability >= 0.25 ? 'moyen' : 'faible';
}

const months = (m: number) => {
  const n = Math.max(1, Math.round(m));
  return `${n} mois`;
};
const ago = (days: number) => (days < 14 ? `il y a ${Math.max(1, Math.round(days))} jour${Math.round(days) > 1 ? 's' : ''}` : days < 60 ? `il y a ${Math.round(days / 7)} semaines` : `il y a ${months(days / 30.44)}`);

/** The reasons, strongest contribution first, only those that push towards leaving. */
function reasonsOf(model: LogisticModel, row: FeatureRow, unpaid: { count: number; oldestDays: number | null } | null): string[] {
  const parts = contributions(model, row.values);
  const said: Array<{ weight: number; text: string }> = [];
  const f = row.facts;
  const push = (feature: Feature, text: string | null) => {
    const weight = parts[FEATURES.indexOf(feature)]!;
    if (text && weight > 0.05) said.push({ weight, text });
  };
  push('overdue', f.monthsOverdue !== null && f.monthsOverdue >= 1 ? `entretien en retard de ${months(f.monthsOverdue)}` : null);
  push('silence', f.daysSilent !== null && f.daysSilent >= 180 ? `aucun contact depuis ${months(f.daysSilent / 30.44)}` : null);
  push('complaints', f.lastComplaintDays !== null ? `réclamation ${ago(f.lastComplaintDays)}` : null);
  push('detractor', f.lastDetractor ? `avis négatif (${f.lastDetractor.score}/10) ${ago(f.lastDetractor.days)}` : null);
  push('lostQuotes', f.lastLostQuoteDays !== null ? `devis refusé ${ago(f.lastLostQuoteDays)}` : null);
  const reasons = said.sort((a, b) => b.weight - a.weight).map((s) => s.text);
  if (unpaid && unpaid.count > 0) reasons.push(`${unpaid.count} facture${unpaid.count > 1 ? 's' : ''} impayée${unpaid.count > 1 ? 's' : ''}${unpaid.oldestDays ? `, échue depuis ${unpaid.oldestDays} jours` : ''}`);
  return reasons;
}

export function scoreCustomer(trained: TrainedChurn, h: CustomerHistory, now: number, unpaid: { count: number; oldestDays: number | null } | null): ChurnScore | null {
  if (!isActive(h, now)) return null;
  const row = featuresAt(h, now);
  const probability = predict(trained.model, row.values);
  return { key: h.key, companyId: h.companyId, contactId: h.contactId, label: h.label, probability, level: levelOf(probability), reasons: reasonsOf(trained.model, row, unpaid) };
}
