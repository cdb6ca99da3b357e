/**
 * The churn model (risque de départ) against simple rules, on generated histories (test/support/
 * churn-histories.ts): learned on past dates whose outcome is known, judged on a later date it never
 * saw (time split). Printed: AUC, precision among the top 10 % (who Gaëtan would call), calibration
 * (Brier score, predicted vs observed by tenth), and the time to learn and score.
 */
import { performance } from 'node:perf_hooks';
import { DAY_MS, examplesAt, FEATURES, HORIZON_DAYS } from '../electron/services/churn/churn-model';
import { auc, brier, calibrationByDecile, fitLogistic, precisionAtTop, predict } from '../electron/services/churn/logistic-model';
import { generateHistories } from '../test/support/churn-histories';

export function benchChurn(customers = Number(process.env['ACCUEIL_BENCH_CHURN_CUSTOMERS'] ?? 5_000)): { lines: string[]; figures: Record<string, unknown> } {
  const now = Date.parse('2026-11-30T12:00:00Z');
  const histories = generateHistories({ customers, now, seed: 2026 });
  // The test date: fifteen months ago (its outcome is known today). Training dates: every three
  // months before it, each at least fifteen months before the test date — nothing learned from the future.
  const testAt = now - HORIZON_DAYS * DAY_MS;
  const trainDates = Array.from({ length: 8 }, (_, i) => testAt - (HORIZON_DAYS + i * 91) * DAY_MS);
  const started = performance.now();
  const train = examplesAt(histories, trainDates);
  const model = fitLogistic(FEATURES, train.map((e) => e.values), train.map((e) => e.left));
  const learnMs = performance.now() - started;
  const test = examplesAt(histories, [testAt]);
  const labels = test.map((e) => e.left);
  const scoreStarted = performance.now();
  const learned = test.map((e) => predict(model, e.values));
  const scoreMs = performance.now() - scoreStarted;
  const silence = FEATURES.indexOf('silence');
  const overdue = FEATURES.indexOf('overdue');
  const recency = test.map((e) => e.values[silence]!);
  const overdueRule = test.map((e) => e.values[overdue]!);
  const base = labels.reduce((s, y) => s + y, 0) / labels.length;
  const fmt = (x: number) => x.toFixed(3);
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const calibration = calibrationByDecile(learned, labels);
  // Those still in touch (a contact in the last year): the ones a call can keep. Silence says little there.
  const engaged = test.map((e, i) => ({ e, i })).filter(({ e }) => e.values[silence]! <= Math.log1p(365));
  const sub = (scores: number[]) => engaged.map(({ i }) => scores[i]!);
  const subLabels = engaged.map(({ e }) => e.left);
  const subBase = subLabels.reduce((s, y) => s + y, 0) / Math.max(1, subLabels.length);
  const lines = [
    `Risque de départ — ${customers} clients générés sur 8 ans ; appris sur ${train.length} exemples (${trainDates.length} dates passées), jugé sur ${test.length} clients actifs il y a 15 mois (${pct(base)} partis depuis)`,
    `  AUC                 modèle ${fmt(auc(learned, labels))}   récence (jours sans contact) ${fmt(auc(recency, labels))}   retard d’entretien ÷ intervalle habituel ${fmt(auc(overdueRule, labels))}`,
    `  précision top 10 %  modèle ${pct(precisionAtTop(learned, labels, 0.1))}   récence ${pct(precisionAtTop(recency, labels, 0.1))}   retard d’entretien ${pct(precisionAtTop(overdueRule, labels, 0.1))}`,
    `  encore en contact   ${engaged.length} clients (contact dans l’année, ${pct(subBase)} partis) : AUC modèle ${fmt(auc(sub(learned), subLabels))}   récence ${fmt(auc(sub(recency), subLabels))}   retard d’entretien ${fmt(auc(sub(overdueRule), subLabels))} ; top 10 % modèle ${pct(precisionAtTop(sub(learned), subLabels, 0.1))}   récence ${pct(precisionAtTop(sub(recency), subLabels, 0.1))}   retard ${pct(precisionAtTop(sub(overdueRule), subLabels, 0.1))}`,
    `  calibration         Brier ${fmt(brier(learned, labels))} (taux de base seul : ${fmt(base * (1 - base))}) ; prévu → observé par dixième : ${calibration.map((b) => `${pct(b.predicted)}→${pct(b.observed)}`).join(' ')}`,
    `  temps               apprendre ${learnMs.toFixed(0)} ms, noter ${test.length} clients ${scoreMs.toFixed(1)} ms`,
  ];
  return {
    lines,
    figures: {
      customers,
      trainExamples: train.length,
      testCustomers: test.length,
      baseRate: base,
      auc: auc(learned, labels),
      aucRecency: auc(recency, labels),
      aucOverdue: auc(overdueRule, labels),
      precisionTop10: precisionAtTop(learned, labels, 0.1),
      precisionTop10Recency: precisionAtTop(recency, labels, 0.1),
      precisionTop10Overdue: precisionAtTop(overdueRule, labels, 0.1),
      brier: brier(learned, labels),
      engaged: engaged.length,
      aucEngaged: auc(sub(learned), subLabels),
      aucEngagedRecency: auc(sub(recency), subLabels),
      aucEngagedOverdue: auc(sub(overdueRule), subLabels),
      precisionTop10Engaged: precisionAtTop(sub(learned), subLabels, 0.1),
      precisionTop10EngagedRecency: precisionAtTop(sub(recency), subLabels, 0.1),
      calibration,
      learnMs,
    },
  };
}
