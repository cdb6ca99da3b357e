/**
 * Assembles what the pop and the record view show: the ranked matches of a number and the card of
 * the best one, in one round trip. A card is a handful of indexed queries whatever the size of the
 * customer (contact, phones, company, colleagues + their phones, timeline, tickets, devis,
 * interventions, templates): no query per line.
 */
import type { HistoryOrigin, Interaction, RecordCard, ScreenPop } from '../../contract/model';
import { ServiceError } from '../../contract/envelope';
import type { AccueilStore } from '../store';
import type { CallerIdentifier } from './caller-identifier';
import { suggestTemplates } from './template-suggester';

/** The pop shows the last ten interactions; the record view asks for more. */
export const POP_HISTORY_LIMIT = 10;
const COLLEAGUES_LIMIT = 50;

/** More lines for a record's history, from another area (SMS and WhatsApp), newest first. */
export type HistorySource = (owner: { kind: 'contact' | 'company'; id: string }, limit: number) => Interaction[];
/** Another area says where some lines came from (a ticket opened on the portal): `kind:id` → origin. */
export type HistoryOrigins = (items: readonly Interaction[]) => ReadonlyMap<string, HistoryOrigin>;

export class ScreenPopAssembler {
  private readonly historySources: HistorySource[] = [];
  private readonly historyOrigins: HistoryOrigins[] = [];

  constructor(
    private readonly store: AccueilStore,
    private readonly identifier: CallerIdentifier,
    private readonly now: () => Date = () => new Date(),
  ) {}

  addHistorySource(source: HistorySource): void {
    this.historySources.push(source);
  }

  addHistoryOrigins(origins: HistoryOrigins): void {
    this.historyOrigins.push(origins);
  }

  /** The timeline with each line's origin, as the areas that know it say. */
  private history(owner: { kind: 'contact' | 'company'; id: string }, limit: number): Interaction[] {
    const items = this.mergedHistory(owner, limit);
    if (this.historyOrigins.length === 0 || items.length === 0) return items;
    const origins = new Map<string, HistoryOrigin>();
    for (const source of this.historyOrigins) {
      try {
        for (const [key, origin] of source(items)) origins.set(key, origin);
      } catch {
        // Its table not there yet: the lines keep what the store says.
      }
    }
    if (origins.size === 0) return items;
    return items.map((item) => {
      const origin = origins.get(`${item.kind}:${item.id}`);
      return origin && item.facts ? { ...item, facts: { ...item.facts, origin } } : item;
    });
  }

  /** The store's history and the other areas' lines, in one timeline, newest first. */
  private mergedHistory(owner: { kind: 'contact' | 'company'; id: string }, limit: number): Interaction[] {
    const stored = this.store.history.for(owner, limit);
    if (this.historySources.length === 0) return stored;
    const merged = [...stored];
    for (const source of this.historySources) {
      try {
        merged.push(...source(owner, limit));
      } catch {
        // A source that fails (its table not there yet) leaves the rest of the history whole.
      }
    }
    // A planned visit sits at its future date on top, as in the store's own order.
    return merged.sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
  }

  buildPop(raw: string): ScreenPop {
    const { number, matches } = this.identifier.identify(raw);
    const best = matches[0];
    let card: RecordCard | null = null;
    if (best?.contactId) card = this.contactCard(best.contactId, POP_HISTORY_LIMIT);
    else if (best?.companyId) card = this.companyCard(best.companyId, POP_HISTORY_LIMIT);
    return { number, matches, card };
  }

  contactCard(contactId: string, historyLimit = 100): RecordCard {
    const contact = this.store.contacts.get(contactId);
    if (!contact) throw new ServiceError('not_found', { reason: 'contact.not_found' });
    const owner = { kind: 'contact', id: contactId } as const;
    const company = contact.companyId ? this.store.companies.get(contact.companyId) : null;
    const companyContacts = contact.companyId
      ? this.store.contacts.listByCompany(contact.companyId, COLLEAGUES_LIMIT + 1).filter((c) => c.id !== contactId).slice(0, COLLEAGUES_LIMIT)
      : [];
    return this.card(owner, { contact, company, companyContacts }, historyLimit);
  }

  companyCard(companyId: string, historyLimit = 100): RecordCard {
    const company = this.store.companies.get(companyId);
    if (!company) throw new ServiceError('not_found', { reason: 'company.not_found' });
    const companyContacts = this.store.contacts.listByCompany(companyId, COLLEAGUES_LIMIT);
    return this.card({ kind: 'company', id: companyId }, { contact: null, company, companyContacts }, historyLimit);
  }

  private card(
    owner: { kind: 'contact' | 'company'; id: string },
    people: Pick<RecordCard, 'contact' | 'company' | 'companyContacts'>,
    historyLimit: number,
  ): RecordCard {
    const now = this.now();
    const openTickets = this.store.tickets.openFor(owner);
    const openQuotes = this.store.quotes.openFor(owner);
    const interventions = this.store.interventions.aroundNow(owner, now);
    return {
      ...people,
      recent: this.history(owner, historyLimit),
      openTickets,
      openQuotes,
      interventions,
      suggestedTemplates: suggestTemplates({ openQuotes, openTickets, interventions }, this.store.templates.list().filter((t) => t.channel === 'email'), now),
    };
  }
}
