/**
 * Booking, moving and cancelling a visit from the customer portal, in the windows the interventions
 * area computes (booking-desk.ts: a window is offered only when the technician can keep every other
 * booked visit in its own window). The customer never names a technician or a window freely: what
 * they pick is matched against the offers computed again at the moment they confirm, so a forged
 * or stale choice books nothing (« ce créneau vient d'être pris »). Only visits booked in Accueil
 * (a window, a place) can be moved or cancelled online, and only until MOVE_NOTICE_HOURS before
 * they start; past that, the customer is sent to a request or a call.
 */
import type { Booking, Proposals } from '../../contract/booking-calls';
import { ServiceError } from '../../contract/envelope';
import type { Logger } from '../log';
import type { Customer } from './portal-desk';
import type { PortalRepository } from './portal-repository';

/** A visit moves or is cancelled online until the day before (24 hours before its window opens). */
export const MOVE_NOTICE_HOURS = 24;
/** A customer books what fits in half a day; longer work (an installation) follows a quote. */
export const ONLINE_MAX_DURATION_MIN = 240;
const OFFER_COUNT = 5;
const ACTOR = 'Client (espace client)';

/** What the portal needs of the interventions area's booking desk (its port). */
export interface BookingPort {
  bookableTypes(): Array<{ id: string; label: string; durationMin: number }>;
  propose(input: { typeId: string; urgency: 'normale' | 'urgente'; style: 'half_day' | 'two_hours'; address: string; rescheduleOf?: string | undefined; count: number }): Proposals;
  book(input: { day: string; windowStart: string; windowEnd: string; technicianId: string; typeId: string; urgency: 'normale' | 'urgente'; address: string; contactId: string | null; companyId: string | null }, actor: string | null): Promise<Booking>;
  reschedule(input: { day: string; windowStart: string; windowEnd: string; technicianId: string; interventionId: string; reason?: string | undefined }, actor: string | null): Promise<Booking>;
  cancel(input: { interventionId: string; reason?: string | undefined }, actor: string | null): Promise<Booking>;
  get(interventionId: string): Booking | null;
}

export interface PortalOffer {
  /** The radio button's value: `day|start|end|technician`, matched again on confirmation. */
  choice: string;
  day: string;
  windowStart: string;
  windowEnd: string;
}

export type OffersResult =
  | { ok: true; offers: PortalOffer[]; address: string; commune: string | null }
  | { ok: false; why: 'unavailable' | 'type_unknown' | 'address_unknown' | 'no_window' | 'no_qualified_technician' | 'not_movable' | 'too_late' };

export type BookResult = { ok: true; booking: Booking } | { ok: false; why: 'taken' | OffersFailure };
type OffersFailure = Extract<OffersResult, { ok: false }>['why'];

export interface PortalBookingOptions {
  booking: () => BookingPort | null;
  repo: Pick<PortalRepository, 'homeAddress'>;
  /** The visit if it is in the customer's scope (the portal's one rule), else null. */
  visitOf: (customer: Customer, id: string) => { id: string; status: string; scheduledAt: string } | null;
  clock: () => Date;
  logger: Logger;
}

const choiceOf = (o: { day: string; windowStart: string; windowEnd: string; technicianId: string }) => `${o.day}|${o.windowStart}|${o.windowEnd}|${o.technicianId}`;

export class PortalBooking {
  constructor(private readonly options: PortalBookingOptions) {}

  /** True when the interventions area runs (the company server): the portal shows « Prendre rendez-vous ». */
  available(): boolean {
    return this.desk() !== null;
  }

  /** The kinds of visit a customer books online (active, half a day at most). */
  kinds(): Array<{ id: string; label: string }> {
    return (this.desk()?.bookableTypes() ?? []).filter((t) => t.durationMin <= ONLINE_MAX_DURATION_MIN).map(({ id, label }) => ({ id, label }));
  }

  homeAddress(customer: Customer): string {
    return this.options.repo.homeAddress(customer.contact.id) ?? '';
  }

  /** Windows for a new visit of this kind at this address. */
  offersForNew(input: { typeId: string; address: string }): OffersResult {
    const desk = this.desk();
    if (!desk) return { ok: false, why: 'unavailable' };
    if (!this.kinds().some((k) => k.id === input.typeId)) return { ok: false, why: 'type_unknown' };
    const address = input.address.replace(/\s+/g, ' ').trim().slice(0, 300);
    if (!address) return { ok: false, why: 'address_unknown' };
    return this.offers(desk.propose({ typeId: input.typeId, urgency: 'normale', style: 'half_day', address, count: OFFER_COUNT }), address);
  }

