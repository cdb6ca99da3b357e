/**
 * A small logistic regression and the measures that judge a risk score: pure, no I/O. Features are
 * standardised on the training set (the coefficients then say which feature weighs most), the loss is
 * the log loss with an L2 penalty, fitted by full-batch gradient descent — a few thousand customers
 * and six features take milliseconds.
 */

export interface LogisticModel {
  features: readonly string[];
  means: number[];
  scales: number[];
  weights: number[];
  bias: number;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function fitLogistic(features: readonly string[], rows: readonly number[][], labels: readonly number[], options: { l2?: number; iterations?: number; rate?: number } = {}): LogisticModel {
  const n = rows.length;
  const d = features.length;
  if (n === 0) throw new Error('fitLogistic: no example');
  const means = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + r[j]!, 0) / n);
  const scales = Array.from({ length: d }, (_, j) => Math.sqrt(rows.reduce((s, r) => s + (r[j]! - means[j]!) ** 2, 0) / n) || 1);
  const x = rows.map((r) => r.map((v, j) => (v - means[j]!) / scales[j]!));
  const l2 = options.l2 ?? 0.01;
  const rate = options.rate ?? 0.5;
  const weights = new Array<number>(d).fill(0);
  // Start from the base rate: the bias alone predicts the share of positives.
  const positives = labels.reduce((s, y) => s + y, 0);
  let bias = Math.log((positives + 0.5) / (n - positives + 0.5));
  for (let iteration = 0; iteration < (options.iterations ?? 600); iteration++) {
    const gradient = new Array<number>(d).fill(0);
    let gradientBias = 0;
    for (let i = 0; i < n; i++) {
      const row = x[i]!;
      let z = bias;
      for (let j = 0; j < d; j++) z += weights[j]! * row[j]!;
      const error = sigmoid(z) - labels[i]!;
      for (let j = 0; j < d; j++) gradient[j]! += error * row[j]!;
      gradientBias += error;
    }
    for (let j = 0; j < d; j++) weights[j]! -= rate * (gradient[j]! / n + l2 * weights[j]!);
    bias -= rate * (gradientBias / n);
  }
  return { features: [...features], means, scales, weights, bias };
}

/** Each feature's share of the score (standardised value × weight), for the reasons shown. */
export function contributions(model: LogisticModel, row: readonly number[]): number[] {
  return row.map((v, j) => ((v - model.means[j]!) / model.scales[j]!) * model.weights[j]!);
}

export function predict(model: LogisticModel, row: readonly number[]): number {
  return sigmoid(model.bias + contributions(model, row).reduce((s, c) => s + c, 0));
}

/** Area under the ROC curve (ties counted half): the chance a churner is ranked above a stayer. */
export function auc(scores: readonly number[], labels: readonly number[]): number {
  const order = scores.map((s, i) => ({ s, y: labels[i]! })).sort((a, b) => a.s - b.s);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j]!.s === order[i]!.s) j++;
    const averageRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (order[k]!.y !== 1) continue;
      rankSum += averageRank;
      positives += 1;
    }
    i = j;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return 0.5;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Share of churners among the top `fraction` of scores (who Gaëtan would call first). */
export function precisionAtTop(scores: readonly number[], labels: readonly number[], fraction: number): number {
  const k = Math.max(1, Math.round(scores.length * fraction));
  const top = scores.map((s, i) => ({ s, y: labels[i]! })).sort((a, b) => b.s - a.s).slice(0, k);
  return top.reduce((sum, t) => sum + t.y, 0) / k;
}

/** Mean squared error of probabilities (lower is better; the base rate alone gives p(1−p)). */
export function brier(probabilities: readonly number[], labels: readonly number[]): number {
  return probabilities.reduce((s, p, i) => s + (p - labels[i]!) ** 2, 0) / Math.max(1, probabilities.length);
}

/** Predicted against observed churn, by tenth of predicted probability (calibration). */
export function calibrationByDecile(probabilities: readonly number[], labels: readonly number[]): Array<{ predicted: number; observed: number; count: number }> {
  const order = probabilities.map((p, i) => ({ p, y: labels[i]! })).sort((a, b) => a.p - b.p);
  const bins: Array<{ predicted: number; observed: number; count: number }> = [];
  for (let b = 0; b < 10; b++) {
    const slice = order.slice(Math.floor((b * order.length) / 10), Math.floor(((b + 1) * order.length) / 10));
    if (slice.length === 0) continue;
    bins.push({ predicted: slice.reduce((s, t) => s + t.p, 0) / slice.length, observed: slice.reduce((s, t) => s + t.y, 0) / slice.length, count: slice.length });
  }
  return bins;
}
