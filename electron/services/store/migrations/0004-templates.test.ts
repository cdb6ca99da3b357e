import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../index';
import { latestVersion, migrations } from './index';

describe('migration 0004 (templates)', () => {
  it('counts the templates a version-3 file already had as seeded, and makes the drafts table', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-m4-'));
    const file = path.join(dir, 'accueil.db');
    // A file as version 3 left it, with one template of Claire's (or of the demo).
    const raw = new BetterSqlite3(file);
    for (const m of migrations.filter((m) => m.version <= 3)) m.up(raw);
    raw.prepare(`INSERT INTO templates (id, name, category, subject, body, created_at, updated_at) VALUES ('tpl-demo', 'Démo', 'autre', 'S', 'B', 't', 't')`).run();
    raw.pragma('user_version = 3');
    raw.close();

    const store = openStore(file);
    expect(store.database.version).toBe(latestVersion);
    expect([...store.templates.seededIds()]).toEqual(['tpl-demo']);
    const saved = store.templates.saveDraft({
      id: 'd1', templateId: 'tpl-demo', contactId: 'gone', companyId: null, quoteId: null, interventionId: null, ticketId: null,
      to: 'a@b.fr', subject: 'S', body: 'B', values: { 'facture.numero': 'FA-1' }, lastError: 'refusé',
    });
    expect(saved).toMatchObject({ id: 'd1', contactId: 'gone', values: { 'facture.numero': 'FA-1' }, lastError: 'refusé' });
    expect(store.templates.listDrafts().map((d) => d.id)).toEqual(['d1']);
    expect(store.templates.deleteDraft('d1')).toBe(true);
    expect(store.templates.getDraft('d1')).toBeNull();
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
