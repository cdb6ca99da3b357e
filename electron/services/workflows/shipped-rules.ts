/**
 * The rules Accueil ships, for a French building-services company. Each is a trigger (a record
 * enters a state), steps with delays and one action each, and the conditions checked again just
 * before acting. Claire can switch each on or off and change its delays, templates and catch-up
 * policy (workflow-settings.ts); the shape of a rule is code, reviewed like code.
 *
 * A rule matches a record through `match`: null when it does not, else the key of what made it
 * match (the date the devis was sent, the date of the visit) and the anchor its delays count from.
 * The key is the enrolment's identity: a devis re-sent on another date enters again, a visit moved
 * to another day leaves the reminder for the old date and enters one for the new date.
 */
import type { ContactWindow, Delay } from './workflow-calendar';
import { parisInstant } from '../shared/paris-time';

export type RecordKind = 'quote' | 'intervention' | 'ticket' | 'invoice';

/** A record as the rules read it (workflows-repository.ts). */
export interface WorkflowRecord {
  kind: RecordKind;
  id: string;
  status: string;
  contactId: string | null;
  companyId: string | null;
  /** « Devis DV-2026-00012 — Chaudière », « Entretien chaudière gaz du 12/03 ». */
  label: string;
  /** A quote's number and title; an intervention's kind. */
  number: string | null;
  title: string;
  sentAt: string | null;
  scheduledAt: string | null;
  /** A ticket's category (reclamation, depannage…); null for the others. */
  category: string | null;
  /** An invoice's amount still due, in cents (Sage's open item); null for the others. */
  amountCents: number | null;
  updatedAt: string;
}

export type StepAction =
  /**
   * `smsFallback`: the step's SMS text (same merge fields as the templates), written in GSM-7 so it
   * stays one SMS. It goes by SMS when the customer prefers SMS (« Canal préféré »), or has no e-mail
   * address but a mobile, and as WhatsApp free text inside the 24-hour window when they prefer
   * WhatsApp (service-channel.ts). Outside the window, WhatsApp needs an approved template bound to
   * the e-mail template's category (messaging-area.ts).
   */
  | { type: 'email'; templateId: string; smsFallback?: string }
  | { type: 'callback'; reason: (record: WorkflowRecord) => string; dueInWorkingDays: number }
  | { type: 'plan_intervention'; kind: string }
  | { type: 'open_ticket'; subject: (record: WorkflowRecord) => string; category: 'depannage' | 'demande_devis' | 'rdv_intervention' | 'reclamation' | 'facturation' | 'autre'; priority: 'basse' | 'normale' | 'haute' | 'urgente' }
  /** An e-mail to the company's own mailbox (where the supervisor reads), never to the customer. */
  | { type: 'notify_supervisor'; text: (record: WorkflowRecord) => string };

export interface StepDefinition {
  id: string;
  /** « Relance J+7 (e-mail) ». */
  label: string;
  labelEn: string;
  delay: Delay;
  action: StepAction;
}

/** What to do with steps that fell due while the server was off (or the rule paused). */
export type CatchUpPolicy = 'send_late' | 'skip' | 'ask';

/** Conditions that make a record leave the rule (checked on every change and before each step). */
export type ExitCheck = 'customer_replied' | 'newer_maintenance';

export interface RuleDefinition {
  id: string;
  name: string;
  description: string;
  /** The same in English (the console's other language). */
  en: { name: string; description: string; triggerLabel: string };
  trigger: RecordKind;
  /** « Devis envoyé », for the screen. */
  triggerLabel: string;
  match(record: WorkflowRecord): { key: string; anchorAt: string } | null;
  exits: readonly ExitCheck[];
  steps: readonly StepDefinition[];
  /** When the customer may be written to. */
  window: ContactWindow;
  catchUp: CatchUpPolicy;
  enabledByDefault: boolean;
  /**
   * The anchor is when something happened (a devis sent, accepted): never later than the moment
   * Accueil reads it, even when the other side's clock runs ahead.
   */
  anchorIsPast?: boolean;
  /** A late step past this instant is pointless (the visit has taken place): skipped whatever the policy. */
  lateLimit?: (record: WorkflowRecord) => string | null;
  /** A commercial offer, not a service message: the shared opt-out ledger and consents apply (marketing-consent.ts). */
  marketing?: true;
  /** Runs elsewhere: shown with the others, configured where it lives. */
  delegatedTo?: 'satisfaction';
  /** Needs data Accueil does not have yet. */
  needs?: 'sage';
}

