/**
 * What happens when the database file is damaged (disk error, power cut during a copy, antivirus):
 * the file is never deleted. It is renamed `<file>.corrupt-<timestamp>` (with its -wal and -shm),
 * the caller creates a fresh database, and the call journal is read back from the damaged copy as far
 * as SQLite can read it: a call that happened is never lost. Contacts and history come back from the
 * CRM sync or the demo generator; calls exist only here.
 */
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import type { Logger } from '../log';

export interface CorruptionRecovery {
  /** Where the damaged file now is. */
  movedTo: string;
  /** Call rows copied from it into the fresh database. */
  salvagedCalls: number;
}

/** PRAGMA quick_check found problems. */
export class CorruptDatabaseError extends Error {
  constructor(readonly problems: string[]) {
    super(`Base de données endommagée : ${problems.slice(0, 3).join(' ; ')}`);
    this.name = 'CorruptDatabaseError';
  }
}

const CORRUPTION_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_INDEX']);

export function isCorruptionError(error: unknown): boolean {
  if (error instanceof CorruptDatabaseError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CORRUPTION_CODES.has(code);
}

const SIDE_FILES = ['-wal', '-shm', '-journal'];

/** Renames the file and its side files; returns the new path of the main file. */
export function moveAside(file: string, at: Date): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  let movedTo = `${file}.corrupt-${stamp}`;
  for (let n = 2; fs.existsSync(movedTo); n++) movedTo = `${file}.corrupt-${stamp}-${n}`;
  fs.renameSync(file, movedTo);
  for (const suffix of SIDE_FILES) {
    if (fs.existsSync(`${file}${suffix}`)) fs.renameSync(`${file}${suffix}`, `${movedTo}${suffix}`);
  }
  return movedTo;
}

const CALL_COLUMNS = [
  'id',
  'sip_call_id',
  'direction',
  'state',
  'from_raw',
  'from_e164',
  'from_display',
  'caller_name',
  'to_raw',
  'ring_at',
  'answer_at',
  'end_at',
  'contact_id',
  'company_id',
  'match_label',
  'end_reason',
  'updated_at',
] as const;
const DIRECTIONS = new Set(['inbound', 'outbound']);
const STATES = new Set(['ringing', 'answered', 'ended', 'missed', 'answered_elsewhere', 'failed']);

/**
 * Copies readable call rows from the damaged file into `target`. Reads the table forwards, and if a
 * damaged page stops it, backwards from the end too, so rows on both sides of the damage come back.
 * Rows are checked (id, times, states) before they are kept; contact links are kept as they were
 * (the journal has no foreign keys, so they wait for the records to come back from the CRM).
 */
export function salvageCalls(corruptFile: string, target: BetterSqlite3.Database, logger: Logger): number {
  let source: BetterSqlite3.Database;
  try {
    source = new BetterSqlite3(corruptFile, { readonly: true, fileMustExist: true });
  } catch (error) {
    logger.warn('copie corrompue illisible : aucun appel récupéré', { corruptFile, error });
    return 0;
  }
  const rows = new Map<string, Record<string, unknown>>();
  try {
    const forwardComplete = readCalls(source, 'ASC', rows);
    if (!forwardComplete) readCalls(source, 'DESC', rows);
  } finally {
    source.close();
  }
  if (rows.size === 0) return 0;

  const insert = target.prepare(
    `INSERT OR IGNORE INTO calls (${CALL_COLUMNS.join(', ')}) VALUES (${CALL_COLUMNS.map((c) => `@${c}`).join(', ')})`,
  );
  let salvaged = 0;
  target.transaction(() => {
    for (const row of rows.values()) {
      const call = callRow(row);
      if (call && insert.run(call).changes > 0) salvaged++;
    }
  })();
  return salvaged;
}

/** Returns true when the whole table was read without hitting damage. */
function readCalls(source: BetterSqlite3.Database, order: 'ASC' | 'DESC', into: Map<string, Record<string, unknown>>): boolean {
  try {
    const statement = source.prepare(`SELECT * FROM calls ORDER BY rowid ${order}`);
    for (const row of statement.iterate() as Iterable<Record<string, unknown>>) {
      if (typeof row['id'] === 'string') into.set(row['id'], row);
    }
    return true;
  } catch {
    return false;
  }
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function callRow(row: Record<string, unknown>): Record<string, string | null> | null {
  const id = text(row['id']);
  const ringAt = text(row['ring_at']);
  if (!id || !ringAt || Number.isNaN(Date.parse(ringAt))) return null;
  const out: Record<string, string | null> = {};
  for (const column of CALL_COLUMNS) out[column] = text(row[column]);
  out['direction'] = DIRECTIONS.has(out['direction'] ?? '') ? out['direction']! : 'inbound';
  // A call that was ringing when the file broke has no known outcome; the journal closes it on start.
  out['state'] = STATES.has(out['state'] ?? '') ? out['state']! : 'ended';
  out['from_raw'] ??= '';
  out['from_display'] ??= out['from_raw'];
  out['to_raw'] ??= '';
  out['updated_at'] ??= ringAt;
  return out;
}
