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
import type { AccueilStore } from '../store';
import { CrmMirrorRepository, type MirrorLinks, type MirrorRecord } from '../store/crm-mirror-repository';
import { SyncStateRepository } from '../store/sync-state-repository';
import type { Logger } from '../log';
import { HubSpotError, type HubSpotGateway } from './hubspot-client';
import {
  LINKS,
  PROPERTIES,
  SYNC_ORDER,
  inlineLinks,
  modifiedProperty,
  ticketStatusFromStages,
  timestampOf,
  toMirror,
  type HubSpotObject,
  type HubSpotType,
  type MappingContext,
} from './mapping';

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
}

const SEARCH_PAGE = 200;
const LIST_PAGE = 100;

export class SyncEngine {
  readonly mirror: CrmMirrorRepository;
  readonly state: SyncStateRepository;
  private readonly overlapMs: number;
  private readonly archivedEveryMs: number;
  private readonly types: readonly HubSpotType[];
  private context: MappingContext;

  constructor(private readonly options: SyncEngineOptions) {
    this.mirror = new CrmMirrorRepository(options.store.database);
    this.state = new SyncStateRepository(options.store.database);
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
    return { ticketStatus: status, ownerName: (id) => this.mirror.ownerName(id) };
  }

  initialDone(): boolean {
    return this.state.get<InitialCheckpoint>('initial')?.done === true;
  }

  /** Owners and pipelines: small, read whole each time. */
  async syncReferenceData(): Promise<void> {
    const owners: Array<{ id: string; firstName?: string; lastName?: string; email?: string }> = [];
    let after: string | undefined;
    do {
      const page = await this.gateway.call('general', 'owners', (c) => c.crm.owners.ownersApi.getPage(undefined, after, 100, false));
      owners.push(...page.results);
      after = page.paging?.next?.after;
    } while (after);
    const tickets = await this.gateway.call('general', 'pipelines tickets', (c) => c.crm.pipelines.pipelinesApi.getAll('tickets'));
    const deals = await this.gateway.call('general', 'pipelines deals', (c) => c.crm.pipelines.pipelinesApi.getAll('deals'));
    const shape = (list: typeof tickets.results) =>
      list.map((p) => ({
        id: p.id,
        label: p.label,
        displayOrder: p.displayOrder,
        stages: p.stages.map((s) => ({ id: s.id, label: s.label, displayOrder: s.displayOrder, isClosed: s.metadata?.isClosed === 'true' })),
      }));
    this.mirror.transaction(() => {
      for (const o of owners) this.mirror.upsertOwner({ hubspotId: String(o.id), firstName: o.firstName ?? null, lastName: o.lastName ?? null, email: o.email ?? null });
      this.mirror.replacePipelines('tickets', shape(tickets.results));
      this.mirror.replacePipelines('deals', shape(deals.results));
    });
    this.context = this.buildContext();
  }

  /** How many records each type holds in HubSpot (search totals: progress and ETA only). */
  async totals(): Promise<Partial<Record<HubSpotType, number>>> {
    const out: Partial<Record<HubSpotType, number>> = {};
    for (const type of this.types) {
      const res = await this.gateway.call('search', `total ${type}`, (c) => c.crm.objects.searchApi.doSearch(type, { limit: 1, properties: ['hs_object_id'], filterGroups: [] }));
      out[type] = res.total;
    }
    return out;
  }

  /**
   * The first full copy, resumable. `full` starts again from scratch (cursors reset; records are
   * upserted, so nothing is duplicated).
   */
  async initialSync(options: { full?: boolean } = {}): Promise<void> {
    let checkpoint = this.state.get<InitialCheckpoint>('initial');
    if (!checkpoint || options.full) {
      checkpoint = { startedAt: Date.now(), done: false, types: {} };
      this.state.set('initial', checkpoint);
    }
    if (checkpoint.done) return;
    this.options.onProgress?.({ phase: 'reference', type: null, done: 0, total: null });
    await this.syncReferenceData();
    let totals: Partial<Record<HubSpotType, number>> = {};
    try {
      totals = await this.totals();
    } catch (error) {
      if (error instanceof HubSpotError && !error.transient) throw error;
    }
    const grandTotal = Object.values(totals).reduce((a, b) => a + (b ?? 0), 0);
    let done = Object.values(checkpoint.types).reduce((a, t) => a + (t?.count ?? 0), 0);
    for (const type of this.types) {
      const cursor = checkpoint.types[type] ?? { after: null, done: false, count: 0 };
      if (cursor.done) continue;
      const associations = LINKS[type];
      for (;;) {
        const after = cursor.after ?? undefined;
        const page = await this.gateway.call('general', `list ${type}`, (c) =>
          c.crm.objects.basicApi.getPage(type, LIST_PAGE, after, PROPERTIES[type], undefined, associations.length > 0 ? associations : undefined, false),
        );
        const next = page.paging?.next?.after ?? null;
        cursor.after = next;
        cursor.done = next === null;
        cursor.count += page.results.length;
        checkpoint.types[type] = cursor;
        const records = page.results.map((o) => toMirror(type, o as HubSpotObject, inlineLinks(o as HubSpotObject, type), this.context));
        this.mirror.transaction(() => {
          for (const record of records) this.mirror.upsert(record);
          this.state.set('initial', checkpoint);
        });
        done += page.results.length;
        this.options.onProgress?.({ phase: 'initial', type, done, total: grandTotal || null });
        if (cursor.done) break;
      }
    }
    // Incremental polls start where the initial sync started: what changed meanwhile is caught.
    this.mirror.transaction(() => {
      for (const type of this.types) if (this.state.get<number>(`watermark.${type}`) === null) this.state.set(`watermark.${type}`, checkpoint.startedAt);
      this.state.set('initial', { ...checkpoint, done: true });
      this.state.set('lastSuccessAt', new Date().toISOString());
    });
    this.options.onChanged?.({ contactIds: [], companyIds: [] });
  }

