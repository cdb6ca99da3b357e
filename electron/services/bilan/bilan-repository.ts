/**
 * Read-only counts for the Bilan, per calendar month, from the journal and the e-mail history
 * (the store's shared tables). Simulated calls (« Simuler un appel », a training tool) are left out:
 * they are nobody's call. The surveys are the satisfaction area's: read through its port.
 */
import type { AccueilDatabase } from '../store/database';
import { SIMULATION_CALL_ID_HOST } from '../store/demo-purge';

export interface CallCounts {
  inbound: number;
  identifiedInbound: number;
  answered: number;
  logged: number;
}

const NOT_SIMULATED = `coalesce(sip_call_id, '') NOT LIKE '%@' || @simulationHost`;

export class BilanRepository {
  private readonly callsIn;
  private readonly firstCall;
  private readonly templated;

  constructor(db: AccueilDatabase) {
    // One range on the calls_ring_at index per month; ring_at is ISO UTC, compared as strings.
    this.callsIn = db.prepare<CallCounts>(
      `SELECT
         coalesce(sum(direction = 'inbound'), 0) AS inbound,
         coalesce(sum(direction = 'inbound' AND (contact_id IS NOT NULL OR company_id IS NOT NULL)), 0) AS identifiedInbound,
         coalesce(sum(answer_at IS NOT NULL AND state IN ('answered', 'ended')), 0) AS answered,
         coalesce(sum(answer_at IS NOT NULL AND state IN ('answered', 'ended') AND logged_at IS NOT NULL), 0) AS logged
       FROM calls WHERE ring_at >= @start AND ring_at < @end AND ${NOT_SIMULATED}`,
    );
    // In index order, stopping at the first real call (min() with a filter would read them all).
    this.firstCall = db.prepare<{ ringAt: string }>(`SELECT ring_at AS ringAt FROM calls WHERE ${NOT_SIMULATED} ORDER BY ring_at LIMIT 1`);
    // emails has no index on sent_at alone: one pass for the whole period, bucketed by the caller.
    this.templated = db.prepare<{ sentAt: string }>(`SELECT sent_at AS sentAt FROM emails WHERE direction = 'out' AND template_id IS NOT NULL AND sent_at >= ? AND sent_at < ?`);
  }

  callCounts(start: string, end: string): CallCounts {
    return this.callsIn.get({ start, end, simulationHost: SIMULATION_CALL_ID_HOST })!;
  }

  /** When the first real call was journaled; null on an empty journal. */
  firstCallAt(): string | null {
    return this.firstCall.get({ simulationHost: SIMULATION_CALL_ID_HOST })?.ringAt ?? null;
  }

  /** Send times of the e-mails sent from a template in [start, end). */
  templateEmailTimes(start: string, end: string): string[] {
    return this.templated.all(start, end).map((r) => r.sentAt);
  }
}
