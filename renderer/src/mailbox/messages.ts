/**
 * The mailbox messages (mail → ticket): French (the source of their keys) and English, which must
 * have the same keys (typed) and the same {placeholders} (i18n/i18n.test.ts).
 */
import type { Translation } from '../i18n/translation';

export const fr = {
  'mailbox.thread': 'E-mails',
  'mailbox.from': 'De {from}',
  'mailbox.fromAccueil': 'Réponse de {author}',
  'mailbox.to': 'À {to}',
  'mailbox.sending': 'Envoi en cours…',
  'mailbox.failed': 'Non envoyé : {error}',
  'mailbox.attachments': 'Pièces jointes',
  'mailbox.attachment': '{name} ({size})',
  'mailbox.newContact': 'Expéditeur inconnu : {name} <{address}>. Créez sa fiche pour rattacher ce ticket.',
  'mailbox.newContactNoName': 'Expéditeur inconnu : {address}. Créez sa fiche pour rattacher ce ticket.',
  'mailbox.reply': 'Répondre par e-mail',
  'mailbox.replyTo': 'Réponse à {to}',
  'mailbox.noReplyAddress': 'Pas d’adresse à qui répondre.',
  'mailbox.template': 'Modèle',
  'mailbox.noTemplate': '— Sans modèle —',
  'mailbox.subject': 'Objet',
  'mailbox.body': 'Message',
  'mailbox.missing': 'Champs à remplir avant l’envoi : {fields}',
  'mailbox.send': 'Envoyer',
  'mailbox.sendingButton': 'Envoi…',
  'mailbox.cancel': 'Annuler',
};

export const en: Translation<typeof fr> = {
  'mailbox.thread': 'E-mails',
  'mailbox.from': 'From {from}',
  'mailbox.fromAccueil': 'Reply by {author}',
  'mailbox.to': 'To {to}',
  'mailbox.sending': 'Sending…',
  'mailbox.failed': 'Not sent: {error}',
  'mailbox.attachments': 'Attachments',
  'mailbox.attachment': '{name} ({size})',
  'mailbox.newContact': 'Unknown sender: {name} <{address}>. Create their record to attach this ticket.',
  'mailbox.newContactNoName': 'Unknown sender: {address}. Create their record to attach this ticket.',
  'mailbox.reply': 'Reply by e-mail',
  'mailbox.replyTo': 'Reply to {to}',
  'mailbox.noReplyAddress': 'No address to reply to.',
  'mailbox.template': 'Template',
  'mailbox.noTemplate': '— No template —',
  'mailbox.subject': 'Subject',
  'mailbox.body': 'Message',
  'mailbox.missing': 'Fields to fill in before sending: {fields}',
  'mailbox.send': 'Send',
  'mailbox.sendingButton': 'Sending…',
  'mailbox.cancel': 'Cancel',
};

declare module '../i18n' {
  interface MessageCatalog {
    'mailbox': typeof fr;
  }
}
