/**
 * Booking a visit on the call, moving it and cancelling it. What it writes, in one transaction:
 *
 *   book        interventions row (kind, « planifiée », scheduled_at = start of the window, technician,
 *               address, contact/company, ends_at, HubSpot owner) + intervention_bookings (window,
 *               place, UID, SEQUENCE 0) + history « booked » + outbox meeting 'create'
 *   reschedule  the same rows updated (scheduled_at moves: the workflows' reminder the day before
 *               follows the new date), SEQUENCE + 1, history « rescheduled », outbox meeting 'update'
 *   cancel      status « annulée » (the reminder is dropped), SEQUENCE + 1, history, outbox 'update'
 *
 * Then, once committed, the e-mails: the customer's confirmation with its invitation (.ics, same UID
 * for the visit's whole life, METHOD:REQUEST, or CANCEL), and the technician his day. What became
 * of each is written on the history line; the customer's e-mail joins his history (and HubSpot, as an
 * e-mail engagement). Nothing is sent from the demo workspace (made-up people).
 *
 * The window asked for is checked again at booking time, against the day as it is now: a window
 * proposed a minute ago may have been taken by a colleague's booking (booking.window_taken).
 */
import { ServiceError } from '../../../contract/envelope';
import type { Booking, GeocodedPlace, Proposals, Technician, Urgency, WindowStyle } from '../../../contract/booking-calls';
import type { AccueilDatabase } from '../../store/database';
import type { Clock } from '../../store/record-owner';
import type { OutboxPort } from '../../crm/outbox-port';
import type { MailSending } from '../../templates/email-composer';
import type { Logger } from '../../log';
import { holidayName } from '../../shared/french-holidays';
import { localTime, parisInstant } from '../../shared/paris-time';
import { clockTime, minutesOfDay } from '../routes/clock-time';
import { DEFAULT_LUNCH_RULE } from '../routes/route-model';
import { DEFAULT_TRAVEL_MODEL, type TravelModel } from '../routes/travel-model';
import type { CommuneGeocoder } from '../geo/commune-geocoder';
import type { TechniciansRepository } from '../technicians/technicians-repository';
import { bestInsertion, proposeWindows, technicianDay, type BookedVisit, type BookingTechnician } from './window-proposals';
import { calendarInvitation } from './calendar-invitation';
import { customerMail, technicianDayMail, type DayVisit } from './booking-mail';

export type MailOutcome = 'sent' | 'failed' | 'no_address' | 'unavailable';

export interface BookingDeskOptions {
  db: AccueilDatabase;
  clock: Clock;
  technicians: TechniciansRepository;
  geocoder: () => CommuneGeocoder;
  outbox: () => OutboxPort;
  mail: () => MailSending | null;
  /** False in the demo workspace: nothing is e-mailed. */
  sending: () => boolean;
  company: () => { name: string; phone: string };
  /** Writes an e-mail sent to the customer into his history (and the CRM's outbox). */
  recordEmail?: (email: { contactId: string | null; companyId: string | null; from: string; to: string; subject: string; body: string; sentAt: string }) => void;
  travel?: TravelModel;
  logger?: Logger;
}

interface BookingRow {
  intervention_id: string;
  type_id: string | null;
  technician_id: string | null;
  day: string;
  window_start: number;
  window_end: number;
  duration_min: number;
  urgency: Urgency;
  address: string;
  lat: number;
  lon: number;
  postcode: string;
  commune: string;
  matched_by: GeocodedPlace['matchedBy'];
  calendar_uid: string;
  sequence: number;
  kind: string;
  status: Booking['status'];
  contact_id: string | null;
  company_id: string | null;
}

interface HistoryRow {
  id: number;
  at: string;
  action: 'booked' | 'rescheduled' | 'cancelled';
  actor: string | null;
  day: string;
  window_start: number;
  window_end: number;
  technician_name: string | null;
  reason: string | null;
  customer_mail: MailOutcome | null;
  technician_mail: MailOutcome | null;
}

export interface MoveOptions {
  /** Check the slot still holds in the technician's day as booked (default true; false: the caller checked, or a supervisor forced it). */
  check?: boolean;
  /** Mail the customer his invitation at every move (default), or only when the day or window changed. */
  customer?: 'always' | 'if_changed';
  /** Runs first inside the move's transaction: a throw there moves nothing. */
  inside?: () => void;
}

