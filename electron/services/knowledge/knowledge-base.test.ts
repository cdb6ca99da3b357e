/**
 * The knowledge base on a real SQLite store, with the real callback list and ticket desk the
 * handover feeds: seeded once, edited by Claire, readers and feedback counted per visitor and day,
 * conversations private to whoever holds them, a handover made once however often it is asked.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../event-bus';
import { createMemoryLogger } from '../log';
import { openStore, type AccueilStore } from '../store';
import { CallbackList } from '../work/callbacks/callback-list';
import { CallWrapUp } from '../work/wrapup/call-wrap-up';
import { TicketDesk } from '../work/tickets/ticket-desk';
import { TicketDeskRepository } from '../work/tickets/ticket-desk-repository';
import { Directory } from '../directory';
import { KnowledgeBase, slugify } from './knowledge-base';
import { knowledgeMigrations } from './knowledge-migrations';
import { KnowledgeRepository } from './knowledge-repository';
import { SEED_ARTICLES } from './seed-articles';

let now: Date;
let store: AccueilStore;
let base: KnowledgeBase;
let callbacks: CallbackList;
let tickets: TicketDesk;
const anonymous = { contactId: null, companyId: null, channel: 'aide' as const, facts: null };

function open(file = ':memory:') {
  store = openStore(file, { clock: () => now });
  store.database.migrateArea('knowledge', knowledgeMigrations);
  const events = new EventBus();
  const logger = createMemoryLogger();
  const outbox = { enqueue: () => {} };
  callbacks = new CallbackList(store, events, logger);
  tickets = new TicketDesk(store, new CallWrapUp(store, outbox, events, () => 'Claire', () => now), outbox, events, () => 'Claire');
  const directory = new Directory(store);
  base = new KnowledgeBase({
    repo: store.repository(KnowledgeRepository),
    clock: () => now,
    logger,
    callbacks: () => callbacks,
    tickets: () => tickets,
    identify: (raw) => directory.identify(raw),
    nameOf: (id) => {
      const c = store.contacts.get(id);
      return c ? `${c.firstName} ${c.lastName}` : null;
    },
  });
}

beforeEach(() => {
  now = new Date('2026-11-24T09:00:00Z');
  open();
});

describe('articles', () => {
  it('seeds the twenty-odd articles once: a deleted one does not come back', () => {
    expect(base.seed()).toBe(SEED_ARTICLES.length);
    expect(SEED_ARTICLES.length).toBeGreaterThanOrEqual(20);
    const first = base.published()[0]!;
    base.remove(first.id);
    expect(base.seed()).toBe(0);
    expect(base.published().some((a) => a.id === first.id)).toBe(false);
  });

  it('saves Claire’s article under an address made from its title, refusing one already taken', () => {
    const saved = base.save({ id: null, title: 'Désembouage : à quoi ça sert ?', slug: '', category: 'entretien', keywords: 'boues', body: 'Le **désembouage** nettoie le circuit.', published: true }, 'Claire');
    expect(saved.slug).toBe('desembouage-a-quoi-ca-sert');
    expect(base.search('desembouage')[0]!.id).toBe(saved.id);
    expect(() => base.save({ id: null, title: 'Désembouage : à quoi ça sert', slug: '', category: 'entretien', keywords: '', body: 'x', published: true }, 'Claire')).toThrow(/déjà l’adresse/);
    expect(() => base.save({ id: null, title: '  ', slug: '', category: 'entretien', keywords: '', body: 'x', published: true }, 'Claire')).toThrow(/titre/);
  });

  it('keeps an unpublished article out of the public search and pages', () => {
    const draft = base.save({ id: null, title: 'Brouillon sur les pompes', slug: '', category: 'entretien', keywords: '', body: 'Pompes de relevage.', published: false }, 'Claire');
    expect(base.publishedArticle(draft.slug)).toBeNull();
    expect(base.search('pompes relevage').map((a) => a.id)).not.toContain(draft.id);
    base.save({ ...draft, published: true, category: 'entretien' }, 'Claire');
    expect(base.search('pompes relevage')[0]!.id).toBe(draft.id);
  });

  it('counts a reader once a day and one « aidé ? » answer per visitor and day, the last one kept', () => {
    base.seed();
    const article = base.published()[0]!;
    base.recordRead(article, '203.0.113.7');
    base.recordRead(article, '203.0.113.7');
    base.recordRead(article, '198.51.100.2');
    base.recordFeedback(article, '203.0.113.7', true);
    base.recordFeedback(article, '203.0.113.7', false);
    now = new Date('2026-11-25T09:00:00Z');
    base.recordRead(article, '203.0.113.7');
    const figures = base.articlesWithFigures().find((a) => a.id === article.id)!;
    expect(figures).toMatchObject({ readers: 3, helpful: 0, notHelpful: 1 });
    // The address itself is never stored.
    const stored = store.database.prepare<{ visitor: string }>('SELECT visitor FROM knowledge_article_reads').all();
    expect(stored.every((r) => !r.visitor.includes('203.0.113.7'))).toBe(true);
  });

  it('slugs are plain lower-case words', () => {
    expect(slugify('L’Œil « du » Chauffagiste !')).toBe('l-oeil-du-chauffagiste');
  });
});

describe('conversations and the handover', () => {
  beforeEach(() => base.seed());

  it('keeps a conversation’s turns, and a customer’s conversation away from anyone else', () => {
    const first = base.ask(null, 'recette de crêpes', anonymous);
    base.ask(first.conversationId, 'comment purger un radiateur', anonymous);
    expect(base.conversation(first.conversationId, anonymous)!.turns.map((t) => t.answerKind)).toEqual(['unsure', 'article']);
    const anne = store.contacts.create({ firstName: 'Anne', lastName: 'Roux', email: 'anne@example.fr', companyId: null, phone: '06 12 34 56 78' });
    const hers = base.ask(null, 'bonjour', { contactId: anne.id, companyId: null, channel: 'portail', facts: null });
    expect(base.conversation(hers.conversationId, anonymous)).toBeNull();
    // Someone else holding her conversation's id does not continue it: a new one starts.
    expect(base.ask(hers.conversationId, 'bonjour', anonymous).conversationId).not.toBe(hers.conversationId);
    expect(base.unanswered(10).map((u) => u.question)).toEqual(['recette de crêpes']);
  });

  it('puts a callback on Claire’s list once, on the caller’s record when the number is theirs, with the question', () => {
    const anne = store.contacts.create({ firstName: 'Anne', lastName: 'Roux', email: null, companyId: null, phone: '06 12 34 56 78' });
    const { conversationId } = base.ask(null, 'mon chien a mangé le thermostat', anonymous);
    const made = base.handover({ conversationId, kind: 'callback', name: 'Anne', phone: '+33 6 12 34 56 78', email: '', message: '' }, anonymous);
    const again = base.handover({ conversationId, kind: 'callback', name: 'Anne', phone: '06 12 34 56 78', email: '', message: '' }, anonymous);
    expect(again).toEqual({ ...made, created: false });
    const open = callbacks.list({ includeDone: false, limit: 50 });
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ contactId: anne.id });
    expect(JSON.stringify(open[0])).toContain('mon chien a mangé le thermostat');
    expect(() => base.handover({ conversationId, kind: 'callback', name: '', phone: 'pas un numéro', email: '', message: '' }, anonymous)).not.toThrow(); // already made: nothing asked
  });

  it('refuses an unreadable number, and opens one ticket with the conversation for a written request', () => {
    const { conversationId } = base.ask(null, 'vous faites les toitures ?', anonymous);
    expect(() => base.handover({ conversationId, kind: 'callback', name: '', phone: 'douze', email: '', message: '' }, anonymous)).toThrow(/illisible/);
    expect(() => base.handover({ conversationId, kind: 'ticket', name: '', phone: '', email: '', message: '' }, anonymous)).toThrow(/e-mail ou un numéro/);
    const ticket = base.handover({ conversationId, kind: 'ticket', name: 'Paul', phone: '', email: 'paul@example.fr', message: 'Une toiture en ardoise' }, anonymous);
    base.handover({ conversationId, kind: 'ticket', name: 'Paul', phone: '', email: 'paul@example.fr', message: 'Une toiture en ardoise' }, anonymous);
    const stored = store.repository(TicketDeskRepository).get(ticket.ref)!.ticket;
    expect(stored.subject).toBe('Assistant en ligne : vous faites les toitures ?');
    expect(stored.description).toContain('paul@example.fr');
    expect(stored.description).toContain('— Client : vous faites les toitures ?');
    expect(store.database.prepare<{ n: number }>('SELECT count(*) AS n FROM tickets').get()!.n).toBe(1);
  });

  it('refuses the handover of a conversation that does not exist', () => {
    expect(() => base.handover({ conversationId: 'nope', kind: 'ticket', name: '', phone: '', email: 'a@b.fr', message: '' }, anonymous)).toThrow(/n’existe plus/);
  });
});
