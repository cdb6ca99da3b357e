/**
 * SyncEngine: HubSpot → local cache.
 *
 *   initial  companies → contacts → tickets → deals → engagements, 100 a page through the list
 *            endpoint with associations inline; every page and its cursor are committed in ONE
 *            transaction, so a process killed at any moment resumes after its last page.
 *   poll     per type, search on the last-modified property (lastmodifieddate for contacts,
 *            hs_lastmodifieddate elsewhere), ascending, keyset-paged: each query starts at the last
 *            timestamp seen (GTE, duplicates dropped by the upsert), so the 10 000-result cap of
 *            `after` is never reached; a page that holds one timestamp only is walked by
 *            hs_object_id (EQ timestamp, GT last id). Each poll starts `overlapMs` before the
 *            watermark because search lags writes.
 *   deletes  archived lists, every `archivedEveryMs`; merges from hs_merged_object_ids.
 */
import { createHash } from 'node:crypto';
import type { AccueilStore } from '../store';
import { CrmMirrorRepository, type MirrorLinks, type MirrorRecord } from '../store/crm-mirror-repository';
import { SyncStateRepository } from '../store/sync-state-repository';
import type { Logger } from '../log';
import type { HubSpotGateway } from './hubspot-client';
import {
  SYNC_ORDER,
  inlineLinks,
  ticketStatusFromStages,
  timestampOf,
  toMirror,
  toOwner,
  toPipelines,
  type HubSpotObject,
  type HubSpotType,
  type MappingContext,
} from './mapping';
import { readArray, readId, readNumber, readRecord } from './hubspot-values';
import { HUBSPOT_OBJECT } from './hubspot-objects';
import { UnreadableRecords } from './unreadable-records';
import type { PushLedger } from './outbox';

export interface InitialCheckpoint {
  startedAt: number;
  done: boolean;
  types: Partial<Record<HubSpotType, { after: string | null; done: boolean; count: number }>>;
}

export interface SyncProgress {
  phase: string;
  type: HubSpotType | null;
  done: number;
  total: number | null;
}

export interface SyncEngineOptions {
  gateway: HubSpotGateway;
  store: AccueilStore;
  logger?: Logger;
  /** How far back each poll starts before the watermark (search lag). Default 2 min. */
  overlapMs?: number;
  /** How often archived lists are read (deletions). Default 60 s. */
  archivedEveryMs?: number;
  /** Records changed: pops and open cards refresh. */
  onChanged?: (change: { contactIds: string[]; companyIds: string[] }) => void;
  onProgress?: (progress: SyncProgress) => void;
  types?: readonly HubSpotType[];
  /** Pushes completed while a page was read: their local version wins over that page. */
  ledger?: PushLedger;
  /** "Now" for the mapping and the watermark's sanity bound (tests inject it). */
  clock?: () => Date;
}

/** A modification date further ahead than this is not trusted to move a watermark. */
const WATERMARK_FUTURE_SLACK_MS = 86_400_000;

const SEARCH_PAGE = 200;
/** Owners, pipelines and totals: every page of the initial copy waits for them before being stored. */
const FIRST = { priority: Number.MAX_SAFE_INTEGER };
const LIST_PAGE = 100;

export class SyncEngine {
  readonly mirror: CrmMirrorRepository;
  readonly state: SyncStateRepository;
  /** Records skipped because they could not be mapped or stored (shown in Paramètres › HubSpot). */
  readonly unreadable: UnreadableRecords;
  private readonly clock: () => Date;
  private readonly overlapMs: number;
  private readonly archivedEveryMs: number;
  private readonly types: readonly HubSpotType[];
  private context: MappingContext;

  constructor(private readonly options: SyncEngineOptions) {
    this.mirror = new CrmMirrorRepository(options.store.database);
    this.state = new SyncStateRepository(options.store.database);
    this.clock = options.clock ?? (() => new Date());
    this.unreadable = new UnreadableRecords(this.state, this.clock);
    this.overlapMs = options.overlapMs ?? 120_000;
    this.archivedEveryMs = options.archivedEveryMs ?? 60_000;
    this.types = options.types ?? SYNC_ORDER;
    this.context = this.buildContext();
  }

  private get gateway(): HubSpotGateway {
    return this.options.gateway;
  }

  private buildContext(): MappingContext {
    const status = ticketStatusFromStages(this.mirror.stages('tickets'));
    return { ticketStatus: status, ownerName: (id) => this.mirror.ownerName(id), now: this.clock };
  }

