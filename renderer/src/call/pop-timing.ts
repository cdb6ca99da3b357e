/**
 * Optional timing marks of the screen pop in the page, for `npm run bench` (bench/pop.ts). Off by
 * default: nothing is recorded unless the page defines `window.__accueilPopTimings = []` before the
 * app starts (the bench does, with Playwright). Then each incoming call adds one entry
 * `{ callId, receivedAt, renderedAt }`, in epoch milliseconds (performance.timeOrigin +
 * performance.now(), the clock the services' CallJournal marks use too):
 *   receivedAt   `call.incoming` reached the renderer (frame read and checked)
 *   renderedAt   its pop is in the DOM (PopView's layout effect, before paint)
 */
export interface PopTimingEntry {
  callId: string;
  receivedAt: number;
  renderedAt: number | null;
}

function entries(): PopTimingEntry[] | null {
  const list = (globalThis as { __accueilPopTimings?: unknown }).__accueilPopTimings;
  return Array.isArray(list) ? (list as PopTimingEntry[]) : null;
}

const now = () => performance.timeOrigin + performance.now();

export function markPopReceived(callId: string): void {
  const list = entries();
  if (!list || list.some((e) => e.callId === callId)) return;
  list.push({ callId, receivedAt: now(), renderedAt: null });
}

export function markPopRendered(callId: string): void {
  const list = entries();
  if (!list) return;
  const entry = list.find((e) => e.callId === callId);
  if (entry && entry.renderedAt === null) entry.renderedAt = now();
}
