/**
 * The technicians' app's words, from its own messages only (messages.ts): the phone loads no other
 * feature's catalogue. French unless the phone's language is English. A counted message takes its
 * `.one` sibling by the language's plural rule, as the console's translate does.
 */
import { en, fr } from './messages';

export type TechLocale = 'fr' | 'en';
export type TechKey = keyof typeof fr;
export type TechTranslate = (key: TechKey, params?: Readonly<Record<string, string | number>>) => string;

const catalogs: Record<TechLocale, Readonly<Record<string, string>>> = { fr, en };

export function phoneLocale(languages: readonly string[]): TechLocale {
  const first = languages[0]?.toLowerCase() ?? 'fr';
  return first.startsWith('en') ? 'en' : 'fr';
}

export function techTranslator(locale: TechLocale): TechTranslate {
  const rules = new Intl.PluralRules(locale);
  return (key, params) => {
    const count = params?.['count'];
    const singular = `${key}.one`;
    const chosen = typeof count === 'number' && singular in catalogs[locale] && rules.select(count) === 'one' ? singular : key;
    const template = catalogs[locale][chosen] ?? fr[key];
    return params ? template.replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name]))) : template;
  };
}
