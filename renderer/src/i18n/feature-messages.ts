/**
 * Every feature's messages (`<feature>/messages.ts`: `fr` and `en`), found by file name so that a
 * new feature brings its own without editing a shared catalogue.
 */
import type { Locale } from '../contract';

export interface FeatureMessages {
  fr: Readonly<Record<string, string>>;
  en: Readonly<Record<string, string>>;
}

/** By file path, for the test that checks each feature's two languages. */
export const featureMessages: Readonly<Record<string, FeatureMessages>> = import.meta.glob<FeatureMessages>('../*/messages.ts', {
  eager: true,
});

/** One locale's messages of every feature, in one object (i18n.test.ts checks no key is defined twice). */
export function mergedMessages(locale: Locale): Readonly<Record<string, string>> {
  return Object.assign({}, ...Object.values(featureMessages).map((m) => m[locale])) as Record<string, string>;
}