export interface Slot {
  day: string;
  windowStart: string;
  windowEnd: string;
  technicianId: string;
}

const BOOKING_SQL = `SELECT b.*, i.kind, i.status, i.contact_id, i.company_id FROM intervention_bookings b JOIN interventions i ON i.id = b.intervention_id`;
const OPEN = `('planifiee', 'en_cours')`;
/** A visit mirrored from HubSpot says when it starts, not how long: this long, unless its kind is known. */
const UNKNOWN_DURATION_MIN = 60;

export class BookingDesk {
  private readonly travel: TravelModel;

  constructor(private readonly options: BookingDeskOptions) {
    this.travel = options.travel ?? DEFAULT_TRAVEL_MODEL;
  }

  /** The active intervention types, as booking offers them (the customer portal lists the short ones). */
  bookableTypes(): Array<{ id: string; label: string; durationMin: number }> {
    return this.options.technicians
      .types()
      .filter((t) => t.active)
      .map(({ id, label, durationMin }) => ({ id, label, durationMin }));
  }

  geocode(address: string): GeocodedPlace | null {
    return this.options.geocoder().geocode(address);
  }

  propose(input: { typeId: string; urgency: Urgency; style: WindowStyle; address: string; rescheduleOf?: string | undefined; count: number }): Proposals {
    const type = this.options.technicians.type(input.typeId);
    if (!type) throw new ServiceError('not_found', { reason: 'booking.type_unknown' });
    const place = this.geocode(input.address);
    if (!place) return { place: null, offers: [], reason: 'address_unknown' };
    const technicians = this.bookingTechnicians();
    if (!technicians.some((t) => type.skills.every((s) => t.skills.includes(s)))) return { place, offers: [], reason: 'no_qualified_technician' };
    const now = this.options.clock();
    const local = localTime(now);
    const today = local.date;
    const nowMinutes = local.hour * 60 + now.getUTCMinutes();
    const offers = proposeWindows(
      {
        location: place,
        durationMin: type.durationMin,
        skills: type.skills,
        urgency: input.urgency,
        style: input.style,
        today,
        nowMinutes,
        travel: this.travel,
        count: input.count,
        isHoliday: (day) => holidayName(day) !== null,
        ignoreVisitId: input.rescheduleOf ?? null,
      },
      technicians,
      this.bookedVisits(today),
    );
    const names = new Map(technicians.map((t) => [t.id, t.name]));
    return {
      place,
      offers: offers.map((o) => ({
        day: o.day,
        windowStart: clockTime(o.windowStart),
        windowEnd: clockTime(o.windowEnd),
        technicianId: o.technicianId,
        technicianName: names.get(o.technicianId) ?? o.technicianId,
        extraKm: Math.round(o.extraKm * 10) / 10,
        extraDriveMin: Math.round(o.extraDriveMin),
      })),
      reason: offers.length === 0 ? 'no_window' : null,
    };
  }

