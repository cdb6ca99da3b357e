/**
 * Templates for SMS and WhatsApp (issue 18, part 3), with the same merge fields as e-mail:
 *
 * - `templates.channel`: 'email' (every template before this version), 'sms' or 'whatsapp'. An SMS
 *   or WhatsApp template has no subject (an empty string).
 * - `templates.whatsapp_name` / `whatsapp_language`: for a WhatsApp template, the template approved by
 *   Meta it sends (its name and language in the WhatsApp Business account); its body is Meta's text
 *   with each parameter ({{1}}, {{2}}…) replaced by the merge field that fills it, in order.
 */
import type { Migration } from './migration';

export const templateChannels: Migration = {
  version: 9,
  name: 'template channels',
  up(db) {
    db.exec(`
ALTER TABLE templates ADD COLUMN channel TEXT NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'sms', 'whatsapp'));
ALTER TABLE templates ADD COLUMN whatsapp_name TEXT;
ALTER TABLE templates ADD COLUMN whatsapp_language TEXT;
`);
  },
};
