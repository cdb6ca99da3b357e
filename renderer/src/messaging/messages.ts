/**
 * SMS and WhatsApp messages: French (the source of their keys) and English, with the same keys
 * (typed) and the same {placeholders} (i18n/i18n.test.ts).
 */
import type { Translation } from '../i18n/translation';

export const fr = {
  'messaging.title': 'SMS et WhatsApp',
  'messaging.none': 'Aucun message échangé.',
  'messaging.notConfigured': 'SMS et WhatsApp ne sont pas configurés sur le serveur.',
  'messaging.optedOut': 'Le client a répondu STOP le {date} : seules les réponses à ses propres messages partent.',
  'messaging.channel': 'Canal',
  'messaging.purpose': 'Nature du message',
  'messaging.purpose.reply': 'Réponse au client',
  'messaging.purpose.service': 'Message de service',
  'messaging.purpose.marketing': 'Message commercial',
  'messaging.text': 'Message',
  'messaging.send': 'Envoyer',
  'messaging.countGsm': '{units} caractères · {segments} SMS · encore {remaining} avant le suivant',
  'messaging.countUnicode': '{units} caractères · {segments} SMS de 70 caractères (à cause de : {characters}) · encore {remaining}',
  'messaging.whatsappOpen': 'Texte libre possible jusqu’au {until} (24 h après le dernier message du client).',
  'messaging.whatsappClosed': 'Le client n’a pas écrit sur WhatsApp depuis 24 heures : seul un modèle approuvé peut partir.',
  'messaging.marketingRule': 'commercial : jamais entre 20 h et 8 h, ni le dimanche ou un jour férié (mis en attente)',
  'messaging.status.queued': 'en attente',
  'messaging.status.sending': 'en cours d’envoi',
  'messaging.status.sent': 'envoyé',
  'messaging.status.delivered': 'distribué',
  'messaging.status.read': 'lu',
  'messaging.status.failed': 'échec',
  'messaging.status.received': 'reçu',
  'messaging.status.blocked': 'bloqué',
  'messaging.inbox': 'À traiter',
  'messaging.inboxCount': '{count} messages à traiter',
  'messaging.inboxCount.one': '{count} message à traiter',
  'messaging.inboxEmpty': 'Aucun message à traiter.',
  'messaging.markRead': 'Marquer comme lu',
  'messaging.template': 'Partir d’un modèle…',
  'history.sms.in': 'SMS reçu',
  'history.sms.out': 'SMS envoyé',
  'history.whatsapp.in': 'WhatsApp reçu',
  'history.whatsapp.out': 'WhatsApp envoyé',
  'messaging.templateMissing': 'Champs vides dans le modèle, à compléter dans le texte : {fields}',
} as const;

export const en: Translation<typeof fr> = {
  'messaging.title': 'SMS and WhatsApp',
  'messaging.none': 'No message exchanged.',
  'messaging.notConfigured': 'SMS and WhatsApp are not configured on the server.',
  'messaging.optedOut': 'The customer replied STOP on {date}: only answers to their own messages go.',
  'messaging.channel': 'Channel',
  'messaging.purpose': 'Kind of message',
  'messaging.purpose.reply': 'Answer to the customer',
  'messaging.purpose.service': 'Service message',
  'messaging.purpose.marketing': 'Marketing message',
  'messaging.text': 'Message',
  'messaging.send': 'Send',
  'messaging.countGsm': '{units} characters · {segments} SMS · {remaining} left before the next',
  'messaging.countUnicode': '{units} characters · {segments} SMS of 70 characters (because of: {characters}) · {remaining} left',
  'messaging.whatsappOpen': 'Free text possible until {until} (24 h after the customer’s last message).',
  'messaging.whatsappClosed': 'The customer has not written on WhatsApp for 24 hours: only an approved template can go.',
  'messaging.marketingRule': 'marketing: never between 8 pm and 8 am, on Sundays or public holidays (held)',
  'messaging.status.queued': 'waiting',
  'messaging.status.sending': 'sending',
  'messaging.status.sent': 'sent',
  'messaging.status.delivered': 'delivered',
  'messaging.status.read': 'read',
  'messaging.status.failed': 'failed',
  'messaging.status.received': 'received',
  'messaging.status.blocked': 'blocked',
  'messaging.inbox': 'To handle',
  'messaging.inboxCount': '{count} messages to handle',
  'messaging.inboxCount.one': '{count} message to handle',
  'messaging.inboxEmpty': 'No message to handle.',
  'messaging.markRead': 'Mark as read',
  'messaging.template': 'Start from a template…',
  'history.sms.in': 'SMS received',
  'history.sms.out': 'SMS sent',
  'history.whatsapp.in': 'WhatsApp received',
  'history.whatsapp.out': 'WhatsApp sent',
  'messaging.templateMissing': 'Empty fields in the template, to complete in the text: {fields}',
};

declare module '../i18n' {
  interface MessageCatalog {
    'messaging': typeof fr;
  }
}
