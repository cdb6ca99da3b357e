/** The desktop app's link to the company server, in Paramètres. */
import type { ConsoleFeature } from '../app/console-feature';
import { CompanyServerSection } from './CompanyServerSection';

export const feature: ConsoleFeature = {
  name: 'remote',
  order: 110,
  placed: [{ slot: 'settings.section', order: 5, component: CompanyServerSection }],
};
