import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../contract/envelope';
import { openStore } from './index';

describe('contacts and their numbers', () => {
  it('creates a contact with its number normalised', () => {
    const store = openStore(':memory:');
    const contact = store.contacts.create({ firstName: 'Hélène', lastName: 'Lefèvre', phone: '06.12.34.56.78', email: 'h@x.fr', companyId: null, city: 'Rennes' });
    expect(contact).toMatchObject({ firstName: 'Hélène', lastName: 'Lefèvre', city: 'Rennes', companyName: null });
    expect(contact.phones).toEqual([{ e164: '+33612345678', raw: '06.12.34.56.78', display: '06 12 34 56 78', kind: 'mobile' }]);
    expect(store.contacts.get(contact.id)).toEqual(contact);
  });

  it('does not duplicate a number attached twice to the same owner, whatever its format', () => {
    const store = openStore(':memory:');
    const contact = store.contacts.create({ firstName: 'Jean', lastName: 'Dupont', phone: '0612345678' });
    expect(store.phones.attach({ number: '+33 6 12 34 56 78', contactId: contact.id }).added).toBe(false);
    expect(store.phones.attach({ number: 'sip:+33612345678@pbx', contactId: contact.id }).added).toBe(false);
    expect(store.contacts.get(contact.id)!.phones).toHaveLength(1);
  });

  it('corrects the kind when the same number is attached again with another kind', () => {
    const store = openStore(':memory:');
    const company = store.companies.create({ name: 'Mairie de Vitré' });
    store.phones.attach({ number: '02 99 75 00 00', companyId: company.id });
    store.phones.attach({ number: '0299750000', companyId: company.id, kind: 'standard' });
    expect(store.companies.get(company.id)!.phones).toEqual([{ e164: '+33299750000', raw: '02 99 75 00 00', display: '02 99 75 00 00', kind: 'standard' }]);
  });

  it('lets two owners share a number (a couple, a contact and their company)', () => {
    const store = openStore(':memory:');
    const a = store.contacts.create({ firstName: 'Hélène', lastName: 'Gauthier', phone: '02 99 87 65 43' });
    const b = store.contacts.create({ firstName: 'Jérôme', lastName: 'Gauthier', phone: '0299876543' });
    expect(store.phones.ownersOf('+33299876543').map((o) => o.contactId).sort()).toEqual([a.id, b.id].sort());
  });

  it('keeps an unreadable number as typed, without E.164', () => {
    const store = openStore(':memory:');
    const contact = store.contacts.create({ firstName: 'X', lastName: 'Y', phone: '06 12 34' });
    expect(contact.phones).toEqual([{ e164: null, raw: '06 12 34', display: '06 12 34', kind: 'autre' }]);
  });

  it('refuses a withheld number, an unknown owner and an ambiguous owner', () => {
    const store = openStore(':memory:');
    const contact = store.contacts.create({ firstName: 'X', lastName: 'Y' });
    const company = store.companies.create({ name: 'Z' });
    expect(() => store.phones.attach({ number: 'anonymous', contactId: contact.id })).toThrow(/masqué/);
    expect(() => store.phones.attach({ number: '0612345678', contactId: 'nobody' })).toThrow(ServiceError);
    expect(() => store.phones.attach({ number: '0612345678', contactId: contact.id, companyId: company.id })).toThrow(ServiceError);
    expect(() => store.contacts.create({ firstName: 'X', lastName: 'Y', companyId: 'nowhere' })).toThrow(/Entreprise introuvable/);
  });

  it('lists the contacts of a company with their phones, most recently in touch first', () => {
    const store = openStore(':memory:');
    const company = store.companies.create({ name: 'Syndic Lefèvre Gestion', city: 'Lyon' });
    const quiet = store.contacts.create({ firstName: 'Anne', lastName: 'Quiet', companyId: company.id, phone: '06 11 11 11 11' });
    const recent = store.contacts.create({ firstName: 'Bruno', lastName: 'Recent', companyId: company.id, phone: '06 22 22 22 22' });
    store.history.addNote({ contactId: recent.id, companyId: company.id, body: 'a appelé', createdAt: '2026-03-01T10:00:00.000Z' });
    const list = store.contacts.listByCompany(company.id);
    expect(list.map((c) => c.id)).toEqual([recent.id, quiet.id]);
    expect(list[0]!.phones[0]!.e164).toBe('+33622222222');
    expect(list[0]!.companyName).toBe('Syndic Lefèvre Gestion');
  });
});
