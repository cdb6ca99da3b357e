/**
 * Working the call (issue 4): wrap-up and notes on the journal's call row, tickets opened from a
 * call, the callback list of missed calls, click-to-call. (E-mail templates: template-calls.ts.)
 *
 * Everything is written locally first (SQLite) and queued for HubSpot in the same transaction.
 */
import { z } from 'zod';
import { call, Empty, companySetting } from './call-spec';
import { CallRecord, Id, IsoDate, Ticket, TicketCategory, TicketPriority, TicketStatus } from './model';

/** Disposition of a call, as HubSpot's call outcomes (Connected, Left live message, No answer, Wrong number, Busy). */
export const CallOutcome = z.enum(['connecte', 'message_laisse', 'pas_de_reponse', 'mauvais_numero', 'occupe']);
export type CallOutcome = z.infer<typeof CallOutcome>;

/** Long enough for a real account of a call, short enough that a pasted log cannot fill the disk. */
const LongText = z.string().max(20_000);
const ShortText = z.string().trim().max(300);

export const Note = z.object({
  id: Id,
  body: z.string(),
  author: z.string().nullable(),
  contactId: Id.nullable(),
  companyId: Id.nullable(),
  callId: Id.nullable(),
  ticketId: Id.nullable(),
  createdAt: IsoDate,
});
export type Note = z.infer<typeof Note>;

/** A call with its wrap-up. `loggedAt` null: never saved, so not yet queued for the CRM. */
export const CallLog = z.object({
  call: CallRecord,
  outcome: CallOutcome.nullable(),
  body: z.string().nullable(),
  ticketId: Id.nullable(),
  loggedAt: IsoDate.nullable(),
  notes: z.array(Note),
  /** Seconds between answer and end, when both are known. */
  durationSec: z.number().int().nullable(),
});
export type CallLog = z.infer<typeof CallLog>;

export const TicketEvent = z.object({
  at: IsoDate,
  kind: z.enum(['created', 'changed', 'note', 'call']),
  field: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  callId: Id.nullable(),
  noteId: Id.nullable(),
  author: z.string().nullable(),
});
export type TicketEvent = z.infer<typeof TicketEvent>;

export const TicketDetail = z.object({
  ticket: Ticket,
  /** The short reference Claire reads to a customer (« T-4F2A9C01 »), found by the search too. */
  reference: z.string(),
  siteAddress: z.string().nullable(),
  /** The call it was opened from. */
  callId: Id.nullable(),
  /** Label of the contact or company, for the header. */
  ownerLabel: z.string().nullable(),
  events: z.array(TicketEvent),
  notes: z.array(Note),
});
export type TicketDetail = z.infer<typeof TicketDetail>;

/** What the ticket form starts with for a call: the caller, the company, the site address. */
export const TicketDraft = z.object({
  subject: z.string(),
  category: TicketCategory,
  priority: TicketPriority,
  contactId: Id.nullable(),
  companyId: Id.nullable(),
  ownerLabel: z.string().nullable(),
  siteAddress: z.string().nullable(),
  callId: Id.nullable(),
});
export type TicketDraft = z.infer<typeof TicketDraft>;

export const Callback = z.object({
  id: Id,
  state: z.enum(['open', 'done']),
  /** E.164, or null for a number that cannot be dialled (withheld, unreadable). */
  number: z.string().nullable(),
  display: z.string(),
  contactId: Id.nullable(),
  companyId: Id.nullable(),
  label: z.string().nullable(),
  firstMissedAt: IsoDate,
  lastMissedAt: IsoDate,
  /** 0 for an item asked for by another area (a low survey score) with no missed call. */
  missedCount: z.number().int().min(0),
  /** firstMissedAt + the target delay from the settings; a request's own deadline when sooner. */
  dueAt: IsoDate,
  closedAt: IsoDate.nullable(),
  closedBy: z.enum(['answered_call', 'agent']).nullable(),
  closeReason: z.string().nullable(),
  closingCallId: Id.nullable(),
  /** Why to call back besides missed calls (« Avis 3/10 : … »), one line per request. */
  reason: z.string().nullable(),
});
export type Callback = z.infer<typeof Callback>;

export const CallbackSettings = z.object({ targetMinutes: z.number().int().min(5).max(10_080) });
export type CallbackSettings = z.infer<typeof CallbackSettings>;

const NullableText = (max: number) => z.string().trim().max(max).nullable().default(null);

