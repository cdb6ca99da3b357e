/**
 * Recovery from a damaged file, table by table: a real file holding rows in every table of the
 * current schema, damaged in ways that leave pages readable, then opened. Whatever SQLite can still
 * read comes back — wrap-ups, notes, tickets and their history, callbacks, drafts, the jobs (the outbox) — and
 * a table added by a later migration fails the first test until the fixture fills it.
 */
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../electron/services/log';
import { useTempStoreFile } from '../support/temp-store-file';
import { openStore, type AccueilStore } from '../../electron/services/store';
import { migrations } from '../../electron/services/store/migrations';
import { WrapUpRepository } from '../../electron/services/work/wrapup/wrap-up-repository';
import { CallbacksRepository } from '../../electron/services/work/callbacks/callbacks-repository';

const temp = useTempStoreFile('accueil-salvage-');
// The test may point `file` at a copy (a crash snapshot): open what it points at.
const open = (options?: Parameters<typeof temp.open>[0]) => temp.open(options, file);
let file: string;
beforeEach(() => {
  file = temp.file();
});

const T0 = Date.UTC(2026, 2, 10, 8, 0, 0);
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const pad = (n: number) => String(n).padStart(4, '0');
/** Long enough that a table spans many pages, so damage to one page loses only some of its rows. */
const filler = (n: number) => `Chaudière à condensation, intervention n° ${n}. `.repeat(6);

const ROWS = { contacts: 300, tickets: 300 };

