import { describe, expect, it } from 'vitest';
import { openStore, type AccueilStore } from '../store';
import { Directory } from '../directory';
import { normalizeNumber } from '../shared/phone-number';
import { DEMO_FIXTURES, demoFixtures } from './demo-fixtures';
import { generateDemoWorkspace } from './demo-workspace';
import { CallbacksRepository } from '../work/callbacks/callbacks-repository';

const NOW = new Date('2026-03-10T10:00:00.000Z');
const TABLES = ['companies', 'contacts', 'phones', 'calls', 'notes', 'emails', 'tickets', 'quotes', 'interventions', 'templates'];

function dump(store: AccueilStore): Record<string, unknown[]> {
  return Object.fromEntries(TABLES.map((table) => [table, store.database.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()]));
}

function demo(options: { contacts?: number; seed?: number } = {}) {
  const store = openStore(':memory:');
  const summary = generateDemoWorkspace(store, { now: NOW, ...options });
  return { store, summary, directory: new Directory(store, { now: () => NOW }) };
}

describe('generateDemoWorkspace', () => {
  it('makes the same workspace, row for row, from the same seed and date', () => {
    expect(dump(demo({ seed: 7 }).store)).toEqual(dump(demo({ seed: 7 }).store));
  });

  it('makes a different workspace from another seed', () => {
    const a = dump(demo({ seed: 1 }).store);
    const b = dump(demo({ seed: 2 }).store);
    expect(a['contacts']).not.toEqual(b['contacts']);
  });

  it('makes the number of contacts asked for, with companies, history and 27 templates', () => {
    const { summary, store } = demo({ contacts: 500 });
    const count = (table: string) => store.database.prepare<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).get()!.n;
    expect(count('contacts')).toBe(500);
    expect(summary.contacts).toBe(500);
    expect(count('companies')).toBe(summary.companies);
    expect(summary.companies).toBeGreaterThan(30);
    for (const table of ['calls', 'notes', 'emails', 'tickets', 'quotes', 'interventions']) expect(count(table), table).toBeGreaterThan(50);
    expect(count('templates')).toBe(27);
    expect(count('phones')).toBe(summary.phones);
  });

  it('stores every number in a format a person types, normalising to the stored E.164', () => {
    const { store } = demo({ contacts: 400 });
    const phones = store.database.prepare<{ raw: string; e164: string }>(`SELECT raw, e164 FROM phones`).all();
    const formats = new Set(phones.map((p) => p.raw.replace(/\d/g, '9')));
    expect(formats.size).toBeGreaterThanOrEqual(6);
    for (const phone of phones) expect(normalizeNumber(phone.raw).e164, phone.raw).toBe(phone.e164);
  });

  it('includes couples sharing a landline, switchboards copied on contacts, and names with accents, apostrophes and hyphens', () => {
    const { store } = demo({ contacts: 1000 });
    const shared = store.database.prepare<{ n: number }>(
      `SELECT count(*) AS n FROM (SELECT e164 FROM phones WHERE contact_id IS NOT NULL AND kind = 'fixe' GROUP BY e164 HAVING count(*) > 1)`,
    ).get()!.n;
    expect(shared).toBeGreaterThan(2);
    const copiedSwitchboards = store.database.prepare<{ n: number }>(`SELECT count(*) AS n FROM phones WHERE contact_id IS NOT NULL AND kind = 'standard'`).get()!.n;
    expect(copiedSwitchboards).toBeGreaterThan(10);
    const names = store.database.prepare<{ name: string }>(`SELECT first_name || ' ' || last_name AS name FROM contacts`).all().map((r) => r.name).join('|');
    expect(names).toMatch(/[éèëïç]/);
    expect(names).toMatch(/'/);
    expect(names).toMatch(/\w-\w/);
  });

  it('never dates history after "now", except planned visits', () => {
    const { store } = demo({ contacts: 500 });
    const after = (sql: string) => store.database.prepare<{ n: number }>(sql).get(NOW.toISOString())!.n;
    expect(after(`SELECT count(*) AS n FROM calls WHERE ring_at > ?`)).toBe(0);
    expect(after(`SELECT count(*) AS n FROM notes WHERE created_at > ?`)).toBe(0);
    expect(after(`SELECT count(*) AS n FROM interventions WHERE created_at > ?`)).toBe(0);
    expect(after(`SELECT count(*) AS n FROM interventions WHERE scheduled_at > ? AND status = 'terminee'`)).toBe(0);
    expect(after(`SELECT count(*) AS n FROM interventions WHERE scheduled_at > ? AND status = 'planifiee'`)).toBeGreaterThan(0);
  });

  it('puts every missed call on the callback list: yesterday\'s and today\'s to do, older ones closed by the call that reached the caller', () => {
    const { store } = demo({ contacts: 400 });
    const rows = <T>(sql: string, ...params: unknown[]) => store.database.prepare<T>(sql).all(...params);
    const missed = rows<{ id: string; ring_at: string; from_e164: string }>(`SELECT id, ring_at, from_e164 FROM calls WHERE state = 'missed' AND direction = 'inbound'`);
    expect(missed.length).toBeGreaterThan(20);
    const listed = new Set(rows<{ call_id: string }>(`SELECT call_id FROM callback_calls`).map((r) => r.call_id));
    for (const call of missed) expect(listed.has(call.id), call.ring_at).toBe(true);

    // NOW is 11:00 in Paris on 10 March: yesterday began at 9 March 00:00 Paris (23:00 UTC the day before).
    const yesterdayStart = '2026-03-08T23:00:00.000Z';
    const items = store.repository(CallbacksRepository).list({ includeDone: true, limit: 10_000 });
    for (const item of items) {
      if (item.state === 'open') expect(item.lastMissedAt >= yesterdayStart, item.display).toBe(true);
      else {
        expect(item.closedBy).toBe('answered_call');
        // Closed by a real answered call of the demo to or from that number, after the miss.
        const closing = store.calls.get(item.closingCallId!)!;
        expect(closing.answerAt !== null || closing.state === 'answered_elsewhere').toBe(true);
        expect(closing.ringAt > item.lastMissedAt).toBe(true);
        expect(item.closedAt).toBe(closing.ringAt);
      }
    }
    expect(items.some((i) => i.state === 'done')).toBe(true);
    expect(rows(`SELECT 1 FROM calls WHERE ring_at > ?`, NOW.toISOString())).toEqual([]);
  });

  it('has yesterday\'s missed caller on the list to do, whatever the hour and the seed it is made at', () => {
    // Just after midnight, mid-morning, late evening (Paris), the night the clocks go forward, New Year's Day.
    const nows = ['2026-03-09T23:05:00.000Z', '2026-03-10T09:30:00.000Z', '2026-03-10T21:50:00.000Z', '2027-03-28T00:30:00.000Z', '2027-01-01T08:00:00.000Z'];
    for (const [i, now] of nows.entries()) {
      const store = openStore(':memory:');
      generateDemoWorkspace(store, { now: new Date(now), contacts: 200, seed: 40 + i });
      const open = store.repository(CallbacksRepository).list({ includeDone: false, limit: 500 });
      const sophie = open.find((item) => item.numberE164 === DEMO_FIXTURES.missedYesterday.e164);
      expect(sophie, now).toMatchObject({ state: 'open', contactId: DEMO_FIXTURES.missedYesterday.contactId, missedCount: 1 });
      // Yesterday in Paris, at 16:20.
      const paris = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });
      const yesterday = new Date(Date.parse(now) - 86_400_000);
      const [day] = paris.format(yesterday).split(' ');
      expect(paris.format(new Date(sophie!.lastMissedAt)), now).toBe(`${day} 16:20`);
      // Every open item is a missed call of yesterday or today, never one that a later answered call reached.
      for (const item of open) expect(store.repository(CallbacksRepository).reachedAfter(item.numberE164 ?? '', item.lastMissedAt), item.display).toBeNull();
    }
  });

    it('holds no raw merge field in any text of the demo (e-mails sent from templates are merged)', () => {
    const { store } = demo({ contacts: 500 });
    const texts = store.database.prepare<{ text: string | null }>(
      `SELECT subject AS text FROM emails UNION ALL SELECT body FROM emails UNION ALL SELECT body FROM notes
       UNION ALL SELECT subject FROM tickets UNION ALL SELECT description FROM tickets UNION ALL SELECT title FROM quotes
       UNION ALL SELECT report FROM interventions`,
    ).all();
    const raw = texts.filter((t) => t.text?.includes('{{') || t.text?.includes('}}'));
    expect(raw).toEqual([]);
    const templated = store.database.prepare<{ n: number }>(`SELECT count(*) AS n FROM emails WHERE template_id IS NOT NULL`).get()!.n;
    expect(templated).toBeGreaterThan(20);
    expect(store.database.prepare<{ body: string }>(`SELECT body FROM emails WHERE template_id = 'tpl-confirmation-rdv' LIMIT 1`).get()?.body).toMatch(
      /\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}/,
    );
  });

  it('refuses to generate twice into the same database', () => {
    const { store } = demo({ contacts: 10 });
    expect(() => generateDemoWorkspace(store, { now: NOW })).toThrow(/existe déjà/);
  });
});

