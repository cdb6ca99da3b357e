/**
 * Which e-mail templates fit the caller's situation, so that Claire has the right one under her hand
 * while on the phone. Rules, in the order they are shown:
 *
 *   planned intervention started < 4 h ago or due < 2 h  → retard_technicien (they ask where he is)
 *   planned intervention within the next 3 days          → confirmation_rdv
 *   devis sent ≥ 15 days ago, unanswered                 → relance_devis_j15
 *   devis sent ≥ 7 days ago, unanswered                  → relance_devis_j7
 *   intervention finished ≤ 14 days ago                  → compte_rendu
 *   open ticket waiting (en_attente) for a dépannage     → pieces_commande
 *   open ticket                                          → suivi_ticket (facturation: facture)
 *   intervention finished ≤ 30 days ago                  → demande_avis
 *
 * A template is found by its category, which names its purpose.
 */
import type { Intervention, Quote, Template, Ticket } from '../../contract/model';

export const TEMPLATE_PURPOSES = [
  'retard_technicien',
  'confirmation_rdv',
  'relance_devis_j15',
  'relance_devis_j7',
  'compte_rendu',
  'pieces_commande',
  'suivi_ticket',
  'facture',
  'demande_avis',
] as const;
export type TemplatePurpose = (typeof TEMPLATE_PURPOSES)[number];

export interface CallerSituation {
  openQuotes: readonly Quote[];
  openTickets: readonly Ticket[];
  interventions: readonly Intervention[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MAX_SUGGESTIONS = 4;

export function suggestedPurposes(situation: CallerSituation, now: Date): TemplatePurpose[] {
  const t = now.getTime();
  const found = new Set<TemplatePurpose>();
  const at = (iso: string | null) => (iso === null ? Number.NaN : Date.parse(iso));

  for (const visit of situation.interventions) {
    if (visit.status !== 'planifiee') continue;
    const when = at(visit.scheduledAt);
    if (when >= t - 4 * HOUR && when <= t + 2 * HOUR) found.add('retard_technicien');
    else if (when > t && when <= t + 3 * DAY) found.add('confirmation_rdv');
  }
  for (const quote of situation.openQuotes) {
    if (quote.status !== 'envoye') continue;
    const age = t - at(quote.sentAt);
    if (age >= 15 * DAY) found.add('relance_devis_j15');
    else if (age >= 7 * DAY) found.add('relance_devis_j7');
  }
  const finishedAges = situation.interventions.filter((v) => v.status === 'terminee').map((v) => t - at(v.scheduledAt));
  if (finishedAges.some((age) => age >= 0 && age <= 14 * DAY)) found.add('compte_rendu');
  for (const ticket of situation.openTickets) {
    if (ticket.status === 'en_attente' && ticket.category === 'depannage') found.add('pieces_commande');
    found.add(ticket.category === 'facturation' ? 'facture' : 'suivi_ticket');
  }
  if (finishedAges.some((age) => age >= 0 && age <= 30 * DAY)) found.add('demande_avis');

  return TEMPLATE_PURPOSES.filter((purpose) => found.has(purpose));
}

/** The templates for the suggested purposes, in rule order, at most four. */
export function suggestTemplates(situation: CallerSituation, templates: readonly Template[], now: Date): Template[] {
  const out: Template[] = [];
  for (const purpose of suggestedPurposes(situation, now)) {
    const template = templates.find((candidate) => candidate.category === purpose);
    if (template) out.push(template);
    if (out.length === MAX_SUGGESTIONS) break;
  }
  return out;
}
