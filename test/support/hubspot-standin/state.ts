/**
 * The data of the HubSpot stand-in: CRM objects with their properties, associations (both ways, v4
 * type ids), archived and merged records, owners, pipelines and property definitions, plus the
 * search index that lags writes by a configurable delay. Tests mutate it directly (create, update,
 * archive, merge) to play "someone changed HubSpot".
 */

/** The types Accueil mirrors (its sync reads them); tests iterate these. */
export type MirroredObjectType = 'contacts' | 'companies' | 'deals' | 'tickets' | 'calls' | 'notes' | 'emails' | 'meetings' | 'tasks';
export const MIRRORED_TYPES: readonly MirroredObjectType[] = ['contacts', 'companies', 'deals', 'tickets', 'calls', 'notes', 'emails', 'meetings', 'tasks'];
/** Every type the stand-in serves: the mirrored ones and communications (SMS, WhatsApp logged by Accueil, never read back). */
export type ObjectType = MirroredObjectType | 'communications';
export const OBJECT_TYPES: readonly ObjectType[] = [...MIRRORED_TYPES, 'communications'];
export const ENGAGEMENT_TYPES: readonly ObjectType[] = ['calls', 'notes', 'emails', 'meetings', 'tasks', 'communications'];

export interface StandInRecord {
  id: string;
  type: ObjectType;
  properties: Record<string, string | null>;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  archivedAt: number | null;
  /** Set on a merged-away record: the id of the record that replaced it. */
  mergedInto: string | null;
}

export interface PropertyDefinition {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName: string;
  hasUniqueValue: boolean;
  options: Array<{ label: string; value: string; displayOrder: number; hidden: boolean }>;
  createdAt?: string;
  updatedAt?: string;
}

export interface Owner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId: number;
}

export interface PipelineStage {
  id: string;
  label: string;
  displayOrder: number;
  metadata: Record<string, string>;
}
export interface Pipeline {
  id: string;
  label: string;
  displayOrder: number;
  stages: PipelineStage[];
}

