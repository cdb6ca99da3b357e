/**
 * The local store: one SQLite file, one repository per area. The only code in Accueil that writes SQL.
 *
 *   const store = openStore(path.join(dataDir, 'accueil.db'), { logger });
 *   if (store.recoveredFromCorruption) … // tell the user, once
 *   store.calls.insertRinging({...}); store.contacts.get(id); store.search.search('dupont');
 *   store.close();
 */
import type { NormalizeOptions } from '../shared/phone-number';
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
import { systemClock, type Clock } from './record-owner';
import { purgeDemoRecords, type DemoPurgeHook, type DemoPurgeSummary } from './demo-purge';

export { openDatabase, AccueilDatabase, DatabaseFromFutureError, SLOW_QUERY_MS, type CorruptionRecovery, type OpenDatabaseOptions } from './database';
export { CorruptDatabaseError } from './corruption-recovery';
export type { DemoPurgeHook, DemoPurgeSummary } from './demo-purge';
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

/** A repository an area owns: built from the database and the store's clock. */
export type AreaRepositoryClass<R> = new (database: AccueilDatabase, clock: Clock) => R;

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
  /** E-mail templates: the templates area edits them; the pop, the demo (and later SMS, relances) read them. */
  readonly templates: TemplatesRepository;
  readonly search: SearchRepository;
  /** The clock every repository stamps rows with (injected by tests). */
  readonly clock: Clock;
  private readonly areaRepositories = new Map<AreaRepositoryClass<unknown>, unknown>();

  constructor(
    readonly database: AccueilDatabase,
    options: Pick<OpenStoreOptions, 'clock' | 'numbering'> = {},
  ) {
    const clock = (this.clock = options.clock ?? systemClock);
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
  }

  /**
   * The repository an area keeps in its own folder (templates, work the call, supervision…), made
   * once per store: the store knows the records every area shares (the CRM mirror, the call journal,
   * search), not the tables one area owns.
   */
  repository<R>(Repository: AreaRepositoryClass<R>): R {
    let repository = this.areaRepositories.get(Repository) as R | undefined;
    if (repository === undefined) {
      repository = new Repository(this.database, this.clock);
      this.areaRepositories.set(Repository, repository);
    }
    return repository;
  }

  /** Set when the file was found corrupt at open: moved aside, replaced, calls salvaged. */
  get recoveredFromCorruption(): CorruptionRecovery | null {
    return this.database.recoveredFromCorruption;
  }

  /** Runs `work` in one transaction. */
  transaction<T>(work: () => T): T {
    return this.database.transaction(work);
  }

  /** Removes the demo workspace's records, keeping every real call; areas' hooks first (see demo-purge.ts). */
  purgeDemo(hooks: readonly DemoPurgeHook[] = []): DemoPurgeSummary {
    return purgeDemoRecords(this.database, this.search, hooks);
  }

  /** Runs a bulk load in one transaction, re-indexing search once at the end (see SearchRepository). */
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
