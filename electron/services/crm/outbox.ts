/**
 * The durable outbox and its pusher: local writes → HubSpot.
 *
 * `Outbox.enqueue` runs inside the caller's transaction (the row and the queue entry commit
 * together). `OutboxPusher.flush` sends what is due, oldest first, building each payload from the
 * local row AT SEND TIME. Idempotency across a crash between "sent" and "answer recorded":
 * - contacts, companies, tickets: upsert by `accueil_id` (a unique property, created if absent);
 * - calls, notes, e-mails (engagements have no documented unique property): the item is marked
 *   'sending' before the request; an item found 'sending' is first looked up by accueil_id through
 *   search, retried for `lookupGraceMs` (search lags writes), and only then sent again.
 * Transient failures (429, 5xx, network) retry with exponential backoff + jitter, honouring
 * Retry-After; a refused payload waits longer and shows its reason in the status.
 */
import type { Client } from '@hubspot/api-client';
import type { OutboxKind, OutboxPort } from './outbox-port';
import type { AccueilStore } from '../store';
import { OutboxRepository, type OutboxItem } from '../store/outbox-repository';
import { CrmMirrorRepository, type MirrorType } from '../store/crm-mirror-repository';
import { SyncStateRepository } from '../store/sync-state-repository';
import type { Logger } from '../log';
import { HubSpotError, classifyHubSpotError, type HubSpotErrorKind, type HubSpotGateway } from './hubspot-client';
import { ACCUEIL_ID, UPSERTABLE, stageForStatus } from './mapping';
import { backoffDelay } from './rate-limiter';

export class Outbox implements OutboxPort {
  readonly repository: OutboxRepository;
  constructor(store: AccueilStore) {
    this.repository = new OutboxRepository(store.database);
  }
  enqueue(item: { kind: OutboxKind; localId: string; op: 'create' | 'update' }): void {
    this.repository.enqueue(item.kind, item.localId, item.op);
  }
  pendingCount(): number {
    return this.repository.count();
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

/** The HubSpot object type of each outbox kind — also the name of its local table. */
const TYPE_OF: Record<OutboxKind, MirrorType> = { contact: 'contacts', company: 'companies', call: 'calls', note: 'notes', ticket: 'tickets', email: 'emails' };
/** HubSpot-defined association type ids (v4). */
const ASSOCIATION: Record<string, number> = {
  'calls>contacts': 194,
  'calls>companies': 182,
  'calls>tickets': 220,
  'notes>contacts': 202,
  'notes>companies': 190,
  'notes>tickets': 228,
  'emails>contacts': 198,
  'emails>companies': 186,
  'emails>tickets': 224,
  'contacts>companies': 1,
  'tickets>contacts': 16,
  'tickets>companies': 339,
};
const PRIORITY: Record<string, string> = { basse: 'LOW', normale: 'MEDIUM', haute: 'HIGH', urgente: 'URGENT' };
const DISPOSITION_LABEL: Record<string, string> = {
  connecte: 'Connected',
  message_laisse: 'Left live message',
  pas_de_reponse: 'No answer',
  mauvais_numero: 'Wrong number',
  occupe: 'Busy',
};

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
}

type Row = Record<string, unknown> & { id: string };
/** A reason to wait without counting a failure (a call still ringing, a contact not yet sent). */
class NotYet extends Error {}

export class OutboxPusher {
  private readonly mirror: CrmMirrorRepository;
  private readonly state: SyncStateRepository;
  private readonly repo: OutboxRepository;
  private readonly lookupGraceMs: number;
  private dispositions: Map<string, string> | null = null;
  private flushing: Promise<{ sent: number; failed: number; remaining: number }> | null = null;
  lastError: string | null = null;
  /** The kind of lastError (the status tells "offline" from "needs a look"). */
  lastErrorKind: HubSpotErrorKind | null = null;
  /** The error lastError was said from (its reason and parameters), while lastError is set. */
  lastFailure: HubSpotError | null = null;

  constructor(private readonly options: OutboxPusherOptions) {
    this.mirror = new CrmMirrorRepository(options.store.database);
    this.state = new SyncStateRepository(options.store.database);
    this.repo = options.outbox.repository;
    this.lookupGraceMs = options.lookupGraceMs ?? 60_000;
  }

