/**
 * The simulation messages: French (the source of their keys) and English, which must have the same
 * keys (typed) and the same {placeholders} (i18n/i18n.test.ts).
 */
import type { Translation } from '../i18n/translation';

export const fr = {
  'simulate.open': 'Simuler un appel',
  'simulate.hint': 'Faire sonner la console comme un vrai appel (démonstration, formation) : rien n’est envoyé au CRM',
  'simulate.intro': 'La console sonne dans un instant, comme pour un appel du standard. L’appel est marqué « Simulation ».',
  'simulate.kind.known_customer': 'Client connu, devis en cours',
  'simulate.kind.shared_landline': 'Ligne fixe partagée',
  'simulate.kind.company_switchboard': 'Standard d’une entreprise',
  'simulate.kind.unknown_number': 'Numéro inconnu',
  'simulate.kind.withheld': 'Numéro masqué',
  'simulate.withheld': 'Aucun numéro présenté',
  'simulate.answered': 'Décroché',
  'simulate.missed': 'Manqué',
} as const;

export const en: Translation<typeof fr> = {
  'simulate.open': 'Simulate a call',
  'simulate.hint': 'Ring the console as a real call would (demo, training): nothing is sent to the CRM',
  'simulate.intro': 'The console rings in a moment, as for a call from the PBX. The call is marked “Simulation”.',
  'simulate.kind.known_customer': 'Known customer, open quote',
  'simulate.kind.shared_landline': 'Shared landline',
  'simulate.kind.company_switchboard': 'Company switchboard',
  'simulate.kind.unknown_number': 'Unknown number',
  'simulate.kind.withheld': 'Withheld number',
  'simulate.withheld': 'No number presented',
  'simulate.answered': 'Answered',
  'simulate.missed': 'Missed',
};

declare module '../i18n' {
  interface MessageCatalog {
    'simulation': typeof fr;
  }
}
