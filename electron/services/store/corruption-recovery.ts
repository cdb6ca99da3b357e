/**
 * What happens when the database file is damaged (disk error, power cut during a copy, antivirus):
 * the file is never deleted. It is renamed `<file>.corrupt-<timestamp>` (with its -wal and -shm),
 * the caller creates a fresh database, and every table of the schema is read back from the damaged
 * copy as far as SQLite can read it, table by table: calls and their wrap-ups, notes, tickets and
 * their history, callbacks, drafts, the outbox (what has not reached HubSpot yet exists only here),
 * and the CRM records too (they would come back from HubSpot, but not before the next sync, and a
 * demo workspace has no other copy). Damage in one table costs the rows on its damaged pages only.
 */
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import type { Logger } from '../log';
import { jobFromOutboxRow } from './migrations/0005-jobs';

export interface CorruptionRecovery {
  /** Where the damaged file now is. */
  movedTo: string;
  /** Call rows copied from it into the fresh database. */
  salvagedCalls: number;
  /** Rows copied back, per table of the current schema (0 for a table found empty or unreadable). */
  salvaged: Record<string, number>;
  /** Tables whose reading was stopped by damage: rows on the damaged pages are lost. */
  damagedTables: string[];
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

/**
 * Not copied: SQLite's own tables, the search index (FTS5 tables and their shadow tables, rebuilt
 * from the records after the copy) and the flag of a bulk load that was under way when the file broke.
 */
const DERIVED_TABLES = new Set(['search_index_paused']);

/**
 * Copied only when every other table was read whole. A sync checkpoint says what the file held: one
 * that believes the first copy is done would never bring back the records the damage took, whereas
 * without it the next sync copies HubSpot again (records are upserted, nothing is duplicated).
 */
const CHECKPOINT_TABLES = new Set(['sync_state']);

/**
 * Tables of older schemas that a later migration folded into another: a damaged file of that age
 * brings their rows back in the current shape (what has not reached HubSpot yet exists only there).
 */
const FOLDED_TABLES: ReadonlyArray<{ from: string; into: string; row: (row: Record<string, unknown>) => Record<string, unknown> }> = [
  { from: 'outbox', into: 'jobs', row: jobFromOutboxRow },
];

export interface Salvage {
  salvaged: Record<string, number>;
  damagedTables: string[];
}

/**
 * Copies every readable row of every table of `target`'s schema from the damaged file into
 * `target` (fresh, migrated, empty), in one transaction. Each table is read forwards, and if a
 * damaged page stops it, backwards from the end too, so rows on both sides of the damage come back.
 * Columns are those both files have (a copy from an older schema keeps what it had). A row the
 * current schema refuses (a value that is not a date, a state it does not know) is left out, except
 * calls, which are repaired: a call that happened is never dropped for a bad field. Foreign keys are
 * checked after the copy and follow the schema's own rule for a record that did not come back: the
 * link is cleared (ON DELETE SET NULL) or the dependent row goes (ON DELETE CASCADE: a phone number
 * with no owner, the history of a lost ticket). `rebuildSearchIndex` runs in the same transaction.
 */
export function salvageTables(corruptFile: string, target: BetterSqlite3.Database, logger: Logger, rebuildSearchIndex: () => void): Salvage {
  const tables = copiedTables(target);
  const salvaged: Record<string, number> = Object.fromEntries(tables.map((table) => [table, 0]));
  const damagedTables: string[] = [];
  let source: BetterSqlite3.Database;
  try {
    source = new BetterSqlite3(corruptFile, { readonly: true, fileMustExist: true });
  } catch (error) {
    logger.warn('copie corrompue illisible : rien récupéré', { corruptFile, error });
    return { salvaged, damagedTables: tables };
  }
  // Changing foreign_keys is a no-op inside a transaction: off around it, on again whatever happens.
  target.pragma('foreign_keys = OFF');
  try {
    target.transaction(() => {
      target.prepare(`INSERT OR IGNORE INTO search_index_paused (one) VALUES (1)`).run();
      const ordered = [...tables.filter((t) => !CHECKPOINT_TABLES.has(t)), ...tables.filter((t) => CHECKPOINT_TABLES.has(t))];
      for (const table of ordered) {
        if (CHECKPOINT_TABLES.has(table) && damagedTables.length > 0) {
          logger.warn('points de reprise de la synchronisation non repris : des enregistrements ont été perdus, la prochaine synchronisation recopie tout', {
            table,
            damagedTables,
          });
          continue;
        }
        if (!copyTable(source, target, table)) damagedTables.push(table);
        for (const fold of FOLDED_TABLES.filter((f) => f.into === table)) if (!copyTable(source, target, table, fold)) damagedTables.push(fold.from);
      }
      repairForeignKeys(target);
      target.prepare(`DELETE FROM search_index_paused`).run();
      rebuildSearchIndex();
    })();
  } finally {
    source.close();
    target.pragma('foreign_keys = ON');
  }
  for (const table of tables) salvaged[table] = (target.prepare(`SELECT count(*) AS n FROM ${quoted(table)}`).get() as { n: number }).n;
  return { salvaged, damagedTables };
}

/** The tables of the current schema whose rows are data, in creation order. */
function copiedTables(target: BetterSqlite3.Database): string[] {
  const rows = target.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY rowid`).all() as Array<{ name: string; sql: string | null }>;
  const virtual = rows.filter((row) => /^CREATE VIRTUAL TABLE/i.test(row.sql ?? '')).map((row) => row.name);
  return rows
    .map((row) => row.name)
    .filter((name) => !name.startsWith('sqlite_') && !DERIVED_TABLES.has(name))
    .filter((name) => !virtual.some((v) => name === v || name.startsWith(`${v}_`)));
}

/**
 * Copies what can be read of one table (or of an older table folded into it, each row converted);
 * false when damage stopped the reading.
 */
function copyTable(
  source: BetterSqlite3.Database,
  target: BetterSqlite3.Database,
  table: string,
  fold?: { from: string; row: (row: Record<string, unknown>) => Record<string, unknown> },
): boolean {
  const from = fold?.from ?? table;
  const targetColumns = columnsOf(target, table);
  let sourceColumns: string[];
  try {
    sourceColumns = columnsOf(source, from);
  } catch {
    return false;
  }
  // Absent from the damaged file (an older schema): nothing to copy, nothing lost.
  if (sourceColumns.length === 0) return true;
  const columns = fold ? targetColumns : targetColumns.filter((column) => sourceColumns.includes(column));
  const read = fold ? sourceColumns : columns;
  const insert = target.prepare(`INSERT OR IGNORE INTO ${quoted(table)} (${columns.map(quoted).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  const repair = fold ? fold.row : table === 'calls' ? repairCall : (row: Record<string, unknown>) => row;
  const copy = (row: Record<string, unknown>) => {
    const fixed = repair(row);
    if (fixed) insert.run(columns.map((column) => fixed[column] ?? null));
  };
  const order = orderOf(source, from);
  // Primary keys make the backward pass harmless where it meets rows the forward pass copied.
  if (readRows(source, from, read, `${order} ASC`, copy)) return true;
  readRows(source, from, read, order.split(', ').map((o) => `${o} DESC`).join(', '), copy);
  return false;
}

function columnsOf(db: BetterSqlite3.Database, table: string): string[] {
  return (db.pragma(`table_info(${quoted(table)})`) as Array<{ name: string }>).map((column) => column.name);
}

/** rowid, or the primary key of a WITHOUT ROWID table. */
function orderOf(source: BetterSqlite3.Database, table: string): string {
  try {
    source.prepare(`SELECT rowid FROM ${quoted(table)} LIMIT 0`);
    return 'rowid';
  } catch {
    const key = (source.pragma(`table_info(${quoted(table)})`) as Array<{ name: string; pk: number }>).filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    return key.length > 0 ? key.map((c) => quoted(c.name)).join(', ') : '1';
  }
}

/** Returns true when the whole table was read without hitting damage. */
function readRows(source: BetterSqlite3.Database, table: string, columns: string[], order: string, each: (row: Record<string, unknown>) => void): boolean {
  try {
    const statement = source.prepare(`SELECT ${columns.map(quoted).join(', ')} FROM ${quoted(table)} ORDER BY ${order}`);
    for (const row of statement.iterate() as Iterable<Record<string, unknown>>) each(row);
    return true;
  } catch {
    return false;
  }
}

/**
 * Applies each foreign key's own ON DELETE rule to the rows whose parent did not come back. Rows
 * are found by rowid (every table with a foreign key has one).
 */
function repairForeignKeys(target: BetterSqlite3.Database): void {
  const violations = target.pragma('foreign_key_check') as Array<{ table: string; rowid: number | null; fkid: number }>;
  for (const violation of violations) {
    if (violation.rowid === null) continue;
    const keys = target.pragma(`foreign_key_list(${quoted(violation.table)})`) as Array<{ id: number; from: string; on_delete: string }>;
    const key = keys.find((k) => k.id === violation.fkid);
    if (key?.on_delete === 'SET NULL') {
      target.prepare(`UPDATE ${quoted(violation.table)} SET ${quoted(key.from)} = NULL WHERE rowid = ?`).run(violation.rowid);
    } else {
      target.prepare(`DELETE FROM ${quoted(violation.table)} WHERE rowid = ?`).run(violation.rowid);
    }
  }
}

function quoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

const DIRECTIONS = new Set(['inbound', 'outbound']);
const STATES = new Set(['ringing', 'answered', 'ended', 'missed', 'answered_elsewhere', 'failed']);
const OUTCOMES = new Set(['connecte', 'message_laisse', 'pas_de_reponse', 'mauvais_numero', 'occupe']);

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** A call row the schema accepts, or null when it has no id or no ring time (nothing to show). */
function repairCall(row: Record<string, unknown>): Record<string, unknown> | null {
  const id = text(row['id']);
  const ringAt = text(row['ring_at']);
  if (!id || !ringAt || Number.isNaN(Date.parse(ringAt))) return null;
  const out: Record<string, unknown> = { ...row };
  out['direction'] = DIRECTIONS.has(text(row['direction']) ?? '') ? row['direction'] : 'inbound';
  // A call that was ringing when the file broke has no known outcome; the journal closes it on start.
  out['state'] = STATES.has(text(row['state']) ?? '') ? row['state'] : 'ended';
  if (row['outcome'] != null && !OUTCOMES.has(text(row['outcome']) ?? '')) out['outcome'] = null;
  out['from_raw'] = text(row['from_raw']) ?? '';
  out['from_display'] = text(row['from_display']) ?? out['from_raw'];
  out['to_raw'] = text(row['to_raw']) ?? '';
  out['updated_at'] = text(row['updated_at']) ?? ringAt;
  return out;
}