  private get client(): <T>(what: string, run: (c: Client) => Promise<T>, lane?: 'general' | 'search') => Promise<T> {
    return (what, run, lane = 'general') => this.options.gateway.call(lane, what, run);
  }

  /** Sends every due item once. Concurrent calls share one flush. */
  flush(): Promise<{ sent: number; failed: number; remaining: number }> {
    if (!this.flushing) this.flushing = this.flushNow().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async flushNow(): Promise<{ sent: number; failed: number; remaining: number }> {
    let sent = 0;
    let failed = 0;
    const seen = new Set<number>();
    for (;;) {
      const batch = this.repo.dueItems(20).filter((i) => !seen.has(i.id));
      if (batch.length === 0) break;
      for (const item of batch) {
        seen.add(item.id);
        try {
          await this.send(item);
          sent++;
        } catch (error) {
          if (error instanceof NotYet) {
            this.repo.reschedule(item.id, new Date(Date.now() + 2_000), error.message, item.state === 'sending');
            continue;
          }
          const e = classifyHubSpotError(error);
          failed++;
          this.lastError = e.message;
          this.lastErrorKind = e.kind;
          this.lastFailure = e;
          const attempts = item.attempts + 1;
          const wait = e.retryAfterMs ?? backoffDelay(attempts, this.options.baseRetryMs ?? 2_000, this.options.maxRetryMs ?? 600_000);
          // Only an answer proves HubSpot did nothing: network and 5xx leave the outcome open.
          const ambiguous = e.kind === 'network' || e.kind === 'server' || item.state === 'sending';
          this.repo.reschedule(item.id, new Date(Date.now() + wait), e.message, ambiguous);
          this.options.logger?.warn('outbox item failed', { kind: item.kind, id: item.id, error: e.kind, status: e.status, waitMs: wait });
          if (e.kind === 'auth' || e.kind === 'network' || e.kind === 'daily_limit') return { sent, failed, remaining: this.repo.count() };
        }
      }
    }
    if (failed === 0 && sent > 0) this.lastError = this.lastErrorKind = null;
    return { sent, failed, remaining: this.repo.count() };
  }

  private async send(item: OutboxItem): Promise<void> {
    const type = TYPE_OF[item.kind];
    const row = this.mirror.row(type, item.localId) as Row | null;
    if (!row) {
      // The record was deleted locally (or merged away) before it could be sent.
      this.repo.complete(item.id);
      return;
    }
    // An earlier item of this record whose outcome is unknown (a create cut by the network) goes
    // first: sent now, this one could create the record a second time.
    if (this.repo.hasEarlierSending(item.kind, item.localId, item.id)) throw new NotYet('un envoi précédent de cet enregistrement n’a pas encore abouti');
    await this.ensureAccueilId(type);
    const properties = await this.payload(item.kind, row);
    const hubspotId = (row.hubspot_id as string | null) ?? null;

    if (hubspotId) {
      const links = this.linksAfter(item.kind, row);
      // Marked before every request: an edit made while it is in flight queues a follow-up item
      // instead of joining this one (which would be completed with the older version).
      this.repo.markSending(item.id);
      await this.client(`update ${type}`, (c) => c.crm.objects.basicApi.update(type, hubspotId, { properties }));
      await this.associate(type, hubspotId, links);
      this.repo.transaction(() => this.repo.complete(item.id));
      this.options.ledger?.record(type, row.id);
      return;
    }

    if (UPSERTABLE.has(type)) {
      const links = this.linksAfter(item.kind, row);
      this.repo.markSending(item.id);
      const res = await this.client(`upsert ${type}`, (c) =>
        c.crm.objects.batchApi.upsert(type, { inputs: [{ idProperty: ACCUEIL_ID, id: row.id, properties }] }),
      );
      const created = res.results[0];
      if (!created) throw new HubSpotError('bad_request', { reason: 'hubspot.created_not_returned', params: { type } });
      // The id is kept at once: if an association fails, the retry updates this record.
      this.repo.transaction(() => this.mirror.setHubspotId(type, row.id, String(created.id)));
      await this.associate(type, String(created.id), links);
      this.repo.transaction(() => this.repo.complete(item.id));
      this.options.ledger?.record(type, row.id);
      return;
    }

    // Engagements: look up before re-creating when a previous attempt's outcome is unknown.
    if (item.state === 'sending') {
      const found = await this.findByAccueilId(type, row.id);
      if (found) {
        this.repo.transaction(() => {
          this.mirror.setHubspotId(type, row.id, found);
          this.repo.complete(item.id);
        });
        this.options.ledger?.record(type, row.id);
        return;
      }
      const since = item.sendingSince ? Date.parse(item.sendingSince) : 0;
      if (Date.now() - since < this.lookupGraceMs) throw new NotYet('recherche HubSpot en retard : vérification avant un nouvel envoi');
    }
    this.repo.markSending(item.id);
    const associations = this.associationsFor(type, row);
    const res = await this.client(`create ${type}`, (c) => c.crm.objects.basicApi.create(type, { properties, associations: associations as never }));
    this.repo.transaction(() => {
      this.mirror.setHubspotId(type, row.id, String(res.id));
      this.repo.complete(item.id);
    });
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

  /** Creates the accueil_id property on a type once (unique where HubSpot can upsert by it). */
  private async ensureAccueilId(type: MirrorType): Promise<void> {
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
            hasUniqueValue: UPSERTABLE.has(type),
            formField: false,
          }),
        );
      } catch (createError) {
        if (classifyHubSpotError(createError).kind !== 'conflict') throw createError;
      }
    }
    this.state.set(key, true);
  }

  private linkedHubspotId(type: 'contacts' | 'companies' | 'tickets', localId: unknown): string | null {
    if (typeof localId !== 'string' || !localId) return null;
    const hs = this.mirror.hubspotId(type, localId);
    if (hs) return hs;
    const kind = type === 'contacts' ? 'contact' : type === 'companies' ? 'company' : 'ticket';
    // Sent first, then this one: the association must name an id HubSpot knows.
    if (this.repo.hasPending(kind, localId)) throw new NotYet(`en attente de l’envoi du ${kind} associé`);
    return null;
  }

  private associationsFor(type: MirrorType, row: Row) {
    const out: Array<{ to: { id: string }; types: Array<{ associationCategory: string; associationTypeId: number }> }> = [];
    const add = (to: 'contacts' | 'companies' | 'tickets', localId: unknown) => {
      const id = this.linkedHubspotId(to, localId);
      const typeId = ASSOCIATION[`${type}>${to}`];
      if (id && typeId) out.push({ to: { id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId }] });
    };
    add('contacts', row.contact_id);
    add('companies', row.company_id);
    add('tickets', row.ticket_id);
    return out;
  }

  /**
   * What a record sent by update or upsert must be linked to in HubSpot (a create of an engagement
   * names its links in the request instead): a contact's company, a ticket's contact and company, an
   * engagement's contact, company and ticket — linked after the fact when Claire attached the caller
   * once the call was logged. Waits (NotYet) while one of them is still to be sent.
   */
  private linksAfter(kind: OutboxKind, row: Row): Array<{ to: 'contacts' | 'companies' | 'tickets'; id: string }> {
    const targets: Array<['contacts' | 'companies' | 'tickets', unknown]> =
      kind === 'contact'
        ? [['companies', row.company_id]]
        : kind === 'company'
          ? []
          : kind === 'ticket'
            ? [['contacts', row.contact_id], ['companies', row.company_id]]
            : [['contacts', row.contact_id], ['companies', row.company_id], ['tickets', row.ticket_id]];
    const links: Array<{ to: 'contacts' | 'companies' | 'tickets'; id: string }> = [];
    for (const [to, localId] of targets) {
      const id = this.linkedHubspotId(to, localId);
      if (id && ASSOCIATION[`${TYPE_OF[kind]}>${to}`]) links.push({ to, id });
    }
    return links;
  }

  /** v4 PUTs of HubSpot-defined associations (idempotent: the same pair twice is one link). */
  private async associate(from: MirrorType, hubspotId: string, links: Array<{ to: 'contacts' | 'companies' | 'tickets'; id: string }>): Promise<void> {
    for (const { to, id } of links) {
      const typeId = ASSOCIATION[`${from}>${to}`]!;
      await this.client(`associate ${from}→${to}`, (c) => c.crm.associations.v4.basicApi.create(from, hubspotId, to, id, [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: typeId }]));
    }
  }

  private async callDisposition(outcome: unknown): Promise<string | null> {
    if (typeof outcome !== 'string' || !DISPOSITION_LABEL[outcome]) return null;
    if (!this.dispositions) {
      // GUIDs differ per portal: read them, never hard-code them.
      const def = await this.client('property hs_call_disposition', (c) => c.crm.properties.coreApi.getByName('calls', 'hs_call_disposition'));
      this.dispositions = new Map((def.options ?? []).map((o) => [o.label, o.value]));
    }
    return this.dispositions.get(DISPOSITION_LABEL[outcome]!) ?? null;
  }

  private async payload(kind: OutboxKind, row: Row): Promise<Record<string, string>> {
    const s = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
    const base: Record<string, string> = { [ACCUEIL_ID]: row.id };
    switch (kind) {
      case 'contact': {
        const phones = this.mirror.phonesOf('contact_id', row.id);
        const mobile = phones.find((p) => p.kind === 'mobile');
        const other = phones.find((p) => p !== mobile);
        return {
          ...base,
          firstname: s(row.first_name),
          lastname: s(row.last_name),
          ...(row.email ? { email: s(row.email) } : {}),
          ...(row.role ? { jobtitle: s(row.role) } : {}),
          ...(row.address ? { address: s(row.address) } : {}),
          ...(row.postal_code ? { zip: s(row.postal_code) } : {}),
          ...(row.city ? { city: s(row.city) } : {}),
          ...(mobile ? { mobilephone: mobile.e164 ?? mobile.raw } : {}),
          ...(other ? { phone: other.e164 ?? other.raw } : {}),
        };
      }
      case 'company': {
        const phone = this.mirror.phonesOf('company_id', row.id)[0];
        return {
          ...base,
          name: s(row.name),
          ...(row.address ? { address: s(row.address) } : {}),
          ...(row.postal_code ? { zip: s(row.postal_code) } : {}),
          ...(row.city ? { city: s(row.city) } : {}),
          ...(phone ? { phone: phone.e164 ?? phone.raw } : {}),
        };
      }
      case 'ticket': {
        const stage = stageForStatus(this.mirror.stages('tickets'), s(row.status));
        if (!stage) throw new HubSpotError('bad_request', { reason: 'hubspot.pipelines_not_synced' });
        return {
          ...base,
          subject: s(row.subject),
          ...(row.description ? { content: s(row.description) } : {}),
          hs_pipeline: stage.pipelineId,
          hs_pipeline_stage: stage.stageId,
          hs_ticket_priority: PRIORITY[s(row.priority)] ?? 'MEDIUM',
        };
      }
      case 'call': {
        const state = s(row.state);
        if (state === 'ringing' || state === 'answered') throw new NotYet('appel en cours : envoyé à la fin');
        const answered = row.answer_at ? Date.parse(s(row.answer_at)) : null;
        const ended = row.end_at ? Date.parse(s(row.end_at)) : null;
        const duration = answered !== null && ended !== null ? Math.max(0, ended - answered) : 0;
        const inbound = row.direction === 'inbound';
        const disposition = await this.callDisposition(row.outcome);
        return {
          ...base,
          hs_timestamp: new Date(s(row.ring_at)).toISOString(),
          hs_call_direction: inbound ? 'INBOUND' : 'OUTBOUND',
          hs_call_status: state === 'ended' && answered !== null ? 'COMPLETED' : state === 'failed' ? 'FAILED' : 'NO_ANSWER',
          hs_call_duration: String(duration),
          hs_call_from_number: s(row.from_e164 ?? row.from_raw),
          hs_call_to_number: s(row.to_e164 ?? row.to_raw),
          hs_call_title: `${inbound ? 'Appel entrant' : 'Appel sortant'}${row.match_label ? ` — ${s(row.match_label)}` : ''}`,
          hs_call_body: s(row.body),
          ...(disposition ? { hs_call_disposition: disposition } : {}),
        };
      }
      case 'note':
        return { ...base, hs_timestamp: new Date(s(row.created_at)).toISOString(), hs_note_body: s(row.body) };
      case 'email':
        return {
          ...base,
          hs_timestamp: new Date(s(row.sent_at)).toISOString(),
          hs_email_direction: row.direction === 'in' ? 'INCOMING_EMAIL' : 'EMAIL',
          hs_email_status: 'SENT',
          hs_email_subject: s(row.subject),
          hs_email_text: s(row.body),
          ...(row.from_address ? { hs_email_from_email: s(row.from_address) } : {}),
          ...(row.to_address ? { hs_email_to_email: s(row.to_address) } : {}),
        };
    }
  }
}
