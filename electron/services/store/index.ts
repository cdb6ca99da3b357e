/**
 * The local store: one SQLite file, one repository per area. The only code in Accueil that writes SQL.
 *
 *   const store = openStore(path.join(dataDir, 'accueil.db'), { logger });
 *   if (store.recoveredFromCorruption) … // tell the user, once
 *   store.calls.insertRinging({...}); store.contacts.get(id); store.search.search('dupont');
 *   store.close();
 */
import type { NormalizeOptions } from '../directory/phone-number';
import type { Logger } from '../log';
import { openDatabase, type AccueilDatabase, type CorruptionRecovery } from './database';
import { CallsRepository } from './calls-repository';
import { CompaniesRepository } from './companies-repository';
import { ContactsRepository } from './contacts-repository';
import { HistoryRepository } from './history-repository';
import { InterventionsRepository } from './interventions-repository';
import { PhonesRepository } from './phones-repository';
import { QuotesRepository } from './quotes-repository';
import { SearchRepository } from './search-repository';
import { TemplatesRepository } from './templates-repository';
import { TicketsRepository } from './tickets-repository';
import { WrapUpRepository } from './wrap-up-repository';
import { TicketDeskRepository } from './ticket-desk-repository';
import { CallbacksRepository } from './callbacks-repository';
import { systemClock, type Clock } from './record-owner';
import { purgeDemoRecords, type DemoPurgeSummary } from './demo-purge';

export { openDatabase, AccueilDatabase, DatabaseFromFutureError, SLOW_QUERY_MS, type CorruptionRecovery, type OpenDatabaseOptions } from './database';
export { CorruptDatabaseError } from './corruption-recovery';
export type { DemoPurgeSummary } from './demo-purge';
export type { RecordOwner, Clock } from './record-owner';
export type { NewCompany } from './companies-repository';
export type { NewContact, CreateContactInput } from './contacts-repository';
export type { NewPhone, AttachNumberInput, PhoneOwnerRow } from './phones-repository';
export type { RingingCall, PastCall, CallPatch } from './calls-repository';
export type { NewNote, NewEmail } from './history-repository';
export type { NewTicket } from './tickets-repository';
export { OPEN_TICKET_STATUSES } from './tickets-repository';
export type { NewQuote } from './quotes-repository';
export type { NewIntervention } from './interventions-repository';
export { ftsQuery } from './search-repository';
export type { CallWrapUpRow, NewCallNote, OutboundCall } from './wrap-up-repository';
export type { TicketWithWork, TicketChange, NewTicketEvent } from './ticket-desk-repository';
export type { CallbackRow, MissedCall, UnlistedMissedCall } from './callbacks-repository';
export { WrapUpRepository, TicketDeskRepository, CallbacksRepository };
export { formatAmount } from './interaction-text';
export {
  CallsRepository,
  CompaniesRepository,
  ContactsRepository,
  HistoryRepository,
  InterventionsRepository,
  PhonesRepository,
  QuotesRepository,
  SearchRepository,
  TemplatesRepository,
  TicketsRepository,
};

export interface OpenStoreOptions {
  logger?: Logger;
  /** Clock for created_at/updated_at (tests). */
  clock?: Clock;
  /** Country assumed for numbers typed without a country code. */
  numbering?: NormalizeOptions;
  slowQueryMs?: number;
  /** PRAGMA quick_check at open (default true); see OpenDatabaseOptions. */
  integrityCheck?: boolean;
}

export class AccueilStore {
  readonly phones: PhonesRepository;
  readonly companies: CompaniesRepository;
  readonly contacts: ContactsRepository;
  readonly calls: CallsRepository;
  readonly history: HistoryRepository;
  readonly tickets: TicketsRepository;
  readonly quotes: QuotesRepository;
  readonly interventions: InterventionsRepository;
  readonly templates: TemplatesRepository;
  readonly search: SearchRepository;
  /** Working the call (issue 4): wrap-up and notes, ticket changes and history, callback list. */
  readonly wrapUps: WrapUpRepository;
  readonly ticketDesk: TicketDeskRepository;
  readonly callbacks: CallbacksRepository;

  constructor(
    readonly database: AccueilDatabase,
    options: Pick<OpenStoreOptions, 'clock' | 'numbering'> = {},
  ) {
    const clock = options.clock ?? systemClock;
    this.phones = new PhonesRepository(database, clock, options.numbering);
    this.phones.renormalizeUnreadable();
    this.companies = new CompaniesRepository(database, clock, this.phones);
    this.contacts = new ContactsRepository(database, clock, this.phones);
    this.calls = new CallsRepository(database, clock);
    this.history = new HistoryRepository(database, clock);
    this.tickets = new TicketsRepository(database, clock);
    this.quotes = new QuotesRepository(database, clock);
    this.interventions = new InterventionsRepository(database, clock);
    this.templates = new TemplatesRepository(database, clock);
    this.search = new SearchRepository(database);
    this.wrapUps = new WrapUpRepository(database, clock);
    this.ticketDesk = new TicketDeskRepository(database, clock);
    this.callbacks = new CallbacksRepository(database, clock);
  }

  /** Set when the file was found corrupt at open: moved aside, replaced, calls salvaged. */
  get recoveredFromCorruption(): CorruptionRecovery | null {
    return this.database.recoveredFromCorruption;
  }

  /** Runs `work` in one transaction. */
  transaction<T>(work: () => T): T {
    return this.database.transaction(work);
  }

  /** Runs a bulk load in one transaction, re-indexing search once at the end (see SearchRepository). */
  /** Removes the demo workspace's records, keeping every real call (see demo-purge.ts). */
  purgeDemo(): DemoPurgeSummary {
    return purgeDemoRecords(this.database, this.search);
  }

  bulkLoad<T>(work: () => T): T {
    return this.search.bulkLoad(work);
  }

  close(): void {
    this.database.close();
  }
}

/** Opens (creating and migrating as needed) the store at `file`, or an in-memory one. */
export function openStore(file: string | ':memory:', options: OpenStoreOptions = {}): AccueilStore {
  const database = openDatabase(file, {
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.slowQueryMs !== undefined ? { slowQueryMs: options.slowQueryMs } : {}),
    ...(options.integrityCheck !== undefined ? { integrityCheck: options.integrityCheck } : {}),
  });
  return new AccueilStore(database, options);
}
