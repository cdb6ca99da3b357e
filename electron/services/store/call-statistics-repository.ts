/**
 * Read-only rows for the supervisor's figures (issue 5): the few columns the KPI and forecast code
 * needs, for every call (every agent's, synced ones included) since an instant. Kept apart from the
 * calls repository so the journal's hot path stays as it is.
 */
import type { CallState } from '../../contract/model';
import type { AccueilDatabase } from './database';

export interface CallStatisticsRow {
  direction: 'inbound' | 'outbound';
  state: CallState;
  fromE164: string | null;
  toRaw: string;
  ringAt: string;
  answerAt: string | null;
  endAt: string | null;
}

/** An item of the callback list (issue 4's `callbacks` table) as the supervisor's figures need it. */
export interface CallbackItemRow {
  state: 'open' | 'done';
  closedAt: string | null;
  closedBy: 'answered_call' | 'agent' | null;
  firstMissedAt: string;
  /** The item's first missed call at or after the `since` given (null: none that recent). */
  firstMissedSince: string | null;
}

export class CallStatisticsRepository {
  private readonly since;
  private readonly inboundSince;

  constructor(private readonly db: AccueilDatabase) {
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

  /** The callback list's open items and those with a missed call since `sinceIso`. */
  callbackItemsSince(sinceIso: string): CallbackItemRow[] {
    // Prepared on first use (then cached by the database): a schema before 0003 has no such table.
    // Open items, and items that gathered a missed call since the instant; withheld numbers ('masque')
    // cannot be called back and are left out, as in the derived figures.
    return this.db.prepare<CallbackItemRow>(
      `SELECT cb.state, cb.closed_at AS closedAt, cb.closed_by AS closedBy, cb.first_missed_at AS firstMissedAt,
         (SELECT min(cc.ring_at) FROM callback_calls cc WHERE cc.callback_id = cb.id AND cc.ring_at >= @since) AS firstMissedSince
       FROM callbacks cb
       WHERE cb.number_key <> 'masque'
         AND (cb.state = 'open' OR EXISTS (SELECT 1 FROM callback_calls cc WHERE cc.callback_id = cb.id AND cc.ring_at >= @since))`,
      )
      .all({ since: sinceIso });
  }

  /** Ring times of inbound calls since `sinceIso` (for the forecast: nothing else is needed). */
  inboundRingTimesSince(sinceIso: string): string[] {
    return this.inboundSince.all(sinceIso).map((r) => r.ringAt);
  }
}
