import { describe, expect, it } from 'vitest';
import { auc, brier, calibrationByDecile, fitLogistic, precisionAtTop, predict } from './logistic-model';
import { SeededRandom } from '../demo/seeded-random';

describe('judging a score', () => {
  it('computes AUC as the share of (churner, stayer) pairs ranked right, ties half', () => {
    expect(auc([0.9, 0.8, 0.3, 0.1], [1, 1, 0, 0])).toBe(1);
    expect(auc([0.1, 0.3, 0.8, 0.9], [1, 1, 0, 0])).toBe(0);
    expect(auc([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0])).toBe(0.5);
    expect(auc([0.9, 0.4, 0.6, 0.1], [1, 1, 0, 0])).toBe(0.75);
  });

  it('measures precision among the top scores, and the Brier score', () => {
    expect(precisionAtTop([0.9, 0.8, 0.7, 0.1, 0.2], [1, 0, 1, 0, 0], 0.4)).toBe(0.5);
    expect(brier([1, 0], [1, 0])).toBe(0);
    expect(brier([0.5, 0.5], [1, 0])).toBe(0.25);
  });
});

describe('the logistic regression', () => {
  it('recovers the direction and rough size of a known effect, calibrated', () => {
    const random = new SeededRandom(7);
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const helps = random.next() * 4;
      const hurts = random.next() * 4;
      const p = 1 / (1 + Math.exp(-(-1 + 1.5 * hurts - 1 * helps)));
      rows.push([helps, hurts]);
      labels.push(random.next() < p ? 1 : 0);
    }
    const model = fitLogistic(['helps', 'hurts'], rows, labels, { iterations: 1500 });
    expect(model.weights[0]! / model.scales[0]!).toBeLessThan(-0.7);
    expect(model.weights[1]! / model.scales[1]!).toBeGreaterThan(1.1);
    const predicted = rows.map((r) => predict(model, r));
    for (const bin of calibrationByDecile(predicted, labels)) expect(Math.abs(bin.predicted - bin.observed)).toBeLessThan(0.08);
    expect(auc(predicted, labels)).toBeGreaterThan(0.85);
  });
});
