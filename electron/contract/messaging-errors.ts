/** What SMS and WhatsApp say (see error-catalog.ts). */
export const messagingErrors = {
  'messaging.sms_not_configured': {
    fr: 'Les SMS ne sont pas configurés sur ce serveur (ACCUEIL_OVH_SMS_* : voir le README).',
    en: 'SMS is not configured on this server (ACCUEIL_OVH_SMS_*: see the README).',
  },
  'messaging.whatsapp_not_configured': {
    fr: 'WhatsApp n’est pas configuré sur ce serveur (ACCUEIL_WHATSAPP_* : voir le README).',
    en: 'WhatsApp is not configured on this server (ACCUEIL_WHATSAPP_*: see the README).',
  },
  'messaging.whatsapp_window': {
    fr: 'Le client n’a pas écrit sur WhatsApp depuis plus de 24 heures : seul un modèle approuvé peut partir (règle de WhatsApp).',
    en: 'The customer has not written on WhatsApp for more than 24 hours: only an approved template can go (WhatsApp’s rule).',
  },
  'messaging.no_mobile': { fr: 'Aucun numéro de mobile connu pour ce client.', en: 'No mobile number known for this customer.' },
  'messaging.number_invalid': { fr: 'Numéro illisible : « {number} ».', en: 'Unreadable number: « {number} ».' },
  'messaging.empty': { fr: 'Le message est vide.', en: 'The message is empty.' },
  'messaging.sms_no_template': { fr: 'Les modèles approuvés sont pour WhatsApp ; un SMS part en texte.', en: 'Approved templates are for WhatsApp; an SMS goes as text.' },
} as const;

type MessagingErrors = typeof messagingErrors;
declare module './error-catalog' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalog extends MessagingErrors {}
}
