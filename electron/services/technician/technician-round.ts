/**
 * A technician's round as his phone shows it: today's and tomorrow's visits in route order, each
 * with what he needs on the doorstep (address and maps links, the customer's phone, earlier visits,
 * what is known of the equipment, the office's instructions, the checklist) and what the server
 * already holds of his sheet. A visit is his when it is booked to him in Accueil, or, not booked
 * here, when its HubSpot meeting's owner is his HubSpot owner. Every read goes through `owns`
 * first: another technician's visit is not found, whatever its id.
 */
import type { TechnicianDays, TechnicianJob } from '../../contract/technician-phone';
import type { AccueilDatabase } from '../store/database';
import type { Clock } from '../store/record-owner';
import { addDays, localTime, parisInstant } from '../shared/paris-time';
import { checklistFor } from './job-checklists';
import type { TechnicianRepository } from './technician-repository';

interface JobRow {
  id: string;
  kind: string;
  status: TechnicianJob['status'];
  scheduled_at: string;
  site_address: string | null;
  report: string | null;
  contact_id: string | null;
  company_id: string | null;
  day: string | null;
  window_start: number | null;
  window_end: number | null;
  duration_min: number | null;
  urgency: string | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
}

/** The visits of technician @tech (booked to him, or his HubSpot owner's when not booked here). */
const MINE = `
  FROM interventions i
  LEFT JOIN intervention_bookings b ON b.intervention_id = i.id
  JOIN technicians t ON t.id = @tech
  WHERE (b.technician_id = t.id OR (b.technician_id IS NULL AND t.hubspot_owner_id IS NOT NULL AND i.hubspot_owner_id = t.hubspot_owner_id))`;

const JOB_FIELDS = `i.id, i.kind, i.status, i.scheduled_at, i.site_address, i.report, i.contact_id, i.company_id,
  b.day, b.window_start, b.window_end, b.duration_min, b.urgency, b.address, b.lat, b.lon`;

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** A map search for an address, and the geo: URI (RFC 5870) with the commune centre when known. */
export function mapsLinks(address: string, lat: number | null, lon: number | null): { mapsUrl: string | null; geoUri: string | null } {
  const text = address.trim();
  if (!text) return { mapsUrl: null, geoUri: null };
  const q = encodeURIComponent(text);
  return {
    mapsUrl: `https://www.google.com/maps/search/?api=1&query=${q}`,
    geoUri: lat !== null && lon !== null ? `geo:${lat.toFixed(5)},${lon.toFixed(5)}?q=${q}` : `geo:0,0?q=${q}`,
  };
}

export class TechnicianRound {
  constructor(
    private readonly db: AccueilDatabase,
    private readonly repository: TechnicianRepository,
    private readonly clock: Clock,
    private readonly company: () => string,
  ) {}

  owns(technicianId: string, interventionId: string): boolean {
    return this.db.prepare<{ one: number }>(`SELECT 1 AS one ${MINE} AND i.id = @id`).get({ tech: technicianId, id: interventionId }) !== undefined;
  }

  /** Today and tomorrow (Paris), each in route order; cancelled visits left out. */
  days(technicianId: string, name: string): TechnicianDays {
    const now = this.clock();
    const today = localTime(now).date;
    const dates = [today, addDays(today, 1)];
    const rows = this.db
      .prepare<JobRow>(
        `SELECT ${JOB_FIELDS} ${MINE} AND i.status <> 'annulee' AND i.scheduled_at >= @from AND i.scheduled_at < @to
         ORDER BY i.scheduled_at, b.window_start, i.id`,
      )
      .all({ tech: technicianId, from: parisInstant(today).toISOString(), to: parisInstant(addDays(today, 2)).toISOString() });
    const jobs = rows.map((row) => this.toJob(row));
    return {
      technician: { name },
      company: this.company(),
      at: now.toISOString(),
      days: dates.map((date) => ({ date, jobs: jobs.filter((j) => j.day === date) })),
    };
  }

  /** One visit of his, or null (not his, or no such visit: the same answer). */
  job(technicianId: string, interventionId: string): TechnicianJob | null {
    const row = this.db.prepare<JobRow>(`SELECT ${JOB_FIELDS} ${MINE} AND i.id = @id`).get({ tech: technicianId, id: interventionId });
    return row ? this.toJob(row) : null;
  }

  private toJob(row: JobRow): TechnicianJob {
    const address = row.address ?? row.site_address ?? '';
    const customer = this.customerOf(row);
    const history = this.historyOf(row);
    const lastService = history.find((h) => /entretien/i.test(h.kind));
    const instructions: string[] = [];
    if (row.urgency === 'urgente') instructions.push('Urgence : le client attend une intervention rapide.');
    if (row.status === 'planifiee' && row.report?.trim()) instructions.push(row.report.trim());
    const uploads = this.repository.uploadsOf(row.id);
    return {
      id: row.id,
      kind: row.kind,
      status: row.status,
      day: row.day ?? localTime(row.scheduled_at).date,
      scheduledAt: row.scheduled_at,
      window: row.window_start !== null && row.window_end !== null ? { start: hhmm(row.window_start), end: hhmm(row.window_end) } : null,
      durationMin: row.duration_min,
      urgent: row.urgency === 'urgente',
      address,
      ...mapsLinks(address, row.lat, row.lon),
      customer,
      history,
      equipment: lastService ? [{ label: 'Dernier entretien', value: `${lastService.date} — ${lastService.kind}` }] : [],
      instructions,
      checklist: checklistFor(row.kind),
      sheet: this.repository.sheet(row.id),
      photos: uploads.photos.length,
      signed: uploads.signature !== null,
    };
  }

  private customerOf(row: JobRow): TechnicianJob['customer'] {
    if (row.contact_id) {
      const c = this.db.prepare<{ first_name: string; last_name: string; email: string | null }>('SELECT first_name, last_name, email FROM contacts WHERE id = ?').get(row.contact_id);
      if (c) return { name: `${c.first_name} ${c.last_name}`.trim(), phone: this.phoneOf('contact_id', row.contact_id), email: c.email };
    }
    if (row.company_id) {
      const c = this.db.prepare<{ name: string }>('SELECT name FROM companies WHERE id = ?').get(row.company_id);
      if (c) return { name: c.name, phone: this.phoneOf('company_id', row.company_id), email: null };
    }
    return null;
  }

  /** A mobile first (it takes the « j’arrive » SMS), else any number. */
  private phoneOf(column: 'contact_id' | 'company_id', id: string): string | null {
    const row = this.db
      .prepare<{ number: string }>(`SELECT coalesce(e164, raw) AS number FROM phones WHERE ${column} = ? ORDER BY (kind = 'mobile') DESC, id LIMIT 1`)
      .get(id);
    return row?.number ?? null;
  }

  private historyOf(row: JobRow): TechnicianJob['history'] {
    const column = row.contact_id ? 'contact_id' : row.company_id ? 'company_id' : null;
    if (!column) return [];
    return this.db
      .prepare<{ scheduled_at: string; kind: string; report: string | null }>(
        `SELECT scheduled_at, kind, report FROM interventions WHERE ${column} = ? AND id <> ? AND scheduled_at < ? AND status = 'terminee' ORDER BY scheduled_at DESC LIMIT 5`,
      )
      .all(row.contact_id ?? row.company_id, row.id, row.scheduled_at)
      .map((h) => ({ date: localTime(h.scheduled_at).date, kind: h.kind, report: h.report }));
  }
}
