/** Checkpoints and watermarks of the HubSpot sync, one JSON value per key (see migration 0002). */
import type { AccueilDatabase } from './database';
import type { Clock } from './record-owner';

export class SyncStateRepository {
  private readonly getStatement;
  private readonly setStatement;
  private readonly deleteStatement;

  constructor(
    db: AccueilDatabase,
    private readonly clock: Clock = () => new Date(),
  ) {
    this.getStatement = db.prepare<{ value: string }>(`SELECT value FROM sync_state WHERE key = ?`);
    this.setStatement = db.prepare(
      `INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.deleteStatement = db.prepare(`DELETE FROM sync_state WHERE key = ?`);
  }

  get<T>(key: string): T | null {
    const row = this.getStatement.get(key);
    if (!row) return null;
    try {
      return JSON.parse(row.value) as T;
    } catch {
      return null;
    }
  }

  set(key: string, value: unknown): void {
    this.setStatement.run(key, JSON.stringify(value), this.clock().toISOString());
  }

  delete(key: string): void {
    this.deleteStatement.run(key);
  }
}
