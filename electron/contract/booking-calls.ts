/**
 * Booking a visit while on the call (issue 16): the technicians and their days, the kinds of visit
 * with their length and skills, the arrival windows that can really be kept for an address, and
 * booking, moving or cancelling a visit (each kept in its history). The interventions area answers.
 */
import { z } from 'zod';
import { call, STAFF } from './call-spec';
import { Id, IsoDate } from './model';

/** What a technician can do, and what a kind of visit needs. */
export const Skill = z.enum(['chaudiere_gaz', 'chaudiere_fioul', 'pompe_a_chaleur', 'plomberie', 'electricite', 'climatisation', 'ramonage']);
export type Skill = z.infer<typeof Skill>;
export const SKILLS = Skill.options;

export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
export const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
export const Urgency = z.enum(['normale', 'urgente']);
export type Urgency = z.infer<typeof Urgency>;
/** Half-days (08:00–12:00, 13:30–17:30) or two-hour windows. */
export const WindowStyle = z.enum(['half_day', 'two_hours']);
export type WindowStyle = z.infer<typeof WindowStyle>;

/** One working day of the week: 0 = Monday … 6 = Sunday. */
export const WorkingHours = z.object({ weekday: z.number().int().min(0).max(6), start: ClockTime, end: ClockTime }).refine((h) => h.start < h.end, { message: 'start < end' });
export const Absence = z.object({ from: DateOnly, to: DateOnly, reason: z.string().trim().max(200).nullable() }).refine((a) => a.from <= a.to, { message: 'from ≤ to' });

/** A place found by the offline geocoder: always a commune centre (a few km). */
export const GeocodedPlace = z.object({
  postcode: z.string(),
  commune: z.string(),
  lat: z.number(),
  lon: z.number(),
  precision: z.literal('commune'),
  matchedBy: z.enum(['postcode_and_name', 'postcode', 'name']),
});
export type GeocodedPlace = z.infer<typeof GeocodedPlace>;

export const Technician = z.object({
  id: Id,
  name: z.string(),
  /** The account (role technician) he logs in with, if any. */
  userId: z.string().nullable(),
  /** The HubSpot owner his meetings are assigned to, if any. */
  hubspotOwnerId: z.string().nullable(),
  email: z.string().nullable(),
  skills: z.array(Skill),
  hours: z.array(WorkingHours),
  absences: z.array(Absence),
  /** Where his day starts and ends (home or depot), as typed, and where the geocoder put it. */
  startAddress: z.string(),
  start: GeocodedPlace.nullable(),
  endAddress: z.string(),
  end: GeocodedPlace.nullable(),
  active: z.boolean(),
});
export type Technician = z.infer<typeof Technician>;

export const TechnicianInput = z
  .object({
    id: Id.optional(),
    name: z.string().trim().min(1).max(120),
    userId: z.string().max(64).nullable().default(null),
    hubspotOwnerId: z.string().max(64).nullable().default(null),
    email: z.email().max(254).nullable().default(null),
    skills: z.array(Skill).max(20),
    hours: z.array(WorkingHours).max(7),
    absences: z.array(Absence).max(100).default([]),
    startAddress: z.string().trim().min(1).max(300),
    endAddress: z.string().trim().max(300).default(''),
    active: z.boolean().default(true),
  })
  .strict();

export const InterventionType = z.object({
  id: Id,
  label: z.string(),
  durationMin: z.number().int(),
  skills: z.array(Skill),
  active: z.boolean(),
});
export type InterventionType = z.infer<typeof InterventionType>;

export const InterventionTypeInput = z
  .object({
    id: Id.optional(),
    label: z.string().trim().min(1).max(120),
    durationMin: z.number().int().min(15).max(600),
    skills: z.array(Skill).max(10),
    active: z.boolean().default(true),
  })
  .strict();

export const BookingSetup = z.object({
  technicians: z.array(Technician),
  types: z.array(InterventionType),
  /** Accounts with the technician role (to link), on the company server. */
  technicianAccounts: z.array(z.object({ id: z.string(), name: z.string(), login: z.string() })),
  /** HubSpot owners (to link). */
  owners: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Where positions come from and how precise they are. */
  geocoding: z.object({ source: z.string(), licence: z.string(), precision: z.string() }),
});
export type BookingSetup = z.infer<typeof BookingSetup>;

export const WindowOffer = z.object({
  day: DateOnly,
  windowStart: ClockTime,
  windowEnd: ClockTime,
  technicianId: Id,
  technicianName: z.string(),
  /** Road km the visit adds to his day (travel model: 1.3 × straight line). */
  extraKm: z.number(),
  extraDriveMin: z.number(),
});
export type WindowOffer = z.infer<typeof WindowOffer>;

