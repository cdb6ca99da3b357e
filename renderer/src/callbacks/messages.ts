/**
 * The callbacks messages: French (the source of their keys) and English, which must have the same
 * keys (typed) and the same {placeholders} (i18n/i18n.test.ts).
 */
import type { Translation } from '../i18n/translation';

export const fr = {
  'help.callbacks': "Ouvrir la liste des rappels",
  'help.dial': "Rappeler le numéro de l’appel affiché",
  'callbacks.title': "À rappeler",
  'callbacks.open': "À rappeler ({count})",
  'callbacks.empty': "Aucun appel manqué à rappeler",
  'callbacks.showDone': "Afficher les rappels clos",
  'callbacks.mine': 'Mes rappels',
  'callbacks.missedOne': "1 appel manqué",
  'callbacks.missed': "{count} appels manqués",
  'callbacks.since': "il y a {elapsed}",
  'callbacks.due': "à rappeler avant {time}",
  'callbacks.overdue': "en retard",
  'callbacks.dial': "Rappeler",
  'callbacks.close': "Clore",
  'callbacks.closeReason': "Pourquoi clore ce rappel ?",
  'callbacks.closeConfirm': "Clore le rappel",
  'callbacks.closedByCall': "Rappel abouti",
  'callbacks.closedByAgent': "Clos à la main",
  'callbacks.closedAt': "clos {time}",
  'callbacks.withheld': "Numéro masqué : impossible de rappeler",
  'callbacks.target': "Délai de rappel visé (minutes)",
  'callbacks.targetSave': "Enregistrer le délai",
  'dial.call': "Appeler {number}",
  'dial.dialling': "Votre poste sonne : décrochez pour appeler {number}",
  'dial.noLine': "Impossible d’appeler {number} : aucune ligne n’est configurée sur ce poste",
  'dial.configureLine': "Configurer la ligne",
  'callbacks.noLine': "Aucune ligne n’est configurée sur ce poste : « Rappeler » ne peut pas appeler d’ici.",
} as const;

export const en: Translation<typeof fr> = {
  'help.callbacks': "Open the callback list",
  'help.dial': "Call back the number of the call shown",
  'callbacks.title': "To call back",
  'callbacks.open': "To call back ({count})",
  'callbacks.empty': "No missed call to return",
  'callbacks.showDone': "Show closed callbacks",
  'callbacks.mine': 'My callbacks',
  'callbacks.missedOne': "1 missed call",
  'callbacks.missed': "{count} missed calls",
  'callbacks.since': "{elapsed} ago",
  'callbacks.due': "call back before {time}",
  'callbacks.overdue': "overdue",
  'callbacks.dial': "Call back",
  'callbacks.close': "Close",
  'callbacks.closeReason': "Why close this callback?",
  'callbacks.closeConfirm': "Close the callback",
  'callbacks.closedByCall': "Reached",
  'callbacks.closedByAgent': "Closed by hand",
  'callbacks.closedAt': "closed {time}",
  'callbacks.withheld': "Withheld number: cannot call back",
  'callbacks.target': "Callback target delay (minutes)",
  'callbacks.targetSave': "Save the delay",
  'dial.call': "Call {number}",
  'dial.dialling': "Your desk phone is ringing: pick up to call {number}",
  'dial.noLine': "Cannot call {number}: no line is configured on this workstation",
  'dial.configureLine': "Set up the line",
  'callbacks.noLine': "No line is configured on this workstation: “Call back” cannot call from here.",
};

declare module '../i18n' {
  interface MessageCatalog {
    'callbacks': typeof fr;
  }
}
