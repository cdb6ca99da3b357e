/**
 * Risque de départ as an area: the scores learned from the company's history and kept in memory
 * (churn-desk.ts), refreshed twice a day where the data lives; read by the pop, the record and the
 * supervisor's list. After Sage (its unpaid invoices) and satisfaction (the survey answers).
 */
import type { AreaModule } from '../area';
import type { ChurnScore } from './churn-model';
import { ChurnDesk } from './churn-desk';

declare module '../area' {
  interface AreaPorts {
    /** The risk scores: `accueil churn` reads them. */
    churn: ChurnDesk;
  }
}

const REFRESH_MS = 12 * 3_600_000;

export const churnArea: AreaModule = {
  name: 'churn',
  order: 760,
  create({ workspace, logger, options, live, port }) {
    const clock = options.clock ?? (() => new Date());
    const db = workspace.store.database;
    const desk = new ChurnDesk({
      db,
      clock,
      logger: logger.child('churn'),
      unpaid: (owner) => {
        try {
          const summary = port('sage').ledger.unpaid(owner);
          return summary && summary.count > 0 ? { count: summary.count, oldestDays: summary.oldestOverdueDays } : null;
        } catch {
          return null;
        }
      },
      withSurveys: () => db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'surveys'`).get() !== undefined,
    });
    const info = () => {
      const state = desk.current();
      return { method: state.method, examples: state.examples, left: state.left, computedAt: state.computedAt };
    };
    const risk = (score: ChurnScore) => ({ companyId: score.companyId, contactId: score.contactId, label: score.label, probability: score.probability, level: score.level, reasons: score.reasons });
    let timer: NodeJS.Timeout | null = null;
    return {
      provides: { churn: desk },
      handlers: {
        'churn.forRecord': ({ contactId, companyId }) => {
          const score = desk.forRecord({ contactId, companyId }, (id) => workspace.store.contacts.get(id)?.companyId ?? null);
          return { risk: score ? risk(score) : null, model: info() };
        },
        'churn.list': ({ limit }) => ({ customers: desk.top(limit).map(risk), model: info() }),
      },
      start() {
        if (!live) return;
        // Learned after start, off the first pop's path; then twice a day.
        timer = setTimeout(function again() {
          try {
            desk.refresh();
          } catch (error) {
            logger.child('churn').error('churn scores failed', { error: String(error) });
          }
          timer = setTimeout(again, REFRESH_MS);
          timer.unref();
        }, 5_000);
        timer.unref();
      },
      stop() {
        if (timer) clearTimeout(timer);
      },
    };
  },
};
