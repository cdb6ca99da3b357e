/**
 * The ui messages: French (the source of their keys) and English, which must have the same
 * keys (typed) and the same {placeholders} (i18n/i18n.test.ts).
 */
import type { Translation } from '../i18n/translation';

export const fr = {
  'nav.back': 'Retour',
  'nav.close': 'Fermer',
  'nav.home': 'Accueil',

  'time.now': "à l’instant",
  'error.unavailable': 'Service momentanément indisponible : {message}',
  'error.generic': '{message}',
  'error.transport.not_connected': 'Pas de connexion avec le poste Accueil : réessayez dans un instant.',
  'error.transport.disconnected': 'La connexion a été perdue pendant la demande : réessayez une fois reconnecté.',
  'error.transport.timeout': "Le poste Accueil n’a pas répondu à temps : réessayez.",
  'error.transport.too_large': 'La demande est trop volumineuse.',
  'error.retry': 'Réessayer',
} as const;

export const en: Translation<typeof fr> = {
  'nav.back': 'Back',
  'nav.close': 'Close',
  'nav.home': 'Home',

  'time.now': 'just now',
  'error.unavailable': 'Service temporarily unavailable: {message}',
  'error.generic': '{message}',
  'error.transport.not_connected': 'No connection to the Accueil host: try again in a moment.',
  'error.transport.disconnected': 'The connection was lost during the request: try again once reconnected.',
  'error.transport.timeout': 'The Accueil host did not answer in time: try again.',
  'error.transport.too_large': 'The request is too large.',
  'error.retry': 'Retry',
};

declare module '../i18n' {
  interface MessageCatalog {
    'ui': typeof fr;
  }
}
