/**
 * Messages by locale. Components get a bound `t` from `useT()` (i18n/use-t.ts); plain modules call
 * `translate`. Placeholders are `{name}`; values are inserted as text, never as markup.
 */
import { localizedParams, type Locale } from '../contract';
import { en } from './en';
import { fr } from './fr';

/**
 * Every feature's French messages, by feature: each `<feature>/messages.ts` adds its entry by
 * module augmentation (`declare module '../i18n' { interface MessageCatalog { call: typeof fr } }`),
 * so message keys stay checked without a shared list of them.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the features' augmentations
export interface MessageCatalog {}

export type MessageKey = { [F in keyof MessageCatalog]: keyof MessageCatalog[F] }[keyof MessageCatalog] & string;
/** Every locale provides every key, as a plain string. */
export type Messages = { readonly [K in MessageKey]: string };

export const catalogs: Record<Locale, Messages> = { fr, en };

export type MessageParams = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/**
 * The singular of a counted message is its sibling `<key>.one` (« 1 champ à remplir »), chosen by the
 * language's own rule: French says « 0 champ », English « 0 fields ». A message without `.one` is
 * worded so that it reads for any count.
 */
const pluralRules: Partial<Record<Locale, Intl.PluralRules>> = {};
function countedKey(locale: Locale, key: MessageKey, count: unknown): MessageKey {
  if (typeof count !== 'number') return key;
  const singular = `${key}.one`;
  if (!(singular in catalogs[locale])) return key;
  const rules = (pluralRules[locale] ??= new Intl.PluralRules(locale));
  return rules.select(count) === 'one' ? (singular as MessageKey) : key;
}

export function translate(locale: Locale, key: MessageKey, given?: MessageParams): string {
  const chosen = countedKey(locale, key, given?.['count']);
  const template = catalogs[locale][chosen] ?? fr[chosen];
  if (!given) return template;
  // A service's refused field is named as the form labels it, in this language.
  const params = key.startsWith('service.') ? (localizedParams(locale, given as Record<string, string | number>) ?? given) : given;
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
