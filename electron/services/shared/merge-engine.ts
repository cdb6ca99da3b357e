/**
 * Replaces `{{groupe.champ}}` in a template's subject and body with the caller's values, in one pass:
 * a value that itself contains `{{…}}` (typed in the CRM) is never expanded again.
 *
 * The result is kept as segments (plain text, or a field with its state) so the composer can show
 * which parts came from the CRM and which are missing, without ever building markup from data; the
 * e-mail's HTML part is produced here by escaping every character of the merged text.
 *
 * Missing fields are reported, never silently dropped: `empty` (known field, no value for this
 * caller) and `unknown` (a typo such as {{contact.prenon}}, or a field this version does not know).
 */
import { fieldLabel, isKnownField } from './merge-fields';

export type SegmentState = 'filled' | 'empty' | 'unknown';
export type Segment = { text: string; field: null } | { text: string; field: string; state: SegmentState };

export interface MissingField {
  key: string;
  reason: 'empty' | 'unknown';
  label: string | null;
}

export interface MergedText {
  /** The text as it would be sent: missing fields are left as they were typed (`{{…}}`). */
  text: string;
  segments: Segment[];
  missing: MissingField[];
}

/** A value longer than this is cut (a pasted novel in a CRM field must not become the e-mail). */
export const MAX_VALUE_LENGTH = 4_000;

/** The longest key between the braces, spaces around it excluded. */
const MAX_KEY_LENGTH = 80;

/**
 * `{{…}}` with no brace inside. The key's own rules (at most 80 characters, one line) are checked by
 * `fieldKey`, not by the pattern: written as one pattern (`\{\{\s*([^{}\r\n]{1,80}?)\s*\}\}`) they
 * made the engine try every split of a long run of spaces, and `{{` followed by 16,000 spaces took a
 * minute. This one reads each character once: `[^{}]*` stops at the first brace, which either closes
 * the field or ends the attempt.
 */
const FIELD_CANDIDATE = /\{\{([^{}]*)\}\}/g;
const LINE_BREAK = /[\r\n]/;

/**
 * The key written between `{{` and `}}` (trimmed, lower case), or null when the braces do not hold a
 * field: nothing but spaces, a line break inside the key, or a key longer than 80 characters. Same
 * answers as the one-pattern form above, including `{{ }}`, an unknown field with an empty key.
 */
function fieldKey(between: string): string | null {
  const key = between.trim();
  if (key === '') return /[^\r\n]/.test(between) ? '' : null;
  if (key.length > MAX_KEY_LENGTH || LINE_BREAK.test(key)) return null;
  return key.toLowerCase();
}

interface FieldMatch {
  index: number;
  /** `{{ … }}` as typed. */
  text: string;
  key: string;
}

function* fieldMatches(text: string): Generator<FieldMatch> {
  for (const match of text.matchAll(FIELD_CANDIDATE)) {
    const key = fieldKey(match[1] ?? '');
    if (key !== null) yield { index: match.index ?? 0, text: match[0], key };
  }
}

export const normaliseKey = (raw: string): string => raw.trim().toLowerCase();

/** The field keys a text mentions, in order, without duplicates. */
export function fieldsIn(text: string): string[] {
  const seen = new Set<string>();
  for (const match of fieldMatches(text)) seen.add(match.key);
  return [...seen];
}

export function unknownFieldsIn(text: string): string[] {
  return fieldsIn(text).filter((key) => !isKnownField(key));
}

// Control characters other than tab and newline have no business in an e-mail.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** A CRM value made safe to place in a body (newlines kept) or a subject line (one line). */
export function cleanValue(value: string, target: 'body' | 'subject'): string {
  let clean = value.replace(/\r\n?/g, '\n').replace(CONTROL, '');
  if (target === 'subject') clean = clean.replace(/\s+/g, ' ');
  clean = clean.trim();
  return clean.length > MAX_VALUE_LENGTH ? `${clean.slice(0, MAX_VALUE_LENGTH)}…` : clean;
}

export function mergeText(template: string, values: Readonly<Record<string, string>>, target: 'body' | 'subject'): MergedText {
  const segments: Segment[] = [];
  const missing = new Map<string, MissingField>();
  let last = 0;
  let text = '';
  const pushText = (chunk: string) => {
    if (chunk === '') return;
    segments.push({ text: chunk, field: null });
    text += chunk;
  };
  for (const match of fieldMatches(template)) {
    pushText(template.slice(last, match.index));
    last = match.index + match.text.length;
    const key = match.key;
    if (!isKnownField(key)) {
      segments.push({ text: match.text, field: key, state: 'unknown' });
      text += match.text;
      if (!missing.has(key)) missing.set(key, { key, reason: 'unknown', label: null });
      continue;
    }
    const value = cleanValue(values[key] ?? '', target);
    if (value === '') {
      segments.push({ text: match.text, field: key, state: 'empty' });
      text += match.text;
      if (!missing.has(key)) missing.set(key, { key, reason: 'empty', label: fieldLabel(key) });
      continue;
    }
    segments.push({ text: value, field: key, state: 'filled' });
    text += value;
  }
  pushText(template.slice(last));
  return { text, segments, missing: [...missing.values()] };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/**
 * The HTML part of an e-mail from its merged plain text: every character escaped, blank lines make
 * paragraphs, single newlines line breaks. No markup from a template or a CRM value survives.
 */
export function htmlFromText(text: string, subject: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => `<p style="margin:0 0 1em 0">${paragraph.split('\n').map(escapeHtml).join('<br>\n')}</p>`);
  return [
    '<!DOCTYPE html>',
    '<html lang="fr"><head><meta charset="utf-8">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#1f2328">',
    ...paragraphs,
    '</body></html>',
  ].join('\n');
}
