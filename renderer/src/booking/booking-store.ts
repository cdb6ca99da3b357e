/**
 * Booking in the console: the « Planifier » panel (for whom, where, and — when moving a visit —
 * which one), the windows offered, the booking made; and the technicians and kinds of visit that
 * Paramètres edits. No rule lives here: the windows come from the service (booking.propose).
 */
import { create } from 'zustand';
import type { CallInput, CallOutput } from '../contract';
import { api } from '../transport/contract-client';
import { toUiError, type UiError } from '../ui/ui-error';

export type BookingSetup = CallOutput<'booking.setup'>;
export type Proposals = CallOutput<'booking.propose'>;
export type Offer = Proposals['offers'][number];
export type Booking = CallOutput<'booking.book'>;
export type Technician = BookingSetup['technicians'][number];
export type InterventionType = BookingSetup['types'][number];
export type TechnicianInput = CallInput<'booking.saveTechnician'>;
export type Urgency = 'normale' | 'urgente';
export type WindowStyle = 'half_day' | 'two_hours';

/** The skills, in the order Paramètres lists them (the contract's enum). */
export const SKILLS = ['chaudiere_gaz', 'chaudiere_fioul', 'pompe_a_chaleur', 'plomberie', 'electricite', 'climatisation', 'ramonage'] as const;
export type Skill = (typeof SKILLS)[number];

export interface PanelTarget {
  contactId: string | null;
  companyId: string | null;
  /** Who it is for (the panel's title). */
  label: string;
  /** The customer's address, to start from. */
  address: string;
  /** Moving this visit instead of booking a new one. */
  reschedule?: { interventionId: string; kind: string } | undefined;
}

export interface BookingState {
  target: PanelTarget | null;
  setup: BookingSetup | null;
  setupError: UiError | null;
  proposals: Proposals | null;
  searching: boolean;
  booking: boolean;
  error: UiError | null;
  done: Booking | null;
  /** Moving a visit that was not booked in Accueil (mirrored from HubSpot): the panel says so (null: being checked). */
  notBooked: boolean | null;
  open(target: PanelTarget): void;
  close(): void;
  loadSetup(): Promise<void>;
  propose(input: { typeId: string; urgency: Urgency; style: WindowStyle; address: string }): Promise<void>;
  confirm(input: { typeId: string; urgency: Urgency; address: string; offer: Offer }): Promise<void>;
  cancelVisit(interventionId: string, reason?: string): Promise<Booking | null>;
  saveTechnician(input: TechnicianInput): Promise<boolean>;
  removeTechnician(id: string): Promise<void>;
  saveType(input: CallInput<'booking.saveType'>): Promise<boolean>;
  removeType(id: string): Promise<void>;
}

export const useBookingStore = create<BookingState>()((set, get) => ({
  target: null,
  setup: null,
  setupError: null,
  proposals: null,
  searching: false,
  booking: false,
  error: null,
  done: null,
  notBooked: false,

  open(target) {
    set({ target, proposals: null, error: null, done: null, notBooked: target.reschedule ? null : false });
    void get().loadSetup();
    if (target.reschedule) {
      const id = target.reschedule.interventionId;
      api()
        .invoke('booking.get', { interventionId: id })
        .then((booking) => {
          if (get().target?.reschedule?.interventionId === id) set({ notBooked: booking === null });
        })
        .catch((error: unknown) => set({ error: toUiError(error) }));
    }
  },

  close() {
    set({ target: null, proposals: null, error: null, done: null, searching: false, booking: false });
  },

  async loadSetup() {
    try {
      set({ setup: await api().invoke('booking.setup', {}), setupError: null });
    } catch (error) {
      set({ setupError: toUiError(error) });
    }
  },

  async propose(input) {
    const target = get().target;
    set({ searching: true, error: null, proposals: null });
    try {
      const proposals = await api().invoke('booking.propose', { ...input, ...(target?.reschedule ? { rescheduleOf: target.reschedule.interventionId } : {}) });
      set({ proposals, searching: false });
    } catch (error) {
      set({ error: toUiError(error), searching: false });
    }
  },

  async confirm({ typeId, urgency, address, offer }) {
    const target = get().target;
    if (!target) return;
    set({ booking: true, error: null });
    const slot = { day: offer.day, windowStart: offer.windowStart, windowEnd: offer.windowEnd, technicianId: offer.technicianId };
    try {
      const done = target.reschedule
        ? await api().invoke('booking.reschedule', { interventionId: target.reschedule.interventionId, ...slot })
        : await api().invoke('booking.book', { typeId, urgency, address, contactId: target.contactId, companyId: target.companyId, ...slot });
      set({ done, booking: false, proposals: null });
    } catch (error) {
      set({ error: toUiError(error), booking: false });
    }
  },

  async cancelVisit(interventionId, reason) {
    try {
      return await api().invoke('booking.cancel', { interventionId, ...(reason ? { reason } : {}) });
    } catch (error) {
      set({ error: toUiError(error) });
      throw error;
    }
  },

  async saveTechnician(input) {
    try {
      await api().invoke('booking.saveTechnician', input);
      await get().loadSetup();
      return true;
    } catch (error) {
      set({ setupError: toUiError(error) });
      return false;
    }
  },

  async removeTechnician(id) {
    try {
      await api().invoke('booking.removeTechnician', { id });
      await get().loadSetup();
    } catch (error) {
      set({ setupError: toUiError(error) });
    }
  },

  async saveType(input) {
    try {
      await api().invoke('booking.saveType', input);
      await get().loadSetup();
      return true;
    } catch (error) {
      set({ setupError: toUiError(error) });
      return false;
    }
  },

  async removeType(id) {
    try {
      await api().invoke('booking.removeType', { id });
      await get().loadSetup();
    } catch (error) {
      set({ setupError: toUiError(error) });
    }
  },
}));
