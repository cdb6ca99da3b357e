/**
 * The app messages: French (the source of their keys) and English, which must have the same
 * keys (typed) and the same {placeholders} (i18n/i18n.test.ts).
 */
import type { Translation } from '../i18n/translation';

export const fr = {
  'app.name': 'Accueil',
  'app.loading': 'Chargement…',
  'app.workspace.demo': 'Démo',
  'app.workspace.demoTitle': 'Espace de démonstration : données fictives',
  'app.readOnly': 'Lecture seule',
  'app.readOnlyTitle': 'Cet écran peut consulter mais pas modifier',

  'token.title': "Lien d’accès incomplet",
  'token.body': "Cette page doit être ouverte avec l’adresse complète affichée par la commande « accueil serve » dans le terminal (elle se termine par #token=…).",
  'token.hint': "Copiez cette adresse telle quelle dans la barre du navigateur. Le jeton reste sur ce poste : il n’est jamais envoyé dans les journaux du serveur.",

  'link.connecting': 'Connexion au poste…',
  'link.down': 'Connexion perdue, reconnexion…',
  'link.downIn': 'Connexion perdue, reconnexion dans {seconds} s…',
  'link.stale': "Toujours pas de connexion. Si « accueil serve » a été relancé, ouvrez la nouvelle adresse qu’il affiche.",
  'link.refused.title': "Ce lien n’est plus valide",
  'link.refused.body': "Le poste Accueil répond mais refuse ce lien : il a été relancé depuis (son jeton change à chaque démarrage), ou l’adresse a été mal copiée. Cette page ne se reconnectera pas seule.",
  'link.refused.todo': "Ouvrez la nouvelle adresse affichée dans le terminal par « accueil serve » : la ligne « Ouvrez : http://… » pour la console, « Écran mural » pour l’écran mural.",
  'link.refused.hint': "Pour garder la même adresse d’un démarrage à l’autre (écran mural, favori), fixez le jeton avec la variable ACCUEIL_WEB_TOKEN.",

  'registration.registered': 'Ligne enregistrée',
  'registration.connecting': 'Connexion au standard…',
  'registration.retryIn': 'Standard injoignable — nouvel essai dans {seconds} s',
  'registration.retrying': 'Standard injoignable — nouvel essai imminent',
  'registration.failed': 'Standard injoignable',
  'registration.unregistered': 'Ligne non enregistrée',
  'registration.unconfigured': 'Non configuré',
  'registration.configure': 'Aucune ligne configurée : ouvrir Paramètres › Standard téléphonique',
  'registration.unknown': 'État de la ligne inconnu',
  'registration.reconnect': 'Réessayer maintenant',
  'nav.help': 'Raccourcis clavier',

  'home.title': 'Prêt à recevoir les appels',
  'home.body': "La fiche de l’appelant s’affiche ici dès que le téléphone sonne. Recherchez un client avec Ctrl+K ou /.",
  'home.shortcuts': 'Appuyez sur ? pour voir les raccourcis clavier.',

  'help.title': 'Raccourcis clavier',
  'help.closePop': "Fermer la fiche d’appel, le panneau ou l’aide",
  'help.help': 'Afficher cette aide',
} as const;

export const en: Translation<typeof fr> = {
  'app.name': 'Accueil',
  'app.loading': 'Loading…',
  'app.workspace.demo': 'Demo',
  'app.workspace.demoTitle': 'Demo workspace: sample data',
  'app.readOnly': 'Read-only',
  'app.readOnlyTitle': 'This screen can view but not change anything',

  'token.title': 'Incomplete access link',
  'token.body': 'Open this page with the full address printed by the “accueil serve” command in the terminal (it ends with #token=…).',
  'token.hint': "Paste that address as-is into the browser's address bar. The token stays on this computer: it is never sent to the server's logs.",

  'link.connecting': 'Connecting…',
  'link.down': 'Connection lost, reconnecting…',
  'link.downIn': 'Connection lost, reconnecting in {seconds} s…',
  'link.stale': 'Still no connection. If “accueil serve” was restarted, open the new address it prints.',
  'link.refused.title': 'This link is no longer valid',
  'link.refused.body': 'The Accueil workstation answers but refuses this link: it was restarted since (its token changes at each start), or the address was copied wrongly. This page will not reconnect by itself.',
  'link.refused.todo': 'Open the new address printed in the terminal by “accueil serve”: the line “Ouvrez : http://…” for the console, “Écran mural” for the wall screen.',
  'link.refused.hint': 'To keep the same address from one start to the next (wall screen, bookmark), set the token with the ACCUEIL_WEB_TOKEN variable.',

  'registration.registered': 'Line registered',
  'registration.connecting': 'Connecting to the PBX…',
  'registration.retryIn': 'PBX unreachable — retrying in {seconds} s',
  'registration.retrying': 'PBX unreachable — retrying now',
  'registration.failed': 'PBX unreachable',
  'registration.unregistered': 'Line not registered',
  'registration.unconfigured': 'Not configured',
  'registration.configure': 'No line configured: open Settings › Phone system',
  'registration.unknown': 'Line status unknown',
  'registration.reconnect': 'Retry now',
  'nav.help': 'Keyboard shortcuts',

  'home.title': 'Ready for calls',
  'home.body': "The caller's record shows here as soon as the phone rings. Search a customer with Ctrl+K or /.",
  'home.shortcuts': 'Press ? to see the keyboard shortcuts.',

  'help.title': 'Keyboard shortcuts',
  'help.closePop': 'Close the call card, the panel or this help',
  'help.help': 'Show this help',
};

declare module '../i18n' {
  interface MessageCatalog {
    'app': typeof fr;
  }
}
