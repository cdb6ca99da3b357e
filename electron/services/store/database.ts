/**
 * The SQLite database behind Accueil: opened with the pragmas a call journal needs (WAL so the
 * renderer's reads never block the ringing row's write; foreign keys on), migrated to the current
 * schema, and checked. A corrupt file is never deleted: it is moved aside, a fresh database is
 * created and every table is salvaged from the copy as far as it reads (see corruption-recovery.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { silentLogger, type Logger } from '../log';
import { migrations, latestVersion, type Migration } from './migrations';
import { moveAside, salvageTables, isCorruptionError, CorruptDatabaseError, type CorruptionRecovery } from './corruption-recovery';
import { SearchRepository } from './search-repository';

export type { CorruptionRecovery };
export type SqliteDatabase = BetterSqlite3.Database;
type BindParameters = unknown[];

/** Signal's MIN_TRACE_DURATION: a statement slower than this is worth a log line. */
export const SLOW_QUERY_MS = 40;
const BUSY_TIMEOUT_MS = 5_000;

/** The file was written by a newer Accueil: opening it here could lose what that version stored. */
export class DatabaseFromFutureError extends Error {
  constructor(
    readonly file: string,
    readonly fileVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `La base de données ${file} a été créée par une version plus récente d'Accueil (schéma ${fileVersion}, ` +
        `cette version connaît jusqu'au schéma ${knownVersion}). Mettez Accueil à jour ; la base n'a pas été modifiée.`,
    );
    this.name = 'DatabaseFromFutureError';
  }
}

export interface OpenDatabaseOptions {
  logger?: Logger;
  /** Clock for the name of a corrupt file moved aside. */
  now?: () => Date;
  /** Threshold for the slow-query log line (ms). */
  slowQueryMs?: number;
  /**
   * Run PRAGMA quick_check on an existing file at open (default true). It reads the whole file:
   * about 0.5 s for a 100 000-contact workspace (300 MB), a few ms for a usual one.
   */
  integrityCheck?: boolean;
}

/** A prepared statement that times itself: prepared once, reused, slow runs logged. */
export class TracedStatement<Row = unknown> {
  constructor(
    private readonly statement: BetterSqlite3.Statement<BindParameters, Row>,
    private readonly sql: string,
    private readonly trace: (sql: string, ms: number) => void,
  ) {}

  get(...params: BindParameters): Row | undefined {
    const start = performance.now();
    try {
      return this.statement.get(...params);
    } finally {
      this.trace(this.sql, performance.now() - start);
    }
  }

  all(...params: BindParameters): Row[] {
    const start = performance.now();
    try {
      return this.statement.all(...params);
    } finally {
      this.trace(this.sql, performance.now() - start);
    }
  }

  run(...params: BindParameters): BetterSqlite3.RunResult {
    const start = performance.now();
    try {
      return this.statement.run(...params);
    } finally {
      this.trace(this.sql, performance.now() - start);
    }
  }
}

export class AccueilDatabase {
  private readonly statements = new Map<string, TracedStatement<unknown>>();
  private readonly slowQueryMs: number;

  constructor(
    private readonly sqlite: SqliteDatabase,
    readonly file: string,
    readonly logger: Logger,
    /** Set when the file was found corrupt at open and replaced by a fresh one. */
    readonly recoveredFromCorruption: CorruptionRecovery | null,
    slowQueryMs = SLOW_QUERY_MS,
  ) {
    this.slowQueryMs = slowQueryMs;
  }

  /** Schema version recorded in the file (PRAGMA user_version). */
  get version(): number {
    return this.sqlite.pragma('user_version', { simple: true }) as number;
  }

  /** Prepares `sql` once; later calls with the same text return the cached statement. */
  prepare<Row = unknown>(sql: string): TracedStatement<Row> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = new TracedStatement<unknown>(this.sqlite.prepare<BindParameters, unknown>(sql), sql, this.trace);
      this.statements.set(sql, statement);
    }
    return statement as TracedStatement<Row>;
  }

  /** Runs `work` in one transaction (a savepoint when nested). */
  transaction<T>(work: () => T): T {
    return this.sqlite.transaction(work)();
  }

  /** Runs a PRAGMA (maintenance, tests). */
  pragma(source: string): unknown {
    return this.sqlite.pragma(source, { simple: true });
  }

  get open(): boolean {
    return this.sqlite.open;
  }

  /**
   * Applies an area's own migrations (numbered from 1 for that area) not yet applied, in one
   * transaction, and records the area's version in `area_schema`. The store's history
   * (`user_version`, migrations/) stays as it is: wave 1's tables were created there; each area
   * added since brings its tables with it.
   */
  migrateArea(area: string, migrations: readonly Migration[]): void {
    this.sqlite.prepare('CREATE TABLE IF NOT EXISTS area_schema (area TEXT PRIMARY KEY, version INTEGER NOT NULL)').run();
    const recorded = (this.sqlite.prepare('SELECT version FROM area_schema WHERE area = ?').get(area) as { version: number } | undefined)?.version ?? 0;
    migrations.forEach((migration, index) => {
      if (migration.version !== index + 1) throw new Error(`Migrations of area « ${area} » must be numbered 1, 2, 3…: found ${migration.version} at position ${index + 1}`);
    });
    if (recorded > migrations.length) throw new DatabaseFromFutureError(`${this.file} (${area})`, recorded, migrations.length);
    const pending = migrations.slice(recorded);
    if (pending.length === 0) return;
    this.sqlite.transaction(() => {
      for (const migration of pending) migration.up(this.sqlite);
      this.sqlite.prepare('INSERT INTO area_schema (area, version) VALUES (?, ?) ON CONFLICT (area) DO UPDATE SET version = excluded.version').run(area, migrations.length);
    })();
    this.logger.info('area migrated', { area, from: recorded, to: migrations.length });
  }

  /** True inside transaction(): the outbox port's contract is to be called there (tests check it). */
  get inTransaction(): boolean {
    return this.sqlite.inTransaction;
  }

  close(): void {
    if (this.sqlite.open) this.sqlite.close();
  }

  private readonly trace = (sql: string, ms: number): void => {
    if (ms >= this.slowQueryMs) this.logger.warn('requête SQL lente', { ms: Math.round(ms), sql: sql.replace(/\s+/g, ' ').slice(0, 300) });
  };
}

