/**
 * The interventions area's tables (its own migrations, see area.ts).
 *
 * - technicians: who goes on site — linked to an account (role technician) and/or a HubSpot owner —
 *   his skills, working hours per weekday (JSON `[{weekday, start, end}]`, 0 = Monday), absences
 *   (technician_absences), where his day starts and ends (address as typed, and the commune centre
 *   the offline geocoder found for it).
 * - intervention_types: the kinds of visit, with their expected duration and the skills they need.
 * - intervention_bookings: what a visit booked in Accueil adds to its intervention — technician,
 *   day, arrival window, duration, urgency, geocoded place, and its iCalendar identity (UID, one per
 *   visit, and SEQUENCE, 1 more at each change: the customer's calendar updates the event, never
 *   adds a second one).
 * - intervention_booking_history: every booking, move and cancellation, never rewritten, with what
 *   became of the e-mails it sent.
 * - interventions gains `ends_at` and `hubspot_owner_id`: the meeting pushed to HubSpot says when
 *   the visit ends and whose it is.
 */
import type { Migration } from '../store/migrations/migration';
import { planningMigrations } from './planning/planning-migrations';

export const interventionsMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'technicians-and-booking',
    up(db) {
      db.exec(`
CREATE TABLE technicians (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  user_id TEXT,
  hubspot_owner_id TEXT,
  email TEXT,
  skills TEXT NOT NULL DEFAULT '[]',
  hours TEXT NOT NULL DEFAULT '[]',
  start_address TEXT NOT NULL,
  start_lat REAL,
  start_lon REAL,
  end_address TEXT NOT NULL DEFAULT '',
  end_lat REAL,
  end_lon REAL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX technicians_user ON technicians(user_id) WHERE user_id IS NOT NULL;

CREATE TABLE technician_absences (
  technician_id TEXT NOT NULL REFERENCES technicians(id) ON DELETE CASCADE,
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL,
  reason TEXT,
  PRIMARY KEY (technician_id, from_date)
);

CREATE TABLE intervention_types (
  id TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  duration_min INTEGER NOT NULL CHECK (duration_min > 0),
  skills TEXT NOT NULL DEFAULT '[]',
  active INTEGER NOT NULL DEFAULT 1,
  position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE intervention_bookings (
  intervention_id TEXT PRIMARY KEY REFERENCES interventions(id) ON DELETE CASCADE,
  type_id TEXT,
  technician_id TEXT REFERENCES technicians(id) ON DELETE SET NULL,
  day TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  window_end INTEGER NOT NULL,
  duration_min INTEGER NOT NULL,
  urgency TEXT NOT NULL CHECK (urgency IN ('normale', 'urgente')),
  address TEXT NOT NULL,
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  postcode TEXT NOT NULL,
  commune TEXT NOT NULL,
  matched_by TEXT NOT NULL,
  calendar_uid TEXT NOT NULL UNIQUE,
  sequence INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX intervention_bookings_day ON intervention_bookings(day, technician_id);

CREATE TABLE intervention_booking_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  intervention_id TEXT NOT NULL REFERENCES interventions(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('booked', 'rescheduled', 'cancelled')),
  actor TEXT,
  technician_id TEXT,
  technician_name TEXT,
  day TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  window_end INTEGER NOT NULL,
  sequence INTEGER NOT NULL,
  reason TEXT,
  customer_mail TEXT,
  technician_mail TEXT
);
CREATE INDEX intervention_booking_history_visit ON intervention_booking_history(intervention_id, id);

ALTER TABLE interventions ADD COLUMN ends_at TEXT;
ALTER TABLE interventions ADD COLUMN hubspot_owner_id TEXT;
`);
    },
  },
  // 2: the planning board's pins, planned order and proposals.
  ...planningMigrations,
];
