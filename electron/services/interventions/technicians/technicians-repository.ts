/**
 * Technicians and kinds of visit (the only code that writes their tables). Positions are the
 * offline geocoder's commune centres, found when the address is saved.
 */
import { randomUUID } from 'node:crypto';
import type { AccueilDatabase } from '../../store/database';
import type { Clock } from '../../store/record-owner';
import type { GeocodedPlace, InterventionType, Skill, Technician } from '../../../contract/booking-calls';
import type { CommuneGeocoder } from '../geo/commune-geocoder';

interface TechnicianRow {
  id: string;
  name: string;
  user_id: string | null;
  hubspot_owner_id: string | null;
  email: string | null;
  skills: string;
  hours: string;
  start_address: string;
  start_lat: number | null;
  start_lon: number | null;
  end_address: string;
  end_lat: number | null;
  end_lon: number | null;
  active: number;
}

interface TypeRow {
  id: string;
  label: string;
  duration_min: number;
  skills: string;
  active: number;
}

export interface TechnicianWrite {
  id?: string | undefined;
  name: string;
  userId: string | null;
  hubspotOwnerId: string | null;
  email: string | null;
  skills: readonly Skill[];
  hours: ReadonlyArray<{ weekday: number; start: string; end: string }>;
  absences: ReadonlyArray<{ from: string; to: string; reason: string | null }>;
  startAddress: string;
  endAddress: string;
  active: boolean;
}

export interface TypeWrite {
  id?: string | undefined;
  label: string;
  durationMin: number;
  skills: readonly Skill[];
  active: boolean;
}

/** The kinds of visit every workspace starts with (editable in Paramètres). */
export const DEFAULT_INTERVENTION_TYPES: ReadonlyArray<Required<TypeWrite>> = [
  { id: 'entretien-chaudiere-gaz', label: 'Entretien chaudière gaz', durationMin: 60, skills: ['chaudiere_gaz'], active: true },
  { id: 'entretien-chaudiere-fioul', label: 'Entretien chaudière fioul', durationMin: 90, skills: ['chaudiere_fioul'], active: true },
  { id: 'depannage-chaudiere', label: 'Dépannage chaudière', durationMin: 90, skills: ['chaudiere_gaz'], active: true },
  { id: 'entretien-pac', label: 'Entretien pompe à chaleur', durationMin: 90, skills: ['pompe_a_chaleur'], active: true },
  { id: 'installation-pac', label: 'Installation pompe à chaleur', durationMin: 480, skills: ['pompe_a_chaleur', 'electricite'], active: true },
  { id: 'recherche-fuite', label: 'Recherche de fuite', durationMin: 90, skills: ['plomberie'], active: true },
  { id: 'debouchage', label: 'Débouchage canalisation', durationMin: 60, skills: ['plomberie'], active: true },
  { id: 'remplacement-chauffe-eau', label: 'Remplacement chauffe-eau', durationMin: 180, skills: ['plomberie', 'electricite'], active: true },
  { id: 'entretien-climatisation', label: 'Entretien climatisation', durationMin: 60, skills: ['climatisation'], active: true },
  { id: 'ramonage', label: 'Ramonage', durationMin: 45, skills: ['ramonage'], active: true },
  { id: 'visite-technique', label: 'Visite technique avant devis', durationMin: 60, skills: [], active: true },
];

const FIELDS = 'id, name, user_id, hubspot_owner_id, email, skills, hours, start_address, start_lat, start_lon, end_address, end_lat, end_lon, active';

export class TechniciansRepository {
  constructor(
    private readonly db: AccueilDatabase,
    private readonly clock: Clock,
    private readonly geocoder: () => CommuneGeocoder,
  ) {}

  list(): Technician[] {
    const rows = this.db.prepare<TechnicianRow>(`SELECT ${FIELDS} FROM technicians ORDER BY name COLLATE NOCASE`).all();
    return rows.map((row) => this.toTechnician(row));
  }

  get(id: string): Technician | null {
    const row = this.db.prepare<TechnicianRow>(`SELECT ${FIELDS} FROM technicians WHERE id = ?`).get(id);
    return row ? this.toTechnician(row) : null;
  }

