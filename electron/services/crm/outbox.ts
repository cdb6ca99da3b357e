/**
 * The durable outbox and its pusher: local writes → HubSpot, as the 'hubspot' queue of the jobs
 * table (store/jobs-repository.ts) run by a JobQueue (jobs/job-queue.ts).
 *
 * `Outbox.enqueue` runs inside the caller's transaction (the row and its job commit together); a
 * record already waiting is not queued twice. `OutboxPusher.flush` sends what is due, oldest first,
 * building each payload from the local row AT SEND TIME (hubspot-objects.ts says how, per type).
 * Idempotency across a crash between "sent" and "answer recorded":
 * - contacts, companies, tickets: upsert by `accueil_id` (a unique property, created if absent);
 * - calls, notes, e-mails (engagements have no documented unique property): the job is marked in
 *   flight before the request; a job found in flight is first looked up by accueil_id through
 *   search, retried for `lookupGraceMs` (search lags writes), and only then sent again.
 * Transient failures (429, 5xx, network) retry with exponential backoff + jitter, honouring
 * Retry-After; a refused payload waits longer and shows its reason in the status. A record is
 * linked (associations) before its job completes.
 */
import type { Client } from '@hubspot/api-client';
import type { OutboxKind, OutboxPort } from './outbox-port';
import type { ContactProperties } from './contact-properties';
import type { AccueilStore } from '../store';
import { JobsRepository } from '../store/jobs-repository';
import { CrmMirrorRepository, HUBSPOT_QUEUE, type MirrorType } from '../store/crm-mirror-repository';
import { SyncStateRepository } from '../store/sync-state-repository';
import type { Logger } from '../log';
import { HubSpotError, classifyHubSpotError, type HubSpotErrorKind, type HubSpotGateway } from './hubspot-client';
import { stageForStatus } from './mapping';
import { ACCUEIL_ID, LINK_COLUMN, PUSHED_OBJECT, associationTypeId, type LinkTarget, type LocalRow, type PayloadSources, type PushedObject } from './hubspot-objects';
import { JobQueue, NotYet, type InFlightResolution, type JobFailure, type JobQueueLoopOptions, type JobRun, type PassResult } from '../jobs/job-queue';

export class Outbox implements OutboxPort {
  readonly jobs: JobsRepository;
  constructor(store: AccueilStore) {
    this.jobs = new JobsRepository(store.database);
  }
  enqueue(item: { kind: OutboxKind; localId: string; op: 'create' | 'update' }): void {
    // The op is kept for the record: whether HubSpot creates or updates is decided at send time.
    this.jobs.enqueue(HUBSPOT_QUEUE, { kind: item.kind, subject: item.localId, payload: { op: item.op }, coalesce: true });
  }
  pendingCount(): number {
    return this.jobs.count(HUBSPOT_QUEUE);
  }
}

/**
 * Which local records a push completed, in order. Pulling and pushing run side by side: a page read
 * from HubSpot BEFORE a push completed must not overwrite the edit that push just sent (the next
 * poll brings HubSpot's new version). The engine takes a `mark()` before reading a page and asks
 * `pushedSince` when storing it.
 */
export class PushLedger {
  private seq = 0;
  private readonly last = new Map<string, number>();

  mark(): number {
    return this.seq;
  }

  record(type: MirrorType, localId: string): void {
    this.last.set(`${type}:${localId}`, ++this.seq);
    // Only marks younger than the oldest page still being stored matter: keep the recent ones.
    if (this.last.size > 10_000) for (const key of [...this.last.keys()].slice(0, 5_000)) this.last.delete(key);
  }

  pushedSince(type: MirrorType, localId: string, mark: number): boolean {
    return (this.last.get(`${type}:${localId}`) ?? 0) > mark;
  }
}

export interface OutboxPusherOptions {
  gateway: HubSpotGateway;
  store: AccueilStore;
  outbox: Outbox;
  logger?: Logger;
  /** How long an engagement whose answer was lost is searched for before it is sent again. */
  lookupGraceMs?: number;
  /** Backoff of failed items. */
  baseRetryMs?: number;
  /** Shared with the engine (see PushLedger). */
  ledger?: PushLedger;
  maxRetryMs?: number;
  /** The background loop (SyncService's push loop). */
  loop?: JobQueueLoopOptions;
  /** Contact properties other areas keep (contact-properties.ts). */
  contactProperties?: ContactProperties;
}

