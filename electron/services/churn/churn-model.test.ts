/**
 * The churn model's rules of evidence: features at a date see nothing after it, the label is read
 * in the fifteen months after, the rules stand in when history is short, and the reasons say in
 * French what weighs most.
 */
import { describe, expect, it } from 'vitest';
import type { CustomerHistory } from './customer-history';
import { DAY_MS, featuresAt, FEATURES, hasLeft, isActive, RULES_MODEL, scoreCustomer, trainChurn } from './churn-model';
import { generateHistories } from '../../../test/support/churn-histories';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const day = (n: number) => NOW + n * DAY_MS;

function history(overrides: Partial<CustomerHistory> = {}): CustomerHistory {
  return { key: 'co1', companyId: 'co1', contactId: null, label: 'SCI des Lilas', visits: [], contacts: [], complaints: [], answers: [], lostQuotes: [], wonQuotes: [], inboundCalls: [], ...overrides };
}

describe('features at a date', () => {
  it('measures maintenance lateness against the customer’s own interval, from events before the date only', () => {
    const h = history({
      visits: [day(-1100), day(-915), day(-730), day(-545)].map((at) => ({ at, maintenance: true })), // every six months
      contacts: [day(-545), day(10)],
    });
    const row = featuresAt(h, NOW);
    expect(row.values[FEATURES.indexOf('overdue')]).toBeCloseTo(545 / 185, 1);
    expect(row.facts.monthsOverdue).toBeCloseTo((545 - 185) / 30.44, 1);
    // The contact ten days after the date is not seen.
    expect(row.facts.daysSilent).toBeCloseTo(545, 0);
  });

  it('knows who is active and who has left, in the fifteen months after the date', () => {
    const h = history({ visits: [{ at: day(-400), maintenance: true }], inboundCalls: [day(200)] });
    expect(isActive(h, NOW)).toBe(true);
    expect(hasLeft(h, NOW)).toBe(false);
    expect(hasLeft(history({ visits: [{ at: day(-400), maintenance: true }] }), NOW)).toBe(true);
    expect(isActive(history({ visits: [{ at: day(-1200), maintenance: true }] }), NOW)).toBe(false);
  });
});

describe('learning or rules', () => {
  it('uses the documented rules when the history is too short to learn from', () => {
    const trained = trainChurn([history({ visits: [{ at: day(-800), maintenance: true }] })], NOW);
    expect(trained.method).toBe('rules');
    expect(trained.model).toBe(RULES_MODEL);
  });

  it('learns from a long history: a recent complaint and a bad answer raise the risk, with reasons in French', () => {
    const trained = trainChurn(generateHistories({ customers: 1500, now: NOW, seed: 11 }), NOW);
    expect(trained.method).toBe('learned');
    // The same customer twice, in touch as recently; one of them complained and answered 2/10.
    const loyal = history({ visits: [day(-1090), day(-725), day(-360)].map((at) => ({ at, maintenance: true })), contacts: [day(-360), day(-30), day(-20)] });
    const unhappy = history({ ...loyal, complaints: [day(-20)], answers: [{ at: day(-30), score: 2 }] });
    const calm = scoreCustomer(trained, loyal, NOW, null)!;
    const upset = scoreCustomer(trained, unhappy, NOW, { count: 2, oldestDays: 47 })!;
    expect(upset.probability).toBeGreaterThan(calm.probability);
    expect(upset.reasons).toEqual(expect.arrayContaining(['réclamation il y a 3 semaines', 'avis négatif (2/10) il y a 4 semaines', '2 factures impayées, échue depuis 47 jours']));
    const late = history({ visits: [day(-1450), day(-1085), day(-720)].map((at) => ({ at, maintenance: true })), contacts: [day(-720)] });
    const lateScore = scoreCustomer(trained, late, NOW, null)!;
    expect(lateScore.reasons[0]).toBe('entretien en retard de 12 mois');
    expect(lateScore.level).toBe('eleve');
  });
});
