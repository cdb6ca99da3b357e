/**
 * The knowledge base and the assistant as an area: Claire's articles (seeded with twenty BTP ones),
 * their figures, the questions the assistant could not answer; the port the public surface's help
 * pages (/aide) and the customer portal read.
 */
import type { AreaModule } from '../area';
import { customerFacts, type CustomerScope, type OpenItem } from './customer-facts';
import { KnowledgeBase, HELP_PATH } from './knowledge-base';
import { knowledgeMigrations } from './knowledge-migrations';
import { KnowledgeRepository } from './knowledge-repository';
import type { CustomerFacts } from './assistant';
import { parisInstant } from '../shared/paris-time';

declare module '../area' {
  interface AreaPorts {
    /** The help pages and the assistant (public surface), and the portal's assistant. */
    knowledge: KnowledgeBase & { factsFor(scope: CustomerScope): CustomerFacts };
  }
}

const DAY_MS = 86_400_000;

export const knowledgeArea: AreaModule = {
  name: 'knowledge',
  order: 640,
  migrations: knowledgeMigrations,
  create({ workspace, logger, options, port }) {
    const clock = options.clock ?? (() => new Date());
    const db = workspace.store.database;
    const repo = workspace.store.repository(KnowledgeRepository);
    const base = new KnowledgeBase({
      repo,
      clock,
      logger: logger.child('knowledge'),
      callbacks: () => port('callbackRequests'),
      tickets: () => port('ticketOpening'),
      identify: (raw) => workspace.directory.identify(raw),
      nameOf: (contactId) => {
        const contact = workspace.store.contacts.get(contactId);
        return contact ? `${contact.firstName} ${contact.lastName}`.trim() : null;
      },
    });
    const seeded = base.seed();
    if (seeded > 0) logger.child('knowledge').info('knowledge base seeded', { articles: seeded });

    const openItems = (scope: CustomerScope): OpenItem[] | null => {
      let sage: ReturnType<typeof port<'sage'>>;
      try {
        sage = port('sage');
      } catch {
        return null;
      }
      const summaries = [sage.ledger.unpaid({ contactId: scope.contactId, companyId: null }), ...scope.companyIds.map((companyId) => sage.ledger.unpaid({ contactId: null, companyId }))];
      const known = summaries.filter((s) => s !== null);
      if (known.length === 0) return null;
      const seen = new Set<string>();
      return known.flatMap((s) => s.items).filter((item) => !seen.has(`${item.accountCode}|${item.piece}`) && seen.add(`${item.accountCode}|${item.piece}`)).map((item) => ({ piece: item.piece, amountCents: item.amountCents, dueDate: item.dueDate }));
    };

    /** A visit booked in Accueil has an arrival window (Paris time); one mirrored from HubSpot, a start time only. */
    const arrivalWindowEnd = (interventionId: string): string | null => {
      let booking: ReturnType<typeof port<'booking'>>;
      try {
        booking = port('booking');
      } catch {
        return null;
      }
      const booked = booking.get(interventionId);
      if (!booked) return null;
      const [hour, minute] = booked.windowEnd.split(':').map(Number);
      return new Date(parisInstant(booked.day, hour!).getTime() + minute! * 60_000).toISOString();
    };

    return {
      provides: { knowledge: Object.assign(base, { factsFor: (scope: CustomerScope) => customerFacts(db, scope, clock, openItems, arrivalWindowEnd) }) },
      handlers: {
        'knowledge.overview': () => ({
          articles: base.articlesWithFigures().map(({ createdAt: _created, ...a }) => ({ ...a, category: a.category as never })),
          unanswered: base.unanswered(30),
          figures: base.figuresSince(new Date(clock().getTime() - 30 * DAY_MS).toISOString()),
          publicPath: options.server?.publicUrl ? `${options.server.publicUrl.replace(/\/$/, '')}${HELP_PATH}` : HELP_PATH,
        }),
        'knowledge.save': (input, context) => {
          const saved = base.save(input, context?.account?.name ?? null);
          const figures = base.articlesWithFigures().find((a) => a.id === saved.id);
          const { createdAt: _created, ...rest } = figures ?? { ...saved, readers: 0, helpful: 0, notHelpful: 0 };
          return { ...rest, category: rest.category as never };
        },
        'knowledge.remove': ({ id }) => {
          base.remove(id);
          return { removed: true };
        },
        'knowledge.preview': ({ body }) => ({ html: base.html({ body }) }),
        'knowledge.tryAssistant': ({ question }) => {
          const answer = base.tryAnswer(question);
          return { kind: answer.kind, text: answer.text, sources: answer.sources.map((s) => ({ kind: s.kind, label: s.label, href: s.href })), offerHandover: answer.offerHandover };
        },
      },
    };
  },
};
