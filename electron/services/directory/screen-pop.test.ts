import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecordCard, ScreenPop } from '../../contract/model';
import { ServiceError } from '../../contract/envelope';
import { openStore } from '../store';
import { TracedStatement } from '../store/database';
import { DEFAULT_TEMPLATES } from '../demo/email-templates';
import { Directory } from './directory';

const NOW = new Date('2026-03-10T10:00:00.000Z');
const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000).toISOString();

function customerFile() {
  const store = openStore(':memory:');
  DEFAULT_TEMPLATES.forEach((template, position) => store.templates.upsert({ ...template, position }));
  const directory = new Directory(store, { now: () => NOW });
  const company = store.companies.create({ name: 'Syndic Saint-Éloi Gestion', city: 'Lyon' });
  store.phones.attach({ number: '04 78 12 34 56', companyId: company.id, kind: 'standard' });
  const colleagues = Array.from({ length: 40 }, (_, i) =>
    store.contacts.create({ firstName: `Prénom${i}`, lastName: 'Collègue', companyId: company.id, phone: `06 10 00 00 ${String(i).padStart(2, '0')}` }),
  );
  const francois = store.contacts.create({ firstName: 'François', lastName: 'Lefèvre', phone: '06 12 34 56 78', companyId: company.id });
  const owner = { contactId: francois.id, companyId: company.id };
  store.quotes.insert({ ...owner, number: 'DV-2026-00001', title: 'Chaudière', amountCents: 485_000, status: 'envoye', createdAt: days(-9), sentAt: days(-8) });
  store.quotes.insert({ ...owner, number: 'DV-2026-00002', title: 'Ancien', amountCents: 1, status: 'accepte', createdAt: days(-90) });
  store.interventions.insert({ ...owner, kind: 'Entretien chaudière gaz', status: 'planifiee', scheduledAt: days(1), createdAt: days(-5) });
  store.interventions.insert({ ...owner, kind: 'Dépannage', status: 'terminee', scheduledAt: days(-40), createdAt: days(-41) });
  store.tickets.insert({ ...owner, subject: 'Fuite', category: 'depannage', status: 'resolu', createdAt: days(-40) });
  store.tickets.insert({ ...owner, subject: 'Facture non reçue', category: 'facturation', status: 'nouveau', createdAt: days(-1) });
  for (let i = 0; i < 30; i++) store.history.addNote({ ...owner, body: `note ${i}`, createdAt: days(-10 - i) });
  return { store, directory, company, francois, colleagues };
}

describe('screen pop', () => {
  afterEach(() => vi.restoreAllMocks());

  it("pops the caller's card with the last ten interactions, open tickets and devis, visits and suggestions", () => {
    const { directory, francois } = customerFile();
    const pop = directory.buildPop('sip:+33612345678@pbx;user=phone');
    expect(ScreenPop.parse(pop)).toEqual(pop);
    expect(pop.matches.map((m) => m.contactId)).toEqual([francois.id]);
    const card = pop.card!;
    expect(card.contact!.id).toBe(francois.id);
    expect(card.company!.name).toBe('Syndic Saint-Éloi Gestion');
    expect(card.companyContacts).toHaveLength(40);
    expect(card.companyContacts.some((c) => c.id === francois.id)).toBe(false);
    expect(card.recent).toHaveLength(10);
    expect(card.recent[0]).toMatchObject({ kind: 'intervention', title: 'Entretien chaudière gaz' });
    expect(card.openTickets.map((t) => t.subject)).toEqual(['Facture non reçue']);
    expect(card.openQuotes.map((q) => q.number)).toEqual(['DV-2026-00001']);
    expect(card.interventions.map((i) => i.status)).toEqual(['planifiee', 'terminee']);
    expect(card.suggestedTemplates.map((t) => t.category)).toEqual(['confirmation_rdv', 'relance_devis_j7', 'facture']);
  });

  it('pops the company card when the caller dials its switchboard', () => {
    const { directory, company } = customerFile();
    const pop = directory.buildPop('04 78 12 34 56');
    expect(pop.matches).toHaveLength(1);
    expect(pop.card!.contact).toBeNull();
    expect(pop.card!.company!.id).toBe(company.id);
    expect(pop.card!.companyContacts).toHaveLength(41);
    expect(pop.card!.openQuotes).toHaveLength(1);
  });

  it('pops a new-caller pop, without a card, for an unknown or withheld number', () => {
    const { directory } = customerFile();
    expect(directory.buildPop('06 98 76 54 32')).toEqual({
      number: { raw: '06 98 76 54 32', e164: '+33698765432', display: '06 98 76 54 32', kind: 'mobile' },
      matches: [],
      card: null,
    });
    expect(directory.buildPop('anonymous')).toMatchObject({ number: { kind: 'masque' }, matches: [], card: null });
  });

  it('builds a card in a handful of queries, however many colleagues and lines of history', () => {
    const { directory, francois } = customerFile();
    let queries = 0;
    for (const method of ['get', 'all', 'run'] as const) {
      const original = TracedStatement.prototype[method];
      vi.spyOn(TracedStatement.prototype, method).mockImplementation(function (this: TracedStatement, ...params: unknown[]) {
        queries++;
        return (original as (...p: unknown[]) => unknown).apply(this, params) as never;
      });
    }
    const card = directory.contactCard(francois.id, 100);
    expect(RecordCard.parse(card)).toEqual(card);
    expect(card.recent.length).toBeGreaterThan(30);
    expect(queries).toBeGreaterThan(5); // the spy sees the statements
    expect(queries).toBeLessThanOrEqual(12);
  });

  it('refuses a card for a contact or a company that does not exist', () => {
    const { directory } = customerFile();
    expect(() => directory.contactCard('nobody', 10)).toThrow(new ServiceError('not_found', { reason: 'contact.not_found' }));
    expect(() => directory.companyCard('nobody', 10)).toThrow(ServiceError);
  });

  it('quick-creates a caller from the pop and attaches a number to a company', () => {
    const { directory, company } = customerFile();
    const created = directory.createContact({ firstName: 'Zoé', lastName: "D'Almeida", phone: '07 81 00 00 01', city: 'Nantes' });
    expect(directory.buildPop('+33781000001').matches.map((m) => m.contactId)).toEqual([created.id]);
    const withheld = directory.createContact({ firstName: 'Inconnu', lastName: 'Masqué', phone: 'anonymous' });
    expect(withheld.phones).toEqual([]);
    const attached = directory.attachNumber({ number: '04 78 12 34 57', companyId: company.id, kind: 'standard' });
    expect(attached.contact).toBeNull();
    expect(attached.company!.phones.map((p) => p.e164)).toContain('+33478123457');
    expect(directory.buildPop('04 78 12 34 57').matches).toMatchObject([{ companyId: company.id, reason: 'standard' }]);
  });
});
