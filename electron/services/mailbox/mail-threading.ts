/**
 * How an incoming message finds its ticket: the Message-IDs it answers (In-Reply-To, References —
 * the newest first, RFC 5322 §3.6.4), then a ticket reference in its subject (« [T-4F2A9C01] »,
 * which survives a mail client that drops the headers, or a customer who writes a new message about
 * the same ticket). And what a reply from the ticket carries so that the customer's mail client
 * threads it in turn.
 */

/** A Message-ID without its angle brackets and surrounding space; null when there is none. */
export function bareMessageId(value: string | null | undefined): string | null {
  if (!value) return null;
  const match = /<([^<>\s]+)>/.exec(value);
  const id = (match ? match[1]! : value).trim();
  return id === '' || /\s/.test(id) || id.length > 500 ? null : id;
}

/** Every Message-ID in a References or In-Reply-To value, in order, without brackets. */
export function messageIdsIn(value: string | readonly string[] | null | undefined): string[] {
  if (!value) return [];
  const text = typeof value === 'string' ? value : value.join(' ');
  const ids = [...text.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
  // A References header written without brackets (some clients): one id per word.
  if (ids.length === 0) return text.split(/\s+/).filter((word) => word.includes('@') && word.length <= 500);
  return ids.filter((id) => id.length <= 500);
}

/**
 * The ids this message answers, the most telling first: In-Reply-To, then References from the
 * newest (its end) to the oldest. Duplicates removed.
 */
export function answeredIds(inReplyTo: string | readonly string[] | null | undefined, references: string | readonly string[] | null | undefined): string[] {
  const ordered = [...messageIdsIn(inReplyTo), ...messageIdsIn(references).reverse()];
  return [...new Set(ordered)];
}

/**
 * The ticket reference in a subject (« Re: Fuite [T-4F2A9C01] »), as the 8 lower-case hex digits the
 * ticket's id starts with; null when there is none. The reference is `T-` and 8 letters or digits
 * (ticketReference in merge-fields.ts), matched as a whole word.
 */
export function ticketReferenceIn(subject: string | null | undefined): string | null {
  if (!subject) return null;
  const match = /(?:^|[^0-9a-z])T-([0-9a-f]{8})(?![0-9a-z])/i.exec(subject);
  return match ? match[1]!.toLowerCase() : null;
}

/** « Re: » once, the way mail clients expect it (French clients write « RE : », « Réf : »…). */
export function replySubject(subject: string, reference: string): string {
  const base = subject.replace(/^\s*((re|réf|ref|tr|fwd?|aw)\s*:\s*)+/i, '').trim() || 'Votre message';
  const withReference = ticketReferenceIn(base) ? base : `${base} [${reference}]`;
  return `Re: ${withReference}`.slice(0, 300);
}

/** References of a reply: the parent's references then the parent, the oldest kept first when cut. */
export function replyReferences(parentReferences: readonly string[], parentId: string, max = 20): string[] {
  const all = [...parentReferences.filter((id) => id !== parentId), parentId];
  // RFC 5322 allows trimming from the middle; the first (thread root) and the last ones matter most.
  return all.length <= max ? all : [all[0]!, ...all.slice(all.length - (max - 1))];
}
