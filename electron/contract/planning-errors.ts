/** What the planning board says when it cannot (see error-catalog.ts). */
export const planningErrors = {
  'planning.visit_changed': {
    fr: 'Cette visite a changé depuis l’affichage du planning (déplacée par un collègue ?) : le planning est rechargé, recommencez.',
    en: 'This visit changed since the board was shown (moved by a colleague?): the board is reloaded, try again.',
  },
  'planning.visit_unknown': { fr: 'Cette visite n’est plus au planning (terminée ou annulée).', en: 'This visit is no longer on the board (done or cancelled).' },
  'planning.not_movable': {
    fr: 'Cette visite vient du CRM (elle n’a pas été prise dans Accueil) : déplacez-la dans HubSpot.',
    en: 'This visit comes from the CRM (it was not booked in Accueil): move it in HubSpot.',
  },
  'planning.day_past': { fr: 'On ne déplace pas une visite vers un jour passé.', en: 'A visit cannot be moved to a past day.' },
  'planning.move_breaks': {
    fr: 'Déplacement refusé : le créneau promis ne tiendrait plus pour {visits}. Un superviseur peut le forcer.',
    en: 'Move refused: the promised window would no longer hold for {visits}. A supervisor can force it.',
  },
  'planning.move_missing_skill': {
    fr: 'Déplacement refusé : {technician} n’a pas la compétence {skills}. Un superviseur peut le forcer.',
    en: 'Move refused: {technician} lacks the skill {skills}. A supervisor can force it.',
  },
  'planning.move_absence': {
    fr: 'Déplacement refusé : {technician} est absent ce jour-là. Un superviseur peut le forcer.',
    en: 'Move refused: {technician} is away that day. A supervisor can force it.',
  },
  'planning.move_outside_hours': {
    fr: 'Déplacement refusé : hors des heures de travail de {technician} ce jour-là. Un superviseur peut le forcer.',
    en: 'Move refused: outside {technician}’s working hours that day. A supervisor can force it.',
  },
  'planning.force_supervisor': {
    fr: 'Seul un superviseur peut forcer un déplacement qui casse le créneau d’une autre visite.',
    en: 'Only a supervisor can force a move that breaks another visit’s window.',
  },
  'planning.no_technician': { fr: 'Personne ne travaille ce jour-là : rien à optimiser.', en: 'Nobody works that day: nothing to optimise.' },
  'planning.no_visit': { fr: 'Aucune visite ce jour-là : rien à optimiser.', en: 'No visit that day: nothing to optimise.' },
  'planning.proposal_unknown': { fr: 'Cette proposition n’existe plus : relancez « Optimiser la journée ».', en: 'This proposal no longer exists: run “Optimise the day” again.' },
  'planning.proposal_closed': { fr: 'Cette proposition a déjà été acceptée ou refusée.', en: 'This proposal was already accepted or refused.' },
  'planning.proposal_stale': {
    fr: 'Proposition périmée : la journée a changé depuis son calcul ({visits}). Rien n’a été changé ; relancez « Optimiser la journée ».',
    en: 'Stale proposal: the day changed since it was computed ({visits}). Nothing was changed; run “Optimise the day” again.',
  },
} as const;

type PlanningErrors = typeof planningErrors;
declare module './error-catalog' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalog extends PlanningErrors {}
}
