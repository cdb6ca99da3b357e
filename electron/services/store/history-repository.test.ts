import { describe, expect, it } from 'vitest';
import { openStore } from './index';

describe('history', () => {
  it('merges calls, notes, e-mails, tickets, devis and interventions, newest first, up to the limit', () => {
    const store = openStore(':memory:');
    const company = store.companies.create({ name: 'Boulangerie Saint-Éloi' });
    const contact = store.contacts.create({ firstName: 'Paul', lastName: 'Faure', companyId: company.id });
    const owner = { contactId: contact.id, companyId: company.id };
    store.calls.insertPast({
      id: 'call', sipCallId: null, direction: 'inbound', state: 'ended', fromRaw: '0612345678', fromE164: '+33612345678', fromDisplay: '06 12 34 56 78',
      callerName: null, toRaw: '201', ringAt: '2026-03-01T09:00:00.000Z', answerAt: '2026-03-01T09:00:10.000Z', endAt: '2026-03-01T09:03:22.000Z',
      endReason: 'bye', matchLabel: 'Paul Faure', ...owner,
    });
    store.history.addNote({ id: 'note', ...owner, body: 'Code portail 1457B', author: 'Claire', createdAt: '2026-03-02T09:00:00.000Z' });
    store.history.addEmail({ id: 'mail', ...owner, direction: 'out', subject: 'Votre devis', body: 'Bonjour', sentAt: '2026-03-03T09:00:00.000Z' });
    store.tickets.insert({ id: 'ticket', ...owner, subject: 'Plus d’eau chaude', category: 'depannage', status: 'en_cours', createdAt: '2026-03-04T09:00:00.000Z' });
    store.quotes.insert({ id: 'quote', ...owner, number: 'DV-2026-00001', title: 'Chauffe-eau', amountCents: 285_050, status: 'envoye', createdAt: '2026-03-05T09:00:00.000Z' });
    store.interventions.insert({ id: 'visit', ...owner, kind: 'Remplacement chauffe-eau', scheduledAt: '2026-03-06T09:00:00.000Z', technician: 'Karim', createdAt: '2026-03-05T10:00:00.000Z' });

    const timeline = store.history.for({ kind: 'contact', id: contact.id }, 50);
    expect(timeline.map((i) => [i.id, i.kind])).toEqual([
      ['visit', 'intervention'],
      ['quote', 'quote'],
      ['ticket', 'ticket'],
      ['mail', 'email'],
      ['note', 'note'],
      ['call', 'call'],
    ]);
    expect(timeline.find((i) => i.id === 'call')).toMatchObject({ title: 'Appel entrant', summary: 'Durée 3 min 12 s', status: 'ended' });
    expect(timeline.find((i) => i.id === 'quote')).toMatchObject({ title: 'Devis DV-2026-00001 — Chauffe-eau', status: 'envoye' });
    expect(timeline.find((i) => i.id === 'quote')!.summary).toMatch(/^2\s850,50\s€$/);
    expect(timeline.find((i) => i.id === 'note')).toMatchObject({ title: 'Note de Claire', summary: 'Code portail 1457B' });
    // The same lines as facts, for a console that words them in English.
    const facts = Object.fromEntries(timeline.map((i) => [i.id, i.facts]));
    expect(facts['call']).toMatchObject({ direction: 'in', durationSeconds: 192, endReason: 'bye' });
    expect(facts['quote']).toMatchObject({ reference: 'DV-2026-00001', subject: 'Chauffe-eau', amountCents: 285_050 });
    expect(facts['note']).toMatchObject({ person: 'Claire', excerpt: 'Code portail 1457B' });
    expect(facts['mail']).toMatchObject({ direction: 'out', subject: 'Votre devis', excerpt: 'Bonjour' });
    expect(facts['ticket']).toMatchObject({ subject: 'Plus d’eau chaude', category: 'depannage' });
    expect(facts['visit']).toMatchObject({ subject: 'Remplacement chauffe-eau', person: 'Karim' });
    expect(store.history.for({ kind: 'contact', id: contact.id }, 2).map((i) => i.id)).toEqual(['visit', 'quote']);
    // The company's card shows what its people did.
    expect(store.history.for({ kind: 'company', id: company.id }, 50)).toHaveLength(6);
  });

  it('keeps the last interaction of a contact and its company for ranking callers', () => {
    const store = openStore(':memory:');
    const company = store.companies.create({ name: 'SCI Les Tilleuls' });
    const contact = store.contacts.create({ firstName: 'Luc', lastName: 'Morel', companyId: company.id });
    store.history.addNote({ contactId: contact.id, companyId: company.id, body: 'b', createdAt: '2026-03-02T09:00:00.000Z' });
    store.history.addNote({ contactId: contact.id, companyId: company.id, body: 'a', createdAt: '2026-01-02T09:00:00.000Z' });
    const row = store.database.prepare<{ c: string; co: string }>(
      `SELECT c.last_interaction_at AS c, co.last_interaction_at AS co FROM contacts c JOIN companies co ON co.id = c.company_id WHERE c.id = ?`,
    ).get(contact.id);
    expect(row).toEqual({ c: '2026-03-02T09:00:00.000Z', co: '2026-03-02T09:00:00.000Z' });
  });
});
