/** What the desktop app says about its link to the company server (see error-catalog.ts). */
export const remoteErrors = {
  'remote.unreachable': {
    fr: 'Le serveur de l’entreprise ({url}) est injoignable : reconnexion automatique en cours. Vérifiez le réseau ou prévenez le service informatique.',
    en: 'The company server ({url}) cannot be reached: reconnecting automatically. Check the network or tell IT.',
  },
  'remote.no_answer': { fr: 'Le serveur de l’entreprise n’a pas répondu à temps : réessayez.', en: 'The company server did not answer in time: try again.' },
  'remote.signed_out': {
    fr: 'Votre session sur le serveur de l’entreprise a pris fin : reconnectez-vous dans Paramètres › Serveur de l’entreprise.',
    en: 'Your session on the company server ended: sign in again in Settings › Company server.',
  },
  'remote.desktop_only': {
    fr: 'Seule l’application de bureau se connecte à un serveur de l’entreprise (une console web en est déjà servie).',
    en: 'Only the desktop app connects to a company server (a web console is already served by one).',
  },
  'remote.unexpected_answer': {
    fr: 'Réponse inattendue du serveur de l’entreprise ({url}, code {status}) : vérifiez l’adresse.',
    en: 'Unexpected answer from the company server ({url}, status {status}): check the address.',
  },
} as const;

type RemoteErrors = typeof remoteErrors;
declare module './error-catalog' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalog extends RemoteErrors {}
}
