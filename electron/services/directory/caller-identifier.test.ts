import { describe, expect, it } from 'vitest';
import { openStore, type AccueilStore } from '../store';
import { CallerIdentifier } from './caller-identifier';

function setup() {
  const store = openStore(':memory:');
  return { store, identifier: new CallerIdentifier(store.phones) };
}

function touch(store: AccueilStore, owner: { contactId?: string; companyId?: string }, at: string) {
  store.history.addNote({ contactId: owner.contactId ?? null, companyId: owner.companyId ?? null, body: '…', createdAt: at });
}

describe('CallerIdentifier', () => {
  it("pops a contact's own mobile as that contact, whatever format the PBX sends", () => {
    const { store, identifier } = setup();
    const contact = store.contacts.create({ firstName: 'François', lastName: 'Lefèvre', phone: '06 12 34 56 78' });
    for (const raw of ['+33612345678', '0033612345678', '33612345678', 'sip:+33612345678@pbx;user=phone']) {
      const { number, matches } = identifier.identify(raw);
      expect(number.e164).toBe('+33612345678');
      expect(matches).toEqual([
        { contactId: contact.id, companyId: null, label: 'François Lefèvre', companyName: null, reason: 'contact', phoneKind: 'mobile', lastInteractionAt: null },
      ]);
    }
  });

  it('pops the contact whose stored number has the same digits, even in a range the metadata does not know', () => {
    const { store, identifier } = setup();
    const contact = store.contacts.create({ firstName: 'Inès', lastName: 'Rivière', phone: '07 20 50 03 26' });
    for (const raw of ['+33 7 20 50 03 26', '0720500326', 'sip:+33720500326@pbx;user=phone']) {
      const { number, matches } = identifier.identify(raw);
      expect(number).toMatchObject({ e164: '+33720500326', kind: 'mobile' });
      expect(matches).toMatchObject([{ contactId: contact.id, label: 'Inès Rivière', reason: 'contact', phoneKind: 'mobile' }]);
    }
  });

  it('reads again, at open, numbers stored unreadable by an older rule, so their owner pops', () => {
    const { store } = setup();
    const contact = store.contacts.create({ firstName: 'Inès', lastName: 'Rivière' });
    const company = store.companies.create({ name: 'SCI Les Tilleuls' });
    // As an older version stored them: no E.164 (the second one also held in E.164 already).
    store.phones.insert({ contactId: contact.id, e164: null, raw: '07 20 50 03 26', kind: 'mobile' });
    store.phones.insert({ companyId: company.id, e164: '+33720500327', raw: '+33720500327', kind: 'standard' });
    store.phones.insert({ companyId: company.id, e164: null, raw: '07 20 50 03 27', kind: 'autre' });
    store.phones.insert({ contactId: contact.id, e164: null, raw: 'pas de numéro', kind: 'autre' });
    const identifier = new CallerIdentifier(store.phones);

    expect(store.phones.renormalizeUnreadable()).toBe(2);
    expect(identifier.identify('+33720500326').matches).toMatchObject([{ contactId: contact.id }]);
    expect(store.phones.forCompany(company.id)).toEqual([{ e164: '+33720500327', raw: '+33720500327', display: '07 20 50 03 27', kind: 'standard' }]);
    expect(store.phones.forContact(contact.id).map((p) => p.e164)).toEqual(['+33720500326', null]);
    expect(store.phones.renormalizeUnreadable()).toBe(0);
  });

  it('finds the company once when the caller dials from its switchboard, not once per employee', () => {
    const { store, identifier } = setup();
    const company = store.companies.create({ name: 'Syndic Saint-Éloi Gestion' });
    store.phones.attach({ number: '04 78 12 34 56', companyId: company.id, kind: 'standard' });
    for (const name of ['Nathalie', 'Mamadou', 'Sophie']) {
      const contact = store.contacts.create({ firstName: name, lastName: 'X', companyId: company.id });
      // As CRM imports do: the switchboard copied onto each contact.
      store.phones.attach({ number: '+33478123456', contactId: contact.id, kind: 'fixe' });
    }
    const { matches } = identifier.identify('04 78 12 34 56');
    expect(matches).toEqual([
      { contactId: null, companyId: company.id, label: 'Syndic Saint-Éloi Gestion', companyName: 'Syndic Saint-Éloi Gestion', reason: 'standard', phoneKind: 'standard', lastInteractionAt: null },
    ]);
  });

  it('finds the company once when only its contacts carry the number, marked standard', () => {
    const { store, identifier } = setup();
    const company = store.companies.create({ name: 'Mairie de Vitré' });
    for (const name of ['Anne', 'Paul']) {
      const contact = store.contacts.create({ firstName: name, lastName: 'Y', companyId: company.id });
      store.phones.attach({ number: '02 99 75 00 00', contactId: contact.id, kind: 'standard' });
    }
    expect(identifier.identify('0299750000').matches).toMatchObject([{ contactId: null, companyId: company.id, reason: 'standard' }]);
  });

  it("pops a contact's direct line at a company as the contact, with the company name", () => {
    const { store, identifier } = setup();
    const company = store.companies.create({ name: 'Syndic Saint-Éloi Gestion' });
    store.phones.attach({ number: '04 78 12 34 56', companyId: company.id, kind: 'standard' });
    const mamadou = store.contacts.create({ firstName: 'Mamadou', lastName: "N'Diaye", companyId: company.id, phone: '04 78 12 34 99' });
    expect(identifier.identify('04 78 12 34 99').matches).toMatchObject([
      { contactId: mamadou.id, companyId: company.id, label: "Mamadou N'Diaye", companyName: 'Syndic Saint-Éloi Gestion', reason: 'contact' },
    ]);
  });

  it('says "company" for a company line that is not its switchboard', () => {
    const { store, identifier } = setup();
    const company = store.companies.create({ name: 'Boulangerie Saint-Éloi' });
    store.phones.attach({ number: '06 70 00 00 01', companyId: company.id, kind: 'mobile' });
    expect(identifier.identify('0670000001').matches).toMatchObject([{ companyId: company.id, reason: 'company', phoneKind: 'mobile' }]);
  });

  it('ranks the people sharing a landline by most recent interaction first, then by name', () => {
    const { store, identifier } = setup();
    const jerome = store.contacts.create({ firstName: 'Jérôme', lastName: 'Gauthier', phone: '02 99 87 65 43' });
    const helene = store.contacts.create({ firstName: 'Hélène', lastName: 'Gauthier', phone: '02 99 87 65 43' });
    const alice = store.contacts.create({ firstName: 'Alice', lastName: 'Gauthier', phone: '02 99 87 65 43' });
    const zoe = store.contacts.create({ firstName: 'Zoé', lastName: 'Gauthier', phone: '02 99 87 65 43' });
    touch(store, { contactId: jerome.id }, '2026-01-10T09:00:00.000Z');
    touch(store, { contactId: helene.id }, '2026-03-01T09:00:00.000Z');
    const { matches } = identifier.identify('02 99 87 65 43');
    expect(matches.map((m) => m.contactId)).toEqual([helene.id, jerome.id, alice.id, zoe.id]);
    expect(matches[0]!.lastInteractionAt).toBe('2026-03-01T09:00:00.000Z');
  });

  it('ranks a company switchboard and a contact sharing the number by their last interaction', () => {
    const { store, identifier } = setup();
    const company = store.companies.create({ name: 'SCI Les Tilleuls' });
    store.phones.attach({ number: '05 56 00 00 01', companyId: company.id, kind: 'standard' });
    const gerant = store.contacts.create({ firstName: 'Luc', lastName: 'Morel', phone: '05 56 00 00 01' });
    touch(store, { companyId: company.id }, '2026-01-01T09:00:00.000Z');
    touch(store, { contactId: gerant.id }, '2026-02-01T09:00:00.000Z');
    expect(identifier.identify('0556000001').matches.map((m) => m.reason)).toEqual(['contact', 'standard']);
  });

  it.each(['anonymous', '', '201', '3949', '+33 6 12', 'n/a'])('proposes nobody for %j', (raw) => {
    const { store, identifier } = setup();
    store.contacts.create({ firstName: 'X', lastName: 'Y', phone: '06 12 34 56 78' });
    expect(identifier.identify(raw).matches).toEqual([]);
  });

  it('proposes nobody for a number nobody has', () => {
    const { store, identifier } = setup();
    store.contacts.create({ firstName: 'X', lastName: 'Y', phone: '06 12 34 56 78' });
    const { number, matches } = identifier.identify('06 98 76 54 32');
    expect(number).toMatchObject({ e164: '+33698765432', display: '06 98 76 54 32' });
    expect(matches).toEqual([]);
  });

  it('still finds a number stored before it could be normalised', () => {
    const { store, identifier } = setup();
    const id = store.contacts.insert({ firstName: 'Ancien', lastName: 'Import' });
    store.phones.insert({ contactId: id, e164: null, raw: '06-12-34-56-78', kind: 'autre' });
    expect(identifier.identify('+33612345678').matches.map((m) => m.contactId)).toEqual([id]);
  });
});
