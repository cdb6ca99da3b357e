/**
 * HubSpot → local shapes: a HubSpot object (properties + associations) becomes a MirrorRecord for
 * the store. What is read of each type, and how a local row is pushed, is in hubspot-objects.ts.
 * Property names and enumerations are HubSpot's (see hubspot-api-facts.md).
 */
import type {
  MirrorCall,
  MirrorCompany,
  MirrorContact,
  MirrorEmail,
  MirrorLinks,
  MirrorMeeting,
  MirrorNote,
  MirrorQuote,
  MirrorRecord,
  MirrorTask,
  MirrorTicket,
} from '../store/crm-mirror-repository';
import { ACCUEIL_ID, HUBSPOT_OBJECT, HUBSPOT_OBJECTS, type HubSpotType } from './hubspot-objects';
import {
  UnreadableRecordError,
  readAmountCents,
  readArray,
  readBoolean,
  readDurationMs,
  readEnum,
  readId,
  readIdList,
  readIsoDate,
  readNumber,
  readRecord,
  readText,
  readTimestamp,
} from './hubspot-values';

export type { HubSpotType };
export { ACCUEIL_ID };

/** The order of the initial sync: what others point at comes first. */
export const SYNC_ORDER: readonly HubSpotType[] = HUBSPOT_OBJECTS.map((o) => o.type);

/** What a pull reads of each type. */
export const PROPERTIES: Record<HubSpotType, readonly string[]> = Object.fromEntries(HUBSPOT_OBJECTS.map((o) => [o.type, o.properties])) as Record<HubSpotType, readonly string[]>;

export interface HubSpotObject {
  id: string;
  /** As HubSpot sent them: documented as strings, but any JSON value may arrive (hubspot-values.ts). */
  properties: Record<string, unknown>;
  createdAt?: Date | string;
  associations?: Record<string, { results?: Array<{ id: string; type?: string }> } | undefined>;
}

/** Links read either inline (list endpoint) or from a v4 batch read; unreadable entries are dropped. */
export function inlineLinks(object: HubSpotObject, type: HubSpotType): MirrorLinks {
  const associations = readRecord((object as { associations?: unknown }).associations);
  const pick = (to: string): string[] => {
    const results = readArray(readRecord(associations[to]).results).map(readRecord);
    // Primary first (contact_to_company), then the rest, each id once.
    const sorted = [...results].sort((a, b) => Number(b.type === 'contact_to_company') - Number(a.type === 'contact_to_company'));
    return readIdList(sorted.map((r) => r.id));
  };
  const wanted = HUBSPOT_OBJECT[type].links;
  return { contacts: wanted.includes('contacts') ? pick('contacts') : [], companies: wanted.includes('companies') ? pick('companies') : [], tickets: wanted.includes('tickets') ? pick('tickets') : [] };
}

export interface MappingContext {
  ticketStatus(pipelineId: string | null, stageId: string | null): MirrorTicket['status'];
  ownerName(ownerId: string | null): string | null;
  /** "Now", for a record without any readable date (injected: tests never depend on today). */
  now?: () => Date;
}

/** A record's last-modified instant, or null when HubSpot sent no readable date. */
export const timestampOf = (v: unknown): number | null => readTimestamp(v);

const text = (v: unknown): string | null => readText(v);
/** Short fields (names, numbers, addresses): a 2 MB "first name" is cut, not stored whole. */
const short = (v: unknown): string | null => readText(v, 500);
const plainText = (html: unknown): string =>
  (readText(html) ?? '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n')
    // `<…>` up to the next '>' or the end, kept when it is not a tag ('<>', a '<' with no '>' after):
    // `/<[^>]+>/` rescanned the rest of the text after every '<' that had no '>' after it.
    .replace(/<[^>]*>?/g, (tag) => (tag.length > 2 && tag.endsWith('>') ? '' : tag))
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .trim();

const PRIORITY: Record<string, MirrorTicket['priority']> = { LOW: 'basse', MEDIUM: 'normale', HIGH: 'haute', URGENT: 'urgente' };
const CATEGORY: Record<string, MirrorTicket['category']> = { BILLING_ISSUE: 'facturation', PRODUCT_ISSUE: 'depannage', GENERAL_INQUIRY: 'autre', FEATURE_REQUEST: 'autre' };
const MEETING_STATUS: Record<string, MirrorMeeting['status']> = { SCHEDULED: 'planifiee', RESCHEDULED: 'planifiee', COMPLETED: 'terminee', CANCELED: 'annulee', NO_SHOW: 'annulee' };
const DEAL_STATUS: Record<string, MirrorQuote['status']> = { CLOSEDWON: 'accepte', CLOSEDLOST: 'refuse' };
const CALL_STATUS: Record<string, 'COMPLETED' | 'FAILED' | 'CANCELED' | 'OTHER'> = {
  COMPLETED: 'COMPLETED',
  FAILED: 'FAILED',
  CANCELED: 'CANCELED',
  BUSY: 'OTHER',
  NO_ANSWER: 'OTHER',
  CONNECTING: 'OTHER',
  QUEUED: 'OTHER',
  RINGING: 'OTHER',
  IN_PROGRESS: 'OTHER',
  CALLING_CRM_USER: 'OTHER',
  MISSED: 'OTHER',
};
const CALL_DIRECTION: Record<string, MirrorCall['direction']> = { INBOUND: 'inbound', OUTBOUND: 'outbound' };
const EMAIL_DIRECTION: Record<string, MirrorEmail['direction']> = { INCOMING_EMAIL: 'in', EMAIL: 'out', FORWARDED_EMAIL: 'out' };

