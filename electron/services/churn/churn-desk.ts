/**
 * The churn scores as the product keeps them: learned from the company's history (or the rules when
 * it is too short), every customer scored, kept in memory and refreshed twice a day — a record's risk
 * is then a map lookup, never a computation during a call.
 */
import type { AccueilDatabase } from '../store/database';
import type { Logger } from '../log';
import { readCustomerHistories } from './customer-history';
import { scoreCustomer, trainChurn, type ChurnScore, type TrainedChurn } from './churn-model';

export interface UnpaidFacts {
  count: number;
  oldestDays: number | null;
}

export interface ChurnDeskOptions {
  db: AccueilDatabase;
  clock: () => Date;
  logger: Logger;
  /** The customer's overdue invoices (Sage), or null when unknown. */
  unpaid: (owner: { companyId: string | null; contactId: string | null }) => UnpaidFacts | null;
  withSurveys: () => boolean;
}

export interface ChurnState {
  computedAt: string;
  method: TrainedChurn['method'];
  examples: number;
  left: number;
  scores: Map<string, ChurnScore>;
}

export class ChurnDesk {
  private state: ChurnState | null = null;

  constructor(private readonly options: ChurnDeskOptions) {}

  /** Learns and scores everyone again (at start, then twice a day). */
  refresh(): ChurnState {
    const started = Date.now();
    const now = this.options.clock().getTime();
    const histories = readCustomerHistories(this.options.db, { withSurveys: this.options.withSurveys() });
    const trained = trainChurn(histories.values(), now);
    const scores = new Map<string, ChurnScore>();
    for (const h of histories.values()) {
      const score = scoreCustomer(trained, h, now, this.options.unpaid({ companyId: h.companyId, contactId: h.contactId }));
      if (score) scores.set(h.key, score);
    }
    this.state = { computedAt: new Date(now).toISOString(), method: trained.method, examples: trained.examples, left: trained.left, scores };
    this.options.logger.info('churn scores computed', { customers: scores.size, method: trained.method, examples: trained.examples, ms: Date.now() - started });
    return this.state;
  }

  current(): ChurnState {
    return this.state ?? this.refresh();
  }

  /** A record's risk: its company's, or the contact's own when they have no company. */
  forRecord(owner: { contactId: string | null; companyId: string | null }, companyOfContact: (contactId: string) => string | null): ChurnScore | null {
    const state = this.current();
    const companyId = owner.companyId ?? (owner.contactId ? companyOfContact(owner.contactId) : null);
    return state.scores.get(companyId ?? `c:${owner.contactId}`) ?? null;
  }

  /** The customers most at risk, for Gaëtan to call. */
  top(limit: number): ChurnScore[] {
    return [...this.current().scores.values()].sort((a, b) => b.probability - a.probability).slice(0, limit);
  }
}