  /**
   * Maps and stores one page of records, each on its own: a record that cannot be mapped, or that
   * SQLite refuses (rolled back to its savepoint), is skipped, logged with its type and id and
   * counted; the others, and the checkpoint or watermark written in `alsoInTransaction`, commit.
   * Returns the local ids stored (null where a pending local edit won).
   */
  private storePage(
    type: HubSpotType,
    objects: unknown[],
    linksOf: (object: HubSpotObject) => MirrorLinks,
    /** The ledger's mark taken before the page was requested. */
    readAt: number,
    options: { attachLate?: boolean } = {},
    alsoInTransaction: () => void = () => {},
  ): Array<{ record: MirrorRecord; localId: string | null }> {
    const stored: Array<{ record: MirrorRecord; localId: string | null }> = [];
    const ledger = this.options.ledger;
    const upsertOptions = { ...options, ...(ledger ? { localWins: (localId: string) => ledger.pushedSince(type, localId, readAt) } : {}) };
    this.mirror.transaction(() => {
      for (const raw of objects) {
        const object = raw as HubSpotObject;
        const id = recordKey(raw);
        try {
          const record = toMirror(type, object, linksOf(object), this.context);
          // A savepoint per record: a refused row leaves the page's other rows in place.
          const localId = this.mirror.transaction(() => this.mirror.upsert(record, upsertOptions));
          this.unreadable.clear(type, id);
          stored.push({ record, localId });
        } catch (error) {
          this.skip(type, id, error);
        }
      }
      alsoInTransaction();
    });
    return stored;
  }

  private skip(type: string, id: string, error: unknown): void {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.unreadable.add(type, id, reason);
    this.options.logger?.warn('unreadable HubSpot record skipped', { type, id, reason: reason.slice(0, 300) });
  }

  initialDone(): boolean {
    return this.state.get<InitialCheckpoint>('initial')?.done === true;
  }

  /** Owners and pipelines: small, read whole each time. */
  async syncReferenceData(): Promise<void> {
    const owners: unknown[] = [];
    let after: string | undefined;
    do {
      const page = await this.gateway.call('general', 'owners', (c) => c.crm.owners.ownersApi.getPage(undefined, after, 100, false), FIRST);
      owners.push(...readArray(page.results));
      after = page.paging?.next?.after;
    } while (after);
    const [tickets, deals] = await Promise.all([
      this.gateway.call('general', 'pipelines tickets', (c) => c.crm.pipelines.pipelinesApi.getAll('tickets'), FIRST),
      this.gateway.call('general', 'pipelines deals', (c) => c.crm.pipelines.pipelinesApi.getAll('deals'), FIRST),
    ]);
    this.mirror.transaction(() => {
      for (const raw of owners) {
        const owner = toOwner(raw);
        const id = recordKey(raw);
        if (!owner) {
          this.skip('owners', id, new Error('propriétaire sans identifiant lisible'));
          continue;
        }
        try {
          this.mirror.transaction(() => this.mirror.upsertOwner(owner));
          this.unreadable.clear('owners', id);
        } catch (error) {
          this.skip('owners', id, error);
        }
      }
      this.mirror.replacePipelines('tickets', toPipelines(tickets.results));
      this.mirror.replacePipelines('deals', toPipelines(deals.results));
    });
    this.context = this.buildContext();
  }

  /** How many records each type holds in HubSpot (search totals: progress, ETA and page priorities only). */
  async totals(): Promise<Partial<Record<HubSpotType, number>>> {
    const out: Partial<Record<HubSpotType, number>> = {};
    await Promise.all(
      this.types.map(async (type) => {
        const res = await this.gateway.call('search', `total ${type}`, (c) => c.crm.objects.searchApi.doSearch(type, { limit: 1, properties: ['hs_object_id'], filterGroups: [] }), FIRST);
        out[type] = readNumber(res.total) ?? 0;
      }),
    );
    return out;
  }

