/**
 * Booking: « Planifier » on the pop and the record (PlanButton, placed by them beside the visits),
 * « Déplacer » / « Annuler le RDV » on a planned visit (VisitActions), the booking panel (overlay),
 * and Paramètres › Techniciens et types d’intervention.
 */
import './booking.css';
import type { ConsoleFeature } from '../app/console-feature';
import { BookingPanel } from './BookingPanel';
import { TechniciansSettingsSection } from './TechniciansSettingsSection';

export const feature: ConsoleFeature = {
  name: 'booking',
  order: 79,
  placed: [
    { slot: 'overlay', order: 48, component: BookingPanel },
    { slot: 'settings.section', order: 48, component: TechniciansSettingsSection },
  ],
};