  /** Books the window picked, if it is still one of the offers now. */
  async book(customer: Customer, input: { typeId: string; address: string; choice: string }): Promise<BookResult> {
    const now = this.offersForNew(input);
    if (!now.ok) return now;
    const picked = this.picked(now, input.choice);
    if (!picked) return { ok: false, why: 'taken' };
    try {
      const booking = await this.desk()!.book(
        { ...picked, typeId: input.typeId, urgency: 'normale', address: now.address, contactId: customer.contact.id, companyId: customer.contact.companyId },
        ACTOR,
      );
      this.options.logger.info('portal visit booked', { intervention: booking.interventionId });
      return { ok: true, booking };
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'conflict') return { ok: false, why: 'taken' };
      throw error;
    }
  }

  /** The customer's visit as booked in Accueil, when it can still be moved or cancelled online. */
  movable(customer: Customer, id: string): { ok: true; booking: Booking } | { ok: false; why: 'not_movable' | 'too_late' } {
    const visit = this.options.visitOf(customer, id);
    const booking = visit ? this.desk()?.get(visit.id) : null;
    if (!visit || !booking || visit.status !== 'planifiee') return { ok: false, why: 'not_movable' };
    if (Date.parse(visit.scheduledAt) - this.options.clock().getTime() < MOVE_NOTICE_HOURS * 3_600_000) return { ok: false, why: 'too_late' };
    return { ok: true, booking };
  }

  /** Windows to move the customer's visit to (its own place, type and length). */
  offersToMove(customer: Customer, id: string): OffersResult {
    const movable = this.movable(customer, id);
    if (!movable.ok) return movable;
    const { booking } = movable;
    if (!booking.typeId) return { ok: false, why: 'not_movable' };
    const proposals = this.desk()!.propose({ typeId: booking.typeId, urgency: booking.urgency, style: 'half_day', address: booking.address, rescheduleOf: booking.interventionId, count: OFFER_COUNT });
    // Its own window is not a move.
    const result = this.offers(proposals, booking.address);
    return result.ok ? { ...result, offers: result.offers.filter((o) => !(o.day === booking.day && o.windowStart === booking.windowStart)) } : result;
  }

  async move(customer: Customer, id: string, choice: string): Promise<BookResult> {
    const now = this.offersToMove(customer, id);
    if (!now.ok) return now;
    const picked = this.picked(now, choice);
    if (!picked) return { ok: false, why: 'taken' };
    try {
      const booking = await this.desk()!.reschedule({ ...picked, interventionId: id, reason: 'Déplacé par le client depuis son espace' }, ACTOR);
      this.options.logger.info('portal visit moved', { intervention: id });
      return { ok: true, booking };
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'conflict') return { ok: false, why: 'taken' };
      throw error;
    }
  }

  async cancel(customer: Customer, id: string): Promise<{ ok: true } | { ok: false; why: 'not_movable' | 'too_late' }> {
    const movable = this.movable(customer, id);
    if (!movable.ok) return movable;
    await this.desk()!.cancel({ interventionId: id, reason: 'Annulé par le client depuis son espace' }, ACTOR);
    this.options.logger.info('portal visit cancelled', { intervention: id });
    return { ok: true };
  }

  private offers(proposals: Proposals, address: string): OffersResult {
    if (!proposals.place) return { ok: false, why: 'address_unknown' };
    if (proposals.offers.length === 0) return { ok: false, why: proposals.reason === 'no_qualified_technician' ? 'no_qualified_technician' : 'no_window' };
    return {
      ok: true,
      address,
      commune: proposals.place.commune ?? null,
      offers: proposals.offers.map((o) => ({ choice: choiceOf(o), day: o.day, windowStart: o.windowStart, windowEnd: o.windowEnd })),
    };
  }

  private picked(now: Extract<OffersResult, { ok: true }>, choice: string) {
    if (!now.offers.some((o) => o.choice === choice)) return null;
    const [day, windowStart, windowEnd, technicianId] = choice.split('|') as [string, string, string, string];
    return { day, windowStart, windowEnd, technicianId };
  }

  private desk(): BookingPort | null {
    try {
      return this.options.booking();
    } catch {
      return null;
    }
  }
}