  /**
   * The first full copy, resumable. `full` starts again from scratch (cursors reset; records are
   * upserted, so nothing is duplicated).
   *
   * HubSpot answers a page in a few hundred ms and each page needs the previous one's cursor, so
   * one chain of pages at a time cannot reach the rate limit. Every object type is paged at once,
   * each as its own chain that asks for its next page before storing the current one; the limiter
   * keeps the whole under the burst limit and serves first the type with the most pages left.
   * Each page and its type's cursor still commit in one transaction (a kill -9 resumes after the
   * last stored page of each type). Records stored before the contact or company they point at are
   * attached at the end (attachPendingLinks), in the transaction that marks the copy done.
   */
  async initialSync(options: { full?: boolean } = {}): Promise<void> {
    let checkpoint = this.state.get<InitialCheckpoint>('initial');
    if (!checkpoint || options.full) {
      checkpoint = { startedAt: Date.now(), done: false, types: {} };
      this.state.set('initial', checkpoint);
      // Everything is read again: what is still unreadable will be counted again.
      this.unreadable.reset();
    }
    if (checkpoint.done) return;
    const saved = checkpoint;
    this.options.onProgress?.({ phase: 'reference', type: null, done: 0, total: null });
    // Owners and pipelines map tickets, notes and meetings; the totals give progress and priorities.
    // Both go first (top priority, side by side); pages wait for them before being stored, not
    // before being asked for. A failure of the totals costs only the progress figures.
    const totals: Partial<Record<HubSpotType, number>> = {};
    const reference = Promise.all([
      this.syncReferenceData(),
      this.totals().then(
        (t) => void Object.assign(totals, t),
        () => {},
      ),
    ]).then(() => {});
    reference.catch(() => {});
    const progress = { done: Object.values(saved.types).reduce((a, t) => a + (t?.count ?? 0), 0) };
    const grandTotal = () => Object.values(totals).reduce((a, b) => a + (b ?? 0), 0) || null;
    const stop = { error: null as unknown };
    const onStored = (type: HubSpotType, n: number) => {
      progress.done += n;
      this.options.onProgress?.({ phase: 'initial', type, done: progress.done, total: grandTotal() });
    };
    const chains = this.types
      .filter((type) => saved.types[type]?.done !== true)
      .map((type) => this.copyType(type, { checkpoint: saved, reference, totals, stop, onStored }).catch((error: unknown) => void (stop.error ??= error)));
    await Promise.all(chains);
    await reference;
    if (stop.error) throw stop.error;
    // Incremental polls start where the initial sync started: what changed meanwhile is caught.
    this.mirror.transaction(() => {
      this.mirror.attachPendingLinks();
      for (const type of this.types) if (this.state.get<number>(`watermark.${type}`) === null) this.state.set(`watermark.${type}`, saved.startedAt);
      this.state.set('initial', { ...saved, done: true });
      this.state.set('lastSuccessAt', new Date().toISOString());
    });
    this.options.onChanged?.({ contactIds: [], companyIds: [] });
  }

