import type BetterSqlite3 from 'better-sqlite3';

/**
 * One step of the schema. A migration is frozen once released: a change to the schema is a new file
 * with the next number, listed in `migrations/index.ts`, never an edit of an old one.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: BetterSqlite3.Database): void;
}
