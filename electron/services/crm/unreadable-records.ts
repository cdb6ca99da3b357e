/**
 * HubSpot records the sync had to skip (a value no reader could make sense of, a row SQLite
 * refused): one entry per record, kept in the sync state (key `unreadable`) so the count survives a
 * restart and shows in Paramètres › HubSpot. An entry leaves when the record is read fine later
 * (fixed in HubSpot) or is deleted there.
 */
import type { SyncStateRepository } from '../store/sync-state-repository';

export interface UnreadableRecord {
  type: string;
  id: string;
  reason: string;
  at: string;
}

const KEY = 'unreadable';
/** Entries kept: past this, new ones are counted but not listed (the log has them all). */
const MAX_LISTED = 1_000;

export class UnreadableRecords {
  private entries: Record<string, UnreadableRecord> | null = null;
  private overflow = 0;

  constructor(
    private readonly state: SyncStateRepository,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private load(): Record<string, UnreadableRecord> {
    if (!this.entries) {
      const saved = this.state.get<{ entries?: Record<string, UnreadableRecord>; overflow?: number }>(KEY);
      this.entries = saved?.entries && typeof saved.entries === 'object' ? { ...saved.entries } : {};
      this.overflow = typeof saved?.overflow === 'number' ? saved.overflow : 0;
    }
    return this.entries;
  }

  private save(): void {
    this.state.set(KEY, { entries: this.entries, overflow: this.overflow });
  }

  /** Records one skipped record (call inside the page's transaction). */
  add(type: string, id: string, reason: string): void {
    const entries = this.load();
    const key = `${type}:${id}`;
    if (!entries[key] && Object.keys(entries).length >= MAX_LISTED) this.overflow++;
    else entries[key] = { type, id, reason: reason.slice(0, 300), at: this.clock().toISOString() };
    this.save();
  }

  /** The record was read fine (or deleted): it no longer counts. */
  clear(type: string, id: string): void {
    const entries = this.load();
    const key = `${type}:${id}`;
    if (!entries[key]) return;
    delete entries[key];
    this.save();
  }

  /** Forgets every entry (a full copy reads every record again). */
  reset(): void {
    this.entries = {};
    this.overflow = 0;
    this.save();
  }

  count(): number {
    return Object.keys(this.load()).length + this.overflow;
  }

  list(): UnreadableRecord[] {
    return Object.values(this.load());
  }
}
