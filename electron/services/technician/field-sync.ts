/**
 * The technician's phone works offline: every action it takes (start, stop, checklist, parts, report
 * text, photo, signature, done) is queued there with an id the phone made, and replayed when the network
 * returns. This file is the server's side of that replay, with no I/O:
 * - an action already applied (same client id) is answered with its first outcome, never applied twice;
 * - edits to the visit's fields are merged field by field against the version the phone last saw: a
 *   field the office changed since then keeps the office's value, and the phone is told so (the
 *   conflict is returned, with both values, so the app can show « modifié par le bureau »).
 */

/** Fields of a visit the technician edits on site. */
export const FIELD_KEYS = ['report', 'checklist', 'parts', 'startedAt', 'stoppedAt'] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];
export type FieldValues = Partial<Record<FieldKey, string | null>>;

export interface FieldAction {
  /** Made on the phone (a random UUID); the dedupe key. */
  readonly clientId: string;
  readonly interventionId: string;
  readonly kind: 'edit' | 'photo' | 'signature' | 'done';
  /** For 'edit': the values the phone saw before editing (its base) and what it set. */
  readonly base?: FieldValues;
  readonly changes?: FieldValues;
  /** When the technician acted, on the phone's clock (kept for the record, never trusted for order). */
  readonly madeAt: string;
}

export interface FieldConflict {
  readonly field: FieldKey;
  readonly office: string | null;
  readonly phone: string | null;
}

export interface MergeOutcome {
  /** What to write: only the fields the phone may set. */
  readonly write: FieldValues;
  /** Fields where the office changed the value since the phone's base: the office's value is kept. */
  readonly conflicts: readonly FieldConflict[];
}

/**
 * Three-way merge per field. A field the phone did not change is untouched; a field the phone changed
 * while the server still holds the phone's base is written; a field both changed (to different values)
 * keeps the server's (office's) value and is reported.
 */
export function mergeFieldEdit(server: FieldValues, base: FieldValues, changes: FieldValues): MergeOutcome {
  const write: FieldValues = {};
  const conflicts: FieldConflict[] = [];
  for (const field of FIELD_KEYS) {
    if (!(field in changes)) continue;
    const mine = changes[field] ?? null;
    const theirs = server[field] ?? null;
    const was = base[field] ?? null;
    if (mine === theirs) continue;
    if (theirs === was) {
      write[field] = mine;
    } else {
      conflicts.push({ field, office: theirs, phone: mine });
    }
  }
  return { write, conflicts };
}

export interface AppliedAction<T> {
  readonly clientId: string;
  readonly outcome: T;
  /** True when this call applied it; false when it was a replay answered from the first outcome. */
  readonly fresh: boolean;
}

/** Where outcomes of applied actions are kept, by client id (SQLite in the server, memory in tests). */
export interface ProcessedActions {
  find(clientId: string): { technicianId: string; outcome: string } | null;
  save(clientId: string, technicianId: string, outcome: string): void;
}

export class MemoryProcessedActions implements ProcessedActions {
  private readonly rows = new Map<string, { technicianId: string; outcome: string }>();
  find(clientId: string) {
    return this.rows.get(clientId) ?? null;
  }
  save(clientId: string, technicianId: string, outcome: string) {
    if (!this.rows.has(clientId)) this.rows.set(clientId, { technicianId, outcome });
  }
}

/** Thrown when a client id is replayed by another technician: ids are never shared across accounts. */
export class ForeignActionError extends Error {
  constructor() {
    super('action.foreign');
  }
}

/**
 * Apply once. The caller runs this inside its database transaction so the action and its record of
 * being applied are written together: a phone that loses the answer and replays gets the same outcome.
 */
export function applyOnce<T>(
  processed: ProcessedActions,
  technicianId: string,
  action: FieldAction,
  apply: (action: FieldAction) => T,
): AppliedAction<T> {
  const seen = processed.find(action.clientId);
  if (seen) {
    if (seen.technicianId !== technicianId) throw new ForeignActionError();
    return { clientId: action.clientId, outcome: JSON.parse(seen.outcome) as T, fresh: false };
  }
  const outcome = apply(action);
  processed.save(action.clientId, technicianId, JSON.stringify(outcome ?? null));
  return { clientId: action.clientId, outcome, fresh: true };
}
