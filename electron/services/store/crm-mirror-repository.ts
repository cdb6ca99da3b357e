/**
 * The local copy of HubSpot: upserts of contacts, companies, tickets, deals (as devis), engagements
 * (calls, notes, e-mails, meetings as interventions, tasks), owners and pipelines, keyed by
 * `hubspot_id`; associations kept by HubSpot id so late arrivals are attached; deletions and merges.
 * Records that Accueil created carry their local id in HubSpot's `accueil_id`: when they come back
 * they update the row they came from instead of creating a twin.
 */
import { randomUUID } from 'node:crypto';
import type { PhoneKind } from '../../contract/model';
import { normalizeNumber, phoneKindFor, phoneSearchDigits, type NormalizeOptions } from '../shared/phone-number';
import type { AccueilDatabase } from './database';
import { JobsRepository } from './jobs-repository';
import type { Clock } from './record-owner';

export type MirrorType = 'contacts' | 'companies' | 'tickets' | 'deals' | 'calls' | 'notes' | 'emails' | 'meetings' | 'tasks';

/** Local table of each HubSpot object type. */
export const MIRROR_TABLE: Record<MirrorType, string> = {
  contacts: 'contacts',
  companies: 'companies',
  tickets: 'tickets',
  deals: 'quotes',
  calls: 'calls',
  notes: 'notes',
  emails: 'emails',
  meetings: 'interventions',
  tasks: 'crm_tasks',
};

export interface MirrorLinks {
  contacts: string[];
  companies: string[];
  tickets?: string[];
}

interface Base {
  hubspotId: string;
  /** Local id of the row this record was created from (HubSpot property accueil_id). */
  accueilId: string | null;
  createdAt: string;
  links: MirrorLinks;
}

export interface MirrorContact extends Base {
  firstName: string;
  lastName: string;
  email: string | null;
  role: string | null;
  address: string | null;
  postalCode: string | null;
  city: string | null;
  phones: Array<{ raw: string; kind?: PhoneKind }>;
  mergedIds: string[];
}
export interface MirrorCompany extends Base {
  name: string;
  address: string | null;
  postalCode: string | null;
  city: string | null;
  /** HubSpot's `code_client_sage` (the Sage account code), when set. */
  sageCode?: string | null;
  phones: Array<{ raw: string; kind?: PhoneKind }>;
  mergedIds: string[];
}
export interface MirrorTicket extends Base {
  subject: string;
  description: string | null;
  status: 'nouveau' | 'en_cours' | 'en_attente' | 'resolu' | 'ferme';
  priority: 'basse' | 'normale' | 'haute' | 'urgente';
  category: 'depannage' | 'demande_devis' | 'rdv_intervention' | 'reclamation' | 'facturation' | 'autre';
}
export interface MirrorQuote extends Base {
  title: string;
  amountCents: number;
  status: 'brouillon' | 'envoye' | 'accepte' | 'refuse' | 'expire';
}
export interface MirrorCall extends Base {
  direction: 'inbound' | 'outbound';
  state: 'ended' | 'missed' | 'failed';
  fromRaw: string;
  toRaw: string;
  ringAt: string;
  answerAt: string | null;
  endAt: string | null;
  title: string | null;
}
export interface MirrorNote extends Base {
  body: string;
  author: string | null;
}
export interface MirrorEmail extends Base {
  direction: 'in' | 'out';
  fromAddress: string | null;
  toAddress: string | null;
  subject: string;
  body: string;
  sentAt: string;
}
export interface MirrorMeeting extends Base {
  kind: string;
  status: 'planifiee' | 'en_cours' | 'terminee' | 'annulee';
  scheduledAt: string;
  report: string | null;
  technician: string | null;
}
export interface MirrorTask extends Base {
  subject: string;
  body: string | null;
  status: string | null;
  dueAt: string | null;
}

export type MirrorRecord =
  | { type: 'contacts'; record: MirrorContact }
  | { type: 'companies'; record: MirrorCompany }
  | { type: 'tickets'; record: MirrorTicket }
  | { type: 'deals'; record: MirrorQuote }
  | { type: 'calls'; record: MirrorCall }
  | { type: 'notes'; record: MirrorNote }
  | { type: 'emails'; record: MirrorEmail }
  | { type: 'meetings'; record: MirrorMeeting }
  | { type: 'tasks'; record: MirrorTask };

