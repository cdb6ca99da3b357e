/**
 * The company plan's « Gains (mesurés mensuellement) » table (feuille de route › KPI de suivi
 * projet), as written there, plus the traceability phase 1 promises (« Fin post-it : Traçabilité
 * 100 % », from the end of month 3 on). Targets only: what is measured comes from the data.
 */
import type { Milestone, PlanKpi } from '../../contract/bilan-calls';

export interface PlanTarget {
  kpi: PlanKpi;
  better: 'higher' | 'lower';
  /** False: Accueil keeps no figure to measure it with (the additional turnover is in the accounts). */
  measuredByAccueil: boolean;
  targets: Readonly<Record<Milestone, number>>;
}

/** Months after month 0. */
export const MILESTONE_MONTHS: Readonly<Record<Milestone, number>> = { M3: 3, M6: 6, M12: 12, M18: 18 };
export const MILESTONES = Object.keys(MILESTONE_MONTHS) as Milestone[];

export const PLAN_TARGETS: readonly PlanTarget[] = [
  { kpi: 'timeSaved', better: 'higher', measuredByAccueil: true, targets: { M3: 150, M6: 400, M12: 800, M18: 1200 } },
  { kpi: 'inboundPerDay', better: 'lower', measuredByAccueil: true, targets: { M3: 50, M6: 45, M12: 40, M18: 30 } },
  { kpi: 'satisfaction', better: 'higher', measuredByAccueil: true, targets: { M3: 6, M6: 7, M12: 7.5, M18: 8 } },
  { kpi: 'nps', better: 'higher', measuredByAccueil: true, targets: { M3: 20, M6: 30, M12: 40, M18: 50 } },
  { kpi: 'traceability', better: 'higher', measuredByAccueil: true, targets: { M3: 100, M6: 100, M12: 100, M18: 100 } },
  { kpi: 'revenue', better: 'higher', measuredByAccueil: false, targets: { M3: 30, M6: 60, M12: 90, M18: 120 } },
];
