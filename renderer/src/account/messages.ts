/**
 * The login and password pages (company server), French and English with the same keys (typed)
 * and the same {placeholders} (i18n/i18n.test.ts).
 */
import type { Translation } from '../i18n/translation';

export const fr = {
  'login.title': 'Connexion à Accueil',
  'login.intro': 'Serveur de l’entreprise : connectez-vous avec l’identifiant que l’administrateur vous a donné.',
  'login.login': 'Identifiant',
  'login.password': 'Mot de passe',
  'login.submit': 'Se connecter',
  'login.busy': 'Connexion…',
  'login.wait': 'Trop d’essais : réessayez dans {seconds} s.',
  'login.ended': 'Votre session a pris fin (compte modifié ou déconnexion) : reconnectez-vous.',
  'login.forgot': 'Mot de passe oublié ? Demandez à l’administrateur un nouveau lien.',
  'password.title': 'Choisir votre mot de passe',
  'password.for': 'Compte « {login} » ({name})',
  'password.new': 'Nouveau mot de passe (10 caractères au moins)',
  'password.again': 'Le même, une seconde fois',
  'password.mismatch': 'Les deux mots de passe sont différents.',
  'password.submit': 'Enregistrer le mot de passe',
  'password.done': 'Mot de passe enregistré. Vous pouvez vous connecter.',
  'password.toLogin': 'Aller à la connexion',
  'password.missing': 'Ce lien est incomplet : ouvrez l’adresse complète reçue de l’administrateur (elle se termine par #jeton=…).',
  'account.signedInAs': 'Connecté : {name}',
  'account.logout': 'Se déconnecter',
} as const;

export const en: Translation<typeof fr> = {
  'login.title': 'Sign in to Accueil',
  'login.intro': 'Company server: sign in with the login your administrator gave you.',
  'login.login': 'Login',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.busy': 'Signing in…',
  'login.wait': 'Too many attempts: try again in {seconds} s.',
  'login.ended': 'Your session ended (account changed or signed out): please sign in again.',
  'login.forgot': 'Forgot your password? Ask your administrator for a new link.',
  'password.title': 'Choose your password',
  'password.for': 'Account “{login}” ({name})',
  'password.new': 'New password (at least 10 characters)',
  'password.again': 'The same again',
  'password.mismatch': 'The two passwords differ.',
  'password.submit': 'Save the password',
  'password.done': 'Password saved. You can sign in now.',
  'password.toLogin': 'Go to sign-in',
  'password.missing': 'This link is incomplete: open the full address your administrator sent (it ends with #jeton=…).',
  'account.signedInAs': 'Signed in: {name}',
  'account.logout': 'Sign out',
};

declare module '../i18n' {
  interface MessageCatalog {
    account: typeof fr;
  }
}
