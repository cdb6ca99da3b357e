/**
 * The planning board's tables (the interventions area's migration 2, see interventions-migrations.ts).
 *
 * - planning_pins: visits kept where they are when their day is optimised (by hand; a visit
 *   started or from the CRM is kept anyway).
 * - planning_route_stops: the order and arrival an accepted « Optimiser la journée » planned for a
 *   visit, valid while the visit stays with that technician on that day (a move drops it).
 * - planning_proposals: each « Optimiser la journée », with the state of the day it was computed
 *   on (`stamps`: every visit's version, the technicians' days) — an accept on a day that changed
 *   since is refused — and who accepted or refused it, when.
 */
import type { Migration } from '../../store/migrations/migration';

export const planningMigrations: readonly Migration[] = [
  {
    version: 2,
    name: 'pins-route-stops-proposals',
    up(db) {
      db.exec(`
CREATE TABLE planning_pins (
  intervention_id TEXT PRIMARY KEY REFERENCES interventions(id) ON DELETE CASCADE,
  pinned_at TEXT NOT NULL,
  pinned_by TEXT
);

CREATE TABLE planning_route_stops (
  intervention_id TEXT PRIMARY KEY REFERENCES interventions(id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  technician_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  arrival_min REAL NOT NULL,
  proposal_id TEXT NOT NULL
);
CREATE INDEX planning_route_stops_day ON planning_route_stops(day, technician_id);

CREATE TABLE planning_proposals (
  id TEXT PRIMARY KEY,
  day TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT,
  status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'refused', 'stale')),
  stamps TEXT NOT NULL,
  proposal TEXT NOT NULL,
  decided_at TEXT,
  decided_by TEXT
);
CREATE INDEX planning_proposals_day ON planning_proposals(day, created_at);
`);
    },
  },
];
