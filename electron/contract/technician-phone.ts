/**
 * The technicians' app's HTTP API on the public surface (`/technicien/api/…`, see
 * host/public/technician-area.ts): what the phone posts (checked with these schemas) and what it
 * reads. The phone's app imports the types only (no zod in its bundle).
 */
import { z } from 'zod';

export const TECHNICIAN_APP_PATH = '/technicien/';
export const TECHNICIAN_API = {
  token: '/technicien/api/jeton',
  signIn: '/technicien/api/connexion',
  signOut: '/technicien/api/deconnexion',
  days: '/technicien/api/journee',
  actions: '/technicien/api/actions',
} as const;

export const PhoneSignIn = z.object({ login: z.string().trim().min(1).max(200), password: z.string().min(1).max(500) }).strict();

/** A field the technician edits on site (field-sync.ts FIELD_KEYS); checklist and parts are JSON text. */
const FieldValue = z.string().max(20_000).nullable();
const SheetFields = z
  .object({ report: FieldValue, checklist: FieldValue, parts: FieldValue, startedAt: FieldValue, stoppedAt: FieldValue })
  .partial()
  .strict();
export type SheetFields = z.infer<typeof SheetFields>;

/** A photo or a signature, base64 (its real type is read from its bytes on the server). */
const Picture = z.object({ data: z.string().min(4).max(14_000_000).regex(/^[A-Za-z0-9+/]+=*$/) }).strict();

const ActionBase = {
  /** Made on the phone (a random UUID): the same action sent twice is applied once. */
  clientId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  interventionId: z.string().min(1).max(64),
  madeAt: z.iso.datetime({ offset: true }),
};

export const PhoneAction = z.discriminatedUnion('kind', [
  z.object({ ...ActionBase, kind: z.literal('edit'), base: SheetFields, changes: SheetFields }).strict(),
  z.object({ ...ActionBase, kind: z.literal('photo'), photo: Picture }).strict(),
  z.object({ ...ActionBase, kind: z.literal('signature'), signature: Picture }).strict(),
  z.object({ ...ActionBase, kind: z.literal('done') }).strict(),
]);
export type PhoneAction = z.infer<typeof PhoneAction>;

export const PhoneActions = z.object({ actions: z.array(PhoneAction).min(1).max(50) }).strict();

export type PhoneActionResult =
  | { clientId: string; ok: true; fresh: boolean; outcome: unknown }
  | { clientId: string; ok: false; reason: string };

/** A checklist line and a part as the phone keeps them (JSON in the sheet's fields). */
export interface ChecklistLine {
  label: string;
  done: boolean;
}
export interface PartLine {
  label: string;
  quantity: number;
}

export interface TechnicianJob {
  id: string;
  kind: string;
  status: 'planifiee' | 'en_cours' | 'terminee' | 'annulee';
  /** YYYY-MM-DD in Paris. */
  day: string;
  scheduledAt: string;
  /** Arrival window, HH:MM (null: a visit not booked in Accueil, at `scheduledAt`). */
  window: { start: string; end: string } | null;
  durationMin: number | null;
  urgent: boolean;
  address: string;
  /** https link to a map search, and the geo: URI a phone hands to its maps app. */
  mapsUrl: string | null;
  geoUri: string | null;
  customer: { name: string; phone: string | null; email: string | null } | null;
  /** The customer's earlier visits, newest first. */
  history: Array<{ date: string; kind: string; report: string | null }>;
  /** What is known of the equipment on site (label → value); empty when nothing is. */
  equipment: Array<{ label: string; value: string }>;
  /** The office's instructions for this visit. */
  instructions: string[];
  /** The checklist for this kind of visit (labels). */
  checklist: string[];
  /** What the server holds of the technician's sheet (the phone's base for its next edit). */
  sheet: Required<SheetFields>;
  photos: number;
  signed: boolean;
}

export interface TechnicianDays {
  technician: { name: string };
  company: string;
  /** The instant the server answered (the phone shows « données du … »). */
  at: string;
  days: Array<{ date: string; jobs: TechnicianJob[] }>;
}