  /** Links of changed records, for types whose search results carry none: v4 batch reads. */
  private async readLinks(type: HubSpotType, ids: string[]): Promise<Map<string, MirrorLinks>> {
    const out = new Map<string, MirrorLinks>(ids.map((id) => [id, { contacts: [], companies: [], tickets: [] }]));
    for (const to of LINKS[type]) {
      for (let i = 0; i < ids.length; i += 1000) {
        const chunk = ids.slice(i, i + 1000);
        const res = await this.gateway.call('general', `associations ${type}→${to}`, (c) =>
          c.crm.associations.v4.batchApi.getPage(type, to, { inputs: chunk.map((id) => ({ id })) }),
        );
        for (const r of res.results) {
          const links = out.get(String(r._from.id));
          if (!links) continue;
          const list = r.to
            .slice()
            // Primary contact→company first.
            .sort((a, b) => Number(b.associationTypes.some((t) => t.typeId === 1)) - Number(a.associationTypes.some((t) => t.typeId === 1)))
            .map((t) => String(t.toObjectId));
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
        properties: PROPERTIES[type],
        limit: SEARCH_PAGE,
      }),
    );
  }

  private async applyChanged(type: HubSpotType, objects: HubSpotObject[]): Promise<{ contactIds: string[]; companyIds: string[] }> {
    const links = await this.readLinks(type, objects.map((o) => String(o.id)));
    const records: MirrorRecord[] = objects.map((o) => toMirror(type, o, links.get(String(o.id)) ?? { contacts: [], companies: [] }, this.context));
    const contactIds: string[] = [];
    const companyIds: string[] = [];
    this.mirror.transaction(() => {
      for (const record of records) {
        const id = this.mirror.upsert(record, { attachLate: true });
        if (!id) continue;
        if (record.type === 'contacts') contactIds.push(id);
        else if (record.type === 'companies') companyIds.push(id);
        else {
          const row = this.mirror.row(tableOf(record.type), id) as { contact_id?: string | null; company_id?: string | null } | null;
          if (row?.contact_id) contactIds.push(row.contact_id);
          if (row?.company_id) companyIds.push(row.company_id);
        }
      }
    });
    return { contactIds, companyIds };
  }

  /** One incremental pass over every type. Returns how many records were applied. */
  async pollOnce(): Promise<{ changed: number; deleted: number }> {
    if (!this.initialDone()) throw new Error('initial sync not done');
    let changed = 0;
    const contactIds = new Set<string>();
    const companyIds = new Set<string>();
    for (const type of this.types) {
      const modified = modifiedProperty(type);
      const watermark = this.state.get<number>(`watermark.${type}`) ?? 0;
      let from = Math.max(0, watermark - this.overlapMs);
      let highest = watermark;
      for (;;) {
        const page = await this.search(type, [{ propertyName: modified, operator: 'GTE', value: String(from) }], modified);
        const results = page.results as HubSpotObject[];
        if (results.length === 0) break;
        const applied = await this.applyChanged(type, results);
        applied.contactIds.forEach((id) => contactIds.add(id));
        applied.companyIds.forEach((id) => companyIds.add(id));
        changed += results.length;
        const stamps = results.map((r) => timestampOf(r.properties[modified]) ?? from);
        const first = stamps[0]!;
        const last = stamps[stamps.length - 1]!;
        highest = Math.max(highest, last);
        if (results.length < SEARCH_PAGE) break;
        if (first === last) {
          // A full page of one instant (an import): walk that instant by id, then move past it.
          let lastId = '0';
          for (;;) {
            const tie = await this.search(
              type,
              [
                { propertyName: modified, operator: 'EQ', value: String(last) },
                { propertyName: 'hs_object_id', operator: 'GT', value: lastId },
              ],
              'hs_object_id',
            );
            const tied = tie.results as HubSpotObject[];
            if (tied.length === 0) break;
            const a = await this.applyChanged(type, tied);
            a.contactIds.forEach((id) => contactIds.add(id));
            a.companyIds.forEach((id) => companyIds.add(id));
            changed += tied.length;
            lastId = String(tied[tied.length - 1]!.id);
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
          for (const r of page.results) if (this.mirror.remove(type, String(r.id))) removed++;
        });
        after = page.paging?.next?.after;
      } while (after);
    }
    this.state.set('archived.lastRun', Date.now());
    return removed;
  }
}

function tableOf(type: HubSpotType): string {
  return { contacts: 'contacts', companies: 'companies', tickets: 'tickets', deals: 'quotes', calls: 'calls', notes: 'notes', emails: 'emails', meetings: 'interventions', tasks: 'crm_tasks' }[type];
}