  /** Books a visit (one transaction, then the e-mails). */
  async book(
    input: Slot & { typeId: string; urgency: Urgency; address: string; contactId: string | null; companyId: string | null },
    actor: string | null,
  ): Promise<Booking> {
    const type = this.options.technicians.type(input.typeId);
    if (!type) throw new ServiceError('not_found', { reason: 'booking.type_unknown' });
    const place = this.geocode(input.address);
    if (!place) throw new ServiceError('bad_request', { reason: 'booking.address_unknown' });
    const { db, clock } = this.options;
    const id = crypto.randomUUID();
    const historyId = db.transaction(() => {
      const technician = this.checkSlot(input, place, type.durationMin, type.skills, null);
      const at = clock().toISOString();
      const start = minutesOfDay(input.windowStart);
      const end = minutesOfDay(input.windowEnd);
      db.prepare(
        `INSERT INTO interventions (id, kind, status, scheduled_at, technician, site_address, report, contact_id, company_id, created_at, updated_at, ends_at, hubspot_owner_id)
         VALUES (@id, @kind, 'planifiee', @scheduled_at, @technician, @address, NULL, @contact_id, @company_id, @at, @at, @ends_at, @owner)`,
      ).run({
        id,
        kind: type.label,
        scheduled_at: instant(input.day, start).toISOString(),
        technician: technician.name,
        address: input.address,
        contact_id: input.contactId,
        company_id: input.companyId,
        at,
        ends_at: instant(input.day, end + type.durationMin).toISOString(),
        owner: technician.hubspotOwnerId,
      });
      db.prepare(
        `INSERT INTO intervention_bookings (intervention_id, type_id, technician_id, day, window_start, window_end, duration_min, urgency, address, lat, lon, postcode, commune, matched_by, calendar_uid, sequence, created_at, updated_at)
         VALUES (@id, @type_id, @technician_id, @day, @start, @end, @duration, @urgency, @address, @lat, @lon, @postcode, @commune, @matched_by, @uid, 0, @at, @at)`,
      ).run({
        id,
        type_id: type.id,
        technician_id: technician.id,
        day: input.day,
        start,
        end,
        duration: type.durationMin,
        urgency: input.urgency,
        address: input.address,
        lat: place.lat,
        lon: place.lon,
        postcode: place.postcode,
        commune: place.commune,
        matched_by: place.matchedBy,
        uid: `intervention-${id}@accueil`,
        at,
      });
      const history = this.addHistory(id, 'booked', actor, technician, input.day, start, end, 0, null);
      this.options.outbox().enqueue({ kind: 'meeting', localId: id, op: 'create' });
      return history;
    });
    await this.sendMails(id, historyId, 'REQUEST', null);
    return this.get(id)!;
  }

  async reschedule(input: Slot & { interventionId: string; reason?: string | undefined }, actor: string | null, options: MoveOptions = {}): Promise<Booking> {
    const [booking] = await this.rescheduleMany([input], actor, options);
    return booking!;
  }

  /**
   * Moves several visits in ONE transaction (the planning board's move, an accepted « Optimiser la
   * journée »): each its rows, SEQUENCE + 1, history « rescheduled », one outbox meeting 'update';
   * `options.inside` runs first in the same transaction (the caller's own checks and writes), so a
   * refusal there moves nothing. Then the e-mails: the customer's invitation for each visit (only
   * when its day or window changed, with `customer: 'if_changed'`), each technician's day once.
   */
  async rescheduleMany(moves: ReadonlyArray<Slot & { interventionId: string; reason?: string | undefined }>, actor: string | null, options: MoveOptions = {}): Promise<Booking[]> {
    const { db } = this.options;
    const done = db.transaction(() => {
      options.inside?.();
      return moves.map((move) => this.moveRow(move, actor, options.check ?? true));
    });
    const days = new Map<string, { technicianId: string; day: string; historyIds: number[] }>();
    const dayOf = (technicianId: string | null, day: string, historyId: number | null) => {
      if (!technicianId) return;
      const key = `${technicianId}|${day}`;
      const entry = days.get(key) ?? { technicianId, day, historyIds: [] };
      if (historyId !== null) entry.historyIds.push(historyId);
      days.set(key, entry);
    };
    const customerOutcomes = new Map<number, MailOutcome | null>();
    for (const moved of done) {
      const booking = this.get(moved.interventionId)!;
      const tellCustomer = (options.customer ?? 'always') === 'always' || moved.windowChanged;
      customerOutcomes.set(moved.historyId, tellCustomer ? await this.mailCustomer(booking, 'REQUEST') : null);
      dayOf(booking.technicianId, booking.day, moved.historyId);
      // Moved away from a technician or a day: he gets his day without it.
      if (moved.previousTechnicianId !== booking.technicianId || moved.previousDay !== booking.day) dayOf(moved.previousTechnicianId, moved.previousDay, null);
    }
    const technicianOutcomes = new Map<number, MailOutcome>();
    for (const entry of days.values()) {
      const outcome = await this.mailTechnicianDay(entry.technicianId, entry.day);
      for (const id of entry.historyIds) technicianOutcomes.set(id, outcome);
    }
    const record = db.prepare('UPDATE intervention_booking_history SET customer_mail = ?, technician_mail = ? WHERE id = ?');
    for (const moved of done) record.run(customerOutcomes.get(moved.historyId) ?? null, technicianOutcomes.get(moved.historyId) ?? null, moved.historyId);
    return done.map((moved) => this.get(moved.interventionId)!);
  }

