/**
 * What the rest of the product needs from the HubSpot outbox: "this local record must reach the
 * CRM". Items reference local rows by id; the payload is built from the row when the item is sent,
 * so an edit made before the flush goes out with it, and a record is never sent from a stale copy.
 * Enqueue in the same SQLite transaction as the local write: either both happen or neither.
 */
export type OutboxKind = 'contact' | 'company' | 'call' | 'note' | 'ticket' | 'email' | 'meeting';

export interface OutboxPort {
  enqueue(item: { kind: OutboxKind; localId: string; op: 'create' | 'update' }): void;
}

/** Until a CRM is connected (demo workspace), nothing is queued. */
export const noOutbox: OutboxPort = { enqueue: () => {} };
