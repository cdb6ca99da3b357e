/**
 * What Accueil knows of each HubSpot object type, one entry per type, in the order of the initial
 * sync (what others point at comes first): its local table, the properties a pull reads, its
 * last-modified property, what it is linked to locally; and for the six kinds Accueil pushes
 * (contact, company, ticket, call, note, email) how a push is made: the HubSpot-defined association
 * type id to each link, the properties built from the local row at send time, and how a resend is
 * kept from creating a twin:
 * - 'upsert': the type has `accueil_id` as a unique property: created or updated by it, a resend is
 *   harmless (contacts, companies, tickets);
 * - 'lookup': engagements have no documented unique property: an engagement whose first send has
 *   an unknown outcome is looked up by `accueil_id` (search) before it is sent again.
 * Property names and enumerations are HubSpot's (see hubspot-api-facts.md).
 */
import type { OutboxKind } from './outbox-port';
import { MIRROR_TABLE, type MirrorType } from '../store/crm-mirror-repository';
import { NotYet } from '../jobs/job-queue';

export type HubSpotType = MirrorType;
/** The records a HubSpot object is linked to locally. */
export type LinkTarget = 'contacts' | 'companies' | 'tickets';

/** The property holding our local id (unique on the types that upsert by it). */
export const ACCUEIL_ID = 'accueil_id';

/** The local column holding each link. */
export const LINK_COLUMN: Record<LinkTarget, 'contact_id' | 'company_id' | 'ticket_id'> = { contacts: 'contact_id', companies: 'company_id', tickets: 'ticket_id' };

export type LocalRow = Record<string, unknown> & { id: string };

/** What a payload needs beyond its row, read by the pusher. */
export interface PayloadSources {
  phonesOf(column: 'contact_id' | 'company_id', id: string): Array<{ e164: string | null; raw: string; kind: string }>;
  /** The pipeline and stage for a local ticket status; throws while the pipelines are not synced. */
  ticketStage(status: string): { pipelineId: string; stageId: string };
  /** The portal's value of hs_call_disposition for one of HubSpot's labels (null: the portal has none). */
  callDisposition(label: string): Promise<string | null>;
  /** A contact's properties kept by other areas (contact-properties.ts). */
  contactExtras(contactId: string): Record<string, string>;
}

export interface PushDescription {
  /** The job kind (the OutboxPort's). */
  kind: OutboxKind;
  identity: 'upsert' | 'lookup';
  /** HubSpot-defined association type ids (v4), one for each of the object's links. */
  associationTypeIds: Partial<Record<LinkTarget, number>>;
  /** HubSpot properties from the local row, read at send time (throws NotYet while it must wait). */
  payload(row: LocalRow, sources: PayloadSources): Promise<Record<string, string>>;
}

export interface HubSpotObjectDescription {
  type: HubSpotType;
  /** The local table of its records. */
  table: string;
  /** What a pull reads. */
  properties: readonly string[];
  /** What incremental polls search on. */
  modifiedProperty: 'lastmodifieddate' | 'hs_lastmodifieddate';
  links: readonly LinkTarget[];
  push: PushDescription | null;
}

export type PushedObject = HubSpotObjectDescription & { push: PushDescription };

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const iso = (v: unknown): string => new Date(text(v)).toISOString();
/** `{ name: value }` when the row has a value, else nothing. */
const optional = (name: string, v: unknown): Record<string, string> => (v ? { [name]: text(v) } : {});

const PRIORITY: Record<string, string> = { basse: 'LOW', normale: 'MEDIUM', haute: 'HIGH', urgente: 'URGENT' };
/** HubSpot's labels of its default call dispositions (their values differ per portal). */
const DISPOSITION_LABEL: Record<string, string> = {
  connecte: 'Connected',
  message_laisse: 'Left live message',
  pas_de_reponse: 'No answer',
  mauvais_numero: 'Wrong number',
  occupe: 'Busy',
};

const ENGAGEMENT_LINKS: readonly LinkTarget[] = ['contacts', 'companies', 'tickets'];
/** A visit's status as HubSpot's meeting outcome (en cours has no outcome of its own: still scheduled). */
const MEETING_OUTCOME: Record<string, string> = { planifiee: 'SCHEDULED', en_cours: 'SCHEDULED', terminee: 'COMPLETED', annulee: 'CANCELED' };