const MAINTENANCE = /entretien/i;

const quoteRef = (r: WorkflowRecord) => `devis ${r.number ?? ''}${r.title ? ` « ${r.title} »` : ''}`.replace(/\s+/g, ' ').trim();

export const SHIPPED_RULES: readonly RuleDefinition[] = [
  {
    id: 'relance-devis',
    name: 'Relance des devis sans réponse',
    description: 'Un devis envoyé sans réponse : e-mail à J+7, dernière relance à J+15, puis un rappel pour Claire à J+21. S’arrête dès que le devis est accepté, refusé ou expiré, ou que le client a écrit ou appelé.',
    en: { name: 'Follow-up of unanswered quotes', description: 'An unanswered quote: e-mail at D+7, last follow-up at D+15, then a call for Claire at D+21. Stops as soon as the quote is accepted, declined or expired, or the customer wrote or called.', triggerLabel: 'Quote sent' },
    trigger: 'quote',
    triggerLabel: 'Devis envoyé',
    match: (r) => (r.status === 'envoye' ? { key: r.sentAt ?? r.updatedAt, anchorAt: r.sentAt ?? r.updatedAt } : null),
    exits: ['customer_replied'],
    steps: [
      { id: 'j7', label: 'Relance J+7 (e-mail)', labelEn: 'Follow-up D+7 (e-mail)', delay: { amount: 7, unit: 'calendar_days' }, action: { type: 'email', templateId: 'tpl-relance-devis-j7' } },
      { id: 'j15', label: 'Dernière relance J+15 (e-mail)', labelEn: 'Last follow-up D+15 (e-mail)', delay: { amount: 15, unit: 'calendar_days' }, action: { type: 'email', templateId: 'tpl-relance-devis-j15' } },
      {
        id: 'j21',
        label: 'Rappel par Claire J+21', labelEn: 'Call by Claire D+21',
        delay: { amount: 21, unit: 'calendar_days' },
        action: { type: 'callback', reason: (r) => `Relance téléphonique : ${quoteRef(r)} sans réponse depuis 3 semaines`, dueInWorkingDays: 1 },
      },
    ],
    window: 'office',
    catchUp: 'send_late',
    anchorIsPast: true,
    enabledByDefault: true,
  },
  {
    id: 'devis-accepte',
    name: 'Devis accepté → chantier à planifier',
    description: 'Un devis accepté : le chantier à planifier arrive dans la liste de Claire, le client reçoit un accusé de réception.',
    en: { name: 'Quote accepted → job to schedule', description: "An accepted quote: the job to schedule lands in Claire's list, the customer gets an acknowledgement.", triggerLabel: 'Quote accepted' },
    trigger: 'quote',
    triggerLabel: 'Devis accepté',
    match: (r) => (r.status === 'accepte' ? { key: 'accepte', anchorAt: r.updatedAt } : null),
    exits: [],
    steps: [
      { id: 'chantier', label: 'Chantier à planifier (liste de Claire)', labelEn: "Job to schedule (Claire's list)", delay: { amount: 0, unit: 'hours' }, action: { type: 'plan_intervention', kind: 'Chantier' } },
      { id: 'confirmation', label: 'Accusé de réception (e-mail)', labelEn: 'Acknowledgement (e-mail)', delay: { amount: 0, unit: 'hours' }, action: { type: 'email', templateId: 'tpl-devis-accepte' } },
    ],
    window: 'office',
    catchUp: 'send_late',
    anchorIsPast: true,
    enabledByDefault: true,
  },
  {
    id: 'enquete-intervention',
    name: 'Enquête de satisfaction après intervention',
    description: 'Une intervention terminée ou un ticket résolu : l’enquête part après le délai choisi dans Paramètres › Satisfaction, jamais deux fois.',
    en: { name: 'Satisfaction survey after a visit', description: 'A visit done or a ticket resolved: the survey leaves after the delay set in Settings › Satisfaction, never twice.', triggerLabel: 'Visit done' },
    trigger: 'intervention',
    triggerLabel: 'Intervention terminée',
    match: () => null,
    exits: [],
    steps: [],
    window: 'office',
    catchUp: 'send_late',
    enabledByDefault: true,
    delegatedTo: 'satisfaction',
  },
  {
    id: 'rappel-rdv',
    name: 'Rappel de rendez-vous la veille',
    description: 'La veille d’une intervention planifiée, à 10 h, un e-mail de rappel. Un rendez-vous déplacé est rappelé pour sa nouvelle date ; annulé, il ne l’est pas.',
    en: { name: 'Appointment reminder the day before', description: 'The day before a planned visit, at 10:00, a reminder e-mail. A moved appointment is reminded for its new date; a cancelled one is not.', triggerLabel: 'Visit planned' },
    trigger: 'intervention',
    triggerLabel: 'Intervention planifiée',
    match: (r) => (r.status === 'planifiee' && r.scheduledAt ? { key: r.scheduledAt, anchorAt: r.scheduledAt } : null),
    exits: [],
    steps: [
      {
        id: 'veille',
        label: 'Rappel la veille à 10 h (canal préféré du client : e-mail, SMS ou WhatsApp)',
        labelEn: "Reminder the day before at 10:00 (the customer's preferred channel: e-mail, SMS or WhatsApp)",
        delay: { amount: -1, unit: 'calendar_days', atHour: 10 },
        action: {
          type: 'email',
          templateId: 'tpl-rappel-rdv-veille',
          // GSM-7 only (no ê, no ’): one 160-character SMS with usual values (shipped-rules.test.ts).
          smsFallback: 'Rappel {{societe.nom}} : {{intervention.technicien}} passe demain, {{intervention.date}}, à partir de {{intervention.heure}}. Un imprévu ? Appelez le {{societe.telephone}}',
        },
      },
    ],
    window: 'service',
    catchUp: 'send_late',
    enabledByDefault: true,
    lateLimit: (r) => r.scheduledAt,
  },
  {
    id: 'entretien-annuel',
    name: 'Entretien annuel',
    description: '11 mois après un entretien de chaudière, une proposition de prendre le prochain rendez-vous. Rien si un entretien plus récent est déjà prévu ou fait.',
    en: { name: 'Annual maintenance', description: '11 months after a boiler service, an offer to book the next one. Nothing if a newer service is already booked or done.', triggerLabel: 'Maintenance done' },
    trigger: 'intervention',
    triggerLabel: 'Entretien terminé',
    match: (r) => (r.status === 'terminee' && r.scheduledAt && MAINTENANCE.test(r.title) ? { key: r.scheduledAt, anchorAt: r.scheduledAt } : null),
    exits: ['newer_maintenance'],
    marketing: true,
    steps: [{ id: 'proposition', label: 'Proposition à 11 mois (e-mail)', labelEn: 'Offer at 11 months (e-mail)', delay: { amount: 11, unit: 'months', atHour: 10 }, action: { type: 'email', templateId: 'tpl-entretien-annuel' } }],
    window: 'office',
    catchUp: 'send_late',
    enabledByDefault: true,
  },
  {
    id: 'reclamation-sans-suite',
    name: 'Réclamation sans suite',
    description: 'Une réclamation encore « nouvelle » un jour ouvré après son arrivée : la superviseuse est prévenue par e-mail (boîte de l’entreprise). Rien si quelqu’un l’a prise en charge entre-temps.',
    en: { name: 'Complaint left unhandled', description: 'A complaint still « new » one working day after it arrived: the supervisor is told by e-mail (the company mailbox). Nothing if someone took it meanwhile.', triggerLabel: 'Complaint received' },
    trigger: 'ticket',
    triggerLabel: 'Réclamation reçue',
    match: (r) => (r.category === 'reclamation' && r.status === 'nouveau' ? { key: 'nouveau', anchorAt: r.updatedAt } : null),
    exits: [],
    steps: [
      {
        id: 'superviseuse',
        label: 'Prévenir la superviseuse (J+1 ouvré)',
        labelEn: 'Tell the supervisor (1 working day)',
        delay: { amount: 1, unit: 'working_days' },
        action: { type: 'notify_supervisor', text: (r) => `Réclamation sans suite depuis un jour ouvré : ${r.label}. Personne ne l’a encore prise en charge.` },
      },
    ],
    window: 'any',
    catchUp: 'send_late',
    anchorIsPast: true,
    enabledByDefault: true,
  },
  {
    id: 'devis-refuse',
    name: 'Devis refusé → comprendre pourquoi',
    description: 'Deux jours ouvrés après un refus, un ticket pour Claire : appeler le client pour comprendre (prix, délai, concurrent). Désactivée au départ.',
    en: { name: 'Quote declined → find out why', description: 'Two working days after a refusal, a ticket for Claire: call the customer to understand (price, delay, competitor). Off at first.', triggerLabel: 'Quote declined' },
    trigger: 'quote',
    triggerLabel: 'Devis refusé',
    match: (r) => (r.status === 'refuse' ? { key: 'refuse', anchorAt: r.updatedAt } : null),
    exits: [],
    steps: [
      {
        id: 'ticket',
        label: 'Ticket « comprendre le refus » (J+2 ouvrés)',
        labelEn: 'Ticket « understand the refusal » (2 working days)',
        delay: { amount: 2, unit: 'working_days' },
        action: { type: 'open_ticket', subject: (r) => `Devis ${r.number ?? ''} refusé : appeler pour comprendre pourquoi`.replace(/\s+/g, ' '), category: 'demande_devis', priority: 'basse' },
      },
    ],
    window: 'any',
    catchUp: 'send_late',
    anchorIsPast: true,
    enabledByDefault: false,
  },
  {
    id: 'facture-impayee',
    name: 'Factures impayées',
    description: 'Relances d’une facture échue et non lettrée (échéances importées de Sage) à J+15 et J+30 par e-mail, puis un appel de Claire à J+45. Une facture réglée entre-temps sort aussitôt.',
    en: { name: 'Unpaid invoices', description: 'Reminders of an overdue, unlettered invoice (due dates imported from Sage) at D+15 and D+30 by e-mail, then a call by Claire at D+45. An invoice paid meanwhile leaves at once.', triggerLabel: 'Invoice overdue' },
    trigger: 'invoice',
    triggerLabel: 'Échéance dépassée',
    // Open (not lettered), still owed, and on a customer Accueil knows (a matched Sage account).
    match: (r) => (r.kind === 'invoice' && r.status === 'ouverte' && r.scheduledAt && (r.contactId || r.companyId) ? { key: r.scheduledAt, anchorAt: parisInstant(r.scheduledAt, 9).toISOString() } : null),
    exits: [],
    steps: [
      { id: 'j15', label: 'Relance J+15 (e-mail)', labelEn: 'Reminder D+15 (e-mail)', delay: { amount: 15, unit: 'calendar_days' }, action: { type: 'email', templateId: 'tpl-relance-facture' } },
      { id: 'j30', label: 'Relance J+30 (e-mail)', labelEn: 'Reminder D+30 (e-mail)', delay: { amount: 30, unit: 'calendar_days' }, action: { type: 'email', templateId: 'tpl-relance-facture' } },
      { id: 'j45', label: 'Relance J+45 : appel de Claire', labelEn: 'Reminder D+45: call by Claire', delay: { amount: 45, unit: 'calendar_days' }, action: { type: 'callback', reason: (r) => `Facture ${r.number ?? ''} impayée depuis 45 jours — ${r.title}`, dueInWorkingDays: 1 } },
    ],
    window: 'office',
    catchUp: 'ask',
    enabledByDefault: false,
  },
];

export function shippedRule(id: string): RuleDefinition | undefined {
  return SHIPPED_RULES.find((rule) => rule.id === id);
}
