/**
 * History lines carry a free-form `status`. When it is one of the contract's enum values for that
 * kind (ticket, devis, intervention), it is shown with its label; anything else is shown as sent.
 */
import type { InteractionKind } from '../contract';
import type { MessageKey } from '../i18n';

const TICKET = new Set(['nouveau', 'en_cours', 'en_attente', 'resolu', 'ferme']);
const QUOTE = new Set(['brouillon', 'envoye', 'accepte', 'refuse', 'expire']);
const INTERVENTION = new Set(['planifiee', 'en_cours', 'terminee', 'annulee']);
const CALL = new Set(['ringing', 'answered', 'ended', 'missed', 'answered_elsewhere', 'failed']);

export function interactionStatusKey(kind: InteractionKind, status: string): MessageKey | null {
  const s = status.trim().toLowerCase();
  if (kind === 'ticket' && TICKET.has(s)) return `ticket.status.${s}` as MessageKey;
  if (kind === 'quote' && QUOTE.has(s)) return `quote.status.${s}` as MessageKey;
  if (kind === 'intervention' && INTERVENTION.has(s)) return `intervention.status.${s}` as MessageKey;
  if (kind === 'call' && CALL.has(s)) return `call.state.${s}` as MessageKey;
  return null;
}

/** Whether a call line of the history was a missed call (for its icon). */
export function isMissedCallStatus(status: string | null): boolean {
  return !!status && /manqu|missed/i.test(status);
}

export function isOutboundCallStatus(status: string | null): boolean {
  return !!status && /sortant|outbound|\bout\b/i.test(status);
}
