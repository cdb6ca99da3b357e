import { beforeEach, describe, expect, it } from 'vitest';
import { openStore, type AccueilStore } from '../store';
import { interventionsMigrations } from '../interventions/interventions-migrations';
import { technicianMigrations } from './technician-migrations';
import { TechnicianRepository } from './technician-repository';
import { mapsLinks, TechnicianRound } from './technician-round';

// Tuesday 1 December 2026, 7:00 in Paris (UTC+1).
const NOW = new Date('2026-12-01T06:00:00Z');
let store: AccueilStore;
let round: TechnicianRound;

function technician(id: string, hubspotOwnerId: string | null) {
  store.database
    .prepare("INSERT INTO technicians (id, name, hubspot_owner_id, start_address, created_at, updated_at) VALUES (?, ?, ?, 'Rennes', ?, ?)")
    .run(id, id, hubspotOwnerId, NOW.toISOString(), NOW.toISOString());
}

/** A visit; booked to `bookedTo` (a window in minutes) or, not booked, owned in HubSpot by `owner`. */
function visit(id: string, at: string, options: { bookedTo?: string; window?: [number, number]; owner?: string; status?: string; contactId?: string; kind?: string } = {}) {
  store.interventions.insert({ id, kind: options.kind ?? 'Entretien chaudière gaz', scheduledAt: at, siteAddress: `${id}, 35000 Rennes`, contactId: options.contactId ?? null, status: (options.status ?? 'planifiee') as never });
  if (options.owner) store.database.prepare('UPDATE interventions SET hubspot_owner_id = ? WHERE id = ?').run(options.owner, id);
  if (options.bookedTo) {
    const [start, end] = options.window ?? [480, 720];
    store.database
      .prepare(
        `INSERT INTO intervention_bookings (intervention_id, technician_id, day, window_start, window_end, duration_min, urgency, address, lat, lon, postcode, commune, matched_by, calendar_uid, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 60, 'normale', ?, 48.11, -1.68, '35000', 'Rennes', 'postcode', ?, ?, ?)`,
      )
      .run(id, options.bookedTo, at.slice(0, 10), start, end, `${id}, 35000 Rennes`, `uid-${id}`, NOW.toISOString(), NOW.toISOString());
  }
}

beforeEach(() => {
  store = openStore(':memory:', { clock: () => NOW });
  store.database.migrateArea('interventions', interventionsMigrations);
  store.database.migrateArea('technician', technicianMigrations);
  round = new TechnicianRound(store.database, new TechnicianRepository(store.database, () => NOW), () => NOW, () => 'Chauffage Martin');
  technician('karim', 'owner-k');
  technician('julien', null);
});

describe('a technician’s round', () => {
  it('holds today’s and tomorrow’s visits in Paris time, in route order, booked to him or his HubSpot owner’s', () => {
    visit('afternoon', '2026-12-01T13:00:00Z', { bookedTo: 'karim', window: [840, 1020] });
    visit('morning', '2026-12-01T07:00:00Z', { bookedTo: 'karim' });
    visit('hubspot', '2026-12-01T09:30:00Z', { owner: 'owner-k' });
    visit('late-tomorrow', '2026-12-02T22:30:00Z', { bookedTo: 'karim' }); // 23:30 in Paris, tomorrow
    visit('after-tomorrow', '2026-12-02T23:30:00Z', { bookedTo: 'karim' }); // 00:30 on Thursday
    visit('yesterday', '2026-11-30T22:59:00Z', { bookedTo: 'karim' }); // 23:59 on Monday
    visit('cancelled', '2026-12-01T10:00:00Z', { bookedTo: 'karim', status: 'annulee' });
    visit('julien', '2026-12-01T08:00:00Z', { bookedTo: 'julien' });
    visit('booked-away', '2026-12-01T08:00:00Z', { bookedTo: 'julien', owner: 'owner-k' });
    const days = round.days('karim', 'Karim');
    expect(days.days.map((d) => [d.date, d.jobs.map((j) => j.id)])).toEqual([
      ['2026-12-01', ['morning', 'hubspot', 'afternoon']],
      ['2026-12-02', ['late-tomorrow']],
    ]);
    expect(days.days[0]!.jobs[2]!.window).toEqual({ start: '14:00', end: '17:00' });
    expect(days.days[0]!.jobs[1]!.window).toBeNull();
    expect(days.company).toBe('Chauffage Martin');
  });

  it('finds one of his visits, and nothing of another’s, whatever the date', () => {
    visit('mine-last-week', '2026-11-24T08:00:00Z', { bookedTo: 'karim' });
    visit('julien', '2026-12-01T08:00:00Z', { bookedTo: 'julien' });
    expect(round.owns('karim', 'mine-last-week')).toBe(true);
    expect(round.job('karim', 'mine-last-week')?.id).toBe('mine-last-week');
    expect(round.owns('karim', 'julien')).toBe(false);
    expect(round.job('karim', 'julien')).toBeNull();
    expect(round.job('karim', 'nothing')).toBeNull();
    // Julien has no HubSpot owner: an unbooked visit without an owner is nobody's.
    visit('unowned', '2026-12-01T08:00:00Z');
    expect(round.owns('julien', 'unowned')).toBe(false);
  });

  it('gives the customer’s mobile first, his earlier visits and the last boiler service as equipment', () => {
    const contactId = store.contacts.insert({ firstName: 'François', lastName: 'Lefèvre', email: 'f@example.test' });
    const now = NOW.toISOString();
    store.database.prepare("INSERT INTO phones (contact_id, e164, raw, kind, created_at, updated_at) VALUES (?, '+33299001122', '02 99 00 11 22', 'fixe', ?, ?)").run(contactId, now, now);
    store.database.prepare("INSERT INTO phones (contact_id, e164, raw, kind, created_at, updated_at) VALUES (?, '+33612345678', '06 12 34 56 78', 'mobile', ?, ?)").run(contactId, now, now);
    visit('old-service', '2025-11-20T09:00:00Z', { contactId, status: 'terminee' });
    store.database.prepare("UPDATE interventions SET report = 'RAS' WHERE id = 'old-service'").run();
    visit('repair', '2026-03-02T09:00:00Z', { contactId, status: 'terminee', kind: 'Dépannage fuite' });
    visit('today', '2026-12-01T08:00:00Z', { bookedTo: 'karim', contactId });
    const job = round.job('karim', 'today')!;
    expect(job.customer).toEqual({ name: 'François Lefèvre', phone: '+33612345678', email: 'f@example.test' });
    expect(job.history.map((h) => h.kind)).toEqual(['Dépannage fuite', 'Entretien chaudière gaz']);
    expect(job.equipment).toEqual([{ label: 'Dernier entretien', value: '2025-11-20 — Entretien chaudière gaz' }]);
    expect(job.checklist.length).toBeGreaterThan(3);
  });
});

describe('maps links', () => {
  it('searches the address, and gives the phone’s maps app the commune centre', () => {
    expect(mapsLinks('2 rue de l’Église, Rennes', 48.1113, -1.68)).toEqual({
      mapsUrl: 'https://www.google.com/maps/search/?api=1&query=2%20rue%20de%20l%E2%80%99%C3%89glise%2C%20Rennes',
      geoUri: 'geo:48.11130,-1.68000?q=2%20rue%20de%20l%E2%80%99%C3%89glise%2C%20Rennes',
    });
    expect(mapsLinks('  ', null, null)).toEqual({ mapsUrl: null, geoUri: null });
  });
});
