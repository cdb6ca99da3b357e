import { createContext, useContext, useMemo } from 'react';
import { isErrorReason, type ErrorParams, type Locale } from '../contract';
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

/**
 * A service's sentence in the interface's language: its reason (electron/contract/error-catalog.ts)
 * worded by `t` with its parameters, else `fallback`, the service's own text (an older server, or a
 * reason this build does not know).
 */
export function reasonText(t: Translate, said: { reason?: string | null; params?: ErrorParams } | null | undefined, fallback: string): string {
  const reason = said?.reason;
  return isErrorReason(reason) ? t(`service.${reason}`, said?.params) : fallback;
}

/** One sentence for an error: transport failures and service reasons are worded by the interface. */
export function errorText(t: Translate, error: UiError): string {
  switch (error.kind) {
    case 'transport':
      return t(`error.transport.${error.failure}`);
    case 'service':
      return reasonText(t, error, error.message);
    case 'local':
      return error.message;
  }
}
