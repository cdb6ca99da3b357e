import { describe, expect, it } from 'vitest';
import { npsCategory, summarise, summariseBy } from './satisfaction-figures';

const scores = (...values: number[]) => values.map((score) => ({ score }));

describe('NPS buckets', () => {
  it('puts 6 with the detractors, 7 and 8 with the passives, 9 and 10 with the promoters', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsCategory)).toEqual(['detracteur', 'detracteur', 'passif', 'passif', 'promoteur', 'promoteur']);
  });

  it('refuses a score outside 0–10 or not whole', () => {
    expect(() => npsCategory(11)).toThrow(RangeError);
    expect(() => npsCategory(-1)).toThrow(RangeError);
    expect(() => npsCategory(7.5)).toThrow(RangeError);
  });
});

describe('CSAT and NPS of a set of answers', () => {
  it('counts the edges where a shipped product got it wrong (0–8 as detractors)', () => {
    const summary = summarise(scores(6, 7, 8, 9));
    expect(summary).toMatchObject({ n: 4, promoters: 1, passives: 2, detractors: 1, nps: 0, topShare: 25, mean: 7.5 });
  });

  it('gives the mean /10 and the NPS apart: same mean, different NPS', () => {
    const polarised = summarise(scores(10, 10, 10, 0, 0)); // mean 6, NPS +20
    const lukewarm = summarise(scores(6, 6, 6, 6, 6)); // mean 6, NPS −100
    expect(polarised.mean).toBe(6);
    expect(lukewarm.mean).toBe(6);
    expect(polarised.nps).toBe(20);
    expect(lukewarm.nps).toBe(-100);
  });

  it('says nothing without answers, and gives no interval for one answer', () => {
    expect(summarise([])).toMatchObject({ n: 0, mean: null, nps: null, npsInterval: null, meanInterval: null });
    expect(summarise(scores(9))).toMatchObject({ n: 1, nps: 100, npsInterval: null, meanInterval: null });
  });

  it('shows how uncertain a month of ~50 answers is: an NPS interval some ±15–25 points wide', () => {
    // 25 promoters, 15 passives, 10 detractors: NPS +30.
    const month = summarise(scores(...Array(25).fill(9), ...Array(15).fill(7), ...Array(10).fill(3)));
    expect(month.nps).toBe(30);
    const half = (month.npsInterval!.high - month.npsInterval!.low) / 2;
    expect(half).toBeGreaterThan(15);
    expect(half).toBeLessThan(30);
    expect(month.npsInterval!.low).toBeLessThan(30);
    expect(month.npsInterval!.high).toBeGreaterThan(30);
  });

  it('never reads a tiny unanimous sample as certain, and keeps intervals inside the scale', () => {
    const three = summarise(scores(10, 10, 10));
    expect(three.nps).toBe(100);
    expect(three.npsInterval!.low).toBeLessThan(50);
    expect(three.npsInterval!.high).toBe(100);
    expect(three.meanInterval).toEqual({ low: 10, high: 10 });
  });

  it('narrows as answers accumulate', () => {
    const width = (n: number) => {
      const s = summarise(scores(...Array.from({ length: n }, (_, i) => [3, 7, 8, 9, 10][i % 5]!)));
      return s.npsInterval!.high - s.npsInterval!.low;
    };
    expect(width(200)).toBeLessThan(width(50));
    expect(width(50)).toBeLessThan(width(10));
  });

  it('groups by technician, largest groups first, unnamed ones together', () => {
    const groups = summariseBy(
      [
        { score: 9, answeredAt: '', technician: 'Karim' },
        { score: 3, answeredAt: '', technician: 'Karim' },
        { score: 10, answeredAt: '', technician: 'Lucie' },
        { score: 8, answeredAt: '', technician: null },
      ],
      (a) => a.technician,
    );
    expect(groups.map((g) => [g.label, g.n, g.nps])).toEqual([
      ['Karim', 2, 0],
      ['Lucie', 1, 100],
      ['Non renseigné', 1, 0],
    ]);
  });
});