/** The property that holds the last change: documented difference between contacts and the rest. */
export const modifiedProperty = (type: ObjectType): string => (type === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate');
export const createdProperty = (type: ObjectType): string => (type === 'contacts' ? 'createdate' : type === 'companies' || type === 'deals' ? 'createdate' : 'hs_createdate');

const DATE_PROPERTIES = new Set(['lastmodifieddate', 'hs_lastmodifieddate', 'createdate', 'hs_createdate', 'hs_timestamp', 'closedate', 'hs_meeting_start_time', 'hs_meeting_end_time']);
export const isDateProperty = (name: string): boolean => DATE_PROPERTIES.has(name);

/** HubSpot-defined association type ids (v4), from → to, with the reverse pair. */
const ASSOCIATION_TYPES: Record<string, { id: number; reverse: number; name: string }> = {
  'contacts>companies': { id: 279, reverse: 280, name: 'contact_to_company_unlabeled' },
  'contacts>deals': { id: 4, reverse: 3, name: 'contact_to_deal' },
  'contacts>tickets': { id: 15, reverse: 16, name: 'contact_to_ticket' },
  'companies>deals': { id: 342, reverse: 341, name: 'company_to_deal' },
  'companies>tickets': { id: 340, reverse: 339, name: 'company_to_ticket' },
  'calls>contacts': { id: 194, reverse: 193, name: 'call_to_contact' },
  'calls>companies': { id: 182, reverse: 181, name: 'call_to_company' },
  'calls>tickets': { id: 220, reverse: 219, name: 'call_to_ticket' },
  'notes>contacts': { id: 202, reverse: 201, name: 'note_to_contact' },
  'notes>companies': { id: 190, reverse: 189, name: 'note_to_company' },
  'notes>tickets': { id: 228, reverse: 227, name: 'note_to_ticket' },
  'notes>deals': { id: 214, reverse: 213, name: 'note_to_deal' },
  'emails>contacts': { id: 198, reverse: 197, name: 'email_to_contact' },
  'emails>companies': { id: 186, reverse: 185, name: 'email_to_company' },
  'emails>tickets': { id: 224, reverse: 223, name: 'email_to_ticket' },
  'meetings>contacts': { id: 200, reverse: 199, name: 'meeting_event_to_contact' },
  'meetings>companies': { id: 188, reverse: 187, name: 'meeting_event_to_company' },
  'tasks>contacts': { id: 204, reverse: 203, name: 'task_to_contact' },
  'tasks>companies': { id: 192, reverse: 191, name: 'task_to_company' },
  // Communications (SMS, WhatsApp, LinkedIn messages logged from the CRM).
  'communications>contacts': { id: 81, reverse: 82, name: 'communication_to_contact' },
  'communications>companies': { id: 87, reverse: 88, name: 'communication_to_company' },
  'communications>deals': { id: 85, reverse: 86, name: 'communication_to_deal' },
  'communications>tickets': { id: 89, reverse: 90, name: 'communication_to_ticket' },
};
/** Primary contact→company (1) and its reverse (2) live beside the unlabeled pair. */
const PRIMARY_CONTACT_COMPANY = { id: 1, reverse: 2 };

export function defaultAssociationType(from: ObjectType, to: ObjectType): { id: number; name: string } | null {
  const direct = ASSOCIATION_TYPES[`${from}>${to}`];
  if (direct) return { id: direct.id, name: direct.name };
  const reverse = ASSOCIATION_TYPES[`${to}>${from}`];
  if (reverse) return { id: reverse.reverse, name: `${from.replace(/s$/, '')}_to_${to.replace(/s$/, '')}` };
  return null;
}

function reverseTypeId(from: ObjectType, to: ObjectType, typeId: number): number {
  if (from === 'contacts' && to === 'companies' && typeId === PRIMARY_CONTACT_COMPANY.id) return PRIMARY_CONTACT_COMPANY.reverse;
  if (from === 'companies' && to === 'contacts' && typeId === PRIMARY_CONTACT_COMPANY.reverse) return PRIMARY_CONTACT_COMPANY.id;
  const direct = ASSOCIATION_TYPES[`${from}>${to}`];
  if (direct && direct.id === typeId) return direct.reverse;
  const reverse = ASSOCIATION_TYPES[`${to}>${from}`];
  if (reverse && reverse.reverse === typeId) return reverse.id;
  return typeId;
}

export function associationTypeName(from: ObjectType, to: ObjectType, typeId: number): string {
  if (from === 'contacts' && to === 'companies' && typeId === 1) return 'contact_to_company';
  if (from === 'companies' && to === 'contacts' && typeId === 2) return 'company_to_contact';
  const direct = ASSOCIATION_TYPES[`${from}>${to}`];
  if (direct && direct.id === typeId) return direct.name;
  return `${from.replace(/s$/, '')}_to_${to.replace(/s$/, '')}`;
}

export interface AssociationEdge {
  toId: string;
  typeIds: Set<number>;
}

const BASE_PROPERTIES: Record<ObjectType, string[]> = {
  contacts: ['firstname', 'lastname', 'email', 'phone', 'mobilephone', 'jobtitle', 'address', 'zip', 'city', 'company', 'hubspot_owner_id'],
  companies: ['name', 'phone', 'address', 'zip', 'city', 'country', 'domain', 'hubspot_owner_id'],
  deals: ['dealname', 'amount', 'dealstage', 'pipeline', 'closedate', 'hubspot_owner_id'],
  tickets: ['subject', 'content', 'hs_pipeline', 'hs_pipeline_stage', 'hs_ticket_priority', 'hs_ticket_category', 'hubspot_owner_id'],
  calls: ['hs_timestamp', 'hs_call_title', 'hs_call_body', 'hs_call_direction', 'hs_call_status', 'hs_call_duration', 'hs_call_from_number', 'hs_call_to_number', 'hs_call_disposition', 'hubspot_owner_id'],
  notes: ['hs_timestamp', 'hs_note_body', 'hubspot_owner_id', 'hs_attachment_ids'],
  emails: ['hs_timestamp', 'hs_email_direction', 'hs_email_subject', 'hs_email_text', 'hs_email_status', 'hs_email_from_email', 'hs_email_to_email', 'hubspot_owner_id'],
  meetings: ['hs_timestamp', 'hs_meeting_title', 'hs_meeting_body', 'hs_meeting_start_time', 'hs_meeting_end_time', 'hs_meeting_outcome', 'hs_meeting_location', 'hubspot_owner_id'],
  communications: ['hs_timestamp', 'hs_communication_channel_type', 'hs_communication_logged_from', 'hs_communication_body', 'hubspot_owner_id'],
  tasks: ['hs_timestamp', 'hs_task_subject', 'hs_task_body', 'hs_task_status', 'hs_task_priority', 'hs_task_type', 'hubspot_owner_id'],
};

/** hs_call_disposition: internal GUIDs, read from the properties API (never hard-code the labels). */
export const CALL_DISPOSITIONS = [
  { label: 'Busy', value: '9d9162e7-6cf3-4944-bf63-4dff82258764' },
  { label: 'Connected', value: 'f240bbac-87c9-4f6e-bf70-924b57d47db7' },
  { label: 'Left live message', value: 'a4c4c377-d246-4b32-a13b-75a56a4cd0ff' },
  { label: 'Left voicemail', value: 'b2cf5968-551e-4856-9783-52b3da59a7d0' },
  { label: 'No answer', value: '73a0d17f-1163-4015-bdd5-ec830791da20' },
  { label: 'Wrong number', value: '17b47fee-58de-441e-a44c-c6300d46f273' },
];

function baseDefinitions(type: ObjectType): Map<string, PropertyDefinition> {
  const out = new Map<string, PropertyDefinition>();
  const add = (name: string, kind = 'string', fieldType = 'text') =>
    out.set(name, { name, label: name, type: kind, fieldType, groupName: `${type.replace(/s$/, '')}information`, hasUniqueValue: false, options: [] });
  for (const name of BASE_PROPERTIES[type]) add(name, isDateProperty(name) ? 'datetime' : 'string', isDateProperty(name) ? 'date' : 'text');
  add('hs_object_id', 'number', 'number');
  add(createdProperty(type), 'datetime', 'date');
  add('hs_lastmodifieddate', 'datetime', 'date');
  if (type === 'contacts') add('lastmodifieddate', 'datetime', 'date');
  if (type === 'contacts' || type === 'companies') add('hs_merged_object_ids', 'enumeration', 'checkbox');
  if (type === 'calls') {
    out.get('hs_call_disposition')!.type = 'enumeration';
    out.get('hs_call_disposition')!.options = CALL_DISPOSITIONS.map((o, i) => ({ ...o, displayOrder: i, hidden: false }));
  }
  return out;
}

/** A file of the file manager (Files API v3), with its bytes. */
export interface StandInFile {
  id: string;
  name: string;
  extension: string;
  /** Folder path + name + extension: what files/v3/files/stat/{path} finds. */
  path: string;
  parentFolderPath: string;
  access: string;
  size: number;
  bytes: Buffer;
  createdAt: number;
}

export interface SearchIndexEntry {
  properties: Record<string, string | null>;
  createdAt: number;
  updatedAt: number;
}

/**
 * Everything HubSpot holds for one portal. `clock` is Date.now by default; ids are one counter
 * (HubSpot's are per type but opaque: nothing may rely on their values).
 */
export class StandInState {
  readonly records = new Map<ObjectType, Map<string, StandInRecord>>();
  /** `${type}:${id}` → target type → edges. */
  private readonly associations = new Map<string, Map<ObjectType, Map<string, Set<number>>>>();
  readonly properties = new Map<ObjectType, Map<string, PropertyDefinition>>();
  readonly owners: Owner[] = [];
  /** Owners served verbatim after the real ones, whatever their shape (poison tests). */
  readonly rawOwners: unknown[] = [];
  /**
   * What the API serves in place of a record's stored values: `properties` replace (or add) property
   * values with ANY JSON value (numbers, objects, 2 MB strings…), `object` replaces top-level keys
   * (id, associations, createdAt…). Search still filters and sorts on the stored values.
   */
  readonly served = new Map<string, { properties?: Record<string, unknown>; object?: Record<string, unknown> }>();
  readonly pipelines: Record<'tickets' | 'deals', Pipeline[]>;
  /** The file manager (POST /files/v3/files), by id. */
  readonly files = new Map<string, StandInFile>();
  /** What search sees: lags `records` by searchLagMs. */
  private readonly index = new Map<ObjectType, Map<string, SearchIndexEntry>>();
  private readonly pendingIndex: Array<{ type: ObjectType; id: string; entry: SearchIndexEntry | null; visibleAt: number }> = [];
  private nextId = 1001;
  /** Ensures two writes never share a modification instant unless a test asks for it. */
  private lastStamp = 0;
  searchLagMs: number;

  constructor(options: { searchLagMs?: number; now?: () => number } = {}) {
    this.searchLagMs = options.searchLagMs ?? 0;
    if (options.now) this.now = options.now;
    for (const type of OBJECT_TYPES) {
      this.records.set(type, new Map());
      this.index.set(type, new Map());
      this.properties.set(type, baseDefinitions(type));
    }
    this.pipelines = {
      tickets: [
        {
          id: '0',
          label: 'Support Pipeline',
          displayOrder: 0,
          stages: [
            { id: '1', label: 'New', displayOrder: 0, metadata: { ticketState: 'OPEN', isClosed: 'false' } },
            { id: '2', label: 'Waiting on contact', displayOrder: 1, metadata: { ticketState: 'OPEN', isClosed: 'false' } },
            { id: '3', label: 'Waiting on us', displayOrder: 2, metadata: { ticketState: 'OPEN', isClosed: 'false' } },
            { id: '4', label: 'Closed', displayOrder: 3, metadata: { ticketState: 'CLOSED', isClosed: 'true' } },
          ],
        },
      ],
      deals: [
        {
          id: 'default',
          label: 'Sales Pipeline',
          displayOrder: 0,
          stages: [
            { id: 'appointmentscheduled', label: 'Appointment Scheduled', displayOrder: 0, metadata: { isClosed: 'false', probability: '0.2' } },
            { id: 'contractsent', label: 'Contract Sent', displayOrder: 1, metadata: { isClosed: 'false', probability: '0.9' } },
            { id: 'closedwon', label: 'Closed Won', displayOrder: 2, metadata: { isClosed: 'true', probability: '1.0' } },
            { id: 'closedlost', label: 'Closed Lost', displayOrder: 3, metadata: { isClosed: 'true', probability: '0.0' } },
          ],
        },
      ],
    };
  }

  now: () => number = () => Date.now();

  private stamp(at?: number): number {
    const t = at ?? Math.max(this.now(), this.lastStamp + 1);
    this.lastStamp = Math.max(this.lastStamp, t);
    return t;
  }

  newId(): string {
    return String(this.nextId++);
  }

  table(type: ObjectType): Map<string, StandInRecord> {
    return this.records.get(type)!;
  }

  /** A live record (not archived, not merged away). */
  live(type: ObjectType, id: string): StandInRecord | null {
    const record = this.table(type).get(id);
    return record && !record.archived && !record.mergedInto ? record : null;
  }

  /** Follows merges: a merged-away id resolves to the record that replaced it. */
  resolve(type: ObjectType, id: string): StandInRecord | null {
    let record = this.table(type).get(id);
    for (let hops = 0; record?.mergedInto && hops < 20; hops++) record = this.table(type).get(record.mergedInto);
    return record && !record.mergedInto ? record : null;
  }

  knownProperty(type: ObjectType, name: string): boolean {
    return this.properties.get(type)!.has(name);
  }

  /** Creates a record. `at` pins the modification instant (bulk imports share one timestamp). */
  create(type: ObjectType, properties: Record<string, string | null | undefined>, options: { at?: number; id?: string } = {}): StandInRecord {
    const at = this.stamp(options.at);
    const id = options.id ?? this.newId();
    const clean: Record<string, string | null> = {};
    for (const [k, v] of Object.entries(properties)) if (v !== undefined && v !== '') clean[k] = v;
    const record: StandInRecord = { id, type, properties: clean, createdAt: at, updatedAt: at, archived: false, archivedAt: null, mergedInto: null };
    this.syncSystemProperties(record);
    this.table(type).set(id, record);
    this.liveIdsCache.delete(type);
    this.reindex(record);
    this.reindexUnique(record);
    return record;
  }

  update(type: ObjectType, id: string, properties: Record<string, string | null | undefined>, options: { at?: number } = {}): StandInRecord {
    const record = this.live(type, id);
    if (!record) throw new Error(`No live ${type} ${id}`);
    for (const [k, v] of Object.entries(properties)) {
      if (v === undefined) continue;
      if (v === null || v === '') delete record.properties[k];
      else record.properties[k] = v;
    }
    record.updatedAt = this.stamp(options.at);
    this.syncSystemProperties(record);
    this.reindex(record);
    this.reindexUnique(record);
    return record;
  }

  /** Deletes (archives) a record: listed with archived=true, never in search. */
  archive(type: ObjectType, id: string): void {
    const record = this.live(type, id);
    if (!record) return;
    record.archived = true;
    this.liveIdsCache.delete(type);
    record.archivedAt = this.stamp();
    this.pendingIndex.push({ type, id, entry: null, visibleAt: 0 });
  }

  restore(type: ObjectType, id: string): StandInRecord {
    const record = this.table(type).get(id);
    if (!record || !record.archived) throw new Error(`No archived ${type} ${id}`);
    record.archived = false;
    this.liveIdsCache.delete(type);
    record.archivedAt = null;
    record.updatedAt = this.stamp();
    this.syncSystemProperties(record);
    this.reindex(record);
    return record;
  }

  /**
   * Merges two contacts or companies as HubSpot does: a record with a NEW id, carrying the primary's
   * values (secondary's where the primary has none) and both old ids in hs_merged_object_ids; the old
   * ids resolve to it and their associations move to it.
   */
  merge(type: 'contacts' | 'companies', primaryId: string, secondaryId: string): StandInRecord {
    const primary = this.live(type, primaryId);
    const secondary = this.live(type, secondaryId);
    if (!primary || !secondary) throw new Error(`Cannot merge ${type} ${primaryId} and ${secondaryId}`);
    const merged = new Set<string>([primaryId, secondaryId]);
    for (const r of [primary, secondary]) for (const old of (r.properties.hs_merged_object_ids ?? '').split(';').filter(Boolean)) merged.add(old);
    const properties: Record<string, string | null> = { ...secondary.properties, ...primary.properties, hs_merged_object_ids: [...merged].join(';') };
    delete properties.hs_object_id;
    const record = this.create(type, properties);
    record.createdAt = Math.min(primary.createdAt, secondary.createdAt);
    this.syncSystemProperties(record);
    for (const old of [primary, secondary]) {
      old.mergedInto = record.id;
      this.liveIdsCache.delete(type);
      this.pendingIndex.push({ type, id: old.id, entry: null, visibleAt: 0 });
      const edges = this.associations.get(`${type}:${old.id}`);
      if (edges) {
        for (const [toType, targets] of edges) for (const [toId, typeIds] of targets) for (const typeId of typeIds) this.associate(type, record.id, toType, toId, typeId);
        for (const [toType, targets] of [...edges]) for (const toId of [...targets.keys()]) this.dissociate(type, old.id, toType, toId);
      }
    }
    this.reindex(record);
    return record;
  }

  private syncSystemProperties(record: StandInRecord): void {
    const p = record.properties;
    p.hs_object_id = record.id;
    p[createdProperty(record.type)] = new Date(record.createdAt).toISOString();
    p.hs_lastmodifieddate = new Date(record.updatedAt).toISOString();
    if (record.type === 'contacts') p.lastmodifieddate = new Date(record.updatedAt).toISOString();
  }

  private reindex(record: StandInRecord): void {
    const entry: SearchIndexEntry = { properties: { ...record.properties }, createdAt: record.createdAt, updatedAt: record.updatedAt };
    if (this.searchLagMs <= 0) {
      this.index.get(record.type)!.set(record.id, entry);
      return;
    }
    this.pendingIndex.push({ type: record.type, id: record.id, entry, visibleAt: this.now() + this.searchLagMs });
  }

  /** The search index as of now: writes older than the lag are visible, archives at once. */
  searchable(type: ObjectType): Map<string, SearchIndexEntry> {
    const now = this.now();
    let kept = 0;
    for (const item of this.pendingIndex) {
      if (item.visibleAt <= now) {
        const index = this.index.get(item.type)!;
        const record = this.table(item.type).get(item.id);
        if (item.entry === null || !record || record.archived || record.mergedInto) index.delete(item.id);
        else index.set(item.id, item.entry);
      } else this.pendingIndex[kept++] = item;
    }
    this.pendingIndex.length = kept;
    return this.index.get(type)!;
  }

  associate(fromType: ObjectType, fromId: string, toType: ObjectType, toId: string, typeId?: number): void {
    const id = typeId ?? defaultAssociationType(fromType, toType)?.id ?? 0;
    this.addEdge(fromType, fromId, toType, toId, id);
    this.addEdge(toType, toId, fromType, fromId, reverseTypeId(fromType, toType, id));
  }

  dissociate(fromType: ObjectType, fromId: string, toType: ObjectType, toId: string): void {
    this.associations.get(`${fromType}:${fromId}`)?.get(toType)?.delete(toId);
    this.associations.get(`${toType}:${toId}`)?.get(fromType)?.delete(fromId);
  }

  private addEdge(fromType: ObjectType, fromId: string, toType: ObjectType, toId: string, typeId: number): void {
    const key = `${fromType}:${fromId}`;
    let byType = this.associations.get(key);
    if (!byType) this.associations.set(key, (byType = new Map()));
    let targets = byType.get(toType);
    if (!targets) byType.set(toType, (targets = new Map()));
    let ids = targets.get(toId);
    if (!ids) targets.set(toId, (ids = new Set()));
    ids.add(typeId);
  }

  /** Associations of a record to live records of `toType`. */
  associationsOf(fromType: ObjectType, fromId: string, toType: ObjectType): Array<{ toId: string; typeIds: number[] }> {
    const targets = this.associations.get(`${fromType}:${fromId}`)?.get(toType);
    if (!targets) return [];
    const out: Array<{ toId: string; typeIds: number[] }> = [];
    for (const [toId, typeIds] of targets) if (this.live(toType, toId)) out.push({ toId, typeIds: [...typeIds] });
    return out;
  }

  /** Live records of a type, by id order (the list endpoint's order). */
  liveIds(type: ObjectType): string[] {
    return [...this.sortedLiveIds(type)];
  }

  /**
   * The same list, kept between calls until a record of the type is created, archived, restored or
   * merged: the list endpoint reads it for every page, and sorting 100 000 ids per page would add
   * the stand-in's own time to the latency a test or the bench asked for.
   */
  sortedLiveIds(type: ObjectType): readonly string[] {
    let ids = this.liveIdsCache.get(type);
    if (!ids) {
      ids = [];
      for (const record of this.table(type).values()) if (!record.archived && !record.mergedInto) ids.push(record.id);
      ids.sort((a, b) => Number(a) - Number(b));
      this.liveIdsCache.set(type, ids);
    }
    return ids;
  }

  private readonly liveIdsCache = new Map<ObjectType, string[]>();

  count(type: ObjectType): number {
    let n = 0;
    for (const record of this.table(type).values()) if (!record.archived && !record.mergedInto) n++;
    return n;
  }

  /**
   * A value of a unique property is held by at most one live record. Looked up through an index
   * built on the first lookup of the property and kept by create and update: an upsert of 100
   * inputs checks two or three unique properties each, and a scan per check made the stand-in's
   * own time grow with the square of the records (20 000 companies: 90 ms a batch).
   */
  findByUnique(type: ObjectType, property: string, value: string): StandInRecord | null {
    const index = this.uniqueIndex(type, property);
    for (const id of index.byValue.get(value) ?? []) {
      const record = this.table(type).get(id);
      if (record && !record.archived && !record.mergedInto && record.properties[property] === value) return record;
    }
    return null;
  }

  /** Per type, per property: the ids holding each value (archived and merged ones are skipped on lookup). */
  private readonly uniqueIndexes = new Map<ObjectType, Map<string, { byValue: Map<string, Set<string>>; valueOf: Map<string, string> }>>();

  private uniqueIndex(type: ObjectType, property: string) {
    let ofType = this.uniqueIndexes.get(type);
    if (!ofType) this.uniqueIndexes.set(type, (ofType = new Map()));
    let index = ofType.get(property);
    if (!index) {
      index = { byValue: new Map(), valueOf: new Map() };
      ofType.set(property, index);
      for (const record of this.table(type).values()) this.indexValue(index, record.id, record.properties[property]);
    }
    return index;
  }

  private indexValue(index: { byValue: Map<string, Set<string>>; valueOf: Map<string, string> }, id: string, value: string | null | undefined): void {
    const before = index.valueOf.get(id);
    if (before === value) return;
    if (before !== undefined) {
      index.byValue.get(before)?.delete(id);
      index.valueOf.delete(id);
    }
    if (value === null || value === undefined) return;
    let ids = index.byValue.get(value);
    if (!ids) index.byValue.set(value, (ids = new Set()));
    ids.add(id);
    index.valueOf.set(id, value);
  }

  private reindexUnique(record: StandInRecord): void {
    for (const [property, index] of this.uniqueIndexes.get(record.type) ?? []) this.indexValue(index, record.id, record.properties[property]);
  }

  /**
   * Makes a record serve poisoned values from now on (see `served`), and marks it modified so an
   * incremental poll reads it.
   */
  poison(type: ObjectType, id: string, served: { properties?: Record<string, unknown>; object?: Record<string, unknown> }): StandInRecord {
    this.served.set(`${type}:${id}`, served);
    return this.update(type, id, {});
  }

  servedOverride(type: ObjectType, id: string): { properties?: Record<string, unknown>; object?: Record<string, unknown> } | undefined {
    return this.served.get(`${type}:${id}`);
  }

  addOwner(owner: Omit<Owner, 'id' | 'userId'>): Owner {
    const full: Owner = { ...owner, id: String(this.nextId++), userId: this.nextId++ };
    this.owners.push(full);
    return full;
  }
}
