/**
 * Waiting before trying again, the one way every retry of the product does it (the PBX line, HubSpot
 * requests, the durable jobs, the sync loops): the wait doubles with each failed attempt up to a ceiling.
 */

/** base × 2^(attempt − 1), at most `maxMs` (attempt 1 → base). */
export function exponentialCeiling(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(0, attempt - 1), 30));
}

/**
 * Exponential backoff with "equal jitter": between half and all of the ceiling, so that consoles
 * that failed together do not retry together, and no retry comes almost at once.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = exponentialCeiling(attempt, baseMs, maxMs);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