/** crm_associations' to_type of a contact's primary company (beside its row under 'companies'). */
const PRIMARY_COMPANY = 'companies:primary';

/** The jobs queue of the pushes to HubSpot (jobs-repository.ts); crm/outbox.ts runs it. */
export const HUBSPOT_QUEUE = 'hubspot';

/**
 * The job kind of each type Accueil pushes (crm/hubspot-objects.ts says how, and a test that the two
 * agree): a record with a push waiting wins over the pull, and its jobs follow it when it is merged
 * or removed.
 */
export const PUSHED_KIND: Partial<Record<MirrorType, string>> = { contacts: 'contact', companies: 'company', tickets: 'ticket', calls: 'call', notes: 'note', emails: 'email', meetings: 'meeting' };

export class CrmMirrorRepository {
  private readonly columnsCache = new Map<string, Set<string>>();
  private readonly tablesWithColumn = new Map<string, string[]>();
  private readonly jobs: JobsRepository;

  constructor(
    private readonly db: AccueilDatabase,
    private readonly clock: Clock = () => new Date(),
    private readonly numbering: NormalizeOptions = {},
  ) {
    this.jobs = new JobsRepository(db, clock);
  }

  private now(): string {
    return this.clock().toISOString();
  }

  private columns(table: string): Set<string> {
    let set = this.columnsCache.get(table);
    if (!set) {
      set = new Set(this.db.prepare<{ name: string }>(`SELECT name FROM pragma_table_info(?)`).all(table).map((r) => r.name));
      this.columnsCache.set(table, set);
    }
    return set;
  }

  /** Every table with this column (other areas add tables that point at contacts too). */
  private tablesReferencing(column: string): string[] {
    let list = this.tablesWithColumn.get(column);
    if (!list) {
      const tables = this.db.prepare<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'`).all();
      list = tables.map((t) => t.name).filter((t) => t !== 'phones' && this.columns(t).has(column));
      this.tablesWithColumn.set(column, list);
    }
    return list;
  }

  localId(type: MirrorType, hubspotId: string): string | null {
    return this.db.prepare<{ id: string }>(`SELECT id FROM ${MIRROR_TABLE[type]} WHERE hubspot_id = ?`).get(hubspotId)?.id ?? null;
  }

  hubspotId(type: MirrorType, localId: string): string | null {
    return this.db.prepare<{ hubspot_id: string | null }>(`SELECT hubspot_id FROM ${MIRROR_TABLE[type]} WHERE id = ?`).get(localId)?.hubspot_id ?? null;
  }

  setHubspotId(type: MirrorType, localId: string, hubspotId: string): void {
    const table = MIRROR_TABLE[type];
    // A pull may have brought the record back first under its own row: that twin is dropped.
    const twin = this.localId(type, hubspotId);
    if (twin && twin !== localId) this.dropDuplicate(type, twin, localId);
    this.db.prepare(`UPDATE ${table} SET hubspot_id = ? WHERE id = ?`).run(hubspotId, localId);
  }

  count(type: MirrorType): number {
    return this.db.prepare<{ n: number }>(`SELECT count(*) AS n FROM ${MIRROR_TABLE[type]} WHERE hubspot_id IS NOT NULL`).get()?.n ?? 0;
  }

  private firstLocal(type: 'contacts' | 'companies' | 'tickets', hubspotIds: string[] | undefined): string | null {
    for (const id of hubspotIds ?? []) {
      const local = this.localId(type, id);
      if (local) return local;
    }
    return null;
  }

  private pendingLocal(type: MirrorType, localId: string): boolean {
    const kind = PUSHED_KIND[type];
    return kind !== undefined && this.jobs.isQueued(HUBSPOT_QUEUE, kind, localId);
  }

  private saveLinks(type: MirrorType, hubspotId: string, links: MirrorLinks): void {
    this.db.prepare(`DELETE FROM crm_associations WHERE from_type = ? AND from_id = ?`).run(type, hubspotId);
    const insert = this.db.prepare(`INSERT OR IGNORE INTO crm_associations (from_type, from_id, to_type, to_id) VALUES (?, ?, ?, ?)`);
    for (const to of links.contacts) insert.run(type, hubspotId, 'contacts', to);
    for (const to of links.companies) insert.run(type, hubspotId, 'companies', to);
    for (const to of links.tickets ?? []) insert.run(type, hubspotId, 'tickets', to);
    // The primary company, so a contact stored before its companies can be attached to the right one.
    if (type === 'contacts' && links.companies[0]) insert.run(type, hubspotId, PRIMARY_COMPANY, links.companies[0]);
  }