  /** One visit's rows moved (inside a transaction); what the e-mails need to know. */
  private moveRow(input: Slot & { interventionId: string; reason?: string | undefined }, actor: string | null, check: boolean) {
    const { db, clock } = this.options;
    const current = this.openBooking(input.interventionId);
    const type = current.type_id ? this.options.technicians.type(current.type_id) : null;
    const technician = check ? this.checkSlot(input, current, current.duration_min, type?.skills ?? [], current.intervention_id) : this.existingTechnician(input.technicianId);
    const start = minutesOfDay(input.windowStart);
    const end = minutesOfDay(input.windowEnd);
    const at = clock().toISOString();
    const sequence = current.sequence + 1;
    db.prepare(`UPDATE interventions SET scheduled_at = ?, ends_at = ?, technician = ?, hubspot_owner_id = ?, updated_at = ? WHERE id = ?`).run(
      instant(input.day, start).toISOString(),
      instant(input.day, end + current.duration_min).toISOString(),
      technician.name,
      technician.hubspotOwnerId,
      at,
      current.intervention_id,
    );
    db.prepare(`UPDATE intervention_bookings SET technician_id = ?, day = ?, window_start = ?, window_end = ?, sequence = ?, updated_at = ? WHERE intervention_id = ?`).run(
      technician.id,
      input.day,
      start,
      end,
      sequence,
      at,
      current.intervention_id,
    );
    const historyId = this.addHistory(current.intervention_id, 'rescheduled', actor, technician, input.day, start, end, sequence, input.reason ?? null);
    this.options.outbox().enqueue({ kind: 'meeting', localId: current.intervention_id, op: 'update' });
    return {
      interventionId: current.intervention_id,
      historyId,
      previousTechnicianId: current.technician_id,
      previousDay: current.day,
      windowChanged: current.day !== input.day || current.window_start !== start || current.window_end !== end,
    };
  }

  private existingTechnician(id: string): Technician {
    const technician = this.options.technicians.get(id);
    if (!technician || !technician.active || !technician.start) throw new ServiceError('not_found', { reason: 'booking.technician_unknown' });
    return technician;
  }

  async cancel(input: { interventionId: string; reason?: string | undefined }, actor: string | null): Promise<Booking> {
    const { db, clock } = this.options;
    const historyId = db.transaction(() => {
      const current = this.openBooking(input.interventionId);
      const at = clock().toISOString();
      const sequence = current.sequence + 1;
      db.prepare(`UPDATE interventions SET status = 'annulee', updated_at = ? WHERE id = ?`).run(at, current.intervention_id);
      db.prepare(`UPDATE intervention_bookings SET sequence = ?, updated_at = ? WHERE intervention_id = ?`).run(sequence, at, current.intervention_id);
      const technician = current.technician_id ? this.options.technicians.get(current.technician_id) : null;
      const history = this.addHistory(current.intervention_id, 'cancelled', actor, technician, current.day, current.window_start, current.window_end, sequence, input.reason ?? null);
      this.options.outbox().enqueue({ kind: 'meeting', localId: current.intervention_id, op: 'update' });
      return history;
    });
    await this.sendMails(input.interventionId, historyId, 'CANCEL', null);
    return this.get(input.interventionId)!;
  }

  get(interventionId: string): Booking | null {
    const row = this.options.db.prepare<BookingRow>(`${BOOKING_SQL} WHERE b.intervention_id = ?`).get(interventionId);
    if (!row) return null;
    const technician = row.technician_id ? this.options.technicians.get(row.technician_id) : null;
    const history = this.options.db
      .prepare<HistoryRow>('SELECT * FROM intervention_booking_history WHERE intervention_id = ? ORDER BY id')
      .all(interventionId)
      .map((h) => ({
        at: h.at,
        action: h.action,
        actor: h.actor,
        day: h.day,
        windowStart: clockTime(h.window_start),
        windowEnd: clockTime(h.window_end),
        technicianName: h.technician_name,
        reason: h.reason,
        customerMail: h.customer_mail,
        technicianMail: h.technician_mail,
      }));
    return {
      interventionId: row.intervention_id,
      typeId: row.type_id,
      kind: row.kind,
      status: row.status,
      urgency: row.urgency,
      technicianId: row.technician_id,
      technicianName: technician?.name ?? null,
      day: row.day,
      windowStart: clockTime(row.window_start),
      windowEnd: clockTime(row.window_end),
      durationMin: row.duration_min,
      address: row.address,
      place: { postcode: row.postcode, commune: row.commune, lat: row.lat, lon: row.lon, precision: 'commune', matchedBy: row.matched_by },
      contactId: row.contact_id,
      companyId: row.company_id,
      calendarUid: row.calendar_uid,
      sequence: row.sequence,
      history,
    };
  }

