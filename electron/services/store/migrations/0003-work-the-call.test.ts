import { describe, expect, it } from 'vitest';
import { openStore } from '../index';

describe('migration 0003 (work the call)', () => {
  it('gives a fresh database the wrap-up columns, ticket history and callback tables', () => {
    const store = openStore(':memory:');
    const columns = (table: string) => store.database.prepare<{ name: string }>(`PRAGMA table_info(${table})`).all().map((c) => c.name);
    expect(columns('calls')).toEqual(expect.arrayContaining(['to_e164', 'outcome', 'body', 'ticket_id', 'logged_at']));
    expect(columns('notes')).toEqual(expect.arrayContaining(['call_id', 'ticket_id']));
    expect(columns('tickets')).toEqual(expect.arrayContaining(['site_address', 'call_id']));
    expect(columns('ticket_events')).toContain('kind');
    expect(columns('callback_calls')).toEqual(['call_id', 'callback_id', 'ring_at']);
    store.close();
  });

  it('refuses a second open callback for one number and an unknown outcome', () => {
    const store = openStore(':memory:');
    const insert = (id: string) =>
      store.database
        .prepare(
          `INSERT INTO callbacks (id, number_key, number_display, first_missed_at, last_missed_at, state, created_at, updated_at)
           VALUES (?, '+33612345678', '06', 't', 't', 'open', 't', 't')`,
        )
        .run(id);
    insert('a');
    expect(() => insert('b')).toThrow(/UNIQUE/);
    store.database
      .prepare(`INSERT INTO calls (id, direction, state, from_raw, from_display, to_raw, ring_at, updated_at) VALUES ('c', 'inbound', 'ended', '', '', '', 't', 't')`)
      .run();
    expect(() => store.database.prepare(`UPDATE calls SET outcome = 'bof' WHERE id = 'c'`).run()).toThrow(/CHECK/);
    store.close();
  });
});
