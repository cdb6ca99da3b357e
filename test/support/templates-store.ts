/**
 * A store with the templates schema (migration 0004), for the templates area's tests. Until 0002 and
 * 0003 are listed in migrations/index.ts the templates migration cannot be listed either (versions are
 * consecutive), so it is applied here by hand when the store does not have it yet.
 */
import { openStore, type AccueilStore, type OpenStoreOptions } from '../../electron/services/store';
import { TEMPLATES_SCHEMA } from '../../electron/services/store/migrations/0004-templates';

export function openTemplatesStore(file: string | ':memory:' = ':memory:', options: OpenStoreOptions = {}): AccueilStore {
  const store = openStore(file, options);
  ensureTemplatesSchema(store);
  return store;
}

export function ensureTemplatesSchema(store: AccueilStore): void {
  if (store.database.version >= 4) return;
  const exists = store.database.prepare<{ n: number }>(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'templates_seeded'`).get();
  if (exists?.n) return;
  store.transaction(() => {
    for (const sql of TEMPLATES_SCHEMA.split(';').map((s) => s.trim()).filter(Boolean)) store.database.prepare(sql).run();
  });
}