export const ProposeInput = z
  .object({
    typeId: Id,
    urgency: Urgency.default('normale'),
    style: WindowStyle.default('half_day'),
    address: z.string().trim().min(1).max(300),
    /** Moving this visit: its own place in the day is free. */
    rescheduleOf: Id.optional(),
    count: z.number().int().min(3).max(5).default(5),
  })
  .strict();

export const Proposals = z.object({
  place: GeocodedPlace.nullable(),
  offers: z.array(WindowOffer),
  /** Why there is nothing to offer (null when there are offers). */
  reason: z.enum(['address_unknown', 'no_qualified_technician', 'no_window']).nullable(),
});
export type Proposals = z.infer<typeof Proposals>;

export const BookingAction = z.enum(['booked', 'rescheduled', 'cancelled']);
export const MailOutcome = z.enum(['sent', 'failed', 'no_address', 'unavailable']);

export const BookingHistoryEntry = z.object({
  at: IsoDate,
  action: BookingAction,
  actor: z.string().nullable(),
  day: DateOnly,
  windowStart: ClockTime,
  windowEnd: ClockTime,
  technicianName: z.string().nullable(),
  reason: z.string().nullable(),
  customerMail: MailOutcome.nullable(),
  technicianMail: MailOutcome.nullable(),
});

export const Booking = z.object({
  interventionId: Id,
  typeId: z.string().nullable(),
  kind: z.string(),
  status: z.enum(['planifiee', 'en_cours', 'terminee', 'annulee']),
  urgency: Urgency,
  technicianId: z.string().nullable(),
  technicianName: z.string().nullable(),
  day: DateOnly,
  windowStart: ClockTime,
  windowEnd: ClockTime,
  durationMin: z.number().int(),
  address: z.string(),
  place: GeocodedPlace.nullable(),
  contactId: Id.nullable(),
  companyId: Id.nullable(),
  /** The iCalendar UID (one per visit) and SEQUENCE (1 more at each change). */
  calendarUid: z.string(),
  sequence: z.number().int(),
  history: z.array(BookingHistoryEntry),
});
export type Booking = z.infer<typeof Booking>;

const Slot = { day: DateOnly, windowStart: ClockTime, windowEnd: ClockTime, technicianId: Id };

/** Technicians and kinds of visit: in Paramètres, a supervisor's or an administrator's on the company server. */
const MANAGERS = { serverRoles: ['supervisor', 'admin'] as const };

export const bookingCalls = {
  'booking.setup': call('read', z.object({}).strict(), BookingSetup, STAFF),
  'booking.saveTechnician': { ...call('write', TechnicianInput, Technician, STAFF), ...MANAGERS },
  'booking.removeTechnician': { ...call('write', z.object({ id: Id }).strict(), z.object({ removed: z.boolean() }), STAFF), ...MANAGERS },
  'booking.saveType': { ...call('write', InterventionTypeInput, InterventionType, STAFF), ...MANAGERS },
  'booking.removeType': { ...call('write', z.object({ id: Id }).strict(), z.object({ removed: z.boolean() }), STAFF), ...MANAGERS },
  /** Where an address is, offline (« position approximative : centre de la commune »). */
  'booking.geocode': call('read', z.object({ address: z.string().trim().min(1).max(300) }).strict(), GeocodedPlace.nullable(), STAFF),
  /** The 3–5 best arrival windows for this address, kind and urgency. */
  'booking.propose': call('read', ProposeInput, Proposals, STAFF),
  'booking.book': call(
    'write',
    z
      .object({
        typeId: Id,
        urgency: Urgency.default('normale'),
        address: z.string().trim().min(1).max(300),
        contactId: Id.nullable().default(null),
        companyId: Id.nullable().default(null),
        ...Slot,
      })
      .strict(),
    Booking,
    STAFF,
  ),
  'booking.reschedule': call('write', z.object({ interventionId: Id, reason: z.string().trim().max(300).optional(), ...Slot }).strict(), Booking, STAFF),
  'booking.cancel': call('write', z.object({ interventionId: Id, reason: z.string().trim().max(300).optional() }).strict(), Booking, STAFF),
  /** A booked visit with its history (null: the visit was not booked in Accueil). */
  'booking.get': call('read', z.object({ interventionId: Id }).strict(), Booking.nullable(), STAFF),
} as const;

type BookingCalls = typeof bookingCalls;
declare module './calls' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractCalls extends BookingCalls {}
}
