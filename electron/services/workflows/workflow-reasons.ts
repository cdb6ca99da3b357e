/**
 * Why a step ran, waits, was skipped or failed: a code and its parameters are stored on the step;
 * the sentence is written when read, in the reader's language.
 */
import type { Locale } from '../../contract/model';

type Params = Record<string, string | number>;

const STATUS_WORDS: Record<string, { fr: string; en: string }> = {
  'quote:accepte': { fr: 'le devis a été accepté', en: 'the quote was accepted' },
  'quote:refuse': { fr: 'le devis a été refusé', en: 'the quote was declined' },
  'quote:expire': { fr: 'le devis a expiré', en: 'the quote expired' },
  'quote:brouillon': { fr: 'le devis est repassé en brouillon', en: 'the quote is a draft again' },
  'quote:envoye': { fr: 'le devis a été renvoyé (nouvelle date d’envoi)', en: 'the quote was sent again (new date)' },
  'intervention:annulee': { fr: 'le rendez-vous a été annulé', en: 'the appointment was cancelled' },
  'intervention:terminee': { fr: 'l’intervention est terminée', en: 'the visit is done' },
  'intervention:en_cours': { fr: 'l’intervention a commencé', en: 'the visit has started' },
  'intervention:planifiee': { fr: 'le rendez-vous a été déplacé (rappel prévu pour la nouvelle date)', en: 'the appointment moved (reminder set for the new date)' },
};

const CHANNEL_WORDS: Record<string, { fr: string; en: string }> = {
  email: { fr: 'e-mail', en: 'e-mail' },
  sms: { fr: 'SMS', en: 'SMS' },
  whatsapp: { fr: 'WhatsApp', en: 'WhatsApp' },
};

/** Why a message did not take the customer's preferred channel (service-channel.ts). */
const FALLBACK_WHY: Record<string, { fr: string; en: string }> = {
  no_email: { fr: 'pas d’adresse e-mail', en: 'no e-mail address' },
  email_opted_out: { fr: 'l’adresse ne veut plus d’e-mails automatiques', en: 'the address opted out of automatic e-mail' },
  no_mobile: { fr: 'pas de numéro de mobile', en: 'no mobile number' },
  stopped: { fr: 'le numéro a répondu STOP', en: 'the number replied STOP' },
  sms_unavailable: { fr: 'SMS non configuré', en: 'SMS not configured' },
  no_sms_text: { fr: 'pas de texte SMS pour cette étape', en: 'no SMS text for this step' },
  whatsapp_unavailable: { fr: 'WhatsApp non configuré', en: 'WhatsApp not configured' },
  whatsapp_window: { fr: 'hors de la fenêtre de 24 h et aucun modèle WhatsApp approuvé lié à cette étape', en: 'outside the 24-hour window and no approved WhatsApp template bound to this step' },
};

/** « — pas par SMS : le numéro a répondu STOP », when the message did not take the preferred channel. */
function fallbackClause(locale: Locale, p: Params): string {
  const from = CHANNEL_WORDS[String(p['fallbackFrom'] ?? '')];
  if (!from) return '';
  const why = FALLBACK_WHY[String(p['fallbackWhy'] ?? '')];
  return locale === 'en' ? ` — not by ${from.en}${why ? `: ${why.en}` : ''}` : ` — pas par ${from.fr}${why ? ` : ${why.fr}` : ''}`;
}

