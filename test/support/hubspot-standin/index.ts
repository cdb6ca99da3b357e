/**
 * A HubSpot stand-in over HTTP on loopback, faithful to the documented behaviour the product relies
 * on (see /work/shared/context/hubspot-api-facts.md):
 *
 *   const hs = await startHubSpotStandIn({ contacts: 50, searchLagMs: 500, rateLimit: { max: 100 } });
 *   new Client({ accessToken: hs.token, basePath: hs.baseUrl });
 *   hs.state.update('contacts', id, { firstname: 'Zoé' });  hs.setFaults({ down: true });  await hs.stop();
 *
 * - objects: list (limit ≤ 100, paging.next.after, archived=true, inline associations), get (a
 *   merged-away id answers the merged record), create (engagements need hs_timestamp; tickets need
 *   subject + a stage of their pipeline; unique properties enforced → 409), update, archive, batch
 *   read/create/update/upsert/archive (≤ 100 inputs), search (≤ 200 a page, after+limit beyond
 *   10 000 → 400, body ≤ 3 000 chars, 5 groups × 6 filters / 18, lagging writes by searchLagMs);
 * - owners, pipelines, properties (list, get, create), associations v4 (batch read/create, PUT);
 * - files (Files API v3): upload (multipart/form-data: `file`, `options` JSON whose `access` is
 *   required, exactly one of `folderId` / `folderPath`, optional `fileName`) → 201 and the file
 *   object; GET by id; GET stat/{path}; needs the `files` scope. Notes take `hs_attachment_ids`
 *   (semicolon-separated file ids: each must be a file of the portal);
 * - 401 for a bad or revoked token, 403 listing the missing scopes, 429 with policyName
 *   TEN_SECONDLY_ROLLING and X-HubSpot-RateLimit-* headers, search's own 5/s SECONDLY limit;
 * - latency (`latencyMs`, answers in parallel) and a count of requests in flight (`maxInFlight`);
 * - faults: random 5xx rate, latency, forced bursts of 429/5xx, `down` (connections cut), search
 *   answers of the wrong shape (`garbleSearch`);
 * - poison: `state.poison(type, id, { properties, object })` serves any JSON value in place of a
 *   record's stored ones (dates of 1e20, objects, 2 MB strings…), `state.rawOwners` owners of any shape.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';
import { SeededRandom } from '../../../electron/services/demo/seeded-random';
import {
  OBJECT_TYPES,
  ENGAGEMENT_TYPES,
  StandInState,
  associationTypeName,
  defaultAssociationType,
  isDateProperty,
  modifiedProperty,
  createdProperty,
  type ObjectType,
  type StandInFile,
  type StandInRecord,
} from './state';
import { seedPortal, type StandInSeed } from './seed';

export { StandInState, MIRRORED_TYPES as OBJECT_TYPES, ENGAGEMENT_TYPES, type MirroredObjectType as ObjectType, type StandInRecord, type StandInFile } from './state';
export { FIXTURE_CONTACT, type StandInSeed } from './seed';

export interface StandInFaults {
  /** Share of requests (0..1) answered 500/502/503 at random (seeded). */
  errorRate?: number;
  /** Delay before each answer (ms). */
  latencyMs?: number;
  /** Delay AFTER the request was applied, before the answer leaves (a crash window for tests). */
  responseDelayMs?: number;
  /** Cut every connection (network outage). */
  down?: boolean;
  /** The next N requests answer 429 (TEN_SECONDLY_ROLLING), with Retry-After when given. */
  burst429?: number;
  retryAfterSeconds?: number;
  /** The next N requests answer 502. */
  burst5xx?: number;
  /** Search answers 200 with a body of the wrong shape (results not a list): a whole poll fails, not the network. */
  garbleSearch?: boolean;
}

export interface StandInRateLimit {
  /** Requests per interval outside search (Free/Starter 100, Pro/Enterprise 190). */
  max?: number;
  intervalMs?: number;
  /** Search requests per second (HubSpot: 5, per account). */
  searchPerSecond?: number;
  /** Daily allowance (Free/Starter 250 000). */
  daily?: number;
}

export interface StandInOptions {
  seed?: StandInSeed;
  /** Shorthand for seed.contacts. */
  contacts?: number;
  faults?: StandInFaults;
  searchLagMs?: number;
  /** false: no limit (tests that are not about limits); default 100 / 10 s and 5 search / s. */
  rateLimit?: StandInRateLimit | false;
  /** Scopes granted to the token (default: every scope the product uses). */
  scopes?: string[];
  /**
   * How long each answer takes (ms), as real HubSpot's few hundred ms per page; unlike
   * faults.latencyMs it stays when faults change. Requests are answered concurrently.
   */
  latencyMs?: number;
}

/**
 * A request the test holds open: `reached` resolves when it arrives; `release()` lets it go on,
 * `cut()` drops the connection instead (a network error as the client sees it). Held `before` it
 * is applied, or `after` it was applied and before the answer leaves (the outcome is then unknown
 * to the client: HubSpot did it, the client cannot tell).
 */
export interface RequestGate {
  reached: Promise<void>;
  release(): void;
  cut(): void;
}

export interface HubSpotStandIn {
  /** Holds the next request whose method and path match (see RequestGate). */
  gate(match: { method: string; path: RegExp }, phase: 'before' | 'after'): RequestGate;
  baseUrl: string;
  token: string;
  state: StandInState;
  setFaults(faults: StandInFaults): void;
  /** Every request received: method, path, status (tests count calls and check limits). */
  requests: Array<{ at: number; method: string; path: string; status: number; search: boolean }>;
  revokeToken(): void;
  setScopes(scopes: string[]): void;
  setLatency(ms: number): void;
  /** Requests received and not yet answered, now and at most since the start (or the last reset). */
  readonly inFlight: number;
  /** Requests the stand-in is still handling, whether or not their client is still there. */
  readonly handling: number;
  readonly maxInFlight: number;
  resetMaxInFlight(): void;
  stop(): Promise<void>;
}

