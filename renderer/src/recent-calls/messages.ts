/**
 * The recent-calls messages: French (the source of their keys) and English, which must have the same
 * keys (typed) and the same {placeholders} (i18n/i18n.test.ts).
 */
import type { Translation } from '../i18n/translation';

export const fr = {
  'recent.title': 'Appels récents',
  'recent.onlyMissed': 'Manqués seulement',
  'recent.mine': 'Mes appels',
  'recent.empty': 'Aucun appel pour le moment',
  'recent.emptyMissed': 'Aucun appel manqué',
  'recent.loading': 'Chargement des appels…',
  'recent.unknown': 'Numéro inconnu',
  'recent.keys': 'Flèches haut et bas, Début et Fin pour parcourir les appels, Entrée pour ouvrir, flèche droite pour rappeler.',
  'help.recentCalls': 'Appels récents : parcourir (Début, Fin : premier, dernier), → : rappeler',
} as const;

export const en: Translation<typeof fr> = {
  'recent.title': 'Recent calls',
  'recent.onlyMissed': 'Missed only',
  'recent.mine': 'My calls',
  'recent.empty': 'No calls yet',
  'recent.emptyMissed': 'No missed calls',
  'recent.loading': 'Loading calls…',
  'recent.unknown': 'Unknown number',
  'recent.keys': 'Up and down arrows, Home and End to move through the calls, Enter to open, right arrow to call back.',
  'help.recentCalls': 'Recent calls: move (Home, End: first, last), →: call back',
};

declare module '../i18n' {
  interface MessageCatalog {
    'recent-calls': typeof fr;
  }
}
