/**
 * What the phone shows of a visit's sheet: the server's values (from the day's data) with the edits
 * still waiting in the queue laid over them, in order. An edit's `base` is this view before it, so
 * the server can tell a field the office changed meanwhile (field-sync.ts). Pure.
 */
import type { ChecklistLine, PartLine, SheetFields } from '../../../electron/contract/technician-phone';
import type { QueuedAction } from './action-queue';

export type Sheet = Required<SheetFields>;

export const EMPTY_SHEET: Sheet = { report: null, checklist: null, parts: null, startedAt: null, stoppedAt: null };

export interface EditPayload {
  base: SheetFields;
  changes: SheetFields;
}

export function localSheet(server: Sheet, queued: readonly QueuedAction[], interventionId: string): Sheet {
  let sheet = { ...server };
  for (const action of queued) {
    if (action.interventionId !== interventionId || action.kind !== 'edit') continue;
    sheet = { ...sheet, ...(action.payload as EditPayload).changes };
  }
  return sheet;
}

/** The edit that sets `changes` on the phone's current view (only the fields that change). */
export function editOf(current: Sheet, changes: SheetFields): EditPayload | null {
  const base: SheetFields = {};
  const changed: SheetFields = {};
  for (const key of Object.keys(changes) as (keyof Sheet)[]) {
    const value = changes[key] ?? null;
    if (value === current[key]) continue;
    base[key] = current[key];
    changed[key] = value;
  }
  return Object.keys(changed).length === 0 ? null : { base, changes: changed };
}

/** The checklist as ticked on the phone: every label of the kind's list, with what the sheet holds. */
export function checklistOf(labels: readonly string[], sheet: Sheet): ChecklistLine[] {
  const stored = parse<ChecklistLine>(sheet.checklist);
  return labels.map((label) => ({ label, done: stored.some((l) => l.label === label && l.done === true) }));
}

export function partsOf(sheet: Sheet): PartLine[] {
  return parse<PartLine>(sheet.parts).filter((p) => typeof p.label === 'string' && typeof p.quantity === 'number');
}

function parse<T>(text: string | null): T[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}
