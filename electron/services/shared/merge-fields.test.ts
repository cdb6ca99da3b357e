import { describe, expect, it } from 'vitest';
import type { Contact, Intervention, Quote } from '../../contract/model';
import { MERGE_FIELDS, frenchTime, mergeValues, ticketReference } from './merge-fields';

const sender = { agentName: 'Claire Moreau', companyName: 'Durand Chauffage', companyPhone: '02 99 00 11 22', reviewUrl: 'https://avis.example/durand' };
const contact: Contact = {
  id: 'c1', firstName: 'François', lastName: 'Lefèvre', email: 'f@example.fr', role: null, companyId: null, companyName: null,
  address: '12 rue Saint-Éloi', postalCode: '35000', city: 'Rennes', phones: [{ e164: '+33612345678', raw: '06 12 34 56 78', display: '06 12 34 56 78', kind: 'mobile' }], updatedAt: '2024-01-01T00:00:00Z',
};
const quote: Quote = {
  id: 'q1', number: 'DEV-2024-0153', title: 'Chaudière', amountCents: 485_000, status: 'envoye', contactId: 'c1', companyId: null,
  siteAddress: null, createdAt: '2024-05-01T08:00:00Z', sentAt: '2024-05-06T09:00:00Z', validUntil: '2024-06-30T00:00:00Z',
};
const intervention: Intervention = {
  id: 'i1', kind: 'Entretien chaudière', status: 'planifiee', scheduledAt: '2024-05-14T12:30:00Z', technician: 'Karim Benali',
  siteAddress: '3 allée des Tilleuls', report: null, contactId: 'c1', companyId: null,
};

describe('merge fields', () => {
  it('documents every field the values cover, and nothing else', () => {
    const values = mergeValues({ contact: null, company: null, quote: null, intervention: null, ticket: null, sender, now: new Date() });
    expect(Object.keys(values).sort()).toEqual(MERGE_FIELDS.map((f) => f.key).sort());
  });

  it('writes dates, times and amounts as a French customer reads them, in Paris time', () => {
    const values = mergeValues({ contact, company: null, quote, intervention, ticket: null, sender, now: new Date('2024-05-13T10:00:00Z') });
    expect(values['intervention.date']).toBe('mardi 14 mai 2024');
    expect(values['intervention.heure']).toBe('14 h 30'); // 12:30 UTC is 14:30 in Paris in May
    expect(values['devis.montant']?.replace(/\s/g, ' ')).toBe('4 850,00 €');
    expect(values['devis.date_envoi']).toBe('6 mai 2024');
    expect(values['contact.adresse']).toBe('12 rue Saint-Éloi, 35000 Rennes');
    expect(values['contact.telephone']).toBe('06 12 34 56 78');
    expect(values['agent.prenom']).toBe('Claire');
    expect(values['agent.nom']).toBe('Moreau');
    expect(values['intervention.adresse']).toBe('3 allée des Tilleuls');
  });

  it('leaves a field empty when its record is missing', () => {
    const values = mergeValues({ contact: null, company: null, quote: null, intervention: null, ticket: null, sender, now: new Date() });
    expect(values['contact.prenom']).toBe('');
    expect(values['devis.numero']).toBe('');
    expect(values['facture.numero']).toBe('');
  });

  it('writes "9 h" on the hour and a short stable ticket reference', () => {
    expect(frenchTime(new Date('2024-01-10T08:00:00Z'))).toBe('9 h');
    expect(ticketReference('4f2a9c01-77e3-4c1b-a0aa-000000000000')).toBe('T-4F2A9C01');
  });
});
