/**
 * The product's default e-mail templates (French, BTP customer service), seeded once into every
 * workspace — demo or CRM — by `TemplateLibrary.seedDefaults`. The text lives in
 * `resources/templates/modeles-fr.json` so IT can read and adapt it without touching code; this module
 * is its only reader (the demo workspace re-exports it): one source of truth.
 *
 * A template's category names its purpose; the pop's suggester looks templates up by it
 * (see directory/template-suggester.ts).
 */
import { z } from 'zod';
import { Template } from '../../contract/model';
import shipped from '../../../resources/templates/modeles-fr.json';
import shippedSms from '../../../resources/templates/modeles-sms-fr.json';

// Checked at load: a hand-edited file with a missing field fails the first test, not Claire's pop.
export const DEFAULT_TEMPLATES: readonly Template[] = Object.freeze(z.array(Template.strict()).parse(shipped));

/**
 * The default SMS templates (resources/templates/modeles-sms-fr.json): short, mostly in the GSM-7
 * alphabet so one message is one SMS. Kept apart from the e-mail ones, which the demo draws from.
 */
export const DEFAULT_SMS_TEMPLATES: readonly Template[] = Object.freeze(z.array(Template.strict()).parse(shippedSms));