export const workCalls = {
  /** The call's wrap-up (outcome, body, ticket, notes). */
  'wrapup.get': call('read', z.object({ callId: Id }).strict(), CallLog),
  /** Save the wrap-up: completes the call's row and queues the call engagement for the CRM. */
  'wrapup.save': call(
    'write',
    z
      .object({
        callId: Id,
        outcome: CallOutcome.nullable(),
        body: LongText.default(''),
        /** Omitted: keep the current link; null: unlink. */
        ticketId: Id.nullable().optional(),
        /**
         * The saved wrap-up the editor started from (optimistic concurrency): changed meanwhile by
         * someone else, the save is refused (conflict) instead of overwriting it.
         */
        expected: z.object({ outcome: CallOutcome.nullable(), body: z.string().max(20_000).nullable() }).strict().optional(),
      })
      .strict(),
    CallLog,
  ),
  /** A note, during or after a call; owner defaults to the call's contact/company. */
  'notes.add': call(
    'write',
    z
      .object({
        body: LongText.refine((b) => b.trim().length > 0, 'La note est vide'),
        callId: Id.nullable().default(null),
        ticketId: Id.nullable().default(null),
        contactId: Id.nullable().default(null),
        companyId: Id.nullable().default(null),
      })
      .strict(),
    Note,
  ),
  'tickets.draft': call('read', z.object({ callId: Id }).strict(), TicketDraft),
  'tickets.create': call(
    'write',
    z
      .object({
        subject: z.string().trim().min(1).max(300),
        description: LongText.nullable().default(null),
        category: TicketCategory,
        priority: TicketPriority.default('normale'),
        status: TicketStatus.default('nouveau'),
        contactId: Id.nullable().default(null),
        companyId: Id.nullable().default(null),
        siteAddress: NullableText(500),
        callId: Id.nullable().default(null),
      })
      .strict(),
    TicketDetail,
  ),
  'tickets.update': call(
    'write',
    z
      .object({
        ticketId: Id,
        subject: ShortText.min(1).optional(),
        description: LongText.nullable().optional(),
        category: TicketCategory.optional(),
        priority: TicketPriority.optional(),
        status: TicketStatus.optional(),
        siteAddress: z.string().trim().max(500).nullable().optional(),
        /** The call during which the change was made (kept in the history). */
        callId: Id.nullable().default(null),
        /**
         * The changed fields as the editor last saw them (optimistic concurrency): if someone else
         * changed one of them meanwhile, the save is refused (conflict) instead of overwriting it.
         */
        expected: z
          .object({
            subject: z.string().max(300),
            description: z.string().max(20_000).nullable(),
            category: TicketCategory,
            priority: TicketPriority,
            status: TicketStatus,
            siteAddress: z.string().max(500).nullable(),
          })
          .partial()
          .strict()
          .optional(),
      })
      .strict(),
    TicketDetail,
  ),
  'tickets.get': call('read', z.object({ ticketId: Id }).strict(), TicketDetail),
  'callbacks.list': call(
    'read',
    z
      .object({
        includeDone: z.boolean().default(false),
        limit: z.number().int().min(1).max(500).default(200),
        /** « Mes rappels »: only the callers who missed the caller's own line (company server). */
        mine: z.boolean().default(false),
      })
      .strict(),
    z.array(Callback),
  ),
  'callbacks.close': call('write', z.object({ callbackId: Id, reason: z.string().trim().min(1).max(500) }).strict(), Callback),
  /** Target delay to call a missed caller back, in minutes (Paramètres; default 120). */
  'callbacks.settings': call('read', Empty, CallbackSettings),
  'callbacks.setTarget': companySetting(call('write', CallbackSettings.strict(), CallbackSettings)),
  /** Click-to-call: the desk phone rings first, then is sent to the number (see telephony/click-to-dial.ts). */
  'dialer.call': call('write', z.object({ number: z.string().trim().min(1).max(64) }).strict(), z.object({ call: CallRecord })),
} as const;

export const workEvents = {
  /** The callback list changed (missed call, call back answered, closed by hand). */
  'callbacks.changed': z.object({ open: z.array(Callback) }),
  /** A ticket was created or changed (cards and open ticket views refresh). */
  'tickets.changed': z.object({ ticketId: Id, contactId: Id.nullable(), companyId: Id.nullable() }),
} as const;

type WorkCalls = typeof workCalls;
type WorkEvents = typeof workEvents;
declare module './calls' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractCalls extends WorkCalls {}
}
declare module './events' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractEvents extends WorkEvents {}
}