/**
 * One HubSpot object as a local record. Every value goes through a defensive reader; throws
 * UnreadableRecordError only when the record has no usable id (nothing could key it locally).
 */
export function toMirror(type: HubSpotType, object: HubSpotObject, links: MirrorLinks, context: MappingContext): MirrorRecord {
  const p = readRecord((object as { properties?: unknown }).properties);
  const hubspotId = readId((object as { id?: unknown }).id) ?? readId(p.hs_object_id);
  if (hubspotId === null) throw new UnreadableRecordError(`${type} sans identifiant lisible`);
  const now = (context.now?.() ?? new Date()).toISOString();
  const createdAt = readIsoDate(p.createdate, null) ?? readIsoDate(p.hs_createdate, null) ?? readIsoDate(object.createdAt, now);
  const base = { hubspotId, accueilId: readId(p[ACCUEIL_ID]) ?? short(p[ACCUEIL_ID]), createdAt, links };
  const merged = readIdList(p.hs_merged_object_ids);
  switch (type) {
    case 'contacts': {
      const phones: MirrorContact['phones'] = [];
      const mobile = short(p.mobilephone);
      const phone = short(p.phone);
      if (mobile) phones.push({ raw: mobile, kind: 'mobile' });
      if (phone) phones.push({ raw: phone });
      const firstName = short(p.firstname);
      const record: MirrorContact = {
        ...base,
        firstName: firstName ?? '',
        lastName: short(p.lastname) ?? short(p.email) ?? (firstName ? '' : `Contact HubSpot ${hubspotId}`),
        email: short(p.email),
        role: short(p.jobtitle),
        address: short(p.address),
        postalCode: short(p.zip),
        city: short(p.city),
        phones,
        mergedIds: merged,
      };
      return { type, record };
    }
    case 'companies': {
      const phone = short(p.phone);
      const record: MirrorCompany = {
        ...base,
        name: short(p.name) ?? `Entreprise HubSpot ${hubspotId}`,
        address: short(p.address),
        postalCode: short(p.zip),
        city: short(p.city),
        sageCode: short(p.code_client_sage),
        phones: phone ? [{ raw: phone, kind: 'standard' }] : [],
        mergedIds: merged,
      };
      return { type, record };
    }
    case 'tickets': {
      const record: MirrorTicket = {
        ...base,
        subject: short(p.subject) ?? '(sans objet)',
        description: text(p.content),
        status: context.ticketStatus(readId(p.hs_pipeline), readId(p.hs_pipeline_stage)),
        priority: readEnum(p.hs_ticket_priority, PRIORITY) ?? 'normale',
        category: readEnum(p.hs_ticket_category, CATEGORY) ?? 'autre',
      };
      return { type, record };
    }
    case 'deals': {
      const record: MirrorQuote = {
        ...base,
        title: short(p.dealname) ?? `Devis HubSpot ${hubspotId}`,
        amountCents: readAmountCents(p.amount) ?? 0,
        status: readEnum(p.dealstage, DEAL_STATUS) ?? 'envoye',
      };
      return { type, record };
    }
    case 'calls': {
      const ringAt = readIsoDate(p.hs_timestamp, createdAt);
      // No duration: 0 (HubSpot leaves it empty on unanswered calls). Unreadable: kept, length unknown.
      const duration = p.hs_call_duration === null || p.hs_call_duration === undefined ? 0 : readDurationMs(p.hs_call_duration);
      const status = p.hs_call_status === null || p.hs_call_status === undefined ? 'COMPLETED' : (readEnum(p.hs_call_status, CALL_STATUS) ?? 'OTHER');
      const answered = status === 'COMPLETED' && (duration ?? 0) > 0;
      const record: MirrorCall = {
        ...base,
        direction: readEnum(p.hs_call_direction, CALL_DIRECTION) ?? 'inbound',
        state: status === 'COMPLETED' ? 'ended' : status === 'FAILED' || status === 'CANCELED' ? 'failed' : 'missed',
        fromRaw: short(p.hs_call_from_number) ?? '',
        toRaw: short(p.hs_call_to_number) ?? '',
        ringAt,
        answerAt: answered ? ringAt : null,
        endAt: duration === null ? null : new Date(Date.parse(ringAt) + duration).toISOString(),
        title: short(p.hs_call_title),
      };
      return { type, record };
    }
    case 'notes': {
      const record: MirrorNote = { ...base, createdAt: readIsoDate(p.hs_timestamp, createdAt), body: plainText(p.hs_note_body), author: context.ownerName(readId(p.hubspot_owner_id)) };
      return { type, record };
    }
    case 'emails': {
      const record: MirrorEmail = {
        ...base,
        direction: readEnum(p.hs_email_direction, EMAIL_DIRECTION) ?? 'out',
        fromAddress: short(p.hs_email_from_email),
        toAddress: short(p.hs_email_to_email),
        subject: short(p.hs_email_subject) ?? '(sans objet)',
        body: plainText(p.hs_email_text),
        sentAt: readIsoDate(p.hs_timestamp, createdAt),
      };
      return { type, record };
    }
    case 'meetings': {
      const report = plainText(p.hs_meeting_body);
      const record: MirrorMeeting = {
        ...base,
        kind: short(p.hs_meeting_title) ?? 'Rendez-vous',
        status: readEnum(p.hs_meeting_outcome, MEETING_STATUS) ?? 'planifiee',
        scheduledAt: readIsoDate(p.hs_meeting_start_time, null) ?? readIsoDate(p.hs_timestamp, createdAt),
        report: report === '' ? null : report,
        technician: context.ownerName(readId(p.hubspot_owner_id)),
      };
      return { type, record };
    }
    case 'tasks': {
      const record: MirrorTask = {
        ...base,
        subject: short(p.hs_task_subject) ?? 'Tâche',
        body: text(p.hs_task_body),
        status: short(p.hs_task_status),
        dueAt: readIsoDate(p.hs_timestamp, null),
      };
      return { type, record };
    }
  }
}