/** A file with rows in every table of the schema, closed (everything checkpointed into the main file). */
function buildWorkspace(): void {
  const store = openStore(file);
  const db = store.database;
  const insert = (table: string, row: Record<string, unknown>) => {
    const columns = Object.keys(row);
    db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
  };
  store.transaction(() => {
    for (let n = 0; n < 20; n++) insert('companies', { id: `co-${pad(n)}`, name: `SCI Les Tilleuls ${n}`, city: 'Rennes', hubspot_id: `h-co-${n}`, created_at: at(n), updated_at: at(n) });
    for (let n = 0; n < ROWS.contacts; n++) {
      insert('contacts', {
        id: `ct-${pad(n)}`,
        first_name: 'Hélène',
        last_name: `Gauthier ${n} ${'de la Villemarqué '.repeat(8)}`,
        company_id: `co-${pad(n % 20)}`,
        created_at: at(n),
        updated_at: at(n),
      });
      const e164 = `+336${String(10_000_000 + n)}`;
      insert('phones', { contact_id: `ct-${pad(n)}`, e164, raw: e164, kind: 'mobile', search_digits: e164.slice(1), created_at: at(n), updated_at: at(n) });
    }
    insert('templates', { id: 'tpl-rdv', name: 'Confirmation de RDV', category: 'rdv', subject: 'Votre rendez-vous', body: 'Bonjour', created_at: at(0), updated_at: at(0) });
    insert('templates_seeded', { id: 'tpl-rdv', seeded_at: at(0) });
    for (let n = 0; n < 200; n++) {
      const contact = `ct-${pad(n)}`;
      insert('calls', {
        id: `call-${pad(n)}`,
        sip_call_id: `sip-${n}`,
        direction: n % 10 === 0 ? 'outbound' : 'inbound',
        state: n % 3 === 0 ? 'missed' : 'ended',
        from_raw: '0612345678',
        from_e164: '+33612345678',
        from_display: '06 12 34 56 78',
        to_raw: '201',
        to_e164: n % 10 === 0 ? '+33612345678' : null,
        ring_at: at(n),
        contact_id: contact,
        outcome: n % 3 === 0 ? null : 'connecte',
        body: n % 3 === 0 ? null : `Fuite sous l'évier, rappel demandé ${n}`,
        ticket_id: n % 3 === 0 ? null : `tk-${pad(n)}`,
        logged_at: n % 3 === 0 ? null : at(n + 5),
        updated_at: at(n),
      });
      insert('notes', { id: `note-${pad(n)}`, contact_id: contact, body: `Note ${n}`, call_id: `call-${pad(n)}`, ticket_id: `tk-${pad(n)}`, created_at: at(n), updated_at: at(n) });
    }
    for (let n = 0; n < ROWS.tickets; n++) {
      insert('tickets', {
        id: `tk-${pad(n)}`,
        subject: `Panne de chauffage ${n}`,
        description: filler(n),
        status: 'en_cours',
        priority: 'haute',
        category: 'depannage',
        contact_id: `ct-${pad(n)}`,
        site_address: '3 rue de la Monnaie, Rennes',
        call_id: `call-${pad(n)}`,
        created_at: at(n),
        updated_at: at(n),
      });
      insert('ticket_events', { ticket_id: `tk-${pad(n)}`, at: at(n), kind: 'created' });
      insert('ticket_events', { ticket_id: `tk-${pad(n)}`, at: at(n + 1), kind: 'changed', field: 'status', from_value: 'nouveau', to_value: 'en_cours' });
    }
    for (let n = 0; n < 5; n++) {
      insert('emails', { id: `em-${n}`, contact_id: `ct-${pad(n)}`, direction: 'out', to_address: 'client@exemple.fr', subject: 'RDV', body: 'Bonjour', template_id: 'tpl-rdv', sent_at: at(n), updated_at: at(n) });
      insert('quotes', { id: `q-${n}`, number: `D-2026-${n}`, title: 'Remplacement chaudière', amount_cents: 485_000, status: 'envoye', contact_id: `ct-${pad(n)}`, created_at: at(n), updated_at: at(n) });
      insert('interventions', { id: `int-${n}`, kind: 'entretien', status: 'planifiee', scheduled_at: at(n + 60), quote_id: `q-${n}`, contact_id: `ct-${pad(n)}`, created_at: at(n), updated_at: at(n) });
      insert('crm_tasks', { id: `task-${n}`, subject: 'Rappeler', contact_id: `ct-${pad(n)}`, created_at: at(n), updated_at: at(n) });
      insert('email_drafts', { id: `draft-${n}`, template_id: 'tpl-rdv', contact_id: `ct-${pad(n)}`, to_address: 'client@exemple.fr', subject: 'RDV', body: 'Bonjour', values_json: '{"facture.numero":"FA-1"}', last_error: 'refusé', created_at: at(n), updated_at: at(n) });
      insert('callbacks', {
        id: `cb-${n}`,
        number_key: `+3361000000${n}`,
        number_display: `06 10 00 00 0${n}`,
        contact_id: `ct-${pad(n)}`,
        first_missed_at: at(n),
        last_missed_at: at(n + 1),
        state: n % 2 === 0 ? 'open' : 'done',
        closed_at: n % 2 === 0 ? null : at(n + 30),
        closed_by: n % 2 === 0 ? null : 'agent',
        close_reason: n % 2 === 0 ? null : 'Rappel fait sur portable',
        created_at: at(n),
        updated_at: at(n),
      });
      insert('callback_calls', { call_id: `call-${pad(n * 3)}`, callback_id: `cb-${n}`, ring_at: at(n * 3) });
      insert('jobs', { queue: 'hubspot', kind: 'call', subject: `call-${pad(n)}`, payload: '{"op":"create"}', next_attempt_at: at(n), created_at: at(n), updated_at: at(n) });
      insert('crm_associations', { from_type: 'calls', from_id: `h-call-${n}`, to_type: 'contacts', to_id: `h-ct-${n}` });
    }
    insert('callbacks_following', { one: 1, since: at(0) });
    insert('sync_state', { key: 'initial', value: '{"done":true}', updated_at: at(0) });
    insert('sync_state', { key: 'watermark.contacts', value: String(T0), updated_at: at(0) });
    insert('crm_owners', { hubspot_id: 'o-1', first_name: 'Claire', last_name: 'Martin', updated_at: at(0) });
    insert('crm_pipelines', { object_type: 'tickets', hubspot_id: 'p-0', label: 'Support' });
    insert('crm_pipeline_stages', { object_type: 'tickets', pipeline_id: 'p-0', hubspot_id: 's-1', label: 'Nouveau' });
  });
  store.close();
}

/** The tables whose rows are data (not SQLite's, not the search index nor its shadow tables). */
function dataTables(db: BetterSqlite3.Database): string[] {
  const rows = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as Array<{ name: string; sql: string }>;
  const virtual = rows.filter((r) => /^CREATE VIRTUAL TABLE/i.test(r.sql)).map((r) => r.name);
  return rows.map((r) => r.name).filter((name) => !name.startsWith('sqlite_') && name !== 'search_index_paused' && !virtual.some((v) => name.startsWith(v)));
}

/** Every row of every data table, in primary-key order, read before the file is damaged. */
function snapshot(): Map<string, unknown[]> {
  const raw = new BetterSqlite3(file, { readonly: true });
  const out = new Map(dataTables(raw).map((table) => [table, raw.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all()]));
  raw.close();
  return out;
}

function pagesOf(name: string): number[] {
  const raw = new BetterSqlite3(file, { readonly: true });
  const pages = raw.prepare<[string], { pageno: number }>(`SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno`).all(name).map((r) => r.pageno);
  raw.close();
  return pages;
}

