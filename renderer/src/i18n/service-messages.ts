/**
 * The services' sentences (electron/contract/error-catalog.ts, the one copy) as messages
 * `service.<reason>`, so that `t` words a service's reason like any other key, with the same
 * `{placeholders}`. Nothing is repeated here: both languages are read from the catalog.
 */
import { errorCatalog, type ErrorReason, type Locale } from '../contract';

export type ServiceMessageKey = `service.${ErrorReason}`;

declare module './index' {
  interface MessageCatalog {
    service: Readonly<Record<ServiceMessageKey, string>>;
  }
}

export function serviceMessages(locale: Locale): Readonly<Record<ServiceMessageKey, string>> {
  const entries = Object.entries(errorCatalog) as Array<[ErrorReason, Readonly<Record<Locale, string>>]>;
  return Object.fromEntries(entries.map(([reason, sentence]) => [`service.${reason}`, sentence[locale]])) as Record<ServiceMessageKey, string>;
}
