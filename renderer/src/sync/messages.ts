/**
 * The sync messages: French (the source of their keys) and English, which must have the same
 * keys (typed) and the same {placeholders} (i18n/i18n.test.ts).
 */
import type { Translation } from '../i18n/translation';

export const fr = {
  'sync.name': 'HubSpot',
  'sync.title': 'Synchronisation HubSpot — cliquer pour synchroniser maintenant',
  'sync.progress': '{phase} {pct} %',
  'sync.syncing': 'synchronisation… {phase}',
  'sync.phase.reference': 'Propriétaires et pipelines',
  'sync.phase.companies': 'Entreprises',
  'sync.phase.contacts': 'Contacts',
  'sync.phase.tickets': 'Tickets',
  'sync.phase.deals': 'Devis',
  'sync.phase.calls': 'Appels',
  'sync.phase.notes': 'Notes',
  'sync.phase.emails': 'E-mails',
  'sync.phase.meetings': 'Interventions',
  'sync.phase.tasks': 'Tâches',
  'sync.phase.update': 'Mise à jour',
  'sync.offline': 'injoignable, fiches locales',
  'sync.error': 'à vérifier (voir Paramètres)',
  'sync.never': 'jamais synchronisé',
  'sync.justNow': 'à jour',
  'sync.ago': 'à jour il y a {minutes} min',
  'sync.pending': '{count} à envoyer',
  'sync.lastSuccess': 'Dernière synchronisation réussie il y a {minutes} min',
  'hubspot.title': 'HubSpot (CRM)',
  'hubspot.fromEnvironment': 'Jeton fourni par la variable ACCUEIL_HUBSPOT_TOKEN : modifiez-la pour le changer.',
  'hubspot.token': 'Jeton d’application privée',
  'hubspot.tokenStored': 'enregistré',
  'hubspot.tokenHelp': 'HubSpot › Paramètres › Intégrations › Applications privées. Le jeton n’est jamais réaffiché.',
  'hubspot.test': 'Tester la connexion',
  'hubspot.testing': 'Test en cours…',
  'hubspot.save': 'Enregistrer le jeton',
  'hubspot.saved': 'Jeton enregistré : la synchronisation démarre.',
  'hubspot.unreadableOne': '1 fiche HubSpot illisible',
  'hubspot.unreadable': '{count} fiches HubSpot illisibles',
  'hubspot.unreadableHelp': 'Ignorées par la synchronisation (valeurs que HubSpot a enregistrées dans un format inattendu) ; toutes les autres fiches sont à jour et les envois continuent. Le type et l’identifiant de chacune sont dans le journal (logs/accueil.log) : corrigez-les dans HubSpot, elles seront reprises à la synchronisation suivante.',
} as const;

export const en: Translation<typeof fr> = {
  'sync.name': 'HubSpot',
  'sync.title': 'HubSpot sync — click to sync now',
  'sync.progress': '{phase} {pct}%',
  'sync.syncing': 'syncing… {phase}',
  'sync.phase.reference': 'Owners and pipelines',
  'sync.phase.companies': 'Companies',
  'sync.phase.contacts': 'Contacts',
  'sync.phase.tickets': 'Tickets',
  'sync.phase.deals': 'Quotes',
  'sync.phase.calls': 'Calls',
  'sync.phase.notes': 'Notes',
  'sync.phase.emails': 'E-mails',
  'sync.phase.meetings': 'Visits',
  'sync.phase.tasks': 'Tasks',
  'sync.phase.update': 'Update',
  'sync.offline': 'unreachable, using local records',
  'sync.error': 'needs attention (see Settings)',
  'sync.never': 'never synced',
  'sync.justNow': 'up to date',
  'sync.ago': 'updated {minutes} min ago',
  'sync.pending': '{count} to send',
  'sync.lastSuccess': 'Last successful sync {minutes} min ago',
  'hubspot.title': 'HubSpot (CRM)',
  'hubspot.fromEnvironment': 'Token set by the ACCUEIL_HUBSPOT_TOKEN variable: change it there.',
  'hubspot.token': 'Private app token',
  'hubspot.tokenStored': 'stored',
  'hubspot.tokenHelp': 'HubSpot › Settings › Integrations › Private apps. The token is never shown again.',
  'hubspot.test': 'Test the connection',
  'hubspot.testing': 'Testing…',
  'hubspot.save': 'Save the token',
  'hubspot.saved': 'Token saved: sync is starting.',
  'hubspot.unreadableOne': '1 unreadable HubSpot record',
  'hubspot.unreadable': '{count} unreadable HubSpot records',
  'hubspot.unreadableHelp': 'Skipped by the sync (values HubSpot stored in an unexpected format); every other record is up to date and sending goes on. The type and id of each are in the log (logs/accueil.log): fix them in HubSpot and the next sync picks them up.',
};

declare module '../i18n' {
  interface MessageCatalog {
    'sync': typeof fr;
  }
}