const REASONS: Record<string, { fr: (p: Params) => string; en: (p: Params) => string }> = {
  passed_before_enrolment: { fr: () => 'Déjà passée quand le dossier est entré dans la règle', en: () => 'Already past when the record entered the rule' },
  sent: { fr: (p) => `Envoyé à ${p['to']}`, en: (p) => `Sent to ${p['to']}` },
  sent_late: { fr: (p) => `Envoyé en retard à ${p['to']}, après un arrêt`, en: (p) => `Sent late to ${p['to']}, after downtime` },
  cut_uncertain: {
    fr: () => 'Envoi interrompu par un arrêt : il est peut-être parti. Renvoyer (le client pourrait le recevoir deux fois) ou ignorer ?',
    en: () => 'Sending cut by a stop: it may have left. Send again (the customer might get it twice) or skip?',
  },
  message_queued: {
    fr: (p) => `Envoyé par ${CHANNEL_WORDS[String(p['channel'])]?.fr ?? String(p['channel'])}${p['template'] ? ` (modèle approuvé « ${p['template']} »)` : ''} au ${p['to']}${p['fallbackFrom'] ? '' : ', canal préféré du client'}`,
    en: (p) => `Sent by ${CHANNEL_WORDS[String(p['channel'])]?.en ?? String(p['channel'])}${p['template'] ? ` (approved template « ${p['template']} »)` : ''} to ${p['to']}${p['fallbackFrom'] ? '' : ", the customer's preferred channel"}`,
  },
  message_refused: { fr: (p) => `Message ${CHANNEL_WORDS[String(p['channel'])]?.fr ?? ''} refusé : ${p['error']}`, en: (p) => `${CHANNEL_WORDS[String(p['channel'])]?.en ?? ''} message refused: ${p['error']}` },
  sms_queued: { fr: (p) => `Pas d’e-mail : envoyé par SMS au ${p['to']}`, en: (p) => `No e-mail: sent by SMS to ${p['to']}` },
  callback_created: { fr: () => 'Ajouté à la liste de rappels', en: () => 'Added to the callback list' },
  ticket_opened: { fr: () => 'Ticket ouvert pour Claire', en: () => 'Ticket opened for Claire' },
  chantier_created: { fr: () => 'Chantier à planifier ajouté à la liste de rappels', en: () => 'Job to schedule added to the callback list' },
  left: {
    fr: (p) => `Sortie de la règle : ${STATUS_WORDS[String(p['status'])]?.fr ?? String(p['status'])}`,
    en: (p) => `Left the rule: ${STATUS_WORDS[String(p['status'])]?.en ?? String(p['status'])}`,
  },
  customer_replied: { fr: () => 'Le client a écrit ou a été joint depuis : relances arrêtées', en: () => 'The customer wrote or was reached since: follow-ups stopped' },
  newer_maintenance: { fr: () => 'Un entretien plus récent est déjà prévu ou fait', en: () => 'A newer maintenance visit is already booked or done' },
  record_gone: { fr: () => 'L’enregistrement n’existe plus', en: () => 'The record no longer exists' },
  no_email: { fr: () => 'Pas d’adresse e-mail pour ce client', en: () => 'No e-mail address for this customer' },
  opted_out: {
    fr: (p) => (p['stopped'] ? 'Le numéro du client a répondu STOP et aucune adresse e-mail ne peut le remplacer' : 'Le client ne veut plus d’e-mails automatiques'),
    en: (p) => (p['stopped'] ? "The customer's number replied STOP and no e-mail address can replace it" : 'The customer opted out of automatic e-mail'),
  },
  waiting_window: {
    fr: (p) => (p['window'] === 'service' ? 'Attend les heures d’envoi (8 h–20 h)' : 'Attend les heures d’envoi (lundi–samedi 9 h–19 h, hors jours fériés)'),
    en: (p) => (p['window'] === 'service' ? 'Waiting for sending hours (8 am–8 pm)' : 'Waiting for sending hours (Monday–Saturday 9 am–7 pm, not on public holidays)'),
  },
  too_late: { fr: () => 'Trop tard : le rendez-vous est passé', en: () => 'Too late: the appointment has passed' },
  late_skipped: { fr: () => 'En retard après un arrêt : ignorée (règle « ignorer les retards »)', en: () => 'Late after downtime: skipped (rule set to skip late steps)' },
  late_ask: { fr: () => 'En retard après un arrêt : attend votre décision', en: () => 'Late after downtime: waiting for your decision' },
  skipped_by_person: { fr: (p) => `Ignorée par ${p['who']}`, en: (p) => `Skipped by ${p['who']}` },
  template_missing: {
    fr: (p) => `Le modèle « ${p['template']} » n’existe plus : choisissez-en un autre dans la règle`,
    en: (p) => `Template « ${p['template']} » no longer exists: choose another in the rule`,
  },
  fields_missing: { fr: (p) => `Champs vides dans le modèle : ${p['fields']}`, en: (p) => `Empty fields in the template: ${p['fields']}` },
  send_failed: { fr: (p) => `Envoi refusé ${p['attempts']} fois : ${p['error']}`, en: (p) => `Sending refused ${p['attempts']} times: ${p['error']}` },
  retrying: { fr: (p) => `Nouvel essai prévu (${p['attempts']}ᵉ échec) : ${p['error']}`, en: (p) => `Will try again (failure ${p['attempts']}): ${p['error']}` },
  mail_unavailable: { fr: (p) => `E-mail pas encore possible : ${p['why']}`, en: (p) => `E-mail not possible yet: ${p['why']}` },
  enrolment_ended: { fr: () => 'Le dossier a quitté la règle', en: () => 'The record left the rule' },
  rule_unknown: { fr: () => 'Règle inconnue de cette version', en: () => 'Rule unknown to this version' },
};

export function reasonSentence(locale: Locale, code: string | null, detail: string | null): string | null {
  if (!code) return null;
  const reason = REASONS[code];
  if (!reason) return code;
  let params: Params = {};
  try {
    params = detail ? (JSON.parse(detail) as Params) : {};
  } catch {
    // An unreadable detail still gives the sentence, without its particulars.
  }
  return (locale === 'en' ? reason.en : reason.fr)(params) + fallbackClause(locale, params);
}