/** A HubSpot failure as the jobs runner needs it. */
interface HubSpotFailure extends JobFailure {
  kind: HubSpotErrorKind;
  /** The error itself: the status words its reason and parameters. */
  error: HubSpotError;
}

function hubSpotFailure(error: unknown): HubSpotFailure {
  const e = classifyHubSpotError(error);
  return {
    message: e.message,
    kind: e.kind,
    error: e,
    status: e.status,
    retryAfterMs: e.retryAfterMs,
    // Only an answer proves HubSpot did nothing: network and 5xx leave the outcome open.
    outcomeUnknown: e.kind === 'network' || e.kind === 'server',
    // Nothing else due would fare better now.
    endsPass: e.kind === 'auth' || e.kind === 'network' || e.kind === 'daily_limit',
    // A refused token waits for a new one (setToken restarts the loop).
    waitsForPerson: e.kind === 'auth',
  };
}

type Link = { to: LinkTarget; id: string };

export class OutboxPusher {
  /** The 'hubspot' queue: its loop is SyncService's push loop. */
  readonly queue: JobQueue<HubSpotFailure>;
  private readonly mirror: CrmMirrorRepository;
  private readonly state: SyncStateRepository;
  private readonly jobs: JobsRepository;
  private dispositions: Map<string, string> | null = null;
  private readonly sources: PayloadSources;

