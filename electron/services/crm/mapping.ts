/**
 * HubSpot ↔ local shapes. Pull: a HubSpot object (properties + associations) becomes a MirrorRecord
 * for the store. Push: the pusher reads the local row and builds HubSpot properties here.
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
  MirrorType,
} from '../store/crm-mirror-repository';

export type HubSpotType = MirrorType;

/** The order of the initial sync: what others point at comes first. */
export const SYNC_ORDER: readonly HubSpotType[] = ['companies', 'contacts', 'tickets', 'deals', 'calls', 'notes', 'emails', 'meetings', 'tasks'];
export const ENGAGEMENTS: readonly HubSpotType[] = ['calls', 'notes', 'emails', 'meetings', 'tasks'];

export const modifiedProperty = (type: HubSpotType): string => (type === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate');

/** The property holding our local id, unique on the types that can upsert by it. */
export const ACCUEIL_ID = 'accueil_id';
export const UPSERTABLE: ReadonlySet<HubSpotType> = new Set(['contacts', 'companies', 'tickets']);

export const PROPERTIES: Record<HubSpotType, string[]> = {
  contacts: ['firstname', 'lastname', 'email', 'phone', 'mobilephone', 'jobtitle', 'address', 'zip', 'city', 'hs_merged_object_ids', 'lastmodifieddate', ACCUEIL_ID],
  companies: ['name', 'phone', 'address', 'zip', 'city', 'hs_merged_object_ids', 'hs_lastmodifieddate', ACCUEIL_ID],
  tickets: ['subject', 'content', 'hs_pipeline', 'hs_pipeline_stage', 'hs_ticket_priority', 'hs_ticket_category', 'hs_lastmodifieddate', ACCUEIL_ID],
  deals: ['dealname', 'amount', 'dealstage', 'pipeline', 'closedate', 'hs_lastmodifieddate'],
  calls: ['hs_timestamp', 'hs_call_title', 'hs_call_direction', 'hs_call_status', 'hs_call_duration', 'hs_call_from_number', 'hs_call_to_number', 'hs_lastmodifieddate', ACCUEIL_ID],
  notes: ['hs_timestamp', 'hs_note_body', 'hubspot_owner_id', 'hs_lastmodifieddate', ACCUEIL_ID],
  emails: ['hs_timestamp', 'hs_email_direction', 'hs_email_subject', 'hs_email_text', 'hs_email_from_email', 'hs_email_to_email', 'hs_lastmodifieddate', ACCUEIL_ID],
  meetings: ['hs_timestamp', 'hs_meeting_title', 'hs_meeting_body', 'hs_meeting_start_time', 'hs_meeting_outcome', 'hubspot_owner_id', 'hs_lastmodifieddate'],
  tasks: ['hs_timestamp', 'hs_task_subject', 'hs_task_body', 'hs_task_status', 'hs_lastmodifieddate'],
};

/** What each type is linked to locally. */
export const LINKS: Record<HubSpotType, HubSpotType[]> = {
  contacts: ['companies'],
  companies: [],
  tickets: ['contacts', 'companies'],
  deals: ['contacts', 'companies'],
  calls: ['contacts', 'companies', 'tickets'],
  notes: ['contacts', 'companies', 'tickets'],
  emails: ['contacts', 'companies', 'tickets'],
  meetings: ['contacts', 'companies'],
  tasks: ['contacts', 'companies'],
};

export interface HubSpotObject {
  id: string;
  properties: Record<string, string | null | undefined>;
  createdAt?: Date | string;
  associations?: Record<string, { results?: Array<{ id: string; type?: string }> } | undefined>;
}

/** Links read either inline (list endpoint) or from a v4 batch read. */
export function inlineLinks(object: HubSpotObject, type: HubSpotType): MirrorLinks {
  const pick = (to: string): string[] => {
    const results = object.associations?.[to]?.results ?? [];
    // Primary first (contact_to_company), then the rest, each id once.
    const sorted = [...results].sort((a, b) => Number(b.type === 'contact_to_company') - Number(a.type === 'contact_to_company'));
    return [...new Set(sorted.map((r) => String(r.id)))];
  };
  const wanted = LINKS[type];
  return { contacts: wanted.includes('contacts') ? pick('contacts') : [], companies: wanted.includes('companies') ? pick('companies') : [], tickets: wanted.includes('tickets') ? pick('tickets') : [] };
}

export interface MappingContext {
  ticketStatus(pipelineId: string | null, stageId: string | null): MirrorTicket['status'];
  ownerName(ownerId: string | null): string | null;
}

const text = (v: string | null | undefined): string | null => (v === null || v === undefined || v.trim() === '' ? null : v.trim());
const iso = (v: string | null | undefined, fallback: string): string => {
  if (!v) return fallback;
  const t = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  return Number.isNaN(t) ? fallback : new Date(t).toISOString();
};
export const timestampOf = (v: string | null | undefined): number | null => {
  if (!v) return null;
  const t = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  return Number.isNaN(t) ? null : t;
};
const plainText = (html: string): string =>
  html
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

export function toMirror(type: HubSpotType, object: HubSpotObject, links: MirrorLinks, context: MappingContext): MirrorRecord {
  const p = object.properties;
  const now = new Date().toISOString();
  const createdAt = iso(p.createdate ?? p.hs_createdate ?? (object.createdAt instanceof Date ? object.createdAt.toISOString() : (object.createdAt ?? null)), now);
  const base = { hubspotId: String(object.id), accueilId: text(p[ACCUEIL_ID]), createdAt, links };
  const merged = (text(p.hs_merged_object_ids) ?? '').split(';').map((s) => s.trim()).filter(Boolean);
  switch (type) {
    case 'contacts': {
      const phones: MirrorContact['phones'] = [];
      if (text(p.mobilephone)) phones.push({ raw: p.mobilephone!, kind: 'mobile' });
      if (text(p.phone)) phones.push({ raw: p.phone! });
      const record: MirrorContact = {
        ...base,
        firstName: text(p.firstname) ?? '',
        lastName: text(p.lastname) ?? text(p.email) ?? (text(p.firstname) ? '' : `Contact HubSpot ${object.id}`),
        email: text(p.email),
        role: text(p.jobtitle),
        address: text(p.address),
        postalCode: text(p.zip),
        city: text(p.city),
        phones,
        mergedIds: merged,
      };
      return { type, record };
    }
    case 'companies': {
      const record: MirrorCompany = {
        ...base,
        name: text(p.name) ?? `Entreprise HubSpot ${object.id}`,
        address: text(p.address),
        postalCode: text(p.zip),
        city: text(p.city),
        phones: text(p.phone) ? [{ raw: p.phone!, kind: 'standard' }] : [],
        mergedIds: merged,
      };
      return { type, record };
    }
    case 'tickets': {
      const record: MirrorTicket = {
        ...base,
        subject: text(p.subject) ?? '(sans objet)',
        description: text(p.content),
        status: context.ticketStatus(text(p.hs_pipeline), text(p.hs_pipeline_stage)),
        priority: PRIORITY[p.hs_ticket_priority ?? ''] ?? 'normale',
        category: CATEGORY[p.hs_ticket_category ?? ''] ?? 'autre',
      };
      return { type, record };
    }
    case 'deals': {
      const stage = p.dealstage ?? '';
      const record: MirrorQuote = {
        ...base,
        title: text(p.dealname) ?? `Devis HubSpot ${object.id}`,
        amountCents: Math.round(Number(p.amount ?? 0) * 100) || 0,
        status: stage === 'closedwon' ? 'accepte' : stage === 'closedlost' ? 'refuse' : 'envoye',
      };
      return { type, record };
    }
    case 'calls': {
      const ringAt = iso(p.hs_timestamp, createdAt);
      const duration = Number(p.hs_call_duration ?? 0) || 0;
      const status = (p.hs_call_status ?? 'COMPLETED').toUpperCase();
      const answered = status === 'COMPLETED' && duration > 0;
      const record: MirrorCall = {
        ...base,
        direction: (p.hs_call_direction ?? '').toUpperCase() === 'OUTBOUND' ? 'outbound' : 'inbound',
        state: answered || status === 'COMPLETED' ? 'ended' : status === 'FAILED' || status === 'CANCELED' ? 'failed' : 'missed',
        fromRaw: text(p.hs_call_from_number) ?? '',
        toRaw: text(p.hs_call_to_number) ?? '',
        ringAt,
        answerAt: answered ? ringAt : null,
        endAt: new Date(Date.parse(ringAt) + duration).toISOString(),
        title: text(p.hs_call_title),
      };
      return { type, record };
    }
    case 'notes': {
      const record: MirrorNote = { ...base, createdAt: iso(p.hs_timestamp, createdAt), body: plainText(p.hs_note_body ?? ''), author: context.ownerName(text(p.hubspot_owner_id)) };
      return { type, record };
    }
    case 'emails': {
      const direction = (p.hs_email_direction ?? 'EMAIL').toUpperCase();
      const record: MirrorEmail = {
        ...base,
        direction: direction === 'INCOMING_EMAIL' ? 'in' : 'out',
        fromAddress: text(p.hs_email_from_email),
        toAddress: text(p.hs_email_to_email),
        subject: text(p.hs_email_subject) ?? '(sans objet)',
        body: plainText(p.hs_email_text ?? ''),
        sentAt: iso(p.hs_timestamp, createdAt),
      };
      return { type, record };
    }
    case 'meetings': {
      const record: MirrorMeeting = {
        ...base,
        kind: text(p.hs_meeting_title) ?? 'Rendez-vous',
        status: MEETING_STATUS[(p.hs_meeting_outcome ?? '').toUpperCase()] ?? 'planifiee',
        scheduledAt: iso(p.hs_meeting_start_time ?? p.hs_timestamp, createdAt),
        report: text(p.hs_meeting_body) ? plainText(p.hs_meeting_body!) : null,
        technician: context.ownerName(text(p.hubspot_owner_id)),
      };
      return { type, record };
    }
    case 'tasks': {
      const record: MirrorTask = {
        ...base,
        subject: text(p.hs_task_subject) ?? 'Tâche',
        body: text(p.hs_task_body),
        status: text(p.hs_task_status),
        dueAt: p.hs_timestamp ? iso(p.hs_timestamp, createdAt) : null,
      };
      return { type, record };
    }
  }
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
