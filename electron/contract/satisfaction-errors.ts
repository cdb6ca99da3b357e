/** What the satisfaction screens say (see error-catalog.ts). */
export const satisfactionErrors = {
  'satisfaction.no_public_address': {
    fr: 'Les enquêtes partent du serveur de l’entreprise : il lui faut une adresse publique (publicUrl dans sa configuration).',
    en: 'Surveys are sent by the company server: it needs a public address (publicUrl in its configuration).',
  },
  'satisfaction.no_mail': {
    fr: 'Les enquêtes partent par e-mail : configurez l’envoi dans Paramètres › E-mail.',
    en: 'Surveys are sent by e-mail: set up sending in Settings › E-mail.',
  },
  'satisfaction.demo': {
    fr: 'L’espace de démonstration n’envoie pas d’enquêtes (ses clients sont inventés) : les chiffres affichés sont ceux de la démonstration.',
    en: 'The demo workspace sends no surveys (its customers are made up): the figures shown are the demo’s.',
  },
  'satisfaction.delay_from_environment': {
    fr: 'Le délai d’envoi est fixé par ACCUEIL_SURVEY_DELAY_MIN sur ce serveur : changez-le là.',
    en: 'The sending delay is set by ACCUEIL_SURVEY_DELAY_MIN on this server: change it there.',
  },
} as const;

type SatisfactionErrors = typeof satisfactionErrors;
declare module './error-catalog' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalog extends SatisfactionErrors {}
}
