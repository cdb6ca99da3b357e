/**
 * « The exact version accepted »: a quote's content as the customer read it, written canonically
 * (fixed key order, JSON) and hashed with SHA-256. The acceptance form carries the hash of the page
 * the customer read; the server hashes the quote again when the form comes back and refuses when
 * they differ (the quote changed in between: read it again). The evidence keeps both the content and
 * its hash. When the quote has documents (its PDF), their SHA-256 are part of the content: a new
 * PDF is a new version.
 */
import { createHash } from 'node:crypto';

export interface QuoteContent {
  number: string;
  title: string;
  amountCents: number;
  siteAddress: string | null;
  sentAt: string | null;
  validUntil: string | null;
  /** SHA-256 (hex) of the quote's documents (its PDF), sorted; empty when it has none. */
  documents: readonly string[];
}

export const QUOTE_VERSION_PREFIX = 'v1:';

export function canonicalQuote(content: QuoteContent): string {
  return JSON.stringify({
    number: content.number,
    title: content.title,
    amountCents: content.amountCents,
    siteAddress: content.siteAddress,
    sentAt: content.sentAt,
    validUntil: content.validUntil,
    documents: [...content.documents].sort(),
  });
}

/** `v1:<sha-256 hex>` of the canonical content. */
export function quoteVersion(content: QuoteContent): string {
  return QUOTE_VERSION_PREFIX + createHash('sha256').update(canonicalQuote(content)).digest('hex');
}
