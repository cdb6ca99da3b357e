/**
 * The French wording of history lines. Kept beside the history query so that every consumer (pop,
 * record view, CLI) shows the same words for the same row.
 */
import type { CallState, InteractionFacts, InteractionKind } from '../../contract/model';

const TICKET_CATEGORIES: Record<string, string> = {
  depannage: 'Dépannage',
  demande_devis: 'Demande de devis',
  rdv_intervention: "Rendez-vous d'intervention",
  reclamation: 'Réclamation',
  facturation: 'Facturation',
  autre: 'Autre demande',
};

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

export function formatAmount(cents: number): string {
  return euros.format(cents / 100);
}

/** The columns the history query returns, whatever the source table (see history-repository.ts). */
/** The kinds the store's history query reads (SMS and WhatsApp come from the messaging area). */
export type StoredInteractionKind = Exclude<InteractionKind, 'sms' | 'whatsapp'>;

export interface HistoryRow {
  kind: StoredInteractionKind;
  id: string;
  at: string;
  /** call: direction; note: author; email: direction; ticket: subject; quote: number; intervention: kind */
  a: string | null;
  /** call: from_display; note: body; email: subject; ticket: category; quote: title; intervention: technician */
  b: string | null;
  /** call: answer_at; email: body; ticket: description; quote: amount (text); intervention: report */
  c: string | null;
  /** call: end_at; ticket: the call it was opened from */
  d: string | null;
  /** call: end_reason */
  e: string | null;
  status: string | null;
  contact_id: string | null;
  company_id: string | null;
}

export function interactionTitle(row: HistoryRow): string {
  switch (row.kind) {
    case 'call':
      if (row.a === 'outbound') return 'Appel sortant';
      return row.status === 'missed' ? 'Appel manqué' : 'Appel entrant';
    case 'note':
      return row.a ? `Note de ${row.a}` : 'Note';
    case 'email':
      return `${row.a === 'in' ? 'E-mail reçu' : 'E-mail envoyé'} : ${row.b ?? ''}`;
    case 'ticket':
      return row.a ?? 'Ticket';
    case 'quote':
      return `Devis ${row.a ?? ''} — ${row.b ?? ''}`;
    case 'intervention':
      return row.a ?? 'Intervention';
  }
}

export function interactionSummary(row: HistoryRow): string | null {
  switch (row.kind) {
    case 'call': {
      if (row.c && row.d) return `Durée ${formatDuration(Date.parse(row.d) - Date.parse(row.c))}`;
      return callOutcome(row.status as CallState | null, row.e);
    }
    case 'note':
      return excerpt(row.b);
    case 'email':
      return excerpt(row.c);
    case 'ticket':
      return [TICKET_CATEGORIES[row.b ?? ''] ?? row.b, excerpt(row.c)].filter(Boolean).join(' — ') || null;
    case 'quote':
      return row.c === null ? null : formatAmount(Number(row.c));
    case 'intervention':
      return [row.b ? `Technicien : ${row.b}` : null, excerpt(row.c)].filter(Boolean).join(' — ') || null;
  }
}

/** The end reasons the product itself records (demo, simulation, line), in words; a PBX's own text passes as it came. */
const END_REASONS: Readonly<Record<string, string | null>> = {
  no_answer: 'Sans réponse',
  caller_cancelled: 'Raccroché avant la réponse',
  busy: 'Occupé',
  answered_elsewhere: 'Répondu sur un autre poste',
  bye: null,
};

function callOutcome(state: CallState | null, reason: string | null): string | null {
  if (state === 'answered_elsewhere') return 'Répondu sur un autre poste';
  const worded = reason !== null && Object.prototype.hasOwnProperty.call(END_REASONS, reason) ? END_REASONS[reason]! : reason;
  if (state === 'failed') return worded ? `Échec (${worded})` : 'Échec';
  return worded;
}

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  return minutes === 0 ? `${seconds} s` : `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** The line's facts, for the console to word in its own language (English included). */
export function interactionFacts(row: HistoryRow): InteractionFacts {
  const facts: InteractionFacts = { direction: null, person: null, subject: null, reference: null, category: null, amountCents: null, durationSeconds: null, endReason: null, excerpt: null };
  switch (row.kind) {
    case 'call':
      return {
        ...facts,
        direction: row.a === 'outbound' ? 'out' : 'in',
        durationSeconds: row.c && row.d ? Math.max(0, Math.round((Date.parse(row.d) - Date.parse(row.c)) / 1000)) : null,
        endReason: row.e,
        origin: 'telephone',
      };
    case 'note':
      return { ...facts, person: row.a, excerpt: excerpt(row.b) };
    case 'email':
      return { ...facts, direction: row.a === 'in' ? 'in' : 'out', subject: row.b, excerpt: excerpt(row.c), origin: 'email' };
    case 'ticket':
      // Opened from a call: the phone; from an e-mail or the portal: said by their areas (HistoryOrigins).
      return { ...facts, subject: row.a, category: row.b, excerpt: excerpt(row.c), ...(row.d ? { origin: 'telephone' as const } : {}) };
    case 'quote':
      return { ...facts, reference: row.a, subject: row.b, amountCents: row.c === null ? null : Number(row.c) };
    case 'intervention':
      return { ...facts, subject: row.a, person: row.b, excerpt: excerpt(row.c) };
  }
}

function excerpt(text: string | null, max = 200): string | null {
  if (!text) return null;
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