  /**
   * Which local row a HubSpot record lands in: the one with its hubspot_id, else the one it was
   * created from (accueil_id), else, after a merge, a row of a merged-away id (so local references
   * such as the call journal keep pointing at the same person).
   */
  private target(type: MirrorType, record: Base & { mergedIds?: string[] }): string | null {
    const table = MIRROR_TABLE[type];
    const byHubspot = this.localId(type, record.hubspotId);
    if (byHubspot) return byHubspot;
    if (record.accueilId) {
      const row = this.db.prepare<{ id: string; hubspot_id: string | null }>(`SELECT id, hubspot_id FROM ${table} WHERE id = ?`).get(record.accueilId);
      if (row) return row.id;
    }
    for (const old of record.mergedIds ?? []) {
      const local = this.localId(type, old);
      if (local) return local;
    }
    return null;
  }

  /** Folds merged-away records into the survivor: references re-pointed, the old rows removed. */
  private absorbMerged(type: 'contacts' | 'companies', survivorLocalId: string, mergedIds: string[]): string[] {
    const absorbed: string[] = [];
    for (const old of mergedIds) {
      const local = this.localId(type, old);
      if (!local || local === survivorLocalId) continue;
      this.dropDuplicate(type, local, survivorLocalId);
      absorbed.push(local);
    }
    return absorbed;
  }

  /** Re-points every reference from `fromLocal` to `toLocal`, then deletes `fromLocal`. */
  private dropDuplicate(type: MirrorType, fromLocal: string, toLocal: string): void {
    const table = MIRROR_TABLE[type];
    if (type === 'contacts' || type === 'companies') {
      const column = type === 'contacts' ? 'contact_id' : 'company_id';
      for (const t of this.tablesReferencing(column)) {
        if (t === table) continue;
        this.db.prepare(`UPDATE ${t} SET ${column} = ? WHERE ${column} = ?`).run(toLocal, fromLocal);
      }
      this.db.prepare(`DELETE FROM phones WHERE ${column} = ?`).run(fromLocal);
    }
    const kind = PUSHED_KIND[type];
    if (kind) this.jobs.moveSubject(HUBSPOT_QUEUE, kind, fromLocal, toLocal);
    this.db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(fromLocal);
  }

