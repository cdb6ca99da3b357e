import { openStore } from '../store';
import { describe, expect, it } from 'vitest';
import { Directory } from '../directory';
import { TemplateLibrary } from './template-library';

const DAY = 86_400_000;

describe('pop suggestions in a CRM workspace (no demo)', () => {
  it('suggests the seeded relance and confirmation for a caller with a devis sent 8 days ago and a visit tomorrow', () => {
    const store = openStore(':memory:');
    new TemplateLibrary(store).seedDefaults();
    const now = Date.now();
    const id = store.contacts.insert({ firstName: 'Anne', lastName: 'Roux', email: 'anne@example.fr' });
    store.phones.insert({ contactId: id, e164: '+33611223344', raw: '06 11 22 33 44', kind: 'mobile' });
    store.quotes.insert({ number: 'DEV-9', title: 'PAC', amountCents: 900_000, status: 'envoye', contactId: id, sentAt: new Date(now - 8 * DAY).toISOString() });
    store.interventions.insert({ kind: 'Visite technique', status: 'planifiee', scheduledAt: new Date(now + DAY).toISOString(), contactId: id });
    const pop = new Directory(store).buildPop('0611223344');
    expect(pop.card?.suggestedTemplates.map((t) => t.id)).toEqual(['tpl-confirmation-rdv', 'tpl-relance-devis-j7']);
  });

  it('suggests Claire’s own template when she replaced a default of the same purpose', () => {
    const store = openStore(':memory:');
    const library = new TemplateLibrary(store);
    library.seedDefaults();
    library.delete('tpl-relance-devis-j7');
    const mine = library.save({ name: 'Ma relance', category: 'relance_devis_j7', subject: 'Devis {{devis.numero}}', body: 'Bonjour {{contact.prenom}}' });
    const id = store.contacts.insert({ firstName: 'Anne', lastName: 'Roux' });
    store.phones.insert({ contactId: id, e164: '+33611223344', raw: '06 11 22 33 44', kind: 'mobile' });
    store.quotes.insert({ number: 'DEV-9', title: 'PAC', amountCents: 1, status: 'envoye', contactId: id, sentAt: new Date(Date.now() - 8 * DAY).toISOString() });
    expect(new Directory(store).buildPop('0611223344').card?.suggestedTemplates.map((t) => t.id)).toEqual([mine.id]);
  });
});