  /**
   * One type's chain of pages: the next page is asked for as soon as the cursor is known, then the
   * current page is stored with the type's new cursor (one transaction). Stops early when another
   * chain failed.
   */
  private async copyType(
    type: HubSpotType,
    run: {
      checkpoint: InitialCheckpoint;
      reference: Promise<void>;
      totals: Partial<Record<HubSpotType, number>>;
      /** Set by the first chain that fails: the others stop at their next page. */
      stop: { error: unknown };
      onStored: (type: HubSpotType, records: number) => void;
    },
  ): Promise<void> {
    const { checkpoint, reference, totals, stop } = run;
    const { properties, links: associations } = HUBSPOT_OBJECT[type];
    const committed = { ...(checkpoint.types[type] ?? { after: null, done: false, count: 0 }) };
    // Pages left of this type (0 until the totals are known): the limiter serves the longest chain first.
    const priority = (count: number) => Math.max(0, Math.ceil(((totals[type] ?? 0) - count) / LIST_PAGE));
    const fetch = (after: string | null, count: number) => {
      const readAt = this.readMark();
      const request = this.gateway.call(
        'general',
        `list ${type}`,
        (c) => c.crm.objects.basicApi.getPage(type, LIST_PAGE, after ?? undefined, [...properties], undefined, associations.length > 0 ? [...associations] : undefined, false),
        // Paced: a burst would use the window up in its first seconds and stall every chain for the rest.
        { priority: priority(count), paced: true },
      );
      return request.then((page) => ({ page, readAt }));
    };
    let pending = fetch(committed.after, committed.count);
    for (;;) {
      const { page, readAt } = await pending;
      if (stop.error) return;
      const next = page.paging?.next?.after ?? null;
      const results = readArray(page.results);
      // Ask for the next page before storing this one: the request travels while SQLite writes.
      if (next !== null) {
        pending = fetch(next, committed.count + results.length);
        pending.catch(() => {});
        // Let it leave before storing (which holds the event loop for tens of ms): the client opens
        // a connection per request, and writes it only once connected, a turn of the loop later.
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setImmediate(resolve));
      }
      await reference;
      if (stop.error) return;
      const cursor = { after: next, done: next === null, count: committed.count + results.length };
      // The shared checkpoint changes only inside the transaction that stores the page: another
      // type's transaction never writes a cursor whose page is not stored.
      this.storePage(type, results, (o) => inlineLinks(o, type), readAt, {}, () => {
        checkpoint.types[type] = cursor;
        this.state.set('initial', checkpoint);
      });
      Object.assign(committed, cursor);
      run.onStored(type, results.length);
      if (cursor.done) return;
    }
  }

  /** Links of changed records, for types whose search results carry none: v4 batch reads. */
  private async readLinks(type: HubSpotType, ids: string[]): Promise<Map<string, MirrorLinks>> {
    const out = new Map<string, MirrorLinks>(ids.map((id) => [id, { contacts: [], companies: [], tickets: [] }]));
    for (const to of HUBSPOT_OBJECT[type].links) {
      for (let i = 0; i < ids.length; i += 1000) {
        const chunk = ids.slice(i, i + 1000);
        const res = await this.gateway.call('general', `associations ${type}→${to}`, (c) =>
          c.crm.associations.v4.batchApi.getPage(type, to, { inputs: chunk.map((id) => ({ id })) }),
        );
        for (const r of readArray(res.results).map(readRecord)) {
          const fromId = readId(readRecord(r._from).id);
          const links = fromId === null ? undefined : out.get(fromId);
          if (!links) continue;
          const isPrimary = (t: Record<string, unknown>) => readArray(t.associationTypes).some((a) => readRecord(a).typeId === 1);
          const list = readArray(r.to)
            .map(readRecord)
            // Primary contact→company first.
            .sort((a, b) => Number(isPrimary(b)) - Number(isPrimary(a)))
            .map((t) => readId(t.toObjectId))
            .filter((id): id is string => id !== null);
          if (to === 'contacts') links.contacts = list;
          else if (to === 'companies') links.companies = list;
          else if (to === 'tickets') links.tickets = list;
        }
      }
    }
    return out;
  }

  private search(type: HubSpotType, filters: Array<{ propertyName: string; operator: string; value: string }>, sortBy: string) {
    return this.gateway.call('search', `search ${type}`, (c) =>
      c.crm.objects.searchApi.doSearch(type, {
        filterGroups: [{ filters: filters as never }],
        // The client types sorts as strings; HubSpot takes {propertyName, direction} objects.
        sorts: [{ propertyName: sortBy, direction: 'ASCENDING' }] as unknown as string[],
        properties: [...HUBSPOT_OBJECT[type].properties],
        limit: SEARCH_PAGE,
      }),
    );
  }

  private readMark(): number {
    return this.options.ledger?.mark() ?? 0;
  }

  private async applyChanged(type: HubSpotType, objects: unknown[], readAt: number): Promise<{ contactIds: string[]; companyIds: string[] }> {
    const ids = objects.map((o) => readId(readRecord(o).id)).filter((id): id is string => id !== null);
    const links = await this.readLinks(type, ids);
    const stored = this.storePage(type, objects, (o) => links.get(readId(o.id) ?? '') ?? { contacts: [], companies: [] }, readAt, { attachLate: true });
    const contactIds: string[] = [];
    const companyIds: string[] = [];
    for (const { record, localId: id } of stored) {
      if (!id) continue;
      if (record.type === 'contacts') contactIds.push(id);
      else if (record.type === 'companies') companyIds.push(id);
      else {
        const row = this.mirror.row(HUBSPOT_OBJECT[record.type].table, id) as { contact_id?: string | null; company_id?: string | null } | null;
        if (row?.contact_id) contactIds.push(row.contact_id);
        if (row?.company_id) companyIds.push(row.company_id);
      }
    }
    return { contactIds, companyIds };
  }

  /** A page's readable modification instants, in page order; none from the future (a poisoned date must not move the watermark past real changes). */
  private stampsOf(results: unknown[], modified: string): number[] {
    const latest = this.clock().getTime() + WATERMARK_FUTURE_SLACK_MS;
    return results.map((r) => timestampOf(readRecord(readRecord(r).properties)[modified])).filter((t): t is number => t !== null && t <= latest);
  }

  /** One incremental pass over every type. Returns how many records were applied. */
  async pollOnce(): Promise<{ changed: number; deleted: number }> {
    if (!this.initialDone()) throw new Error('initial sync not done');
    let changed = 0;
    const contactIds = new Set<string>();
    const companyIds = new Set<string>();
    for (const type of this.types) {
      const modified = HUBSPOT_OBJECT[type].modifiedProperty;
      const watermark = this.state.get<number>(`watermark.${type}`) ?? 0;
      let from = Math.max(0, watermark - this.overlapMs);
      let highest = watermark;
      for (;;) {
        const readAt = this.readMark();
        const page = await this.search(type, [{ propertyName: modified, operator: 'GTE', value: String(from) }], modified);
        const results = readArray(page.results);
        if (results.length === 0) break;
        const applied = await this.applyChanged(type, results, readAt);
        applied.contactIds.forEach((id) => contactIds.add(id));
        applied.companyIds.forEach((id) => companyIds.add(id));
        changed += results.length;
        const stamps = this.stampsOf(results, modified);
        const first = stamps[0] ?? from;
        const last = Math.max(from, stamps[stamps.length - 1] ?? from);
        highest = Math.max(highest, last);
        if (results.length < SEARCH_PAGE) break;
        if (first === last) {
          // A full page of one instant (an import): walk that instant by id, then move past it.
          let lastId = '0';
          for (;;) {
            const tieReadAt = this.readMark();
            const tie = await this.search(
              type,
              [
                { propertyName: modified, operator: 'EQ', value: String(last) },
                { propertyName: 'hs_object_id', operator: 'GT', value: lastId },
              ],
              'hs_object_id',
            );
            const tied = readArray(tie.results);
            if (tied.length === 0) break;
            const a = await this.applyChanged(type, tied, tieReadAt);
            a.contactIds.forEach((id) => contactIds.add(id));
            a.companyIds.forEach((id) => companyIds.add(id));
            changed += tied.length;
            const tiedIds = tied.map((t) => readId(readRecord(t).id)).filter((id): id is string => id !== null);
            if (tiedIds.length === 0) break;
            lastId = tiedIds[tiedIds.length - 1]!;
            if (tied.length < SEARCH_PAGE) break;
          }
          from = last + 1;
        } else from = last;
      }
      this.state.set(`watermark.${type}`, highest);
    }
    const deleted = await this.pollDeletions();
    this.state.set('lastSuccessAt', new Date().toISOString());
    if (changed > 0 || deleted > 0) this.options.onChanged?.({ contactIds: [...contactIds], companyIds: [...companyIds] });
    return { changed, deleted };
  }

  /** Archived records leave the cache. Read at most every archivedEveryMs. */
  async pollDeletions(force = false): Promise<number> {
    const lastRun = this.state.get<number>('archived.lastRun') ?? 0;
    if (!force && Date.now() - lastRun < this.archivedEveryMs) return 0;
    let removed = 0;
    for (const type of this.types) {
      let after: string | undefined;
      do {
        const page = await this.gateway.call('general', `archived ${type}`, (c) => c.crm.objects.basicApi.getPage(type, LIST_PAGE, after, ['hs_object_id'], undefined, undefined, true));
        this.mirror.transaction(() => {
          for (const r of readArray(page.results)) {
            const id = readId(readRecord(r).id);
            if (id === null) continue;
            this.unreadable.clear(type, id);
            if (this.mirror.remove(type, id)) removed++;
          }
        });
        after = page.paging?.next?.after;
      } while (after);
    }
    this.state.set('archived.lastRun', Date.now());
    return removed;
  }
}

/**
 * How a skipped record is named in the log and the count: its id, or for a record without a readable
 * id a digest of what HubSpot sent (the same record skipped at every poll counts once).
 */
function recordKey(raw: unknown): string {
  const properties = readRecord(readRecord(raw).properties);
  const id = readId(readRecord(raw).id) ?? readId(properties.hs_object_id);
  if (id !== null) return id;
  let json: string;
  try {
    // Its values but the dates a change moves and the empty ones (a list page, a search page, and a
    // page after a property was created all send the same).
    const stable = Object.fromEntries(Object.entries(properties).filter(([name, value]) => value !== null && !/lastmodifieddate|createdate/.test(name)));
    json = JSON.stringify(Object.keys(stable).length > 0 ? stable : raw) ?? String(raw);
  } catch {
    json = String(raw);
  }
  return `sans-id-${createHash('sha256').update(json).digest('hex').slice(0, 12)}`;
}