describe('demo fixtures', () => {
  it('pops François Lefèvre, with a relance de devis and a confirmation de RDV, for his mobile', () => {
    const { store, directory } = demo({ contacts: 50 });
    const { mobileContact } = demoFixtures(store);
    const pop = directory.buildPop(mobileContact.sipUri);
    expect(pop.matches.map((m) => m.contactId)).toEqual([mobileContact.contactId]);
    expect(pop.card!.contact!.firstName).toBe('François');
    expect(pop.card!.suggestedTemplates.map((t) => t.category)).toEqual(['confirmation_rdv', 'relance_devis_j7']);
  });

  it('pops the syndic once for its switchboard, and Mamadou for his direct line', () => {
    const { store, directory } = demo({ contacts: 50 });
    const { switchboardCompany } = demoFixtures(store);
    expect(directory.identify(switchboardCompany.dial).matches).toMatchObject([{ companyId: switchboardCompany.companyId, contactId: null, reason: 'standard' }]);
    expect(directory.buildPop(switchboardCompany.dial).card!.companyContacts.map((c) => c.id).sort()).toEqual([...switchboardCompany.contactIds].sort());
    expect(directory.identify(switchboardCompany.directLine.dial).matches.map((m) => m.contactId)).toEqual([switchboardCompany.directLine.contactId]);
  });

  it('proposes both Gauthier for their shared landline, Hélène first, and nobody for the unknown number', () => {
    const { store, directory } = demo({ contacts: 50 });
    const fixtures = demoFixtures(store);
    expect(directory.identify(fixtures.sharedLandline.dial).matches.map((m) => m.contactId)).toEqual([...fixtures.sharedLandline.contactIds]);
    expect(directory.identify(fixtures.unknownNumber.dial).matches).toEqual([]);
    expect(directory.identify(fixtures.withheld).matches).toEqual([]);
    expect(directory.identify(fixtures.extension).number.kind).toBe('interne');
  });

  it('are the same whatever the seed and size', () => {
    for (const seed of [1, 99]) {
      const { directory } = demo({ contacts: 2000, seed });
      expect(directory.identify(DEMO_FIXTURES.mobileContact.dial).matches.map((m) => m.contactId)).toEqual([DEMO_FIXTURES.mobileContact.contactId]);
    }
  });

  it('say plainly when the store is not a demo workspace', () => {
    expect(() => demoFixtures(openStore(':memory:'))).toThrow(/pas un espace de démonstration/);
  });
});
