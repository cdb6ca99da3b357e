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
  'messaging.template_whatsapp_missing': {
    fr: 'Choisissez le modèle approuvé par WhatsApp que ce modèle envoie (son nom et sa langue).',
    en: 'Choose the WhatsApp-approved template this template sends (its name and language).',
  },
  'messaging.template_parameter_unmapped': {
    fr: 'Remplacez {parameter} par le champ qui le remplit (menu « Insérer un champ »).',
    en: 'Replace {parameter} with the field that fills it (« Insert a field » menu).',
  },
  'messaging.template_not_whatsapp': { fr: 'Ce modèle n’est pas un modèle WhatsApp approuvé.', en: 'This template is not a WhatsApp-approved template.' },
  'messaging.template_not_approved': {
    fr: 'Le modèle « {name} » n’est pas approuvé par WhatsApp ({status}) : il ne peut pas partir.',
    en: 'Template « {name} » is not approved by WhatsApp ({status}): it cannot be sent.',
  },
  'messaging.template_fields_missing': {
    fr: 'Champs sans valeur pour ce client : {fields}. Complétez la fiche ou écrivez le message.',
    en: 'Fields without a value for this customer: {fields}. Complete the record or type the message.',
  },
  'messaging.template_parameters_count': {
    fr: 'Le modèle « {name} » attend {expected} paramètres chez WhatsApp, celui d’Accueil en remplit {given} : corrigez-le dans la bibliothèque.',
    en: 'Template « {name} » expects {expected} parameters at WhatsApp, Accueil’s fills {given}: fix it in the library.',
  },
  'messaging.templates_unavailable': {
    fr: 'Impossible de lire les modèles approuvés chez WhatsApp : {detail}',
    en: 'Could not read the approved templates from WhatsApp: {detail}',
  },
} as const;

type MessagingErrors = typeof messagingErrors;
declare module './error-catalog' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalog extends MessagingErrors {}
}
