/**
 * The directory as the composition root binds it to the contract's `directory.*` calls and to the
 * call journal: normalise, identify, pop, cards, search, quick-create and attach a number.
 */
import type { CallerNumber, Company, Contact, PhoneKind, RecordCard, ScreenPop, SearchHit, SearchPage } from '../../contract/model';
import type { AccueilStore } from '../store';
import { CallerIdentifier, type CallerIdentification } from './caller-identifier';
import { normalizeNumber, type NormalizeOptions } from '../shared/phone-number';
import { ScreenPopAssembler, type HistoryOrigins, type HistorySource } from './screen-pop';

export interface DirectoryOptions {
  /** Country assumed for numbers without a country code (default FR). */
  numbering?: NormalizeOptions;
  /** Clock for "upcoming" interventions and template rules (tests). */
  now?: () => Date;
}

export interface NewCallerInput {
  firstName: string;
  lastName: string;
  phone: string;
  email?: string | null;
  companyId?: string | null;
  city?: string | null;
}

export interface AttachNumberRequest {
  number: string;
  contactId?: string | null;
  companyId?: string | null;
  kind?: PhoneKind;
}

export class Directory {
  private readonly identifier: CallerIdentifier;
  private readonly pops: ScreenPopAssembler;
  private readonly numbering: NormalizeOptions;

  constructor(
    private readonly store: AccueilStore,
    options: DirectoryOptions = {},
  ) {
    this.numbering = options.numbering ?? {};
    this.identifier = new CallerIdentifier(store.phones, this.numbering);
    this.pops = new ScreenPopAssembler(store, this.identifier, options.now);
  }

  /** Another area's lines in every record's history (SMS and WhatsApp), merged by date. */
  addHistorySource(source: HistorySource): void {
    this.pops.addHistorySource(source);
  }

  /** Another area says where some history lines came from (a ticket opened on the portal, a survey answer). */
  addHistoryOrigins(origins: HistoryOrigins): void {
    this.pops.addHistoryOrigins(origins);
  }

  normalize(raw: string): CallerNumber {
    return normalizeNumber(raw, this.numbering);
  }

  identify(raw: string): CallerIdentification {
    return this.identifier.identify(raw);
  }

  buildPop(raw: string): ScreenPop {
    return this.pops.buildPop(raw);
  }

  contactCard(contactId: string, historyLimit = 100): RecordCard {
    return this.pops.contactCard(contactId, historyLimit);
  }

  companyCard(companyId: string, historyLimit = 100): RecordCard {
    return this.pops.companyCard(companyId, historyLimit);
  }

  search(query: string, limit = 12): SearchHit[] {
    return this.store.search.search(query, limit);
  }

  searchPage(query: string, page: { offset: number; limit: number }): SearchPage {
    return this.store.search.searchPage(query, page);
  }

  /** Quick-create from the "new caller" card; a withheld number is not stored. */
  createContact(input: NewCallerInput): Contact {
    const withheld = this.normalize(input.phone).kind === 'masque';
    return this.store.contacts.create({
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email ?? null,
      companyId: input.companyId ?? null,
      city: input.city ?? null,
      phone: withheld ? null : input.phone,
    });
  }

  /** Gives an unknown caller's number to a contact or a company; returns the updated record. */
  attachNumber(request: AttachNumberRequest): { contact: Contact | null; company: Company | null } {
    this.store.phones.attach({
      number: request.number,
      contactId: request.contactId ?? null,
      companyId: request.companyId ?? null,
      ...(request.kind ? { kind: request.kind } : {}),
    });
    return {
      contact: request.contactId ? this.store.contacts.get(request.contactId) : null,
      company: request.companyId ? this.store.companies.get(request.companyId) : null,
    };
  }
}
