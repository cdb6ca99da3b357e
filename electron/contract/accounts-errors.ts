/** What the accounts area says to people (see error-catalog.ts). */
export const accountsErrors = {
  'account.login_invalid': {
    fr: 'Identifiant « {login} » refusé : 2 à 40 lettres sans accent, chiffres, points, tirets ou soulignés, en commençant par une lettre ou un chiffre.',
    en: 'Login “{login}” refused: 2 to 40 unaccented letters, digits, dots, hyphens or underscores, starting with a letter or a digit.',
  },
  'account.name_invalid': { fr: 'Indiquez le nom de la personne (100 caractères au plus).', en: 'Give the person’s name (at most 100 characters).' },
  'account.role_invalid': {
    fr: 'Rôle « {role} » inconnu : admin, supervisor, agent ou technician.',
    en: 'Unknown role “{role}”: admin, supervisor, agent or technician.',
  },
  'account.sip_user_invalid': { fr: 'Compte SIP « {sipUser} » refusé : lettres, chiffres, . _ + - (64 au plus).', en: 'SIP account “{sipUser}” refused: letters, digits, . _ + - (64 at most).' },
  'account.login_taken': { fr: 'L’identifiant « {login} » existe déjà.', en: 'The login “{login}” already exists.' },
  'account.sip_user_taken': { fr: 'Le compte SIP « {sipUser} » est déjà celui d’une autre personne.', en: 'The SIP account “{sipUser}” already belongs to someone else.' },
  'account.not_found': { fr: 'Aucun compte « {login} ».', en: 'No account “{login}”.' },
  'account.last_admin': {
    fr: 'C’est le dernier administrateur actif : nommez-en un autre avant de le désactiver ou de changer son rôle.',
    en: 'This is the last active administrator: appoint another before disabling them or changing their role.',
  },
  'account.link_invalid': {
    fr: 'Ce lien n’est plus valable (déjà utilisé, expiré ou remplacé) : demandez-en un nouveau à l’administrateur.',
    en: 'This link is no longer valid (already used, expired or replaced): ask the administrator for a new one.',
  },
  'account.password_too_short': { fr: 'Mot de passe trop court : {min} caractères au moins.', en: 'Password too short: at least {min} characters.' },
  'account.password_too_long': { fr: 'Mot de passe trop long : 200 caractères au plus ({min} au moins).', en: 'Password too long: at most 200 characters (at least {min}).' },
  'account.password_is_login': { fr: 'Le mot de passe ne peut pas être l’identifiant ({min} caractères au moins).', en: 'The password cannot be the login (at least {min} characters).' },
  'account.login_refused': { fr: 'Identifiant ou mot de passe incorrect.', en: 'Wrong login or password.' },
  'account.login_throttled': {
    fr: 'Trop d’essais : réessayez dans {seconds} s.',
    en: 'Too many attempts: try again in {seconds} s.',
  },
  'account.server_only': {
    fr: 'Les comptes se gèrent sur le serveur de l’entreprise (accueil serve --config).',
    en: 'Accounts are managed on the company server (accueil serve --config).',
  },
  'account.session_required': { fr: 'Connectez-vous d’abord.', en: 'Log in first.' },
} as const;

type AccountsErrors = typeof accountsErrors;
declare module './error-catalog' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalog extends AccountsErrors {}
}