export const HUBSPOT_OBJECTS: readonly HubSpotObjectDescription[] = [
  {
    type: 'companies',
    table: MIRROR_TABLE.companies,
    // code_client_sage: the Sage area's unique property (absent from a portal that never had Sage: HubSpot ignores it).
    properties: ['name', 'phone', 'address', 'zip', 'city', 'hs_merged_object_ids', 'hs_lastmodifieddate', ACCUEIL_ID, 'code_client_sage'],
    modifiedProperty: 'hs_lastmodifieddate',
    links: [],
    push: {
      kind: 'company',
      identity: 'upsert',
      associationTypeIds: {},
      async payload(row, sources) {
        const phone = sources.phonesOf('company_id', row.id)[0];
        return {
          [ACCUEIL_ID]: row.id,
          name: text(row.name),
          ...optional('address', row.address),
          ...optional('zip', row.postal_code),
          ...optional('city', row.city),
          ...(phone ? { phone: phone.e164 ?? phone.raw } : {}),
        };
      },
    },
  },
  {
    type: 'contacts',
    table: MIRROR_TABLE.contacts,
    properties: ['firstname', 'lastname', 'email', 'phone', 'mobilephone', 'jobtitle', 'address', 'zip', 'city', 'hs_merged_object_ids', 'lastmodifieddate', ACCUEIL_ID],
    modifiedProperty: 'lastmodifieddate',
    links: ['companies'],
    push: {
      kind: 'contact',
      identity: 'upsert',
      associationTypeIds: { companies: 1 },
      async payload(row, sources) {
        const phones = sources.phonesOf('contact_id', row.id);
        const mobile = phones.find((p) => p.kind === 'mobile');
        const other = phones.find((p) => p !== mobile);
        return {
          [ACCUEIL_ID]: row.id,
          firstname: text(row.first_name),
          lastname: text(row.last_name),
          ...optional('email', row.email),
          ...optional('jobtitle', row.role),
          ...optional('address', row.address),
          ...optional('zip', row.postal_code),
          ...optional('city', row.city),
          ...(mobile ? { mobilephone: mobile.e164 ?? mobile.raw } : {}),
          ...(other ? { phone: other.e164 ?? other.raw } : {}),
          ...sources.contactExtras(row.id),
        };
      },
    },
  },
  {
    type: 'tickets',
    table: MIRROR_TABLE.tickets,
    properties: ['subject', 'content', 'hs_pipeline', 'hs_pipeline_stage', 'hs_ticket_priority', 'hs_ticket_category', 'hs_lastmodifieddate', ACCUEIL_ID],
    modifiedProperty: 'hs_lastmodifieddate',
    links: ['contacts', 'companies'],
    push: {
      kind: 'ticket',
      identity: 'upsert',
      associationTypeIds: { contacts: 16, companies: 339 },
      async payload(row, sources) {
        const stage = sources.ticketStage(text(row.status));
        return {
          [ACCUEIL_ID]: row.id,
          subject: text(row.subject),
          ...optional('content', row.description),
          hs_pipeline: stage.pipelineId,
          hs_pipeline_stage: stage.stageId,
          hs_ticket_priority: PRIORITY[text(row.priority)] ?? 'MEDIUM',
        };
      },
    },
  },
  {
    type: 'deals',
    table: MIRROR_TABLE.deals,
    properties: ['dealname', 'amount', 'dealstage', 'pipeline', 'closedate', 'hs_lastmodifieddate'],
    modifiedProperty: 'hs_lastmodifieddate',
    links: ['contacts', 'companies'],
    push: null,
  },
  {
    type: 'calls',
    table: MIRROR_TABLE.calls,
    properties: ['hs_timestamp', 'hs_call_title', 'hs_call_direction', 'hs_call_status', 'hs_call_duration', 'hs_call_from_number', 'hs_call_to_number', 'hs_lastmodifieddate', ACCUEIL_ID],
    modifiedProperty: 'hs_lastmodifieddate',
    links: ENGAGEMENT_LINKS,
    push: {
      kind: 'call',
      identity: 'lookup',
      associationTypeIds: { contacts: 194, companies: 182, tickets: 220 },
      async payload(row, sources) {
        const state = text(row.state);
        if (state === 'ringing' || state === 'answered') throw new NotYet('appel en cours : envoyé à la fin');
        const answered = row.answer_at ? Date.parse(text(row.answer_at)) : null;
        const ended = row.end_at ? Date.parse(text(row.end_at)) : null;
        const duration = answered !== null && ended !== null ? Math.max(0, ended - answered) : 0;
        const inbound = row.direction === 'inbound';
        const label = typeof row.outcome === 'string' ? DISPOSITION_LABEL[row.outcome] : undefined;
        const disposition = label ? await sources.callDisposition(label) : null;
        return {
          [ACCUEIL_ID]: row.id,
          hs_timestamp: iso(row.ring_at),
          hs_call_direction: inbound ? 'INBOUND' : 'OUTBOUND',
          hs_call_status: state === 'ended' && answered !== null ? 'COMPLETED' : state === 'failed' ? 'FAILED' : 'NO_ANSWER',
          hs_call_duration: String(duration),
          hs_call_from_number: text(row.from_e164 ?? row.from_raw),
          hs_call_to_number: text(row.to_e164 ?? row.to_raw),
          hs_call_title: `${inbound ? 'Appel entrant' : 'Appel sortant'}${row.match_label ? ` — ${text(row.match_label)}` : ''}`,
          hs_call_body: text(row.body),
          ...(disposition ? { hs_call_disposition: disposition } : {}),
        };
      },
    },
  },
  {
    type: 'notes',
    table: MIRROR_TABLE.notes,
    properties: ['hs_timestamp', 'hs_note_body', 'hubspot_owner_id', 'hs_lastmodifieddate', ACCUEIL_ID],
    modifiedProperty: 'hs_lastmodifieddate',
    links: ENGAGEMENT_LINKS,
    push: {
      kind: 'note',
      identity: 'lookup',
      associationTypeIds: { contacts: 202, companies: 190, tickets: 228 },
      async payload(row) {
        return { [ACCUEIL_ID]: row.id, hs_timestamp: iso(row.created_at), hs_note_body: text(row.body) };
      },
    },
  },
  {
    type: 'emails',
    table: MIRROR_TABLE.emails,
    properties: ['hs_timestamp', 'hs_email_direction', 'hs_email_subject', 'hs_email_text', 'hs_email_from_email', 'hs_email_to_email', 'hs_lastmodifieddate', ACCUEIL_ID],
    modifiedProperty: 'hs_lastmodifieddate',
    links: ENGAGEMENT_LINKS,
    push: {
      kind: 'email',
      identity: 'lookup',
      associationTypeIds: { contacts: 198, companies: 186, tickets: 224 },
      async payload(row) {
        return {
          [ACCUEIL_ID]: row.id,
          hs_timestamp: iso(row.sent_at),
          hs_email_direction: row.direction === 'in' ? 'INCOMING_EMAIL' : 'EMAIL',
          hs_email_status: 'SENT',
          hs_email_subject: text(row.subject),
          hs_email_text: text(row.body),
          ...optional('hs_email_from_email', row.from_address),
          ...optional('hs_email_to_email', row.to_address),
        };
      },
    },
  },
  {
    type: 'meetings',
    table: MIRROR_TABLE.meetings,
    properties: ['hs_timestamp', 'hs_meeting_title', 'hs_meeting_body', 'hs_meeting_start_time', 'hs_meeting_outcome', 'hubspot_owner_id', 'hs_lastmodifieddate', ACCUEIL_ID],
    modifiedProperty: 'hs_lastmodifieddate',
    links: ['contacts', 'companies'],
    // A visit marked done in Accueil (« Terminée ») goes back as the meeting's outcome: without it,
    // the next poll would read the meeting still SCHEDULED and undo Claire's click.
    push: {
      kind: 'meeting',
      identity: 'lookup',
      associationTypeIds: { contacts: 200, companies: 188 },
      async payload(row) {
        return {
          [ACCUEIL_ID]: row.id,
          hs_timestamp: iso(row.scheduled_at),
          hs_meeting_start_time: iso(row.scheduled_at),
          hs_meeting_title: text(row.kind),
          hs_meeting_outcome: MEETING_OUTCOME[text(row.status)] ?? 'SCHEDULED',
          ...optional('hs_meeting_body', row.report),
          // A visit booked in Accueil (interventions area) also says when it ends, where, and whose it is.
          ...(row.ends_at ? { hs_meeting_end_time: iso(row.ends_at) } : {}),
          ...optional('hs_meeting_location', row.ends_at ? row.site_address : null),
          ...optional('hubspot_owner_id', row.hubspot_owner_id),
        };
      },
    },
  },
  {
    type: 'tasks',
    table: MIRROR_TABLE.tasks,
    properties: ['hs_timestamp', 'hs_task_subject', 'hs_task_body', 'hs_task_status', 'hs_lastmodifieddate'],
    modifiedProperty: 'hs_lastmodifieddate',
    links: ['contacts', 'companies'],
    push: null,
  },
];

/** Each type's entry. */
export const HUBSPOT_OBJECT = Object.fromEntries(HUBSPOT_OBJECTS.map((o) => [o.type, o])) as Record<HubSpotType, HubSpotObjectDescription>;

/** The entry of each kind Accueil pushes. */
export const PUSHED_OBJECT = Object.fromEntries(HUBSPOT_OBJECTS.filter((o): o is PushedObject => o.push !== null).map((o) => [o.push.kind, o])) as Record<OutboxKind, PushedObject>;

/** The association type id of `from` → `to` (pushed types only), or null when HubSpot has none. */
export function associationTypeId(from: PushedObject, to: LinkTarget): number | null {
  return from.push.associationTypeIds[to] ?? null;
}