/**
 * Opens (creating if needed) and migrates the database. Throws DatabaseFromFutureError for a file
 * from a newer version; recovers from a corrupt file (see module comment) and says so in
 * `recoveredFromCorruption` and in an error log line.
 */
export function openDatabase(file: string | ':memory:', options: OpenDatabaseOptions = {}): AccueilDatabase {
  const logger = (options.logger ?? silentLogger).child('store');
  const now = options.now ?? (() => new Date());
  if (file === ':memory:') {
    const sqlite = new BetterSqlite3(':memory:');
    prepareSchema(sqlite, file);
    return new AccueilDatabase(sqlite, file, logger, null, options.slowQueryMs);
  }

  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let sqlite: SqliteDatabase | null = null;
  try {
    if (fs.existsSync(file)) inspect(file, options.integrityCheck ?? true);
    sqlite = new BetterSqlite3(file, { timeout: BUSY_TIMEOUT_MS });
    prepareSchema(sqlite, file);
    return new AccueilDatabase(sqlite, file, logger, null, options.slowQueryMs);
  } catch (error) {
    closeQuietly(sqlite);
    if (!isCorruptionError(error)) throw error;
    return recover(file, error, logger, now, options.slowQueryMs);
  }
}

function recover(file: string, cause: unknown, logger: Logger, now: () => Date, slowQueryMs: number | undefined): AccueilDatabase {
  const movedTo = moveAside(file, now());
  const sqlite = new BetterSqlite3(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    prepareSchema(sqlite, file);
  } catch (error) {
    closeQuietly(sqlite);
    throw error;
  }
  // The search index is rebuilt from the records once they are back, by the code that owns its SQL
  // (a wrapper of its own: the database handed out below records the recovery).
  const rebuildSearchIndex = () => new SearchRepository(new AccueilDatabase(sqlite, file, logger, null, slowQueryMs)).rebuildIndex();
  const { salvaged, damagedTables } = salvageTables(movedTo, sqlite, logger, rebuildSearchIndex);
  const salvagedCalls = salvaged['calls'] ?? 0;
  logger.error('base de données corrompue : mise de côté, nouvelle base créée, tables récupérées', {
    file,
    movedTo,
    salvagedCalls,
    salvaged,
    damagedTables,
    cause: cause instanceof Error ? cause.message : String(cause),
  });
  return new AccueilDatabase(sqlite, file, logger, { movedTo, salvagedCalls, salvaged, damagedTables }, slowQueryMs);
}

/**
 * Checks an existing file through a read-only connection before anything writes to it: a file from
 * the future is left byte for byte as it was, and a damaged one keeps its -wal (a read-write
 * connection that fails would checkpoint or delete it on close, and the last calls may be there).
 */
function inspect(file: string, integrityCheck: boolean): void {
  const reader = new BetterSqlite3(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    const version = reader.pragma('user_version', { simple: true }) as number;
    if (version > latestVersion) throw new DatabaseFromFutureError(file, version, latestVersion);
    if (!integrityCheck) return;
    const problems = (reader.pragma('quick_check(5)') as Array<{ quick_check: string }>).map((row) => row.quick_check);
    if (problems.length !== 1 || problems[0] !== 'ok') throw new CorruptDatabaseError(problems);
  } finally {
    reader.close();
  }
}

function prepareSchema(sqlite: SqliteDatabase, file: string): void {
  // Checked again here for the in-memory case and for a file replaced since inspect().
  const version = sqlite.pragma('user_version', { simple: true }) as number;
  if (version > latestVersion) throw new DatabaseFromFutureError(file, version, latestVersion);

  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  if (file !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  migrate(sqlite, version);
}

/** Runs the pending migrations in one transaction; `user_version` moves with them. */
function migrate(sqlite: SqliteDatabase, from: number): void {
  const pending = migrations.filter((migration) => migration.version > from);
  if (pending.length === 0) return;
  sqlite.transaction(() => {
    for (const migration of pending) {
      migration.up(sqlite);
      sqlite.pragma(`user_version = ${migration.version}`);
    }
  })();
}

function closeQuietly(sqlite: SqliteDatabase | null): void {
  try {
    if (sqlite?.open) sqlite.close();
  } catch {
    // Already unusable; the file is handled by the caller.
  }
}
