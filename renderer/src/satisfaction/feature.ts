/**
 * Satisfaction: the customer's last answer on the pop and the record, « Terminée » on a visit,
 * the figures in the supervisor's panel and on the wallboard (SatisfactionSummary, placed there by
 * the supervision view), the survey rules in Paramètres.
 */
import './satisfaction.css';
import type { ConsoleFeature } from '../app/console-feature';
import { SatisfactionSettingsSection } from './SatisfactionSettingsSection';
import { useSatisfactionStore } from './satisfaction-store';

export const feature: ConsoleFeature = {
  name: 'satisfaction',
  order: 75,
  placed: [{ slot: 'settings.section', order: 45, component: SatisfactionSettingsSection }],
  subscribe: (client) => [client.on('satisfaction.changed', ({ contactIds }) => useSatisfactionStore.getState().applyChanged(contactIds))],
};
