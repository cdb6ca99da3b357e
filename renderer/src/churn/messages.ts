/**
 * Risque de départ's messages: French (the source of their keys) and English. The reasons come from
 * the services, in French (the customers' words are French).
 */
import type { Translation } from '../i18n/translation';

export const fr = {
  'churn.line': 'Risque de départ : {level}',
  'churn.lineWhy': 'Risque de départ : {level} — {reason}',
  'churn.level.eleve': 'élevé',
  'churn.level.moyen': 'moyen',
  'churn.level.faible': 'faible',
  'churn.title': 'Clients à risque de départ',
  'churn.open': 'Clients à risque de départ (Alt+Q)',
  'churn.learned': 'Modèle appris sur l’historique de l’entreprise ({examples} situations passées, dont {left} départs), calculé le {date}.',
  'churn.rules': 'Historique trop court pour apprendre ({examples} situations passées) : règles de base (retard d’entretien, silence, réclamations, avis négatifs), calculé le {date}.',
  'churn.col.customer': 'Client',
  'churn.col.risk': 'Risque',
  'churn.col.reasons': 'Pourquoi',
  'churn.empty': 'Aucun client actif à évaluer.',
  'churn.probability': '{percent} %',
  'help.churn': 'Ouvrir les clients à risque de départ',
};

export const en: Translation<typeof fr> = {
  'churn.line': 'Churn risk: {level}',
  'churn.lineWhy': 'Churn risk: {level} — {reason}',
  'churn.level.eleve': 'high',
  'churn.level.moyen': 'medium',
  'churn.level.faible': 'low',
  'churn.title': 'Customers at risk of leaving',
  'churn.open': 'Customers at risk of leaving (Alt+Q)',
  'churn.learned': 'Model learned on the company’s history ({examples} past situations, {left} departures), computed on {date}.',
  'churn.rules': 'History too short to learn from ({examples} past situations): basic rules (overdue maintenance, silence, complaints, bad answers), computed on {date}.',
  'churn.col.customer': 'Customer',
  'churn.col.risk': 'Risk',
  'churn.col.reasons': 'Why',
  'churn.empty': 'No active customer to assess.',
  'churn.probability': '{percent} %',
  'help.churn': 'Open the customers at risk of leaving',
};

declare module '../i18n' {
  interface MessageCatalog {
    'churn': typeof fr;
  }
}
