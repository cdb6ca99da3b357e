import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../index';
import { migrations } from './index';

describe('migration 0009 (template channels)', () => {
  it('makes every template of a version-8 file an e-mail template, and keeps an SMS one with its channel', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accueil-m9-'));
    const file = path.join(dir, 'accueil.db');
    const raw = new BetterSqlite3(file);
    for (const m of migrations.filter((m) => m.version <= 8)) m.up(raw);
    raw.prepare(`INSERT INTO templates (id, name, category, subject, body, created_at, updated_at) VALUES ('tpl-old', 'Ancien', 'autre', 'S', 'B', 't', 't')`).run();
    raw.pragma('user_version = 8');
    raw.close();

    const store = openStore(file);
    expect(store.templates.get('tpl-old')).toEqual({ id: 'tpl-old', name: 'Ancien', category: 'autre', subject: 'S', body: 'B', channel: 'email', whatsapp: null });
    store.templates.upsert({ id: 'tpl-wa', name: 'WA', category: 'autre', subject: '', body: 'Bonjour {{contact.prenom}}', channel: 'whatsapp', whatsapp: { name: 'bonjour', language: 'fr' } });
    expect(store.templates.get('tpl-wa')).toMatchObject({ channel: 'whatsapp', whatsapp: { name: 'bonjour', language: 'fr' } });
    expect(() => store.database.prepare(`UPDATE templates SET channel = 'fax' WHERE id = 'tpl-old'`).run()).toThrow(/CHECK/);
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