  // --- the days as booked ------------------------------------------------------------------------

  /** Active technicians with a placed start, as the window search sees them. */
  private bookingTechnicians(): Array<BookingTechnician & { name: string; hubspotOwnerId: string | null }> {
    return this.options.technicians
      .list()
      .filter((t) => t.active && t.start && t.end)
      .map((t) => toBookingTechnician(t));
  }

  /**
   * Every open visit from `today` on that sits in a technician's day: those booked in Accueil (their
   * window, their place — or, moved in HubSpot since, their new start time) and those mirrored from HubSpot whose owner or technician's name is his
   * (their start time as a window of one minute, the place geocoded from their address, else his
   * base; their length from their kind, else an hour).
   */
  bookedVisits(today: string): BookedVisit[] {
    const { db } = this.options;
    const visits: BookedVisit[] = db
      .prepare<BookingRow & { scheduled_at: string }>(`${BOOKING_SQL.replace('SELECT b.*,', 'SELECT b.*, i.scheduled_at,')} WHERE i.scheduled_at >= ? AND i.status IN ${OPEN} AND b.technician_id IS NOT NULL`)
      .all(parisInstant(today).toISOString())
      .map((b) => {
        const visit = { id: b.intervention_id, technicianId: b.technician_id!, day: b.day, location: { lat: b.lat, lon: b.lon }, durationMin: b.duration_min, windowStart: b.window_start, windowEnd: b.window_end };
        if (Date.parse(b.scheduled_at) === instant(b.day, b.window_start).getTime()) return visit;
        // Moved in HubSpot since it was booked here: its new start time holds, as a window of one minute.
        const local = localTime(b.scheduled_at);
        const minutes = local.hour * 60 + new Date(b.scheduled_at).getUTCMinutes();
        return { ...visit, day: local.date, windowStart: minutes, windowEnd: minutes };
      });
    const technicians = this.options.technicians.list().filter((t) => t.active && t.start);
    if (technicians.length === 0) return visits;
    const byName = new Map(technicians.map((t) => [t.name.toLocaleLowerCase('fr'), t]));
    const byOwner = new Map(technicians.filter((t) => t.hubspotOwnerId).map((t) => [t.hubspotOwnerId!, t]));
    const durations = new Map(this.options.technicians.types().map((t) => [t.label.toLocaleLowerCase('fr'), t.durationMin]));
    const from = parisInstant(today).toISOString();
    const mirrored = db
      .prepare<{ id: string; kind: string; scheduled_at: string; technician: string | null; hubspot_owner_id: string | null; site_address: string | null }>(
        `SELECT i.id, i.kind, i.scheduled_at, i.technician, i.hubspot_owner_id, i.site_address FROM interventions i
         WHERE i.scheduled_at >= ? AND i.status IN ${OPEN} AND NOT EXISTS (SELECT 1 FROM intervention_bookings b WHERE b.intervention_id = i.id)`,
      )
      .all(from);
    const geocoder = this.options.geocoder();
    for (const visit of mirrored) {
      const technician = (visit.hubspot_owner_id ? byOwner.get(visit.hubspot_owner_id) : undefined) ?? (visit.technician ? byName.get(visit.technician.toLocaleLowerCase('fr')) : undefined);
      if (!technician) continue;
      const local = localTime(visit.scheduled_at);
      const minutes = local.hour * 60 + new Date(visit.scheduled_at).getUTCMinutes();
      const place = (visit.site_address ? geocoder.geocode(visit.site_address) : null) ?? technician.start!;
      visits.push({
        id: visit.id,
        technicianId: technician.id,
        day: local.date,
        location: { lat: place.lat, lon: place.lon },
        durationMin: durations.get(visit.kind.toLocaleLowerCase('fr')) ?? UNKNOWN_DURATION_MIN,
        windowStart: minutes,
        windowEnd: minutes,
      });
    }
    return visits;
  }