/** An owner as HubSpot lists it, or null when it has no readable id. */
export function toOwner(raw: unknown): { hubspotId: string; firstName: string | null; lastName: string | null; email: string | null } | null {
  const o = readRecord(raw);
  const hubspotId = readId(o.id);
  if (hubspotId === null) return null;
  return { hubspotId, firstName: readText(o.firstName, 200), lastName: readText(o.lastName, 200), email: readText(o.email, 320) };
}

/** Pipelines as HubSpot lists them; pipelines and stages without a readable id are dropped. */
export function toPipelines(raw: unknown): Array<{ id: string; label: string; displayOrder: number; stages: Array<{ id: string; label: string; displayOrder: number; isClosed: boolean }> }> {
  const out = [];
  for (const item of readArray(raw)) {
    const p = readRecord(item);
    const id = readId(p.id);
    if (id === null) continue;
    const stages = [];
    for (const s of readArray(p.stages).map(readRecord)) {
      const stageId = readId(s.id);
      if (stageId === null) continue;
      stages.push({ id: stageId, label: readText(s.label, 200) ?? stageId, displayOrder: readNumber(s.displayOrder) ?? 0, isClosed: readBoolean(readRecord(s.metadata).isClosed) ?? false });
    }
    out.push({ id, label: readText(p.label, 200) ?? id, displayOrder: readNumber(p.displayOrder) ?? 0, stages });
  }
  return out;
}

/**
 * A ticket's local status from its stage: closed stages → ferme; a stage whose label speaks of
 * waiting → en_attente; the pipeline's first stage → nouveau; any other open stage → en_cours.
 */
export function ticketStatusFromStages(stages: Array<{ pipelineId: string; id: string; label: string; displayOrder: number; isClosed: boolean }>) {
  return (pipelineId: string | null, stageId: string | null): MirrorTicket['status'] => {
    const stage = stages.find((s) => s.id === stageId && (pipelineId === null || s.pipelineId === pipelineId)) ?? stages.find((s) => s.id === stageId);
    if (!stage) return 'nouveau';
    if (stage.isClosed) return 'ferme';
    if (/attente|waiting/i.test(stage.label)) return 'en_attente';
    const first = stages.filter((s) => s.pipelineId === stage.pipelineId && !s.isClosed).sort((a, b) => a.displayOrder - b.displayOrder)[0];
    return first && first.id === stage.id ? 'nouveau' : 'en_cours';
  };
}

/** The stage for a local ticket status, in the default (first) pipeline. */
export function stageForStatus(
  stages: Array<{ pipelineId: string; id: string; label: string; displayOrder: number; isClosed: boolean; pipelineOrder: number }>,
  status: string,
): { pipelineId: string; stageId: string } | null {
  if (stages.length === 0) return null;
  const pipelineId = stages[0]!.pipelineId;
  const mine = stages.filter((s) => s.pipelineId === pipelineId);
  const open = mine.filter((s) => !s.isClosed);
  const pick =
    status === 'resolu' || status === 'ferme'
      ? mine.find((s) => s.isClosed)
      : status === 'en_attente'
        ? open.find((s) => /attente|waiting on contact|waiting/i.test(s.label))
        : status === 'en_cours'
          ? (open[1] ?? open[0])
          : open[0];
  const stage = pick ?? open[0] ?? mine[0]!;
  return { pipelineId, stageId: stage.id };
}
