/**
 * The satisfaction messages: French (the source of their keys) and English, which must have the
 * same keys (typed) and the same {placeholders} (i18n/i18n.test.ts).
 */
import type { Translation } from '../i18n/translation';

export const fr = {
  'satisfaction.title': 'Satisfaction client',
  'satisfaction.window': '{days} derniers jours',
  'satisfaction.wallTitle': 'Satisfaction client ({days} j)',
  'satisfaction.wallDetail': 'NPS {nps} ({low} à {high}) · {count} réponses',
  'satisfaction.wallDetail.one': 'NPS {nps} ({low} à {high}) · {count} réponse',
  'satisfaction.mean': 'Note moyenne',
  'satisfaction.meanValue': '{value}/10',
  'satisfaction.nps': 'NPS',
  'satisfaction.interval': 'entre {low} et {high} (95 %)',
  'satisfaction.answers': 'Réponses',
  'satisfaction.answersValue': '{answered} sur {sent} enquêtes',
  'satisfaction.responseRate': 'Taux de réponse',
  'satisfaction.topShare': 'Notes de 9 ou 10',
  'satisfaction.noAnswers': 'Aucune réponse sur la période',
  'satisfaction.fewAnswers': 'Peu de réponses ({n}) : un écart de cette taille peut venir du hasard.',
  'satisfaction.byTechnician': 'Par technicien',
  'satisfaction.byKind': 'Par type d’intervention',
  'satisfaction.byMonth': 'Mois par mois',
  'satisfaction.col.label': 'Nom',
  'satisfaction.col.month': 'Mois',
  'satisfaction.col.n': 'Réponses',
  'satisfaction.col.mean': 'Note /10',
  'satisfaction.col.nps': 'NPS',
  'satisfaction.split': '{promoters} promoteurs · {passives} passifs · {detractors} détracteurs',
  'satisfaction.latest': 'Dernier avis : {score}/10, {when}',
  'satisfaction.latestComment': '« {comment} »',
  'satisfaction.latestCallback': 'souhaite être rappelé',
  'satisfaction.complete': 'Terminée',
  'satisfaction.completeTitle': 'Marquer l’intervention terminée (le client recevra l’enquête de satisfaction)',
  'satisfaction.completing': 'Enregistrement…',
  'satisfaction.settings': 'Enquêtes de satisfaction',
  'satisfaction.delay': 'Délai après l’intervention (minutes)',
  'satisfaction.cap': 'Au plus une enquête par client tous les (jours)',
  'satisfaction.save': 'Enregistrer',
  'satisfaction.sendingOn': 'Les enquêtes partent par e-mail entre 9 h et 19 h, sauf le dimanche et les jours fériés.',
  'satisfaction.delayFromEnvironment': 'Délai fixé par ACCUEIL_SURVEY_DELAY_MIN sur ce serveur.',
} as const;

export const en: Translation<typeof fr> = {
  'satisfaction.title': 'Customer satisfaction',
  'satisfaction.window': 'last {days} days',
  'satisfaction.wallTitle': 'Customer satisfaction ({days} d)',
  'satisfaction.wallDetail': 'NPS {nps} ({low} to {high}) · {count} answers',
  'satisfaction.wallDetail.one': 'NPS {nps} ({low} to {high}) · {count} answer',
  'satisfaction.mean': 'Average score',
  'satisfaction.meanValue': '{value}/10',
  'satisfaction.nps': 'NPS',
  'satisfaction.interval': 'between {low} and {high} (95%)',
  'satisfaction.answers': 'Answers',
  'satisfaction.answersValue': '{answered} of {sent} surveys',
  'satisfaction.responseRate': 'Response rate',
  'satisfaction.topShare': 'Scores of 9 or 10',
  'satisfaction.noAnswers': 'No answer in this period',
  'satisfaction.fewAnswers': 'Few answers ({n}): a gap this size may be chance.',
  'satisfaction.byTechnician': 'By technician',
  'satisfaction.byKind': 'By type of visit',
  'satisfaction.byMonth': 'Month by month',
  'satisfaction.col.label': 'Name',
  'satisfaction.col.month': 'Month',
  'satisfaction.col.n': 'Answers',
  'satisfaction.col.mean': 'Score /10',
  'satisfaction.col.nps': 'NPS',
  'satisfaction.split': '{promoters} promoters · {passives} passives · {detractors} detractors',
  'satisfaction.latest': 'Last feedback: {score}/10, {when}',
  'satisfaction.latestComment': '“{comment}”',
  'satisfaction.latestCallback': 'asks to be called back',
  'satisfaction.complete': 'Done',
  'satisfaction.completeTitle': 'Mark the visit done (the customer will get the satisfaction survey)',
  'satisfaction.completing': 'Saving…',
  'satisfaction.settings': 'Satisfaction surveys',
  'satisfaction.delay': 'Delay after the visit (minutes)',
  'satisfaction.cap': 'At most one survey per customer every (days)',
  'satisfaction.save': 'Save',
  'satisfaction.sendingOn': 'Surveys are e-mailed between 9:00 and 19:00, except Sundays and public holidays.',
  'satisfaction.delayFromEnvironment': 'Delay set by ACCUEIL_SURVEY_DELAY_MIN on this server.',
};

declare module '../i18n' {
  interface MessageCatalog {
    'satisfaction': typeof fr;
  }
}