  private replacePhones(column: 'contact_id' | 'company_id', ownerId: string, phones: Array<{ raw: string; kind?: PhoneKind }>, defaultKind?: PhoneKind): void {
    this.db.prepare(`DELETE FROM phones WHERE ${column} = ?`).run(ownerId);
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO phones (contact_id, company_id, e164, raw, kind, search_digits, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const at = this.now();
    for (const phone of phones) {
      const raw = phone.raw.trim();
      if (!raw) continue;
      const number = normalizeNumber(raw, this.numbering);
      if (number.kind === 'masque') continue;
      const kind = phone.kind ?? defaultKind ?? phoneKindFor(number);
      insert.run(column === 'contact_id' ? ownerId : null, column === 'company_id' ? ownerId : null, number.e164, raw, kind, phoneSearchDigits(number.e164, raw), at, at);
    }
  }

  /**
   * Stores one HubSpot record. Returns the local id, or null when the local row has a change
   * waiting to be pushed (the local edit wins until it is sent; HubSpot's answer comes back later).
   * `attachLate`: also attach records that referenced this one before it arrived (incremental sync).
   * `localWins`: the local row also wins when this says so (a push completed after the page was read).
   */
  upsert(item: MirrorRecord, options: { attachLate?: boolean; localWins?: (localId: string) => boolean } = {}): string | null {
    const { type, record } = item;
    const table = MIRROR_TABLE[type];
    const mergedIds = 'mergedIds' in record ? record.mergedIds.filter((id) => id !== record.hubspotId) : [];
    const localId = this.target(type, { ...record, mergedIds });
    this.saveLinks(type, record.hubspotId, record.links);
    if (localId && (this.pendingLocal(type, localId) || options.localWins?.(localId) === true)) {
      const current = this.hubspotId(type, localId);
      if (!current) this.setHubspotId(type, localId, record.hubspotId);
      return null;
    }
    const at = this.now();
    const contactId = type === 'contacts' ? null : this.firstLocal('contacts', record.links.contacts);
    const companyId = type === 'companies' ? null : this.firstLocal('companies', record.links.companies);
    const isNew = localId === null;
    const id = localId ?? randomUUID();
    switch (type) {
      case 'contacts': {
        const r = record as MirrorContact;
        const values = { id, first_name: r.firstName, last_name: r.lastName, email: r.email, role: r.role, company_id: companyId, address: r.address, postal_code: r.postalCode, city: r.city, hubspot_id: r.hubspotId, created_at: r.createdAt, at };
        if (isNew)
          this.db
            .prepare(`INSERT INTO contacts (id, first_name, last_name, email, role, company_id, address, postal_code, city, hubspot_id, created_at, updated_at) VALUES (@id, @first_name, @last_name, @email, @role, @company_id, @address, @postal_code, @city, @hubspot_id, @created_at, @at)`)
            .run(values);
        else
          this.db
            .prepare(`UPDATE contacts SET first_name = @first_name, last_name = @last_name, email = @email, role = @role, company_id = @company_id, address = @address, postal_code = @postal_code, city = @city, hubspot_id = @hubspot_id, updated_at = @at WHERE id = @id`)
            .run(values);
        this.absorbMerged('contacts', id, mergedIds);
        this.replacePhones('contact_id', id, r.phones);
        if (options.attachLate) this.attachLate('contacts', r.hubspotId, id);
        break;
      }
      case 'companies': {
        const r = record as MirrorCompany;
        const values = { id, name: r.name, address: r.address, postal_code: r.postalCode, city: r.city, hubspot_id: r.hubspotId, sage_code: r.sageCode ?? null, created_at: r.createdAt, at };
        if (isNew)
          this.db
            .prepare(`INSERT INTO companies (id, name, address, postal_code, city, hubspot_id, sage_code, created_at, updated_at) VALUES (@id, @name, @address, @postal_code, @city, @hubspot_id, @sage_code, @created_at, @at)`)
            .run(values);
        else this.db.prepare(`UPDATE companies SET name = @name, address = @address, postal_code = @postal_code, city = @city, hubspot_id = @hubspot_id, sage_code = @sage_code, updated_at = @at WHERE id = @id`).run(values);
        this.absorbMerged('companies', id, mergedIds);
        this.replacePhones('company_id', id, r.phones, 'standard');
        if (options.attachLate) this.attachLate('companies', r.hubspotId, id);
        break;
      }
      case 'tickets': {
        const r = record as MirrorTicket;
        const values = { id, subject: r.subject, description: r.description, status: r.status, priority: r.priority, category: r.category, contact_id: contactId, company_id: companyId, hubspot_id: r.hubspotId, created_at: r.createdAt, at };
        if (isNew)
          this.db
            .prepare(`INSERT INTO tickets (id, subject, description, status, priority, category, contact_id, company_id, hubspot_id, created_at, updated_at) VALUES (@id, @subject, @description, @status, @priority, @category, @contact_id, @company_id, @hubspot_id, @created_at, @at)`)
            .run(values);
        else
          this.db
            .prepare(`UPDATE tickets SET subject = @subject, description = @description, status = @status, priority = @priority, contact_id = coalesce(@contact_id, contact_id), company_id = coalesce(@company_id, company_id), hubspot_id = @hubspot_id, updated_at = @at WHERE id = @id`)
            .run(values);
        break;
      }
      case 'deals': {
        const r = record as MirrorQuote;
        const values = { id, number: `HS-${r.hubspotId}`, title: r.title, amount_cents: r.amountCents, status: r.status, contact_id: contactId, company_id: companyId, hubspot_id: r.hubspotId, created_at: r.createdAt, at };
        if (isNew)
          this.db
            .prepare(`INSERT INTO quotes (id, number, title, amount_cents, status, contact_id, company_id, hubspot_id, created_at, updated_at) VALUES (@id, @number, @title, @amount_cents, @status, @contact_id, @company_id, @hubspot_id, @created_at, @at)`)
            .run(values);
        else this.db.prepare(`UPDATE quotes SET title = @title, amount_cents = @amount_cents, status = @status, contact_id = @contact_id, company_id = @company_id, updated_at = @at WHERE id = @id`).run(values);
        break;
      }
      case 'calls': {
        const r = record as MirrorCall;
        if (!isNew && this.db.prepare<{ sip: string | null }>(`SELECT sip_call_id AS sip FROM calls WHERE id = ?`).get(id)?.sip) {
          // The journal recorded this call itself: its own account wins; only the link is kept.
          this.db.prepare(`UPDATE calls SET hubspot_id = ? WHERE id = ?`).run(r.hubspotId, id);
          break;
        }
        const from = normalizeNumber(r.fromRaw || 'anonymous', this.numbering);
        const values = {
          id,
          direction: r.direction,
          state: r.state,
          from_raw: r.fromRaw,
          from_e164: from.e164,
          from_display: r.fromRaw || r.title || '',
          to_raw: r.toRaw,
          ring_at: r.ringAt,
          answer_at: r.answerAt,
          end_at: r.endAt,
          contact_id: contactId,
          company_id: companyId,
          match_label: r.title,
          hubspot_id: r.hubspotId,
          at,
        };
        if (isNew)
          this.db
            .prepare(
              `INSERT INTO calls (id, direction, state, from_raw, from_e164, from_display, to_raw, ring_at, answer_at, end_at, contact_id, company_id, match_label, hubspot_id, updated_at)
               VALUES (@id, @direction, @state, @from_raw, @from_e164, @from_display, @to_raw, @ring_at, @answer_at, @end_at, @contact_id, @company_id, @match_label, @hubspot_id, @at)`,
            )
            .run(values);
        else
          this.db
            .prepare(
              `UPDATE calls SET direction = @direction, state = @state, from_raw = @from_raw, from_e164 = @from_e164, from_display = @from_display, to_raw = @to_raw, ring_at = @ring_at,
               answer_at = @answer_at, end_at = @end_at, contact_id = @contact_id, company_id = @company_id, match_label = @match_label, hubspot_id = @hubspot_id, updated_at = @at WHERE id = @id`,
            )
            .run(values);
        break;
      }
      case 'notes': {
        const r = record as MirrorNote;
        const values = { id, body: r.body, author: r.author, contact_id: contactId, company_id: companyId, hubspot_id: r.hubspotId, created_at: r.createdAt, at };
        if (isNew)
          this.db.prepare(`INSERT INTO notes (id, contact_id, company_id, body, author, hubspot_id, created_at, updated_at) VALUES (@id, @contact_id, @company_id, @body, @author, @hubspot_id, @created_at, @at)`).run(values);
        else this.db.prepare(`UPDATE notes SET body = @body, author = @author, contact_id = @contact_id, company_id = @company_id, hubspot_id = @hubspot_id, updated_at = @at WHERE id = @id`).run(values);
        break;
      }
      case 'emails': {
        const r = record as MirrorEmail;
        const values = { id, direction: r.direction, from_address: r.fromAddress, to_address: r.toAddress, subject: r.subject, body: r.body, sent_at: r.sentAt, contact_id: contactId, company_id: companyId, hubspot_id: r.hubspotId, at };
        if (isNew)
          this.db
            .prepare(`INSERT INTO emails (id, contact_id, company_id, direction, from_address, to_address, subject, body, sent_at, hubspot_id, updated_at) VALUES (@id, @contact_id, @company_id, @direction, @from_address, @to_address, @subject, @body, @sent_at, @hubspot_id, @at)`)
            .run(values);
        else
          this.db
            .prepare(`UPDATE emails SET direction = @direction, from_address = @from_address, to_address = @to_address, subject = @subject, body = @body, sent_at = @sent_at, contact_id = @contact_id, company_id = @company_id, hubspot_id = @hubspot_id, updated_at = @at WHERE id = @id`)
            .run(values);
        break;
      }
      case 'meetings': {
        const r = record as MirrorMeeting;
        const values = { id, kind: r.kind, status: r.status, scheduled_at: r.scheduledAt, technician: r.technician, report: r.report, contact_id: contactId, company_id: companyId, hubspot_id: r.hubspotId, created_at: r.createdAt, at };
        if (isNew)
          this.db
            .prepare(`INSERT INTO interventions (id, kind, status, scheduled_at, technician, report, contact_id, company_id, hubspot_id, created_at, updated_at) VALUES (@id, @kind, @status, @scheduled_at, @technician, @report, @contact_id, @company_id, @hubspot_id, @created_at, @at)`)
            .run(values);
        else
          this.db
            .prepare(`UPDATE interventions SET kind = @kind, status = @status, scheduled_at = @scheduled_at, technician = @technician, report = @report, contact_id = @contact_id, company_id = @company_id, updated_at = @at WHERE id = @id`)
            .run(values);
        break;
      }
      case 'tasks': {
        const r = record as MirrorTask;
        const values = { id, subject: r.subject, body: r.body, status: r.status, due_at: r.dueAt, contact_id: contactId, company_id: companyId, hubspot_id: r.hubspotId, created_at: r.createdAt, at };
        if (isNew)
          this.db
            .prepare(`INSERT INTO crm_tasks (id, subject, body, status, due_at, contact_id, company_id, hubspot_id, created_at, updated_at) VALUES (@id, @subject, @body, @status, @due_at, @contact_id, @company_id, @hubspot_id, @created_at, @at)`)
            .run(values);
        else
          this.db
            .prepare(`UPDATE crm_tasks SET subject = @subject, body = @body, status = @status, due_at = @due_at, contact_id = @contact_id, company_id = @company_id, updated_at = @at WHERE id = @id`)
            .run(values);
        break;
      }
    }
    void table;
    return id;
  }

  /** Records that named this contact or company before it was in the cache now point at it. */
  private attachLate(type: 'contacts' | 'companies', hubspotId: string, localId: string): void {
    const column = type === 'contacts' ? 'contact_id' : 'company_id';
    const sources: MirrorType[] = type === 'contacts' ? ['tickets', 'deals', 'calls', 'notes', 'emails', 'meetings', 'tasks'] : ['contacts', 'tickets', 'deals', 'calls', 'notes', 'emails', 'meetings', 'tasks'];
    for (const from of sources) {
      this.db
        .prepare(
          `UPDATE ${MIRROR_TABLE[from]} SET ${column} = ? WHERE ${column} IS NULL AND hubspot_id IN (SELECT from_id FROM crm_associations WHERE from_type = ? AND to_type = ? AND to_id = ?)`,
        )
        .run(localId, from, type, hubspotId);
    }
  }

  /**
   * After an initial copy whose object types arrived side by side: every record stored before the
   * contact or company it is associated with now points at it (a contact at its primary company).
   * One statement per table and column; records already linked are left alone.
   */
  attachPendingLinks(): void {
    const targets: Array<[MirrorType, 'contact_id' | 'company_id', 'contacts' | 'companies']> = [['contacts', 'company_id', 'companies']];
    for (const from of ['tickets', 'deals', 'calls', 'notes', 'emails', 'meetings', 'tasks'] as const) targets.push([from, 'contact_id', 'contacts'], [from, 'company_id', 'companies']);
    for (const [from, column, to] of targets) {
      const table = MIRROR_TABLE[from];
      const pick = (toType: string) =>
        `(SELECT t.id FROM crm_associations a JOIN ${MIRROR_TABLE[to]} t ON t.hubspot_id = a.to_id WHERE a.from_type = '${from}' AND a.from_id = ${table}.hubspot_id AND a.to_type = '${toType}' LIMIT 1)`;
      const chosen = from === 'contacts' ? `coalesce(${pick(PRIMARY_COMPANY)}, ${pick(to)})` : pick(to);
      this.db
        .prepare(
          `UPDATE ${table} SET ${column} = ${chosen}
           WHERE ${column} IS NULL AND hubspot_id IS NOT NULL AND ${pick(to)} IS NOT NULL`,
        )
        .run();
    }
  }

  /**
   * A record deleted in HubSpot leaves the cache (HubSpot wins over a local edit still queued).
   * A call the journal recorded itself stays: a call that happened is never lost.
   */
  remove(type: MirrorType, hubspotId: string): boolean {
    const local = this.localId(type, hubspotId);
    this.db.prepare(`DELETE FROM crm_associations WHERE from_type = ? AND from_id = ?`).run(type, hubspotId);
    if (!local) return false;
    const kind = PUSHED_KIND[type];
    if (kind) this.jobs.cancel(HUBSPOT_QUEUE, kind, local);
    if (type === 'calls') {
      const sip = this.db.prepare<{ sip: string | null }>(`SELECT sip_call_id AS sip FROM calls WHERE id = ?`).get(local)?.sip;
      if (sip) {
        this.db.prepare(`UPDATE calls SET hubspot_id = NULL WHERE id = ?`).run(local);
        return true;
      }
    }
    this.db.prepare(`DELETE FROM ${MIRROR_TABLE[type]} WHERE id = ?`).run(local);
    return true;
  }

  upsertOwner(owner: { hubspotId: string; firstName: string | null; lastName: string | null; email: string | null }): void {
    this.db
      .prepare(
        `INSERT INTO crm_owners (hubspot_id, first_name, last_name, email, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(hubspot_id) DO UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name, email = excluded.email, updated_at = excluded.updated_at`,
      )
      .run(owner.hubspotId, owner.firstName, owner.lastName, owner.email, this.now());
  }

  ownerName(hubspotId: string | null): string | null {
    if (!hubspotId) return null;
    const row = this.db.prepare<{ first_name: string | null; last_name: string | null }>(`SELECT first_name, last_name FROM crm_owners WHERE hubspot_id = ?`).get(hubspotId);
    return row ? `${row.first_name ?? ''} ${row.last_name ?? ''}`.trim() || null : null;
  }

  replacePipelines(objectType: 'tickets' | 'deals', pipelines: Array<{ id: string; label: string; displayOrder: number; stages: Array<{ id: string; label: string; displayOrder: number; isClosed: boolean }> }>): void {
    this.db.prepare(`DELETE FROM crm_pipelines WHERE object_type = ?`).run(objectType);
    this.db.prepare(`DELETE FROM crm_pipeline_stages WHERE object_type = ?`).run(objectType);
    for (const p of pipelines) {
      this.db.prepare(`INSERT INTO crm_pipelines (object_type, hubspot_id, label, display_order) VALUES (?, ?, ?, ?)`).run(objectType, p.id, p.label, p.displayOrder);
      for (const s of p.stages) {
        this.db
          .prepare(`INSERT INTO crm_pipeline_stages (object_type, pipeline_id, hubspot_id, label, display_order, is_closed) VALUES (?, ?, ?, ?, ?, ?)`)
          .run(objectType, p.id, s.id, s.label, s.displayOrder, s.isClosed ? 1 : 0);
      }
    }
  }

  stages(objectType: 'tickets' | 'deals'): Array<{ pipelineId: string; id: string; label: string; displayOrder: number; isClosed: boolean; pipelineOrder: number }> {
    return this.db
      .prepare<{ pipeline_id: string; hubspot_id: string; label: string; display_order: number; is_closed: number; pipeline_order: number }>(
        `SELECT s.pipeline_id, s.hubspot_id, s.label, s.display_order, s.is_closed, p.display_order AS pipeline_order
         FROM crm_pipeline_stages s JOIN crm_pipelines p ON p.object_type = s.object_type AND p.hubspot_id = s.pipeline_id
         WHERE s.object_type = ? ORDER BY p.display_order, s.display_order`,
      )
      .all(objectType)
      .map((r) => ({ pipelineId: r.pipeline_id, id: r.hubspot_id, label: r.label, displayOrder: r.display_order, isClosed: r.is_closed === 1, pipelineOrder: r.pipeline_order }));
  }

  /** A local row as HubSpot needs it to build a payload (the pusher reads it at send time). */
  row(table: string, id: string): Record<string, unknown> | null {
    return this.db.prepare<Record<string, unknown>>(`SELECT * FROM ${table} WHERE id = ?`).get(id) ?? null;
  }

  phonesOf(column: 'contact_id' | 'company_id', id: string): Array<{ e164: string | null; raw: string; kind: PhoneKind }> {
    return this.db.prepare<{ e164: string | null; raw: string; kind: PhoneKind }>(`SELECT e164, raw, kind FROM phones WHERE ${column} = ? ORDER BY id`).all(id);
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work);
  }
}
