import { describe, expect, it } from 'vitest';
import { ftsQuery, searchPlan } from './search-repository';
import { openStore, type AccueilStore } from './index';

function directoryOf(store: AccueilStore) {
  const syndic = store.companies.create({ name: 'Syndic Saint-Éloi Gestion', city: 'Lyon', postalCode: '69003', email: 'gestion@saint-eloi.fr' });
  store.phones.attach({ number: '04 78 12 34 56', companyId: syndic.id, kind: 'standard' });
  const francois = store.contacts.create({ firstName: 'François', lastName: 'Lefèvre', phone: '06 12 34 56 78', email: 'f.lefevre@orange.fr', city: 'Rennes' });
  const mamadou = store.contacts.create({ firstName: 'Mamadou', lastName: "N'Diaye", phone: '+32 2 555 12 12', companyId: syndic.id, city: 'Lyon' });
  const jp = store.contacts.create({ firstName: 'Jean-Pierre', lastName: 'Martin-Dubois', phone: '02 99 87 65 43', city: 'Vitré' });
  return { syndic, francois, mamadou, jp };
}

const ids = (store: AccueilStore, query: string) => store.search.search(query).map((hit) => hit.id);

describe('search', () => {
  it('finds names whatever the accents typed ("francois" finds François, "LEFEVRE" Lefèvre)', () => {
    const store = openStore(':memory:');
    const { francois } = directoryOf(store);
    expect(ids(store, 'francois')).toEqual([francois.id]);
    expect(ids(store, 'LEFEVRE')).toEqual([francois.id]);
    expect(ids(store, 'Lefèvre')).toEqual([francois.id]);
    expect(ids(store, 'fran lef')).toEqual([francois.id]);
  });

  it('finds names with apostrophes and hyphens typed with or without them', () => {
    const store = openStore(':memory:');
    const { mamadou, jp } = directoryOf(store);
    expect(ids(store, "N'Diaye")).toEqual([mamadou.id]);
    expect(ids(store, 'ndiaye')).toEqual([mamadou.id]);
    expect(ids(store, 'jean-pierre')).toEqual([jp.id]);
    expect(ids(store, 'jeanpierre')).toEqual([jp.id]);
    expect(ids(store, 'martin dubois')).toEqual([jp.id]);
  });

  it('finds a number from its national, national-significant or international beginning', () => {
    const store = openStore(':memory:');
    const { francois } = directoryOf(store);
    for (const fragment of ['0612', '612', '+336', '+33 6 12', '06 12 34', '06.12.34.56.78', '0033 6 12', '33612345678']) {
      expect(ids(store, fragment), fragment).toEqual([francois.id]);
    }
  });

  it('finds a foreign number from its international digits', () => {
    const store = openStore(':memory:');
    const { mamadou } = directoryOf(store);
    expect(ids(store, '+32 2 555')).toEqual([mamadou.id]);
  });

  it('finds companies by name, city, postcode, e-mail and switchboard, and contacts by company name', () => {
    const store = openStore(':memory:');
    const { syndic, mamadou } = directoryOf(store);
    expect(ids(store, 'saint eloi')).toContain(syndic.id);
    expect(ids(store, 'saint eloi')).toContain(mamadou.id);
    expect(ids(store, '69003')).toContain(syndic.id);
    expect(ids(store, 'gestion@saint')).toContain(syndic.id);
    expect(ids(store, '0478')).toEqual([syndic.id]);
    const hit = store.search.search('syndic').find((h) => h.id === syndic.id);
    expect(hit).toEqual({ type: 'company', id: syndic.id, label: 'Syndic Saint-Éloi Gestion', detail: 'Lyon' });
  });

  it('keeps the index in step when a number is attached or a company renamed', () => {
    const store = openStore(':memory:');
    const { francois, syndic, mamadou } = directoryOf(store);
    expect(ids(store, '0699')).toEqual([]);
    store.phones.attach({ number: '06 99 00 00 01', contactId: francois.id });
    expect(ids(store, '0699')).toEqual([francois.id]);
    store.database.prepare(`UPDATE companies SET name = 'Cabinet Rhône Syndic' WHERE id = ?`).run(syndic.id);
    expect(ids(store, 'rhone').sort()).toEqual([syndic.id, mamadou.id].sort());
    // Only the company's e-mail (gestion@saint-eloi.fr) still says Éloi; its contact no longer does.
    expect(ids(store, 'eloi')).toEqual([syndic.id]);
  });

  it('indexes a bulk load once at the end, and nothing of a bulk load that failed', () => {
    const store = openStore(':memory:');
    store.bulkLoad(() => {
      const id = store.contacts.insert({ firstName: 'Zoé', lastName: 'Kerbrat' });
      store.phones.insert({ contactId: id, e164: '+33298000000', raw: '02 98 00 00 00', kind: 'fixe' });
    });
    expect(store.search.search('zoe')).toHaveLength(1);
    expect(store.search.search('0298')).toHaveLength(1);
    expect(() =>
      store.bulkLoad(() => {
        store.contacts.insert({ firstName: 'Anaïs', lastName: 'Perdue' });
        throw new Error('interrompu');
      }),
    ).toThrow('interrompu');
    expect(store.search.search('anais')).toEqual([]);
    // The pause rolled back with the load: ordinary writes index again.
    store.contacts.create({ firstName: 'Anaïs', lastName: 'Trouvée' });
    expect(store.search.search('anais')).toHaveLength(1);
  });

  it('treats what the user types as text, not as FTS syntax', () => {
    const store = openStore(':memory:');
    directoryOf(store);
    for (const query of ['"', 'AND', 'OR NOT', '*', 'NEAR(a b)', '-', "l'", '  ']) {
      expect(() => store.search.search(query), query).not.toThrow();
    }
    expect(ftsQuery('  ')).toBeNull();
    expect(ftsQuery('dupont "jean')).toBe('"dupont"* "jean"*');
  });

  it('finds a number from any part of it, whatever spaces, dots or dashes are typed', () => {
    const store = openStore(':memory:');
    const { syndic, francois } = directoryOf(store);
    // 04 78 12 34 56 (syndic), 06 12 34 56 78 (François)
    expect(ids(store, '56 78')).toEqual([francois.id]);
    expect(ids(store, '3456').sort()).toEqual([syndic.id, francois.id].sort());
    expect(ids(store, '78.12.34')).toEqual([syndic.id]);
    expect(ids(store, '8-12-3')).toEqual([syndic.id]);
    expect(ids(store, '99999')).toEqual([]);
  });

  it('ranks a number found from its beginning before one found from its middle', () => {
    const store = openStore(':memory:');
    const { syndic, francois } = directoryOf(store);
    // 1234 begins 123450000 (François's new number without its 0) and is inside 0478123456 (the syndic).
    store.phones.attach({ number: '01 23 45 00 00', contactId: francois.id });
    expect(ids(store, '12 34')).toEqual([francois.id, syndic.id]);
  });

  it('pins a number typed with + or 00 to the start of its international form', () => {
    const store = openStore(':memory:');
    const { mamadou } = directoryOf(store);
    expect(ids(store, '+32 2 555')).toEqual([mamadou.id]);
    expect(ids(store, '0032 2 555')).toEqual([mamadou.id]);
    expect(searchPlan('0033 6 12')?.digitsAnywhere).toBeNull();
    expect(searchPlan('56')?.digitsAnywhere).toBeNull();
    // Country codes never start with 0: « 00 00 17 » is the end of a number, not an international one.
    expect(searchPlan('00 00 17')?.digitsAnywhere).toBe('"000017"');
  });

  it('finds the owner of a devis from its number, written with or without dashes, and from its title words', () => {
    const store = openStore(':memory:');
    const { francois, syndic, mamadou } = directoryOf(store);
    store.quotes.insert({ number: 'DV-2026-00001', title: 'Remplacement chaudière gaz', amountCents: 420_000, contactId: francois.id });
    store.quotes.insert({ number: 'DV-2025-00042', title: 'Ravalement façade', amountCents: 1_200_000, companyId: syndic.id });
    expect(ids(store, 'DV-2026-00001')).toEqual([francois.id]);
    expect(ids(store, 'dv202600001')).toEqual([francois.id]);
    expect(ids(store, '2026-00001')).toEqual([francois.id]);
    expect(ids(store, 'chaudière')).toEqual([francois.id]);
    expect(ids(store, 'CHAUDIERE')).toEqual([francois.id]);
    expect(ids(store, 'facade')).toEqual([syndic.id]);
    // The pieces of a number stay together: 2026 of one devis and 00042 of another are no devis.
    expect(ids(store, 'DV-2026-00042')).toEqual([]);
    expect(ids(store, 'DV-2025-00042')).not.toContain(mamadou.id);
  });

  it('finds the owner of a ticket from its reference and its subject words', () => {
    const store = openStore(':memory:');
    const { jp, syndic } = directoryOf(store);
    store.tickets.insert({ id: '4f2a9c01-1111-2222-3333-444455556666', subject: 'Fuite sous l’évier', contactId: jp.id, companyId: syndic.id });
    expect(ids(store, 'T-4F2A9C01').sort()).toEqual([jp.id, syndic.id].sort());
    expect(ids(store, 't-4f2a').sort()).toEqual([jp.id, syndic.id].sort());
    expect(ids(store, 'evier').sort()).toEqual([jp.id, syndic.id].sort());
  });

  it('keeps devis and tickets in the index when they are changed, moved or deleted', () => {
    const store = openStore(':memory:');
    const { francois, jp } = directoryOf(store);
    const quote = store.quotes.insert({ number: 'DV-2026-00007', title: 'Pompe à chaleur', amountCents: 900_000, contactId: francois.id });
    expect(ids(store, 'pompe')).toEqual([francois.id]);
    store.database.prepare(`UPDATE quotes SET title = 'Climatisation réversible', contact_id = ? WHERE id = ?`).run(jp.id, quote);
    expect(ids(store, 'pompe')).toEqual([]);
    expect(ids(store, 'climatisation')).toEqual([jp.id]);
    store.database.prepare(`DELETE FROM quotes WHERE id = ?`).run(quote);
    expect(ids(store, 'climatisation')).toEqual([]);
    expect(ids(store, 'DV-2026-00007')).toEqual([]);
  });

  it('indexes devis, tickets and numbers of a bulk load, and a rebuild gives the same answers', () => {
    const store = openStore(':memory:');
    store.bulkLoad(() => {
      const id = store.contacts.insert({ firstName: 'Zoé', lastName: 'Kerbrat' });
      store.phones.insert({ contactId: id, e164: '+33298000017', raw: '02 98 00 00 17', kind: 'fixe' });
      store.quotes.insert({ number: 'DV-2026-00099', title: 'Désembouage radiateurs', amountCents: 50_000, contactId: id });
    });
    for (const query of ['00 00 17', 'desembouage', 'DV-2026-00099']) expect(store.search.search(query), query).toHaveLength(1);
    store.search.rebuildIndex();
    for (const query of ['00 00 17', 'desembouage', 'DV-2026-00099']) expect(store.search.search(query), query).toHaveLength(1);
  });

  it('says how many records a query finds and gives them page by page, each once', () => {
    const store = openStore(':memory:');
    store.bulkLoad(() => {
      for (let i = 0; i < 40; i++) store.contacts.insert({ firstName: `Client${String(i).padStart(2, '0')}`, lastName: 'Bernard' });
    });
    const first = store.search.searchPage('bernard', { offset: 0, limit: 12 });
    expect(first.total).toBe(40);
    expect(first.hits).toHaveLength(12);
    const rest = store.search.searchPage('bernard', { offset: 12, limit: 50 });
    expect(rest.total).toBe(40);
    expect(rest.hits).toHaveLength(28);
    expect(new Set([...first.hits, ...rest.hits].map((h) => h.id)).size).toBe(40);
    expect(store.search.searchPage('zzz', { offset: 0, limit: 12 })).toEqual({ hits: [], total: 0 });
  });

  it('pages across the ways records are found: own columns first, then devis and tickets, then numbers from their middle', () => {
    const store = openStore(':memory:');
    const named = ['Anne', 'Bruno', 'Chloé'].map((first) => store.contacts.create({ firstName: first, lastName: 'Chaudron' }).id);
    const quoted = ['Denis', 'Elsa', 'Fanny'].map((first) => {
      const id = store.contacts.create({ firstName: first, lastName: 'Morel' }).id;
      store.quotes.insert({ number: `DV-2026-0000${first.length}${first[0]}`, title: 'Chaudière à condensation', amountCents: 1, contactId: id });
      return id;
    });
    const whole = store.search.searchPage('chaud', { offset: 0, limit: 50 });
    expect(whole.total).toBe(6);
    expect(whole.hits.slice(0, 3).map((h) => h.id).sort()).toEqual([...named].sort());
    expect(whole.hits.slice(3).map((h) => h.id).sort()).toEqual([...quoted].sort());
    const pages = [0, 2, 4].map((offset) => store.search.searchPage('chaud', { offset, limit: 2 }));
    for (const page of pages) expect(page.total).toBe(6);
    expect(pages.flatMap((page) => page.hits.map((h) => h.id))).toEqual(whole.hits.map((h) => h.id));
    expect(store.search.search('chaud', 4).map((h) => h.id)).toEqual(whole.hits.slice(0, 4).map((h) => h.id));
  });

  it('counts a record found several ways once', () => {
    const store = openStore(':memory:');
    const { francois } = directoryOf(store);
    store.quotes.insert({ number: 'DV-2026-00003', title: 'Entretien chaudière François', amountCents: 15_000, contactId: francois.id });
    expect(store.search.searchPage('francois', { offset: 0, limit: 12 })).toMatchObject({ total: 1, hits: [{ id: francois.id }] });
    // 0612 begins François's number and is inside it too: one record.
    expect(store.search.searchPage('06 12', { offset: 0, limit: 12 })).toMatchObject({ total: 1, hits: [{ id: francois.id }] });
    store.tickets.insert({ subject: 'Appel du 06 12', contactId: francois.id });
    expect(store.search.searchPage('06 12', { offset: 0, limit: 12 })).toMatchObject({ total: 1, hits: [{ id: francois.id }] });
  });

  it('puts the homonym in touch most recently first', () => {
    const store = openStore(':memory:');
    const older = store.contacts.create({ firstName: 'Jean', lastName: 'Martin', city: 'Nantes' });
    const recent = store.contacts.create({ firstName: 'Jean', lastName: 'Martin', city: 'Nantes' });
    const silent = store.contacts.create({ firstName: 'Jean', lastName: 'Martin', city: 'Nantes' });
    store.history.addNote({ id: 'n1', contactId: older.id, body: 'Rappeler', author: 'Claire', createdAt: '2026-01-05T09:00:00.000Z' });
    store.history.addNote({ id: 'n2', contactId: recent.id, body: 'Rappeler', author: 'Claire', createdAt: '2026-02-05T09:00:00.000Z' });
    expect(ids(store, 'jean martin')).toEqual([recent.id, older.id, silent.id]);
  });
});