  constructor(private readonly options: OutboxPusherOptions) {
    this.mirror = new CrmMirrorRepository(options.store.database);
    this.state = new SyncStateRepository(options.store.database);
    this.jobs = options.outbox.jobs;
    this.sources = {
      phonesOf: (column, id) => this.mirror.phonesOf(column, id),
      ticketStage: (status) => {
        const stage = stageForStatus(this.mirror.stages('tickets'), status);
        if (!stage) throw new HubSpotError('bad_request', { reason: 'hubspot.pipelines_not_synced' });
        return stage;
      },
      callDisposition: (label) => this.callDisposition(label),
      contactExtras: (contactId) => options.contactProperties?.valuesFor(contactId) ?? {},
    };
    this.queue = new JobQueue<HubSpotFailure>({
      queue: HUBSPOT_QUEUE,
      jobs: this.jobs,
      handlers: Object.fromEntries(Object.values(PUSHED_OBJECT).map((object) => [object.push.kind, (run: JobRun) => this.send(object, run)])),
      classify: hubSpotFailure,
      resolveInFlight: (run) => this.resolveInFlight(run),
      inFlightGraceMs: options.lookupGraceMs ?? 60_000,
      backoff: { baseMs: options.baseRetryMs ?? 2_000, maxMs: options.maxRetryMs ?? 600_000 },
      waitReasons: {
        earlierInFlight: 'un envoi précédent de cet enregistrement n’a pas encore abouti',
        inFlightGrace: 'recherche HubSpot en retard : vérification avant un nouvel envoi',
      },
      ...(options.loop ? { loop: options.loop } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
  }

  /** The last failure's message, for the status (cleared by a flush that sent without failing). */
  get lastError(): string | null {
    return this.queue.lastFailure?.message ?? null;
  }

  /** The kind of lastError (the status tells "offline" from "needs a look"). */
  get lastErrorKind(): HubSpotErrorKind | null {
    return this.queue.lastFailure?.kind ?? null;
  }

  /** The error lastError was said from (its reason and parameters), while lastError is set. */
  get lastFailure(): HubSpotError | null {
    return this.queue.lastFailure?.error ?? null;
  }

  private get client(): <T>(what: string, run: (c: Client) => Promise<T>, lane?: 'general' | 'search') => Promise<T> {
    return (what, run, lane = 'general') => this.options.gateway.call(lane, what, run);
  }

  /** Sends every due item once. Concurrent calls share one flush. */
  async flush(): Promise<{ sent: number; failed: number; remaining: number }> {
    const { done, failed, remaining }: PassResult = await this.queue.runDue();
    return { sent: done, failed, remaining };
  }

  private row(object: PushedObject, localId: string | null): LocalRow | null {
    return localId === null ? null : (this.mirror.row(object.table, localId) as LocalRow | null);
  }

  /**
   * An item found in flight (a crash or a cut connection between the send and the recorded answer).
   * Upserts and updates may simply be sent again; an engagement is looked up by accueil_id first.
   */
  private async resolveInFlight(run: JobRun): Promise<InFlightResolution> {
    const object = PUSHED_OBJECT[run.job.kind as OutboxKind];
    const row = this.row(object, run.job.subject);
    if (!row || row.hubspot_id || object.push.identity === 'upsert') return 'idempotent';
    await this.ensureAccueilId(object);
    const found = await this.findByAccueilId(object.type, row.id);
    if (!found) return 'absent';
    run.complete(() => this.mirror.setHubspotId(object.type, row.id, found));
    this.options.ledger?.record(object.type, row.id);
    return 'completed';
  }

  private async send(object: PushedObject, run: JobRun): Promise<void> {
    const { type } = object;
    const row = this.row(object, run.job.subject);
    if (!row) {
      // The record was deleted locally (or merged away) before it could be sent.
      run.complete();
      return;
    }
    await this.ensureAccueilId(object);
    if (object.type === 'contacts') await this.ensureContactProperties();
    const properties = await object.push.payload(row, this.sources);
    const hubspotId = (row.hubspot_id as string | null) ?? null;

    if (hubspotId) {
      const links = this.linksAfter(object, row);
      // Marked before every request: an edit made while it is in flight queues a follow-up item
      // instead of joining this one (which would be completed with the older version).
      run.markInFlight();
      await this.client(`update ${type}`, (c) => c.crm.objects.basicApi.update(type, hubspotId, { properties }));
      await this.associate(object, hubspotId, links);
      run.complete();
      this.options.ledger?.record(type, row.id);
      return;
    }

    if (object.push.identity === 'upsert') {
      const links = this.linksAfter(object, row);
      run.markInFlight();
      const res = await this.client(`upsert ${type}`, (c) =>
        c.crm.objects.batchApi.upsert(type, { inputs: [{ idProperty: ACCUEIL_ID, id: row.id, properties }] }),
      );
      const created = res.results[0];
      if (!created) throw new HubSpotError('bad_request', { reason: 'hubspot.created_not_returned', params: { type } });
      // The id is kept at once: if an association fails, the retry updates this record.
      this.jobs.transaction(() => this.mirror.setHubspotId(type, row.id, String(created.id)));
      await this.associate(object, String(created.id), links);
      run.complete();
      this.options.ledger?.record(type, row.id);
      return;
    }

    // Engagements are created with their links named in the request (found in flight, they were
    // looked up first: see resolveInFlight).
    run.markInFlight();
    const associations = this.linksAfter(object, row).map(({ to, id }) => ({
      to: { id },
      types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: associationTypeId(object, to)! }],
    }));
    const res = await this.client(`create ${type}`, (c) => c.crm.objects.basicApi.create(type, { properties, associations: associations as never }));
    run.complete(() => this.mirror.setHubspotId(type, row.id, String(res.id)));
    this.options.ledger?.record(type, row.id);
  }

  private async findByAccueilId(type: MirrorType, localId: string): Promise<string | null> {
    const res = await this.client(
      `lookup ${type}`,
      (c) => c.crm.objects.searchApi.doSearch(type, { filterGroups: [{ filters: [{ propertyName: ACCUEIL_ID, operator: 'EQ' as never, value: localId }] }], properties: [ACCUEIL_ID], limit: 1 }),
      'search',
    );
    return res.results[0] ? String(res.results[0].id) : null;
  }

  /** Creates the contact properties other areas keep, once each, when HubSpot lacks them. */
  private async ensureContactProperties(): Promise<void> {
    for (const spec of this.options.contactProperties?.specs() ?? []) {
      const key = `property.${spec.name}.contacts`;
      if (this.state.get<boolean>(key)) continue;
      try {
        await this.client(`property contacts`, (c) => c.crm.properties.coreApi.getByName('contacts', spec.name));
      } catch (error) {
        if (classifyHubSpotError(error).kind !== 'not_found') throw error;
        try {
          await this.client(`create property contacts`, (c) =>
            c.crm.properties.coreApi.create('contacts', {
              name: spec.name,
              label: spec.label,
              description: spec.description,
              type: spec.type as never,
              fieldType: spec.fieldType as never,
              groupName: 'contactinformation',
              formField: false,
              ...(spec.options ? { options: spec.options.map((o, displayOrder) => ({ ...o, displayOrder, hidden: false })) } : {}),
            }),
          );
        } catch (createError) {
          if (classifyHubSpotError(createError).kind !== 'conflict') throw createError;
        }
      }
      this.state.set(key, true);
    }
  }

  /** Creates the accueil_id property on a type once (unique where HubSpot can upsert by it). */
  private async ensureAccueilId(object: PushedObject): Promise<void> {
    const { type } = object;
    const key = `property.${ACCUEIL_ID}.${type}`;
    if (this.state.get<boolean>(key)) return;
    try {
      await this.client(`property ${type}`, (c) => c.crm.properties.coreApi.getByName(type, ACCUEIL_ID));
    } catch (error) {
      const e = classifyHubSpotError(error);
      if (e.kind !== 'not_found') throw e;
      try {
        await this.client(`create property ${type}`, (c) =>
          c.crm.properties.coreApi.create(type, {
            name: ACCUEIL_ID,
            label: 'Identifiant Accueil',
            description: 'Identifiant de l’enregistrement dans Accueil (évite les doublons)',
            type: 'string' as never,
            fieldType: 'text' as never,
            groupName: `${type.replace(/s$/, '')}information`,
            hasUniqueValue: object.push.identity === 'upsert',
            formField: false,
          }),
        );
      } catch (createError) {
        if (classifyHubSpotError(createError).kind !== 'conflict') throw createError;
      }
    }
    this.state.set(key, true);
  }

  /** The HubSpot id of a linked record; waits (NotYet) while that record is still to be sent. */
  private linkedHubspotId(to: LinkTarget, localId: unknown): string | null {
    if (typeof localId !== 'string' || !localId) return null;
    const hs = this.mirror.hubspotId(to, localId);
    if (hs) return hs;
    const kind = PUSHED_OBJECT_OF[to].push.kind;
    // Sent first, then this one: the association must name an id HubSpot knows.
    if (this.jobs.isQueued(HUBSPOT_QUEUE, kind, localId)) throw new NotYet(`en attente de l’envoi du ${kind} associé`);
    return null;
  }

  /**
   * What a record must be linked to in HubSpot (its object's links: a contact's company, a ticket's
   * contact and company, an engagement's contact, company and ticket), from the local row. Sent in
   * the request of an engagement's create; linked after an update or an upsert (Claire attached the
   * caller once the call was logged). Waits (NotYet) while one of them is still to be sent.
   */
  private linksAfter(object: PushedObject, row: LocalRow): Link[] {
    const links: Link[] = [];
    for (const to of object.links) {
      const id = this.linkedHubspotId(to, row[LINK_COLUMN[to]]);
      if (id && associationTypeId(object, to) !== null) links.push({ to, id });
    }
    return links;
  }

  /** v4 PUTs of HubSpot-defined associations (idempotent: the same pair twice is one link). */
  private async associate(object: PushedObject, hubspotId: string, links: Link[]): Promise<void> {
    const from = object.type;
    for (const { to, id } of links) {
      const typeId = associationTypeId(object, to)!;
      await this.client(`associate ${from}→${to}`, (c) => c.crm.associations.v4.basicApi.create(from, hubspotId, to, id, [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: typeId }]));
    }
  }

  private async callDisposition(label: string): Promise<string | null> {
    if (!this.dispositions) {
      // GUIDs differ per portal: read them, never hard-code them.
      const def = await this.client('property hs_call_disposition', (c) => c.crm.properties.coreApi.getByName('calls', 'hs_call_disposition'));
      this.dispositions = new Map((def.options ?? []).map((o) => [o.label, o.value]));
    }
    return this.dispositions.get(label) ?? null;
  }
}

/** The pushed object of each link target (a link waits for its target's own push). */
const PUSHED_OBJECT_OF: Record<LinkTarget, PushedObject> = { contacts: PUSHED_OBJECT.contact, companies: PUSHED_OBJECT.company, tickets: PUSHED_OBJECT.ticket };
