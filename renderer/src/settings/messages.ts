/**
 * The settings messages: French (the source of their keys) and English, which must have the same
 * keys (typed) and the same {placeholders} (i18n/i18n.test.ts).
 */
import type { Translation } from '../i18n/translation';

export const fr = {
  'nav.settings': 'Paramètres',

  'settings.title': 'Paramètres',
  'settings.language': "Langue de l’interface",
  'settings.language.fr': 'Français',
  'settings.language.en': 'English',
  'settings.pbx': 'Standard téléphonique (SIP)',
  'settings.wsUrl': 'Adresse WebSocket du standard',
  'settings.wsUrlHelp': 'Par exemple wss://standard.exemple.fr:8089/ws',
  'settings.uri': 'Adresse SIP de la ligne',
  'settings.uriHelp': 'Par exemple sip:accueil@standard.exemple.fr',
  'settings.user': 'Identifiant',
  'settings.displayName': 'Nom affiché',
  'settings.password': 'Mot de passe',
  'settings.passwordStored': 'enregistré',
  'settings.passwordKeep': 'Laisser vide pour conserver le mot de passe enregistré',
  'settings.passwordNone': 'Aucun mot de passe enregistré',
  'settings.passwordRemove': 'Supprimer le mot de passe enregistré',
  'settings.fromEnvironment': "Ces valeurs viennent de variables d’environnement ACCUEIL_* du poste : elles remplacent celles saisies ici tant qu’elles sont définies.",
  'settings.save': 'Enregistrer',
  'settings.saving': 'Enregistrement…',
  'settings.saved': 'Paramètres enregistrés',
  'settings.wsUrlInvalid': "L’adresse doit commencer par ws:// ou wss://.",
  'settings.uriInvalid': "L’adresse SIP doit commencer par sip: ou sips:.",
  'settings.readOnly': 'Cet écran est en lecture seule : les paramètres ne peuvent pas être modifiés ici.',
  'settings.version': 'Version {version} · données : {dataDir}',
  'help.settings': 'Ouvrir les paramètres',
} as const;

export const en: Translation<typeof fr> = {
  'nav.settings': 'Settings',

  'settings.title': 'Settings',
  'settings.language': 'Interface language',
  'settings.language.fr': 'Français',
  'settings.language.en': 'English',
  'settings.pbx': 'Phone system (SIP)',
  'settings.wsUrl': 'PBX WebSocket address',
  'settings.wsUrlHelp': 'For example wss://pbx.example.com:8089/ws',
  'settings.uri': 'SIP address of the line',
  'settings.uriHelp': 'For example sip:desk@pbx.example.com',
  'settings.user': 'Username',
  'settings.displayName': 'Display name',
  'settings.password': 'Password',
  'settings.passwordStored': 'saved',
  'settings.passwordKeep': 'Leave empty to keep the saved password',
  'settings.passwordNone': 'No password saved',
  'settings.passwordRemove': 'Remove the saved password',
  'settings.fromEnvironment': 'These values come from ACCUEIL_* environment variables on this computer: they override what is entered here while they are set.',
  'settings.save': 'Save',
  'settings.saving': 'Saving…',
  'settings.saved': 'Settings saved',
  'settings.wsUrlInvalid': 'The address must start with ws:// or wss://.',
  'settings.uriInvalid': 'The SIP address must start with sip: or sips:.',
  'settings.readOnly': 'This screen is read-only: settings cannot be changed here.',
  'settings.version': 'Version {version} · data: {dataDir}',
  'help.settings': 'Open the settings',
};

declare module '../i18n' {
  interface MessageCatalog {
    'settings': typeof fr;
  }
}
