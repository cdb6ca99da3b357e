/**
 * Read-only rows for the supervisor's figures (issue 5): the few columns the KPI and forecast code
 * needs, for every call (every agent's, synced ones included) since an instant. Kept apart from the
 * calls repository so the journal's hot path stays as it is.
 */
import type { CallState } from '../../contract/model';
import type { AccueilDatabase } from '../store/database';

export interface CallStatisticsRow {
  direction: 'inbound' | 'outbound';
  state: CallState;
  fromE164: string | null;
  toRaw: string;
  ringAt: string;
  answerAt: string | null;
  endAt: string | null;
}

export class CallStatisticsRepository {
  private readonly since;
  private readonly inboundSince;

  constructor(db: AccueilDatabase) {
    // ring_at is an ISO string in UTC: ordering and ranges are plain string comparisons on its index.
    this.since = db.prepare<CallStatisticsRow>(
      `SELECT direction, state, from_e164 AS fromE164, to_raw AS toRaw, ring_at AS ringAt, answer_at AS answerAt, end_at AS endAt
       FROM calls WHERE ring_at >= ? ORDER BY ring_at`,
    );
    this.inboundSince = db.prepare<{ ringAt: string }>(`SELECT ring_at AS ringAt FROM calls WHERE ring_at >= ? AND direction = 'inbound' ORDER BY ring_at`);
  }

  /** Every call that started ringing at or after `sinceIso`, oldest first. */
  callsSince(sinceIso: string): CallStatisticsRow[] {
    return this.since.all(sinceIso);
  }

  /** Ring times of inbound calls since `sinceIso` (for the forecast: nothing else is needed). */
  inboundRingTimesSince(sinceIso: string): string[] {
    return this.inboundSince.all(sinceIso).map((r) => r.ringAt);
  }
}
