/** Paramètres › Serveur de l'entreprise, French and English (same keys, same {placeholders}). */
import type { Translation } from '../i18n/translation';

export const fr = {
  'remote.title': 'Serveur de l’entreprise',
  'remote.intro': 'Reliez ce poste au serveur Accueil de l’entreprise : vos appels, l’annuaire et les tickets y sont partagés. L’application redémarre une fois connectée.',
  'remote.url': 'Adresse du serveur',
  'remote.login': 'Identifiant',
  'remote.password': 'Mot de passe (il n’est pas conservé)',
  'remote.connect': 'Se connecter au serveur',
  'remote.active': 'Ce poste travaille sur le serveur {url} (compte {login}).',
  'remote.chosen': 'Serveur {url} choisi (compte {login}) : l’application redémarre dessus.',
  'remote.disconnect': 'Revenir au poste seul',
} as const;

export const en: Translation<typeof fr> = {
  'remote.title': 'Company server',
  'remote.intro': 'Connect this desk to the company’s Accueil server: calls, directory and tickets are shared there. The app restarts once connected.',
  'remote.url': 'Server address',
  'remote.login': 'Login',
  'remote.password': 'Password (not kept)',
  'remote.connect': 'Connect to the server',
  'remote.active': 'This desk works on the server {url} (account {login}).',
  'remote.chosen': 'Server {url} chosen (account {login}): the app restarts on it.',
  'remote.disconnect': 'Back to the standalone desk',
};

declare module '../i18n' {
  interface MessageCatalog {
    remote: typeof fr;
  }
}