  /** The technician of a slot, if the slot still holds in his day as booked now (else window_taken). */
  private checkSlot(slot: Slot, place: { lat: number; lon: number }, durationMin: number, skills: readonly string[], ignore: string | null): Technician {
    const technician = this.existingTechnician(slot.technicianId);
    const day = technicianDay(toBookingTechnician(technician), slot.day);
    const today = localTime(this.options.clock()).date;
    if (!day || slot.day < today || holidayName(slot.day) !== null) throw new ServiceError('conflict', { reason: 'booking.window_taken' });
    const visits = this.bookedVisits(slot.day)
      .filter((v) => v.technicianId === technician.id && v.day === slot.day && v.id !== ignore)
      .map((v) => ({ ...v, skills: [], pinnedTo: technician.id }));
    const job = { id: '__booking__', location: { lat: place.lat, lon: place.lon }, durationMin, windowStart: minutesOfDay(slot.windowStart), windowEnd: minutesOfDay(slot.windowEnd), skills, pinnedTo: null };
    if (!bestInsertion(day, visits, job, this.travel)) throw new ServiceError('conflict', { reason: 'booking.window_taken' });
    return technician;
  }

  private openBooking(interventionId: string): BookingRow {
    const row = this.options.db.prepare<BookingRow>(`${BOOKING_SQL} WHERE b.intervention_id = ?`).get(interventionId);
    if (!row) {
      const exists = this.options.db.prepare('SELECT 1 FROM interventions WHERE id = ?').get(interventionId);
      throw new ServiceError(exists ? 'conflict' : 'not_found', { reason: exists ? 'booking.not_booked' : 'intervention.not_found' });
    }
    if (row.status === 'annulee') throw new ServiceError('conflict', { reason: 'booking.cancelled' });
    if (row.status === 'terminee') throw new ServiceError('conflict', { reason: 'booking.done' });
    return row;
  }

