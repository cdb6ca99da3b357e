/**
 * A merge field's name and group in the interface's language. The service sends its French label
 * with each field; a field this console knows is worded from its catalogue (English included), any
 * other keeps the service's label.
 */
import type { MessageKey, Translate } from '../i18n';
import { fr } from './messages';

const known = (key: string): key is MessageKey => key in fr;

export function mergeFieldLabel(t: Translate, key: string, serviceLabel: string | null): string {
  const message = `templates.field.${key}`;
  return known(message) ? t(message) : (serviceLabel ?? key);
}

export function mergeFieldGroup(t: Translate, group: string): string {
  const message = `templates.group.${group}`;
  return known(message) ? t(message) : group;
}
