import { describe, expect, it } from 'vitest';
import { ftsQuery } from './search-repository';
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
});
