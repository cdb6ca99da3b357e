import { createContext, useContext, useMemo } from 'react';
import type { Locale } from '../contract';
import type { UiError } from '../ui/ui-error';
import { translate, type Translate } from './index';

export interface I18n {
  locale: Locale;
  t: Translate;
}

const LocaleContext = createContext<Locale>('fr');

/**
 * The interface language, given by the page's shell (the console's comes from its settings), so
 * that i18n/ depends on no feature and another surface can reuse it.
 */
export const LocaleProvider = LocaleContext.Provider;

/** The bound translator for the current interface language. */
export function useT(): I18n {
  const locale = useContext(LocaleContext);
  return useMemo(() => ({ locale, t: (key, params) => translate(locale, key, params) }), [locale]);
}

/** One sentence for an error: transport failures are translated, services already speak French. */
export function errorText(t: Translate, error: UiError): string {
  switch (error.kind) {
    case 'transport':
      return t(`error.transport.${error.failure}`);
    case 'service':
    case 'local':
      return error.message;
  }
}
