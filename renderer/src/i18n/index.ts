/**
 * Messages by locale. Components get a bound `t` from `useT()` (i18n/use-t.ts); plain modules call
 * `translate`. Placeholders are `{name}`; values are inserted as text, never as markup.
 */
import type { Locale } from '../contract';
import { en } from './en';
import { fr, type MessageKey, type Messages } from './fr';

export type { MessageKey, Messages };
export const catalogs: Record<Locale, Messages> = { fr, en };

export type MessageParams = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = catalogs[locale][key] ?? fr[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

/** BCP 47 tag for Intl, with the French of France. */
export function intlLocale(locale: Locale): string {
  return locale === 'fr' ? 'fr-FR' : 'en-GB';
}
