import { useMemo } from 'react';
import type { Locale } from '../contract';
import { useSettingsStore } from '../settings/settings-store';
import type { UiError } from '../ui/ui-error';
import { translate, type Translate } from './index';

export interface I18n {
  locale: Locale;
  t: Translate;
}

/** The bound translator for the current interface language. */
export function useT(): I18n {
  const locale = useSettingsStore((s) => s.locale);
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
