/**
 * History lines carry a free-form `status`. When it is one of the contract's enum values for that
 * kind (ticket, devis, intervention), it is shown with its label; anything else is shown as sent.
 */
import type { Interaction, InteractionKind, Locale } from '../contract';
import type { MessageKey, Translate } from '../i18n';
import { money } from './format';

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

const END_REASONS = new Set(['no_answer', 'caller_cancelled', 'busy', 'answered_elsewhere']);
const TICKET_CATEGORIES = new Set(['depannage', 'demande_devis', 'rdv_intervention', 'reclamation', 'facturation', 'autre']);

/** « 3 min 12 s », « 45 s »: the same in French and English. */
export function callDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const minutes = Math.floor(whole / 60);
  return minutes === 0 ? `${whole} s` : `${minutes} min ${String(whole % 60).padStart(2, '0')} s`;
}

/**
 * A history line's title and summary in the interface's language, from the facts the service sends
 * (the service's own `title` and `summary` are French: shown as they are only by an older service).
 * What the CRM holds (subjects, quote titles, a technician's report) is shown as written.
 */
export function interactionText(t: Translate, locale: Locale, item: Interaction): { title: string; summary: string | null } {
  const facts = item.facts;
  if (!facts) return { title: item.title, summary: item.summary };
  const joined = (...parts: Array<string | null>) => parts.filter(Boolean).join(' — ') || null;
  switch (item.kind) {
    case 'call': {
      const title = facts.direction === 'out' ? t('history.call.out') : item.status === 'missed' ? t('history.call.missed') : t('history.call.in');
      if (facts.durationSeconds !== null) return { title, summary: t('history.call.duration', { duration: callDuration(facts.durationSeconds) }) };
      const reason = facts.endReason;
      // bye: a call that ended normally needs no words; a PBX's own text passes as it came.
      const worded = reason === null || reason === 'bye' ? null : END_REASONS.has(reason) ? t(`history.end.${reason}` as MessageKey) : reason;
      if (item.status === 'answered_elsewhere') return { title, summary: t('history.end.answered_elsewhere') };
      if (item.status === 'failed') return { title, summary: worded ? t('history.call.failedBecause', { reason: worded }) : t('history.call.failed') };
      return { title, summary: worded };
    }
    case 'note':
      return { title: facts.person ? t('history.noteBy', { person: facts.person }) : t('kind.note'), summary: facts.excerpt };
    case 'email':
      return { title: t(facts.direction === 'in' ? 'history.email.in' : 'history.email.out', { subject: facts.subject ?? '' }), summary: facts.excerpt };
    case 'ticket': {
      const category = facts.category && TICKET_CATEGORIES.has(facts.category) ? t(`ticket.category.${facts.category}` as MessageKey) : facts.category;
      return { title: facts.subject ?? t('kind.ticket'), summary: joined(category, facts.excerpt) };
    }
    case 'quote':
      return {
        title: t('history.quote', { reference: facts.reference ?? '', subject: facts.subject ?? '' }),
        summary: facts.amountCents === null ? null : money(facts.amountCents, locale),
      };
    case 'intervention':
      return { title: facts.subject ?? t('kind.intervention'), summary: joined(facts.person ? t('card.technician', { name: facts.person }) : null, facts.excerpt) };
    case 'sms':
    case 'whatsapp':
      return { title: t(`history.${item.kind}.${facts.direction === 'in' ? 'in' : 'out'}`), summary: facts.excerpt };
  }
}