  private addHistory(interventionId: string, action: HistoryRow['action'], actor: string | null, technician: Pick<Technician, 'id' | 'name'> | null, day: string, start: number, end: number, sequence: number, reason: string | null): number {
    return Number(
      this.options.db
        .prepare(
          `INSERT INTO intervention_booking_history (intervention_id, at, action, actor, technician_id, technician_name, day, window_start, window_end, sequence, reason)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(interventionId, this.options.clock().toISOString(), action, actor, technician?.id ?? null, technician?.name ?? null, day, start, end, sequence, reason).lastInsertRowid,
    );
  }

  // --- e-mails -----------------------------------------------------------------------------------

  private async sendMails(interventionId: string, historyId: number, method: 'REQUEST' | 'CANCEL', previousTechnicianId: string | null): Promise<void> {
    const booking = this.get(interventionId)!;
    const customer = await this.mailCustomer(booking, method);
    const technicianOutcome = await this.mailTechnicianDay(booking.technicianId, booking.day);
    // Moved to another technician: the first one gets his day without it.
    if (previousTechnicianId && previousTechnicianId !== booking.technicianId) await this.mailTechnicianDay(previousTechnicianId, booking.history.at(-2)?.day ?? booking.day);
    this.options.db.prepare('UPDATE intervention_booking_history SET customer_mail = ?, technician_mail = ? WHERE id = ?').run(customer, technicianOutcome, historyId);
  }

  private sender(): MailSending | null {
    if (!this.options.sending()) return null;
    const mail = this.options.mail();
    return mail && mail.unavailable() === null ? mail : null;
  }

  private async mailCustomer(booking: Booking, method: 'REQUEST' | 'CANCEL'): Promise<MailOutcome> {
    const mail = this.sender();
    if (!mail) return 'unavailable';
    const person = this.customerOf(booking);
    if (!person?.email) return 'no_address';
    const company = this.options.company();
    const technicianName = booking.technicianName ?? '';
    const text = customerMail({ booking, firstName: person.firstName, technicianName, company, method });
    const ics = calendarInvitation({
      uid: booking.calendarUid,
      sequence: booking.sequence,
      method,
      stamp: this.options.clock(),
      day: booking.day,
      start: minutesOfDay(booking.windowStart),
      end: minutesOfDay(booking.windowEnd) + booking.durationMin,
      summary: `${booking.kind}${company.name ? ` — ${company.name}` : ''}`,
      description: text.summary,
      location: booking.address,
      organizer: { name: company.name || mail.fromAddress(), email: mail.fromAddress() },
      attendee: { name: person.name, email: person.email },
    });
    try {
      await mail.send({ to: person.email, subject: text.subject, text: text.text, html: text.html, calendar: { method, content: ics } });
      this.options.recordEmail?.({
        contactId: booking.contactId,
        companyId: booking.companyId,
        from: mail.fromAddress(),
        to: person.email,
        subject: text.subject,
        body: text.text,
        sentAt: this.options.clock().toISOString(),
      });
      return 'sent';
    } catch (error) {
      this.options.logger?.warn('booking e-mail not sent', { interventionId: booking.interventionId, error: String((error as Error)?.message ?? error) });
      return 'failed';
    }
  }

  private async mailTechnicianDay(technicianId: string | null, day: string): Promise<MailOutcome> {
    const mail = this.sender();
    if (!mail) return 'unavailable';
    const technician = technicianId ? this.options.technicians.get(technicianId) : null;
    if (!technician?.email) return 'no_address';
    const visits = this.options.db
      .prepare<BookingRow & { first_name: string | null; last_name: string | null; company_name: string | null }>(
        `${BOOKING_SQL.replace('FROM intervention_bookings b', ', c.first_name, c.last_name, co.name AS company_name FROM intervention_bookings b')}
         LEFT JOIN contacts c ON c.id = i.contact_id LEFT JOIN companies co ON co.id = i.company_id
         WHERE b.technician_id = ? AND b.day = ? AND i.status IN ${OPEN} ORDER BY b.window_start, b.window_end`,
      )
      .all(technician.id, day);
    const list: DayVisit[] = visits.map((v) => ({
      windowStart: clockTime(v.window_start),
      windowEnd: clockTime(v.window_end),
      kind: v.kind,
      durationMin: v.duration_min,
      customer: [v.first_name, v.last_name].filter(Boolean).join(' ') || v.company_name || '',
      address: v.address,
    }));
    const text = technicianDayMail({ technicianName: technician.name, day, visits: list, company: this.options.company() });
    try {
      await mail.send({ to: technician.email, subject: text.subject, text: text.text, html: text.html });
      return 'sent';
    } catch (error) {
      this.options.logger?.warn('technician day e-mail not sent', { technicianId: technician.id, error: String((error as Error)?.message ?? error) });
      return 'failed';
    }
  }

  private customerOf(booking: Booking): { firstName: string; name: string; email: string | null } | null {
    const { db } = this.options;
    if (booking.contactId) {
      const c = db.prepare<{ first_name: string; last_name: string; email: string | null }>('SELECT first_name, last_name, email FROM contacts WHERE id = ?').get(booking.contactId);
      if (c) return { firstName: c.first_name, name: `${c.first_name} ${c.last_name}`.trim(), email: c.email };
    }
    if (booking.companyId) {
      const co = db.prepare<{ name: string; email: string | null }>('SELECT name, email FROM companies WHERE id = ?').get(booking.companyId);
      if (co) return { firstName: '', name: co.name, email: co.email };
    }
    return null;
  }
}

/** The UTC instant of `minutes` after midnight on `day` in Paris (DST changes happen at night). */
function instant(day: string, minutes: number): Date {
  const hour = Math.floor(minutes / 60);
  if (hour >= 24) return new Date(parisInstant(day, 23).getTime() + (minutes - 23 * 60) * 60_000);
  return new Date(parisInstant(day, hour).getTime() + (minutes % 60) * 60_000);
}

export function toBookingTechnician(t: Technician): BookingTechnician & { name: string; hubspotOwnerId: string | null } {
  const hours: BookingTechnician['hours'] = {};
  for (const h of t.hours) hours[h.weekday] = [minutesOfDay(h.start), minutesOfDay(h.end)];
  const start = t.start ?? { lat: 0, lon: 0 };
  return {
    id: t.id,
    name: t.name,
    hubspotOwnerId: t.hubspotOwnerId,
    skills: t.skills,
    start: { lat: start.lat, lon: start.lon },
    end: t.end ? { lat: t.end.lat, lon: t.end.lon } : { lat: start.lat, lon: start.lon },
    hours,
    absences: t.absences,
    lunch: DEFAULT_LUNCH_RULE,
  };
}
