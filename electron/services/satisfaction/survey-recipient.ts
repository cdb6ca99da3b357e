/**
 * Who a survey goes to, and whether it goes at all. A survey asks a person what they thought of a
 * visit: it goes to that person's own address, never to a company's shared mailbox (contact@,
 * accueil@, comptabilite@…) when the company has a person we know; never to someone who said no;
 * at most one per customer per period (default 30 days), whatever triggered it.
 */

export type SkipReason =
  /** Neither the visit nor the ticket names a contact with an e-mail address. */
  | 'no_recipient'
  /** The customer unsubscribed (or the address did). */
  | 'opted_out'
  /** Another survey went to this customer within the period. */
  | 'recently_surveyed'
  /** The visit or ticket is old (a meeting first read from HubSpot long after it happened). */
  | 'too_old'
  /** The visit or ticket disappeared, or was cancelled, before the survey left. */
  | 'source_gone';

/** Local parts of shared mailboxes, as French companies name them (folded: no accents, lower case). */
const SHARED_MAILBOXES = new Set([
  'contact', 'contacts', 'info', 'infos', 'information', 'accueil', 'bonjour', 'hello', 'secretariat', 'direction', 'admin',
  'administration', 'bureau', 'compta', 'comptabilite', 'facturation', 'factures', 'gestion', 'syndic', 'service', 'services',
  'office', 'mairie', 'commercial', 'ventes', 'support', 'sav', 'noreply', 'no-reply', 'ne-pas-repondre', 'agence', 'standard',
]);

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** An e-mail address as it is compared (opt-outs, the period cap): trimmed, lower case. */
export const emailKey = (address: string): string => address.trim().toLowerCase();

export function isSharedMailbox(address: string): boolean {
  const local = fold(address.trim().split('@')[0] ?? '').replace(/[._]+/g, '-');
  return SHARED_MAILBOXES.has(local) || SHARED_MAILBOXES.has(local.replace(/-?\d+$/, ''));
}

const PLAUSIBLE_ADDRESS = /^[^\s@<>"',;]+@[^\s@<>"',;]+\.[^\s@<>"',;]{2,}$/;

export interface CandidatePerson {
  id: string;
  email: string | null;
}

/**
 * The person to ask: the visit's contact at their own address; when that address is a shared
 * mailbox, another person of the same company who has their own; the shared mailbox only when
 * nobody else is known.
 */
export function chooseRecipient(contact: CandidatePerson | null, colleagues: readonly CandidatePerson[]): { contactId: string; email: string } | null {
  const usable = (person: CandidatePerson | null): person is CandidatePerson & { email: string } => !!person?.email && PLAUSIBLE_ADDRESS.test(person.email.trim());
  if (usable(contact) && !isSharedMailbox(contact.email)) return { contactId: contact.id, email: contact.email.trim() };
  const person = colleagues.find((c) => usable(c) && !isSharedMailbox(c.email));
  if (person?.email) return { contactId: person.id, email: person.email.trim() };
  const shared = usable(contact) ? contact : colleagues.find(usable);
  return shared?.email ? { contactId: shared.id, email: shared.email.trim() } : null;
}
