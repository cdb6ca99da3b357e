/**
 * The assistant on the seeded articles: every development question (the ones its thresholds were
 * tuned on) gets the expected kind of answer, record answers cite the customer's own records, and it
 * never claims an article for a question it does not understand.
 */
import { describe, expect, it } from 'vitest';
import { Assistant, detectIntent, type AssistantAnswer, type CustomerFacts } from './assistant';
import { DEV_QUESTIONS } from './assistant-dev-questions';
import { KnowledgeIndex } from './knowledge-index';
import { SEED_ARTICLES } from './seed-articles';

const articles = SEED_ARTICLES.map((a) => ({ id: `id-${a.slug}`, slug: a.slug, title: a.title, keywords: a.keywords, body: a.body }));
const byId = new Map(articles.map((a) => [a.id, a]));
const assistant = new Assistant({ index: new KnowledgeIndex(articles), articles: () => byId, portalPath: '/portail', helpPath: '/aide' });

function customer(overrides: Partial<CustomerFacts> = {}): CustomerFacts {
  return {
    firstName: 'Jeanne',
    // Tuesday 12 May 2026, 8:00–12:00 Paris (UTC+2).
    nextVisit: () => ({ id: 'int-1', kind: 'Entretien chaudière', scheduledAt: '2026-05-12T06:00:00.000Z', windowEndAt: '2026-05-12T10:00:00.000Z', technician: 'Karim Benali', status: 'planifiee' }),
    lastVisit: () => null,
    quotes: () => [{ id: 'q-1', number: 'D-2026-014', title: 'Remplacement chaudière', amountCents: 452_000, status: 'envoye', validUntil: null }],
    unpaidInvoices: () => [{ id: 'F-88', number: 'F-88', amountDueCents: 18_950, dueDate: '2026-05-01' }],
    ...overrides,
  };
}

/** What an answer amounts to, in the labels of the question lists. */
export function outcome(answer: AssistantAnswer): string {
  if (answer.kind === 'article') return answer.sources[0]!.href!.replace('/aide/', '');
  if (answer.kind === 'record' || answer.kind === 'sign_in') return `record:${answer.intent}`;
  if (answer.kind === 'safety') return 'safety';
  if (answer.kind === 'greeting') return 'greeting';
  if (answer.intent === 'person') return 'person';
  return 'handover';
}

describe('the development questions', () => {
  it.each(DEV_QUESTIONS)('« $q » → $expect', ({ q, expect: expected, signedIn }) => {
    expect(outcome(assistant.answer(q, signedIn ? customer() : null))).toMatch(new RegExp(`^${expected}`));
  });
});

describe('answers from the customer’s records', () => {
  it('gives the next visit with its arrival window, in French, citing it', () => {
    const answer = assistant.answer('quand passe le technicien ?', customer());
    expect(answer.kind).toBe('record');
    expect(answer.text).toContain('mardi 12 mai entre 8 h et 12 h');
    expect(answer.text).toContain('Karim Benali');
    expect(answer.sources).toEqual([expect.objectContaining({ kind: 'intervention', id: 'int-1' })]);
    expect(answer.offerHandover).toBe(false);
  });

  it('says when no visit is planned and offers a person', () => {
    const answer = assistant.answer('c’est quand mon prochain rendez-vous ?', customer({ nextVisit: () => null }));
    expect(answer.text).toMatch(/^Aucune intervention n’est prévue/);
    expect(answer.offerHandover).toBe(true);
  });

  it('lists the quotes sent with their state, and says where to accept them', () => {
    const answer = assistant.answer('où en est mon devis ?', customer());
    expect(answer.text).toMatch(/^Devis D-2026-014 \(Remplacement chaudière, 4\s520,00 €\) : envoyé, en attente de votre accord\./);
    expect(answer.text).toContain('accepter en ligne');
    expect(answer.sources[0]).toMatchObject({ kind: 'quote', id: 'q-1', href: '/portail/devis/q-1' });
  });

  it('tells what remains to pay, or hands over when invoices are not known', () => {
    expect(assistant.answer('combien je dois encore ?', customer()).text).toMatch(/^Il reste 189,50 € à payer : facture F-88/);
    const unknown = assistant.answer('combien je dois encore ?', customer({ unpaidInvoices: () => null }));
    expect(unknown.offerHandover).toBe(true);
    expect(unknown.text).not.toMatch(/€/);
  });

  it('asks a visitor who is not signed in to sign in, never guessing', () => {
    const answer = assistant.answer('quand passe le technicien ?', null);
    expect(answer.kind).toBe('sign_in');
    expect(answer.text).toContain('/portail');
    expect(answer.offerHandover).toBe(true);
  });
});

describe('when to hand over', () => {
  it('always gives the gas safety advice first, whatever else is asked', () => {
    for (const q of ['Ça sent le gaz', 'fuite de gaz dans la cave, je fais quoi', 'mon détecteur de monoxyde sonne']) {
      const answer = assistant.answer(q, customer());
      expect(answer.kind).toBe('safety');
      expect(answer.text).toContain('0 800 47 33 33');
      expect(answer.offerHandover).toBe(true);
    }
  });

  it('does not claim an article for a question outside its articles', () => {
    for (const q of ['recette de crêpes', 'vous vendez des voitures ?', 'quel est le sens de la vie']) {
      const answer = assistant.answer(q, null);
      expect(answer.kind).toBe('unsure');
      expect(answer.offerHandover).toBe(true);
      expect(answer.sources).toEqual([]);
    }
  });

  it('reads questions about a visit’s rules as questions, not as a request for one’s own visit', () => {
    expect(detectIntent('tous les combien faut il entretenir une pac')).toBe('faq');
    expect(detectIntent('quand passe le technicien')).toBe('next_visit');
  });
});