export const ALL_SCOPES = [
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'crm.objects.owners.read',
  'tickets',
  'crm.schemas.contacts.read',
  'crm.schemas.contacts.write',
  'crm.schemas.companies.read',
  'crm.schemas.companies.write',
  'crm.schemas.deals.read',
  'crm.schemas.deals.write',
  'files',
];

function scopeFor(type: ObjectType, write: boolean): string {
  if (type === 'tickets') return 'tickets';
  // Engagements are governed by the contact scopes (what they hang off).
  const owner = type === 'companies' ? 'companies' : type === 'deals' ? 'deals' : 'contacts';
  return `crm.objects.${owner}.${write ? 'write' : 'read'}`;
}
function schemaScopeFor(type: ObjectType, write: boolean): string {
  if (type === 'tickets') return 'tickets';
  const owner = type === 'companies' ? 'companies' : type === 'deals' ? 'deals' : 'contacts';
  return `crm.schemas.${owner}.${write ? 'write' : 'read'}`;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

const errorBody = (message: string, category: string, extra: Record<string, unknown> = {}) => ({
  status: 'error',
  message,
  correlationId: randomUUID(),
  category,
  ...extra,
});
const badRequest = (message: string) => new HttpError(400, errorBody(message, 'VALIDATION_ERROR'));
const notFound = () => new HttpError(404, errorBody('resource not found', 'OBJECT_NOT_FOUND'));

function isObjectType(value: string): value is ObjectType {
  return (OBJECT_TYPES as readonly string[]).includes(value);
}

function toMs(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : t;
}

export async function startHubSpotStandIn(options: StandInOptions = {}): Promise<HubSpotStandIn> {
  const state = new StandInState({ searchLagMs: options.searchLagMs ?? 0 });
  const seed = options.seed ?? (options.contacts !== undefined ? { contacts: options.contacts } : undefined);
  if (seed) seedPortal(state, seed);
  let token = `pat-eu1-${randomUUID()}`;
  let revoked = false;
  let scopes = new Set(options.scopes ?? ALL_SCOPES);
  let faults: StandInFaults = { ...options.faults };
  let latencyMs = options.latencyMs ?? 0;
  let inFlight = 0;
  /** Requests whose handling has not finished (a dropped client does not stop it). */
  let handling = 0;
  let maxInFlight = 0;
  type PendingGate = { method: string; path: RegExp; phase: 'before' | 'after'; arrived: () => void; decision: Promise<'release' | 'cut'> };
  const gates: PendingGate[] = [];
  /** Waits on the first gate for this request and phase, if any: true when the test cut it. */
  const heldAndCut = async (method: string, pathname: string, phase: 'before' | 'after'): Promise<boolean> => {
    const index = gates.findIndex((g) => g.phase === phase && g.method === method && g.path.test(pathname));
    if (index < 0) return false;
    const [gate] = gates.splice(index, 1);
    gate!.arrived();
    return (await gate!.decision) === 'cut';
  };
  const random = new SeededRandom(99);
  const limit = options.rateLimit === false ? null : { max: 100, intervalMs: 10_000, searchPerSecond: 5, daily: 250_000, ...options.rateLimit };
  const general: number[] = [];
  const search: number[] = [];
  let dailyUsed = 0;
  const requests: HubSpotStandIn['requests'] = [];
  const sockets = new Set<Socket>();

  function rateHeaders(now: number): Record<string, string> {
    if (!limit) return {};
    while (general.length > 0 && general[0]! <= now - limit.intervalMs) general.shift();
    return {
      'X-HubSpot-RateLimit-Max': String(limit.max),
      'X-HubSpot-RateLimit-Remaining': String(Math.max(0, limit.max - general.length)),
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(limit.intervalMs),
      'X-HubSpot-RateLimit-Daily': String(limit.daily),
      'X-HubSpot-RateLimit-Daily-Remaining': String(Math.max(0, limit.daily - dailyUsed)),
    };
  }

  function checkLimits(isSearch: boolean): Record<string, string> {
    if (!limit) return {};
    const now = Date.now();
    if (isSearch) {
      while (search.length > 0 && search[0]! <= now - 1000) search.shift();
      if (search.length >= limit.searchPerSecond) {
        throw new HttpError(429, errorBody('You have reached your secondly limit.', 'RATE_LIMITS', { errorType: 'RATE_LIMIT', policyName: 'SECONDLY' }));
      }
      search.push(now);
      dailyUsed++;
      return {};
    }
    const headers = rateHeaders(now);
    if (dailyUsed >= limit.daily) throw new HttpError(429, errorBody('You have reached your daily limit.', 'RATE_LIMITS', { errorType: 'RATE_LIMIT', policyName: 'DAILY' }), headers);
    if (general.length >= limit.max) {
      throw new HttpError(
        429,
        errorBody('You have reached your ten_secondly_rolling limit.', 'RATE_LIMITS', { errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' }),
        { ...headers, 'X-HubSpot-RateLimit-Remaining': '0' },
      );
    }
    general.push(now);
    dailyUsed++;
    return rateHeaders(now);
  }

  function requireScope(scope: string): void {
    if (scopes.has(scope)) return;
    throw new HttpError(
      403,
      errorBody(
        "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
        'MISSING_SCOPES',
        { errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: [scope] } }], links: { scopes: 'https://developers.hubspot.com/scopes' } },
      ),
    );
  }

  /** Properties as the API returns them: requested (existing only, empty → null) + system ones. */
  function present(record: StandInRecord | { id: string; type: ObjectType; properties: Record<string, string | null> }, requested: string[] | null): Record<string, unknown> {
    const type = record.type;
    const system = ['hs_object_id', createdProperty(type), modifiedProperty(type)];
    const wanted = requested && requested.length > 0 ? requested : type === 'contacts' ? ['firstname', 'lastname', 'email'] : type === 'companies' ? ['name', 'domain'] : [];
    const out: Record<string, unknown> = {};
    for (const name of [...system, ...wanted]) {
      if (!state.knownProperty(type, name)) continue;
      out[name] = record.properties[name] ?? null;
    }
    const poisoned = state.servedOverride(type, record.id)?.properties;
    return poisoned ? { ...out, ...poisoned } : out;
  }

  /** A record's JSON with the poison a test asked for (see StandInState.served). */
  function served(type: ObjectType, id: string, json: Record<string, unknown>): Record<string, unknown> {
    const poisoned = state.servedOverride(type, id)?.object;
    return poisoned ? { ...json, ...poisoned } : json;
  }

  function objectJson(record: StandInRecord, requested: string[] | null, associations: ObjectType[] = []) {
    const out: Record<string, unknown> = {
      id: record.id,
      properties: present(record, requested),
      createdAt: new Date(record.createdAt).toISOString(),
      updatedAt: new Date(record.updatedAt).toISOString(),
      archived: record.archived,
    };
    if (record.archived && record.archivedAt) out.archivedAt = new Date(record.archivedAt).toISOString();
    if (associations.length > 0) {
      const assoc: Record<string, unknown> = {};
      for (const to of associations) {
        const edges = state.associationsOf(record.type, record.id, to);
        if (edges.length === 0) continue;
        assoc[to] = { results: edges.flatMap((e) => e.typeIds.map((t) => ({ id: e.toId, type: associationTypeName(record.type, to, t) }))) };
      }
      if (Object.keys(assoc).length > 0) out.associations = assoc;
    }
    return served(record.type, record.id, out);
  }

  function listParam(url: URL, name: string): string[] | null {
    const values = url.searchParams.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
    return values.length > 0 ? values : null;
  }

  function validateWrite(type: ObjectType, properties: Record<string, string | null>, existing: StandInRecord | null): void {
    if (!existing && ENGAGEMENT_TYPES.includes(type) && !properties.hs_timestamp) throw badRequest('Property values were not valid: [{"isValid":false,"message":"hs_timestamp is required","error":"REQUIRED_FIELD","name":"hs_timestamp"}]');
    if (type === 'communications') {
      // The Communications API: the channel is one of three, and the object must say it was logged from the CRM.
      const merged = { ...existing?.properties, ...properties };
      if (!['WHATS_APP', 'LINKEDIN_MESSAGE', 'SMS'].includes(merged.hs_communication_channel_type ?? '')) throw badRequest(`Property values were not valid: hs_communication_channel_type ${merged.hs_communication_channel_type ?? '(missing)'} is not one of WHATS_APP, LINKEDIN_MESSAGE, SMS`);
      if (merged.hs_communication_logged_from !== 'CRM') throw badRequest('Property values were not valid: hs_communication_logged_from must be CRM');
    }
    if (type === 'tickets') {
      const merged = { ...existing?.properties, ...properties };
      if (!merged.subject) throw badRequest('Property values were not valid: subject is required');
      if (!merged.hs_pipeline_stage) throw badRequest('Property values were not valid: hs_pipeline_stage is required');
      const pipeline = state.pipelines.tickets.find((p) => p.id === (merged.hs_pipeline ?? '0'));
      if (!pipeline || !pipeline.stages.some((s) => s.id === merged.hs_pipeline_stage)) {
        throw badRequest(`Property values were not valid: ${merged.hs_pipeline_stage} is not a valid pipeline stage for pipeline ${merged.hs_pipeline ?? '0'}`);
      }
    }
    if (properties.hs_attachment_ids) {
      for (const id of properties.hs_attachment_ids.split(';')) {
        if (!state.files.has(id.trim())) throw badRequest(`Property values were not valid: hs_attachment_ids names ${id}, which is not a file of this portal`);
      }
    }
    for (const [name, value] of Object.entries(properties)) {
      const def = state.properties.get(type)!.get(name);
      if (!def) throw badRequest(`Property values were not valid: [{"isValid":false,"message":"Property \\"${name}\\" does not exist","error":"PROPERTY_DOESNT_EXIST","name":"${name}"}]`);
      if (def.hasUniqueValue && value) {
        const holder = state.findByUnique(type, name, value);
        if (holder && holder.id !== existing?.id) throw new HttpError(409, errorBody(`A ${type.replace(/s$/, '')} with the unique value for ${name} already exists. Existing ID: ${holder.id}`, 'CONFLICT'));
      }
    }
  }

  function applyAssociations(type: ObjectType, id: string, associations: unknown): void {
    if (!Array.isArray(associations)) return;
    for (const a of associations as Array<{ to?: { id?: string }; types?: Array<{ associationTypeId?: number }> }>) {
      const toId = String(a.to?.id ?? '');
      const typeId = a.types?.[0]?.associationTypeId;
      const toType = OBJECT_TYPES.find((t) => state.live(t, toId) && t !== type && (typeId === undefined || associationTypeFits(type, t, typeId)));
      if (!toType) throw badRequest(`Association target ${toId} not found`);
      state.associate(type, id, toType, toId, typeId);
    }
  }
  function associationTypeFits(from: ObjectType, to: ObjectType, typeId: number): boolean {
    if (from === 'contacts' && to === 'companies' && typeId === 1) return true;
    return defaultAssociationType(from, to)?.id === typeId;
  }

  function cleanInput(properties: unknown): Record<string, string | null> {
    const out: Record<string, string | null> = {};
    if (properties && typeof properties === 'object') for (const [k, v] of Object.entries(properties)) out[k] = v === null || v === undefined ? null : String(v);
    return out;
  }

  function compare(type: ObjectType, name: string, stored: string | null | undefined, operator: string, value: unknown, values: unknown): boolean {
    const numeric = isDateProperty(name) || name === 'hs_object_id';
    const a = numeric ? toMs(stored ?? null) : (stored ?? null);
    const b = numeric ? toMs(value === undefined ? null : String(value)) : value === undefined ? null : String(value);
    switch (operator) {
      case 'HAS_PROPERTY':
        return stored !== null && stored !== undefined && stored !== '';
      case 'NOT_HAS_PROPERTY':
        return stored === null || stored === undefined || stored === '';
      case 'EQ':
        return a !== null && a === b;
      case 'NEQ':
        return a !== b;
      case 'IN':
        return Array.isArray(values) && values.map(String).includes(String(stored ?? ''));
      case 'NOT_IN':
        return Array.isArray(values) && !values.map(String).includes(String(stored ?? ''));
      case 'CONTAINS_TOKEN':
        return typeof stored === 'string' && stored.toLowerCase().includes(String(value).replace(/\*/g, '').toLowerCase());
    }
    if (a === null || b === null) return false;
    switch (operator) {
      case 'GT':
        return a > b;
      case 'GTE':
        return a >= b;
      case 'LT':
        return a < b;
      case 'LTE':
        return a <= b;
    }
    throw badRequest(`Unknown operator ${operator} for ${type}.${name}`);
  }

  function doSearch(type: ObjectType, raw: string, body: Record<string, unknown>) {
    if (raw.length > 3000) throw badRequest('Search request body exceeds the 3000 character limit');
    const groups = (body.filterGroups as Array<{ filters?: Array<Record<string, unknown>> }>) ?? [];
    if (groups.length > 5) throw badRequest('Too many filter groups (at most 5)');
    let total = 0;
    for (const g of groups) {
      if ((g.filters?.length ?? 0) > 6) throw badRequest('Too many filters in a group (at most 6)');
      total += g.filters?.length ?? 0;
    }
    if (total > 18) throw badRequest('Too many filters (at most 18)');
    const limitN = Number(body.limit ?? 10);
    if (!Number.isInteger(limitN) || limitN < 1 || limitN > 200) throw badRequest('limit must be between 1 and 200');
    const after = Number(body.after ?? 0);
    if (after + limitN > 10_000) throw badRequest('The sum of the "after" and "limit" parameters cannot exceed 10000');
    const sorts = (body.sorts as Array<string | { propertyName: string; direction?: string }>) ?? [];
    if (sorts.length > 1) throw badRequest('Only one sort is supported');
    const sort = sorts[0] ? (typeof sorts[0] === 'string' ? { propertyName: sorts[0].replace(/^-/, ''), direction: sorts[0].startsWith('-') ? 'DESCENDING' : 'ASCENDING' } : sorts[0]) : null;
    const index = state.searchable(type);
    const matches: Array<{ id: string; entry: { properties: Record<string, string | null>; createdAt: number; updatedAt: number } }> = [];
    for (const [id, entry] of index) {
      const ok =
        groups.length === 0 ||
        groups.some((g) => (g.filters ?? []).every((f) => compare(type, String(f.propertyName), entry.properties[String(f.propertyName)], String(f.operator ?? 'EQ'), f.value, f.values)));
      if (ok) matches.push({ id, entry });
    }
    const key = sort?.propertyName ?? 'hs_object_id';
    const numeric = isDateProperty(key) || key === 'hs_object_id';
    const dir = sort?.direction === 'DESCENDING' ? -1 : 1;
    matches.sort((x, y) => {
      const a = numeric ? (toMs(x.entry.properties[key]) ?? 0) : (x.entry.properties[key] ?? '');
      const b = numeric ? (toMs(y.entry.properties[key]) ?? 0) : (y.entry.properties[key] ?? '');
      // Ties keep no documented order: the stand-in returns them in creation order.
      return a < b ? -dir : a > b ? dir : Number(x.id) - Number(y.id);
    });
    const requested = (body.properties as string[] | undefined) ?? null;
    const page = matches.slice(after, after + limitN);
    return {
      total: matches.length,
      results: page.map(({ id, entry }) =>
        served(type, id, {
          id,
          properties: present({ id, type, properties: entry.properties }, requested),
          createdAt: new Date(entry.createdAt).toISOString(),
          updatedAt: new Date(entry.updatedAt).toISOString(),
          archived: false,
        }),
      ),
      ...(after + limitN < matches.length ? { paging: { next: { after: String(after + limitN) } } } : {}),
    };
  }

  /** The parts of a multipart/form-data body: name, filename, bytes. */
  function multipart(body: Buffer, contentType: string): Map<string, { filename: string | null; data: Buffer }> {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
    if (!/^multipart\/form-data/i.test(contentType) || !boundary) throw badRequest('Content-Type must be multipart/form-data');
    const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
    const parts = new Map<string, { filename: string | null; data: Buffer }>();
    let at = body.indexOf(delimiter);
    while (at >= 0) {
      const start = at + delimiter.length;
      if (body.subarray(start, start + 2).toString() === '--') break;
      const headerEnd = body.indexOf('\r\n\r\n', start);
      const next = body.indexOf(delimiter, headerEnd);
      if (headerEnd < 0 || next < 0) throw badRequest('Malformed multipart body');
      const headers = body.subarray(start + 2, headerEnd).toString('utf8');
      const name = /name="([^"]*)"/i.exec(headers)?.[1];
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1] ?? null;
      if (name) parts.set(name, { filename, data: body.subarray(headerEnd + 4, next - 2) });
      at = next;
    }
    return parts;
  }

  function fileJson(file: StandInFile) {
    return {
      id: file.id,
      name: file.name,
      extension: file.extension,
      path: file.path,
      parentFolderId: String(Math.abs([...file.parentFolderPath].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7))),
      size: file.size,
      type: /^(png|jpe?g|webp|heic|gif)$/.test(file.extension) ? 'IMG' : 'DOCUMENT',
      access: file.access,
      isUsableInContent: false,
      url: `https://api-eu1.hubspotusercontent.example/files/${file.id}`,
      createdAt: new Date(file.createdAt).toISOString(),
      updatedAt: new Date(file.createdAt).toISOString(),
      archived: false,
    };
  }

  /** Files API v3 (see the module comment). */
  function filesRoute(method: string, url: URL, body: Buffer, contentType: string): { status: number; body: unknown } {
    requireScope('files');
    const parts = url.pathname.replace(/\/+$/, '').split('/').filter(Boolean);
    if (parts[0] !== 'files' || parts[1] !== 'v3' || parts[2] !== 'files') throw notFound();
    if (method === 'POST' && parts.length === 3) {
      const form = multipart(body, contentType);
      const file = form.get('file');
      if (!file || file.data.length === 0) throw badRequest('file is required');
      let options: Record<string, unknown>;
      try {
        options = JSON.parse(form.get('options')?.data.toString('utf8') ?? '') as Record<string, unknown>;
      } catch {
        throw badRequest('options is required: a JSON object with access');
      }
      const access = String(options['access'] ?? '');
      if (!['PUBLIC_INDEXABLE', 'PUBLIC_NOT_INDEXABLE', 'PRIVATE', 'HIDDEN_INDEXABLE', 'HIDDEN_NOT_INDEXABLE', 'HIDDEN_PRIVATE', 'HIDDEN_SENSITIVE', 'SENSITIVE'].includes(access)) {
        throw badRequest(`options.access is required (got ${access || 'nothing'})`);
      }
      const folderPath = form.get('folderPath')?.data.toString('utf8');
      const folderId = form.get('folderId')?.data.toString('utf8');
      if ((folderPath === undefined) === (folderId === undefined)) throw badRequest('Either folderId or folderPath must be provided, but not both');
      const given = form.get('fileName')?.data.toString('utf8') || file.filename || 'file';
      const dot = given.lastIndexOf('.');
      const fromUpload = file.filename && file.filename.lastIndexOf('.') > 0 ? file.filename.slice(file.filename.lastIndexOf('.') + 1) : '';
      const name = dot > 0 ? given.slice(0, dot) : given;
      const extension = (dot > 0 ? given.slice(dot + 1) : fromUpload).toLowerCase();
      const folder = folderPath !== undefined ? `/${folderPath.replace(/^\/+|\/+$/g, '')}` : `/folder-${folderId}`;
      const path = `${folder}/${name}${extension ? `.${extension}` : ''}`;
      const existing = [...state.files.values()].find((f) => f.path === path);
      if (existing && options['overwrite'] !== true) {
        // HubSpot keeps both: the new one gets a suffixed name.
        const suffixed = `${folder}/${name}-1${extension ? `.${extension}` : ''}`;
        const created: StandInFile = { id: state.newId(), name: `${name}-1`, extension, path: suffixed, parentFolderPath: folder, access, size: file.data.length, bytes: Buffer.from(file.data), createdAt: Date.now() };
        state.files.set(created.id, created);
        return { status: 201, body: fileJson(created) };
      }
      const created: StandInFile = { id: state.newId(), name, extension, path, parentFolderPath: folder, access, size: file.data.length, bytes: Buffer.from(file.data), createdAt: Date.now() };
      state.files.set(created.id, created);
      return { status: 201, body: fileJson(created) };
    }
    if (method === 'GET' && parts[3] === 'stat' && parts[4]) {
      const path = decodeURIComponent(parts.slice(4).join('/'));
      const file = [...state.files.values()].find((f) => f.path === (path.startsWith('/') ? path : `/${path}`));
      if (!file) throw new HttpError(404, errorBody(`No file or folder found at path ${path}`, 'OBJECT_NOT_FOUND'));
      return { status: 200, body: { file: fileJson(file) } };
    }
    if (method === 'GET' && parts[3] && !parts[4]) {
      const file = state.files.get(parts[3]);
      if (!file) throw notFound();
      return { status: 200, body: fileJson(file) };
    }
    throw notFound();
  }

  function route(method: string, url: URL, raw: string): { status: number; body: unknown } {
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const parts = url.pathname.replace(/\/+$/, '').split('/').filter(Boolean);

    // /crm/v3/owners
    if (parts[0] === 'crm' && parts[1] === 'v3' && parts[2] === 'owners' && method === 'GET') {
      requireScope('crm.objects.owners.read');
      const limitN = Math.min(Number(url.searchParams.get('limit') ?? 100), 500);
      const start = Number(url.searchParams.get('after') ?? 0);
      const all: unknown[] = [...state.owners.map((o) => ({ ...o, createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z', archived: false })), ...state.rawOwners];
      const page = all.slice(start, start + limitN);
      return {
        status: 200,
        body: {
          results: page,
          ...(start + limitN < all.length ? { paging: { next: { after: String(start + limitN) } } } : {}),
        },
      };
    }
    // /crm/v3/pipelines/{tickets|deals}
    if (parts[0] === 'crm' && parts[1] === 'v3' && parts[2] === 'pipelines' && method === 'GET') {
      const type = parts[3];
      if (type !== 'tickets' && type !== 'deals') throw notFound();
      requireScope(scopeFor(type, false));
      const list = state.pipelines[type].map((p) => ({ ...p, archived: false, createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z' }));
      if (parts[4]) {
        const one = list.find((p) => p.id === parts[4]);
        if (!one) throw notFound();
        return { status: 200, body: one };
      }
      return { status: 200, body: { results: list } };
    }
    // /crm/v3/properties/{type}[/{name}]
    if (parts[0] === 'crm' && parts[1] === 'v3' && parts[2] === 'properties') {
      const type = parts[3] ?? '';
      if (!isObjectType(type)) throw notFound();
      const defs = state.properties.get(type)!;
      if (method === 'GET') {
        requireScope(schemaScopeFor(type, false));
        if (parts[4]) {
          const def = defs.get(parts[4]);
          if (!def) throw new HttpError(404, errorBody(`Unable to find property ${parts[4]}`, 'OBJECT_NOT_FOUND'));
          return { status: 200, body: def };
        }
        return { status: 200, body: { results: [...defs.values()] } };
      }
      if (method === 'POST' && !parts[4]) {
        requireScope(schemaScopeFor(type, true));
        const name = String(body.name ?? '');
        if (!/^[a-z][a-z0-9_]*$/.test(name) || !body.label || !body.type || !body.fieldType || !body.groupName) throw badRequest('Property definition is missing name, label, type, fieldType or groupName');
        if (defs.has(name)) throw new HttpError(409, errorBody(`A property named '${name}' already exists.`, 'OBJECT_ALREADY_EXISTS'));
        if (body.hasUniqueValue && [...defs.values()].filter((d) => d.hasUniqueValue).length >= 10) throw badRequest('At most 10 unique properties per object type');
        const def = {
          name,
          label: String(body.label),
          type: String(body.type),
          fieldType: String(body.fieldType),
          groupName: String(body.groupName),
          hasUniqueValue: Boolean(body.hasUniqueValue),
          options: [],
          createdAt: new Date().toISOString(),
          updatedAt: new Date().toISOString(),
        };
        defs.set(name, def);
        return { status: 201, body: def };
      }
    }
    // /crm/v4/associations/{from}/{to}/batch/{read|create}
    if (parts[0] === 'crm' && parts[1] === 'v4' && parts[2] === 'associations' && parts[5] === 'batch' && method === 'POST') {
      const from = parts[3] ?? '';
      const to = parts[4] ?? '';
      if (!isObjectType(from) || !isObjectType(to)) throw notFound();
      const inputs = (body.inputs as Array<Record<string, unknown>>) ?? [];
      if (parts[6] === 'read') {
        requireScope(scopeFor(from, false));
        if (inputs.length > 1000) throw badRequest('At most 1000 inputs');
        const results = inputs
          .map((i) => String(i.id ?? ''))
          .filter((id) => state.live(from, id))
          .map((id) => ({
            from: { id },
            to: state.associationsOf(from, id, to).map((e) => ({ toObjectId: Number(e.toId), associationTypes: e.typeIds.map((t) => ({ category: 'HUBSPOT_DEFINED', typeId: t, label: null })) })),
          }));
        return { status: 200, body: { status: 'COMPLETE', results, startedAt: new Date().toISOString(), completedAt: new Date().toISOString() } };
      }
      if (parts[6] === 'create') {
        requireScope(scopeFor(from, true));
        if (inputs.length > 2000) throw badRequest('At most 2000 inputs');
        for (const i of inputs as Array<{ from?: { id?: string }; to?: { id?: string }; types?: Array<{ associationTypeId?: number }> }>) {
          const fromId = String(i.from?.id ?? '');
          const toId = String(i.to?.id ?? '');
          if (!state.live(from, fromId) || !state.live(to, toId)) throw badRequest(`Association endpoints ${fromId} → ${toId} not found`);
          state.associate(from, fromId, to, toId, i.types?.[0]?.associationTypeId);
        }
        return { status: 201, body: { status: 'COMPLETE', results: [] } };
      }
    }
    // PUT /crm/v4/objects/{from}/{id}/associations/{to}/{toId}
    if (parts[0] === 'crm' && parts[1] === 'v4' && parts[2] === 'objects' && parts[5] === 'associations' && method === 'PUT') {
      const from = parts[3] ?? '';
      const to = parts[6] ?? '';
      if (!isObjectType(from) || !isObjectType(to)) throw notFound();
      requireScope(scopeFor(from, true));
      if (!state.live(from, parts[4]!) || !state.live(to, parts[7]!)) throw notFound();
      const types = Array.isArray(body) ? (body as Array<{ associationTypeId?: number }>) : [];
      // A labelled PUT replaces the labels between the pair.
      state.dissociate(from, parts[4]!, to, parts[7]!);
      for (const t of types.length > 0 ? types : [{}]) state.associate(from, parts[4]!, to, parts[7]!, t.associationTypeId);
      // 201, as HubSpot answers (the official client treats any other code here as an error).
      return { status: 201, body: { fromObjectTypeId: from, fromObjectId: Number(parts[4]), toObjectTypeId: to, toObjectId: Number(parts[7]), labels: [] } };
    }

    // /crm/v3/objects/{type}...
    if (parts[0] !== 'crm' || parts[1] !== 'v3' || parts[2] !== 'objects') throw new HttpError(404, '<html><body><h1>404 Not Found</h1></body></html>');
    const type = parts[3] ?? '';
    if (!isObjectType(type)) throw new HttpError(400, errorBody(`Unable to infer object type from: ${type}`, 'VALIDATION_ERROR'));
    const sub = parts[4];

    if (sub === 'search' && method === 'POST') {
      requireScope(scopeFor(type, false));
      return { status: 200, body: doSearch(type, raw, body) };
    }

    if (sub === 'batch' && method === 'POST') {
      const op = parts[5];
      const inputs = (body.inputs as Array<Record<string, unknown>>) ?? [];
      if (inputs.length > 100) throw badRequest('Batch input exceeds the limit of 100 inputs');
      const requested = (body.properties as string[] | undefined) ?? null;
      const now = new Date().toISOString();
      if (op === 'read') {
        requireScope(scopeFor(type, false));
        const idProperty = body.idProperty ? String(body.idProperty) : null;
        const results: unknown[] = [];
        const errors: unknown[] = [];
        for (const input of inputs) {
          const id = String(input.id ?? '');
          const record = idProperty ? state.findByUnique(type, idProperty, id) : state.resolve(type, id);
          if (record && !record.archived) results.push(objectJson(record, requested));
          else errors.push({ status: 'error', category: 'OBJECT_NOT_FOUND', message: `Could not get some ${type} objects, they may be deleted or not exist.`, context: { ids: [id] } });
        }
        return { status: errors.length > 0 ? 207 : 200, body: { status: 'COMPLETE', results, ...(errors.length > 0 ? { errors, numErrors: errors.length } : {}), startedAt: now, completedAt: now } };
      }
      if (op === 'create') {
        requireScope(scopeFor(type, true));
        for (const input of inputs) validateWrite(type, cleanInput(input.properties), null);
        const results = inputs.map((input) => {
          const record = state.create(type, cleanInput(input.properties));
          applyAssociations(type, record.id, input.associations);
          return objectJson(record, Object.keys(cleanInput(input.properties)));
        });
        return { status: 201, body: { status: 'COMPLETE', results, startedAt: now, completedAt: now } };
      }
      if (op === 'update') {
        requireScope(scopeFor(type, true));
        // Checked whole before anything is applied, as upsert.
        const planned = inputs.map((input) => {
          const record = state.live(type, String(input.id ?? ''));
          // Merged-away ids are not accepted by batch update.
          if (!record) throw badRequest(`Object ${String(input.id)} not found or merged`);
          validateWrite(type, cleanInput(input.properties), record);
          return { record, properties: cleanInput(input.properties) };
        });
        const results = planned.map(({ record, properties }) => objectJson(state.update(type, record.id, properties), Object.keys(properties)));
        return { status: 200, body: { status: 'COMPLETE', results, startedAt: now, completedAt: now } };
      }
      if (op === 'upsert') {
        requireScope(scopeFor(type, true));
        if (!['contacts', 'companies', 'deals', 'tickets'].includes(type)) throw badRequest(`Upsert is not supported for ${type}`);
        // Every input is checked before any is applied: a refused batch changes nothing (HubSpot
        // answers the whole batch with the error), and one id twice in a batch is refused.
        const seenIds = new Set<string>();
        const planned = inputs.map((input) => {
          const idProperty = String(input.idProperty ?? '');
          const def = state.properties.get(type)!.get(idProperty);
          if (!def || (!def.hasUniqueValue && !(type === 'contacts' && idProperty === 'email'))) throw badRequest(`${idProperty} is not a unique property of ${type}`);
          const value = String(input.id ?? '');
          if (seenIds.has(`${idProperty}\u0000${value}`)) throw badRequest(`Duplicate IDs found in batch input: [${value}]. IDs must be unique`);
          seenIds.add(`${idProperty}\u0000${value}`);
          const properties = { ...cleanInput(input.properties), [idProperty]: value };
          const existing = state.findByUnique(type, idProperty, value);
          validateWrite(type, properties, existing);
          return { properties, existing };
        });
        const results = planned.map(({ properties, existing }) => {
          const record = existing ? state.update(type, existing.id, properties) : state.create(type, properties);
          return { ...objectJson(record, Object.keys(properties)), new: !existing };
        });
        return { status: 200, body: { status: 'COMPLETE', results, startedAt: now, completedAt: now } };
      }
      if (op === 'archive') {
        requireScope(scopeFor(type, true));
        for (const input of inputs) state.archive(type, String(input.id ?? ''));
        return { status: 204, body: null };
      }
      throw notFound();
    }

    if (!sub) {
      if (method === 'GET') {
        requireScope(scopeFor(type, false));
        const limitN = Number(url.searchParams.get('limit') ?? 10);
        if (!Number.isInteger(limitN) || limitN < 1 || limitN > 100) throw badRequest('limit must be between 1 and 100');
        const archived = url.searchParams.get('archived') === 'true';
        const after = url.searchParams.get('after');
        const requested = listParam(url, 'properties');
        const associations = (listParam(url, 'associations') ?? []).filter(isObjectType);
        // Cursor = id to start after: robust to records created or deleted between pages.
        let ids: readonly string[];
        if (archived) {
          const list: string[] = [];
          for (const record of state.table(type).values()) if (record.archived && !record.mergedInto) list.push(record.id);
          ids = list.sort((a, b) => Number(a) - Number(b));
        } else ids = state.sortedLiveIds(type);
        let start = 0;
        if (after) {
          const cursor = Number(Buffer.from(after, 'base64url').toString('utf8'));
          if (!Number.isFinite(cursor)) throw badRequest('Invalid after cursor');
          // First id past the cursor (ids are in numeric order).
          let high = ids.length;
          while (start < high) {
            const middle = (start + high) >> 1;
            if (Number(ids[middle]) <= cursor) start = middle + 1;
            else high = middle;
          }
        }
        const page = ids.slice(start, start + limitN);
        const last = page[page.length - 1];
        return {
          status: 200,
          body: {
            results: page.map((id) => objectJson(state.table(type).get(id)!, requested, associations)),
            ...(start + limitN < ids.length && last ? { paging: { next: { after: Buffer.from(last).toString('base64url'), link: `?after=${last}` } } } : {}),
          },
        };
      }
      if (method === 'POST') {
        requireScope(scopeFor(type, true));
        const properties = cleanInput(body.properties);
        validateWrite(type, properties, null);
        const record = state.create(type, properties);
        applyAssociations(type, record.id, body.associations);
        return { status: 201, body: objectJson(record, Object.keys(properties)) };
      }
    }

    if (sub && !parts[5]) {
      if (method === 'GET') {
        requireScope(scopeFor(type, false));
        const idProperty = url.searchParams.get('idProperty');
        const archived = url.searchParams.get('archived') === 'true';
        let record = idProperty ? state.findByUnique(type, idProperty, sub) : state.resolve(type, sub);
        if (record && record.archived !== archived) record = null;
        if (!record) throw notFound();
        return { status: 200, body: objectJson(record, listParam(url, 'properties'), (listParam(url, 'associations') ?? []).filter(isObjectType)) };
      }
      if (method === 'PATCH') {
        requireScope(scopeFor(type, true));
        const record = state.resolve(type, sub);
        if (!record || record.archived) throw notFound();
        const properties = cleanInput(body.properties);
        validateWrite(type, properties, record);
        return { status: 200, body: objectJson(state.update(type, record.id, properties), Object.keys(properties)) };
      }
      if (method === 'DELETE') {
        requireScope(scopeFor(type, true));
        state.archive(type, sub);
        return { status: 204, body: null };
      }
    }
    throw new HttpError(404, '<html><body><h1>404 Not Found</h1></body></html>');
  }

  const server = http.createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let answered = false;
    const settle = () => {
      if (answered) return;
      answered = true;
      inFlight--;
    };
    res.on('close', settle);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handling++;
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const method = req.method ?? 'GET';
        const isSearch = /\/search$/.test(url.pathname);
        const f = faults;
        if (f.down) {
          req.socket.destroy();
          return;
        }
        const delay = latencyMs + (f.latencyMs ?? 0);
        if (delay > 0) await new Promise((r) => setTimeout(r, delay));
        let status = 500;
        let payload: unknown = null;
        let headers: Record<string, string> = {};
        try {
          const auth = req.headers.authorization ?? '';
          if (auth !== `Bearer ${token}` || revoked) {
            throw new HttpError(
              401,
              errorBody('Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview', 'INVALID_AUTHENTICATION'),
            );
          }
          if (f.burst429 && f.burst429 > 0) {
            f.burst429--;
            throw new HttpError(
              429,
              errorBody('You have reached your ten_secondly_rolling limit.', 'RATE_LIMITS', { errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' }),
              { ...rateHeaders(Date.now()), 'X-HubSpot-RateLimit-Remaining': '0', ...(f.retryAfterSeconds !== undefined ? { 'Retry-After': String(f.retryAfterSeconds) } : {}) },
            );
          }
          if (f.burst5xx && f.burst5xx > 0) {
            f.burst5xx--;
            throw new HttpError(502, '<html><body><h1>502 Bad Gateway</h1></body></html>');
          }
          if (f.errorRate && random.next() < f.errorRate) throw new HttpError(random.pick([500, 502, 503]), errorBody('internal error', 'INTERNAL_ERROR'));
          headers = checkLimits(isSearch);
          if (isSearch && f.garbleSearch) throw new HttpError(200, { total: 'many', results: { not: 'a list' } });
          const rawBytes = Buffer.concat(chunks);
          const raw = rawBytes.toString('utf8');
          if (await heldAndCut(method, url.pathname, 'before')) {
            req.socket.destroy();
            return;
          }
          let result: { status: number; body: unknown };
          try {
            result = url.pathname.startsWith('/files/') ? filesRoute(method, url, rawBytes, String(req.headers['content-type'] ?? '')) : route(method, url, raw);
          } catch (error) {
            if (error instanceof SyntaxError) throw badRequest('Invalid JSON input');
            throw error;
          }
          status = result.status;
          payload = result.body;
        } catch (error) {
          if (error instanceof HttpError) {
            status = error.status;
            payload = error.body;
            headers = { ...headers, ...error.headers };
          } else {
            status = 500;
            payload = errorBody(String(error), 'INTERNAL_ERROR');
          }
        }
        requests.push({ at: Date.now(), method, path: url.pathname, status, search: isSearch });
        if (requests.length > 50_000) requests.splice(0, 25_000);
        if (f.responseDelayMs) await new Promise((r) => setTimeout(r, f.responseDelayMs));
        if (await heldAndCut(method, url.pathname, 'after')) {
          req.socket.destroy();
          return;
        }
        const text = typeof payload === 'string' ? payload : payload === null ? '' : JSON.stringify(payload);
        res.writeHead(status, {
          ...headers,
          'Content-Type': typeof payload === 'string' ? 'text/html; charset=utf-8' : 'application/json;charset=utf-8',
          'Content-Length': Buffer.byteLength(text),
        });
        res.end(text);
      })().finally(() => handling--);
    });
  });
  server.keepAliveTimeout = 5_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    get token() {
      return token;
    },
    state,
    requests,
    gate(match, phase) {
      let arrived!: () => void;
      let decide!: (decision: 'release' | 'cut') => void;
      const reached = new Promise<void>((resolve) => (arrived = resolve));
      const decision = new Promise<'release' | 'cut'>((resolve) => (decide = resolve));
      gates.push({ method: match.method.toUpperCase(), path: match.path, phase, arrived, decision });
      return { reached, release: () => decide('release'), cut: () => decide('cut') };
    },
    setFaults(next) {
      faults = { ...next };
    },
    revokeToken() {
      revoked = true;
      token = `pat-eu1-${randomUUID()}`;
      revoked = false;
    },
    setScopes(next) {
      scopes = new Set(next);
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    get inFlight() {
      return inFlight;
    },
    get handling() {
      return handling;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    resetMaxInFlight() {
      maxInFlight = inFlight;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