  /** Creates or replaces a technician and his absences; null when his start address cannot be placed. */
  save(input: TechnicianWrite): Technician | null {
    const geocoder = this.geocoder();
    const start = geocoder.geocode(input.startAddress);
    if (!start) return null;
    const end = input.endAddress ? geocoder.geocode(input.endAddress) : start;
    if (!end) return null;
    const id = input.id ?? randomUUID();
    const at = this.clock().toISOString();
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO technicians (id, name, user_id, hubspot_owner_id, email, skills, hours, start_address, start_lat, start_lon, end_address, end_lat, end_lon, active, created_at, updated_at)
           VALUES (@id, @name, @user_id, @hubspot_owner_id, @email, @skills, @hours, @start_address, @start_lat, @start_lon, @end_address, @end_lat, @end_lon, @active, @at, @at)
           ON CONFLICT (id) DO UPDATE SET name = excluded.name, user_id = excluded.user_id, hubspot_owner_id = excluded.hubspot_owner_id, email = excluded.email,
             skills = excluded.skills, hours = excluded.hours, start_address = excluded.start_address, start_lat = excluded.start_lat, start_lon = excluded.start_lon,
             end_address = excluded.end_address, end_lat = excluded.end_lat, end_lon = excluded.end_lon, active = excluded.active, updated_at = excluded.updated_at`,
        )
        .run({
          id,
          name: input.name,
          user_id: input.userId,
          hubspot_owner_id: input.hubspotOwnerId,
          email: input.email,
          skills: JSON.stringify([...new Set(input.skills)]),
          hours: JSON.stringify([...input.hours].sort((a, b) => a.weekday - b.weekday)),
          start_address: input.startAddress,
          start_lat: start.lat,
          start_lon: start.lon,
          end_address: input.endAddress,
          end_lat: end.lat,
          end_lon: end.lon,
          active: input.active ? 1 : 0,
          at,
        });
      this.db.prepare('DELETE FROM technician_absences WHERE technician_id = ?').run(id);
      const absence = this.db.prepare('INSERT OR REPLACE INTO technician_absences (technician_id, from_date, to_date, reason) VALUES (?, ?, ?, ?)');
      for (const a of input.absences) absence.run(id, a.from, a.to, a.reason);
    });
    return this.get(id);
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM technicians WHERE id = ?').run(id).changes > 0;
  }

  types(): InterventionType[] {
    return this.db
      .prepare<TypeRow>('SELECT id, label, duration_min, skills, active FROM intervention_types ORDER BY position, label COLLATE NOCASE')
      .all()
      .map((row) => ({ id: row.id, label: row.label, durationMin: row.duration_min, skills: JSON.parse(row.skills) as Skill[], active: row.active === 1 }));
  }

  type(id: string): InterventionType | null {
    return this.types().find((t) => t.id === id) ?? null;
  }

  saveType(input: TypeWrite): InterventionType {
    const id = input.id ?? randomUUID();
    const position = this.db.prepare<{ n: number }>('SELECT COALESCE(MAX(position), 0) + 1 AS n FROM intervention_types').get()!.n;
    this.db
      .prepare(
        `INSERT INTO intervention_types (id, label, duration_min, skills, active, position) VALUES (@id, @label, @duration_min, @skills, @active, @position)
         ON CONFLICT (id) DO UPDATE SET label = excluded.label, duration_min = excluded.duration_min, skills = excluded.skills, active = excluded.active`,
      )
      .run({ id, label: input.label, duration_min: input.durationMin, skills: JSON.stringify([...new Set(input.skills)]), active: input.active ? 1 : 0, position });
    return this.type(id)!;
  }

  removeType(id: string): boolean {
    return this.db.prepare('DELETE FROM intervention_types WHERE id = ?').run(id).changes > 0;
  }

  /** The default kinds of visit, once, in a workspace that has none. */
  seedDefaultTypes(): number {
    const count = this.db.prepare<{ n: number }>('SELECT COUNT(*) AS n FROM intervention_types').get()!.n;
    if (count > 0) return 0;
    this.db.transaction(() => {
      for (const type of DEFAULT_INTERVENTION_TYPES) this.saveType(type);
    });
    return DEFAULT_INTERVENTION_TYPES.length;
  }

  private toTechnician(row: TechnicianRow): Technician {
    const absences = this.db
      .prepare<{ from_date: string; to_date: string; reason: string | null }>('SELECT from_date, to_date, reason FROM technician_absences WHERE technician_id = ? ORDER BY from_date')
      .all(row.id)
      .map((a) => ({ from: a.from_date, to: a.to_date, reason: a.reason }));
    const geocoder = this.geocoder();
    const place = (address: string, lat: number | null, lon: number | null): GeocodedPlace | null => {
      if (lat === null || lon === null) return null;
      const found = geocoder.geocode(address);
      return found ? { ...found, lat, lon } : { postcode: '', commune: '', lat, lon, precision: 'commune', matchedBy: 'postcode' };
    };
    return {
      id: row.id,
      name: row.name,
      userId: row.user_id,
      hubspotOwnerId: row.hubspot_owner_id,
      email: row.email,
      skills: JSON.parse(row.skills) as Skill[],
      hours: JSON.parse(row.hours) as Technician['hours'],
      absences,
      startAddress: row.start_address,
      start: place(row.start_address, row.start_lat, row.start_lon),
      endAddress: row.end_address,
      end: place(row.end_address || row.start_address, row.end_lat, row.end_lon),
      active: row.active === 1,
    };
  }
}
