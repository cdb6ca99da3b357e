/** E-mail templates: the library and composer panel, its top-bar button, the mail settings. */
import './templates.css';
import type { ConsoleFeature } from '../app/console-feature';
import { TemplatesButton } from './TemplatesButton';
import { TemplatesPanel } from './TemplateLibrary';
import { MailSettingsSection } from './MailSettingsSection';

export const feature: ConsoleFeature = {
  name: 'templates',
  order: 60,
  placed: [
    { slot: 'topbar.status', order: 50, component: TemplatesButton },
    { slot: 'overlay', order: 50, component: TemplatesPanel },
    { slot: 'settings.section', order: 10, component: MailSettingsSection },
  ],
};