/** Overwrites the given pages of the file with garbage. */
function garble(pages: number[]): void {
  const raw = new BetterSqlite3(file, { readonly: true });
  const pageSize = raw.pragma('page_size', { simple: true }) as number;
  raw.close();
  const fd = fs.openSync(file, 'r+');
  for (const page of pages) fs.writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize);
  fs.closeSync(fd);
}

const rowsOf = (store: AccueilStore, table: string) => store.database.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();
const idsOf = (store: AccueilStore, table: string) => new Set(store.database.prepare<{ id: string }>(`SELECT id FROM ${table}`).all().map((r) => r.id));

describe('salvage of a damaged file', () => {
  it('brings back every row of every table when the damage is in an index (the pages of the tables still read)', () => {
    buildWorkspace();
    const before = snapshot();
    // Every table of the schema has rows in the fixture: a table added later must be filled here.
    for (const [table, rows] of before) expect(rows.length, `fixture fills ${table}`).toBeGreaterThan(0);
    garble(pagesOf('calls_ring_at'));
    const logger = createMemoryLogger();
    const store = open({ logger });

    const recovery = store.recoveredFromCorruption!;
    expect(recovery.damagedTables).toEqual([]);
    for (const [table, rows] of before) {
      expect(rowsOf(store, table), table).toEqual(rows);
      expect(recovery.salvaged[table], table).toBe(rows.length);
    }
    expect(recovery.salvagedCalls).toBe(200);
    // What issue 4 added to a call's row, read through the repositories.
    expect(store.repository(WrapUpRepository).get('call-0001')).toMatchObject({ outcome: 'connecte', body: "Fuite sous l'évier, rappel demandé 1", ticketId: 'tk-0001' });
    expect(store.repository(CallbacksRepository).list({ includeDone: false, limit: 10 }).map((c) => c.id).sort()).toEqual(['cb-0', 'cb-2', 'cb-4']);
    expect(store.repository(CallbacksRepository).get('cb-1')).toMatchObject({ state: 'done', closedBy: 'agent', closeReason: 'Rappel fait sur portable', missedCount: 1 });
    expect(store.templates.getDraft('draft-3')).toMatchObject({ values: { 'facture.numero': 'FA-1' }, lastError: 'refusé' });
    // The search index is rebuilt from the salvaged records.
    expect(store.search.search('Gauthier 17').map((hit) => hit.id)).toContain('ct-0017');
    expect(store.search.search('+33 6 10 00 00 17').map((hit) => hit.id)).toContain('ct-0017');
    expect(logger.lines.some((line) => line['level'] === 'error' && (line['salvaged'] as Record<string, number>)['ticket_events'] === 600)).toBe(true);
  });

  it('keeps the rows on both sides of damaged pages of contacts and tickets, and applies the schema to what they leave behind', () => {
    buildWorkspace();
    const before = snapshot();
    const contactPages = pagesOf('contacts');
    const ticketPages = pagesOf('tickets');
    expect(contactPages.length).toBeGreaterThan(8);
    expect(ticketPages.length).toBeGreaterThan(8);
    garble([contactPages[Math.floor(contactPages.length / 2)]!, ticketPages[Math.floor(ticketPages.length / 2)]!]);
    const logger = createMemoryLogger();
    const store = open({ logger });
    const recovery = store.recoveredFromCorruption!;

    expect(recovery.damagedTables.sort()).toEqual(['contacts', 'tickets']);
    const contacts = idsOf(store, 'contacts');
    const tickets = idsOf(store, 'tickets');
    for (const [ids, total, prefix] of [[contacts, ROWS.contacts, 'ct-'], [tickets, ROWS.tickets, 'tk-']] as const) {
      expect(ids.size).toBeGreaterThan(total * 0.7);
      expect(ids.size).toBeLessThan(total);
      expect(ids.has(`${prefix}0000`)).toBe(true);
      expect(ids.has(`${prefix}${pad(total - 1)}`)).toBe(true);
    }

    // Tables the damage did not reach come back whole, the call journal and its wrap-ups included.
    for (const table of ['calls', 'notes', 'callbacks', 'callback_calls', 'email_drafts', 'jobs', 'templates', 'templates_seeded', 'companies']) {
      expect(rowsOf(store, table).length, table).toBe(before.get(table)!.length);
    }
    expect(store.calls.get('call-0150')).toMatchObject({ contactId: 'ct-0150' });

    // ON DELETE CASCADE: a ticket's history and a number go with the record that did not come back.
    const events = store.database.prepare<{ ticket_id: string }>(`SELECT ticket_id FROM ticket_events`).all();
    expect(events.length).toBe(tickets.size * 2);
    expect(events.every((e) => tickets.has(e.ticket_id))).toBe(true);
    const phoneOwners = store.database.prepare<{ contact_id: string }>(`SELECT contact_id FROM phones`).all();
    expect(phoneOwners.length).toBe(contacts.size);
    // ON DELETE SET NULL: a note about a lost contact stays, unattached.
    const lostContact = [...Array(200).keys()].map((n) => `ct-${pad(n)}`).find((id) => !contacts.has(id))!;
    const note = store.database.prepare<{ contact_id: string | null; body: string }>(`SELECT contact_id, body FROM notes WHERE id = ?`).get(`note-${lostContact.slice(3)}`);
    expect(note).toEqual({ contact_id: null, body: `Note ${Number(lostContact.slice(3))}` });
    expect(store.database.prepare(`PRAGMA foreign_key_check`).all()).toEqual([]);
    expect(store.database.pragma('foreign_keys')).toBe(1);

    // Records were lost: the sync checkpoints are not carried over, so the next sync copies HubSpot again.
    expect(rowsOf(store, 'sync_state')).toEqual([]);
    expect(logger.lines.some((line) => line['table'] === 'sync_state' && line['level'] === 'warn')).toBe(true);
  });

  it('salvages a damaged file of an older schema into the current one, column by column', () => {
    const raw = new BetterSqlite3(file);
    for (const migration of migrations.filter((m) => m.version <= 3)) migration.up(raw);
    raw.pragma('user_version = 3');
    const call = raw.prepare(
      `INSERT INTO calls (id, direction, state, from_raw, from_display, to_raw, ring_at, updated_at, outcome, body) VALUES (?, 'inbound', 'ended', '0612345678', '06 12 34 56 78', '201', ?, ?, 'connecte', ?)`,
    );
    raw.transaction(() => {
      for (let n = 0; n < 400; n++) call.run(`old-${pad(n)}`, at(n), at(n), filler(n));
    })();
    raw.close();
    garble(pagesOf('calls_ring_at'));

    const store = open();
    expect(store.database.version).toBe(migrations.length);
    const recovery = store.recoveredFromCorruption!;
    expect(recovery.damagedTables).toEqual([]);
    expect(recovery.salvagedCalls).toBe(400);
    // A table the old file did not have is there, empty, and was not "damaged".
    expect(recovery.salvaged['email_drafts']).toBe(0);
    expect(store.repository(WrapUpRepository).get('old-0399')).toMatchObject({ outcome: 'connecte', body: filler(399) });
  });

  it('brings back the outbox of a damaged version-4 file as the hubspot jobs it became, the one being sent still in flight', () => {
    const raw = new BetterSqlite3(file);
    for (const migration of migrations.filter((m) => m.version <= 4)) migration.up(raw);
    raw.pragma('user_version = 4');
    const call = raw.prepare(`INSERT INTO calls (id, direction, state, from_raw, from_display, to_raw, ring_at, updated_at) VALUES (?, 'inbound', 'ended', '06', '06', '201', ?, ?)`);
    const outbox = raw.prepare(
      `INSERT INTO outbox (kind, local_id, op, state, attempts, next_attempt_at, sending_since, created_at, updated_at) VALUES ('call', ?, 'create', ?, ?, ?, ?, ?, ?)`,
    );
    raw.transaction(() => {
      for (let n = 0; n < 400; n++) call.run(`old-${pad(n)}`, at(n), at(n));
      outbox.run('old-0001', 'sending', 1, at(10), at(9), at(1), at(9));
      outbox.run('old-0002', 'pending', 0, at(2), null, at(2), at(2));
    })();
    raw.close();
    garble(pagesOf('calls_ring_at'));

    const store = open();
    expect(store.recoveredFromCorruption!.damagedTables).toEqual([]);
    expect(store.database.prepare(`SELECT id, queue, kind, subject, payload, state, attempts, in_flight_since FROM jobs ORDER BY id`).all()).toEqual([
      { id: 1, queue: 'hubspot', kind: 'call', subject: 'old-0001', payload: '{"op":"create"}', state: 'in_flight', attempts: 1, in_flight_since: at(9) },
      { id: 2, queue: 'hubspot', kind: 'call', subject: 'old-0002', payload: '{"op":"create"}', state: 'pending', attempts: 0, in_flight_since: null },
    ]);
  });
});
