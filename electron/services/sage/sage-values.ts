/**
 * The values of Sage files as they are written: account codes (strings: « 0041 » stays « 0041 »),
 * dates `JJMMAA` or `JJ/MM/AAAA` (an empty date is written 01/01/1900 or 010100 by Sage 100),
 * amounts with a decimal comma (« 3 450,00 », « -120,5 »), SIRET (14 digits) and SIREN (9) with
 * their Luhn key. Each reader answers a value or a reason in French, never a patched value.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const no = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/** A calendar date (YYYY-MM-DD) or null for an empty one. */
export function parseSageDate(raw: string): Parsed<string | null> {
  const text = raw.trim();
  if (text === '') return ok(null);
  let day: number, month: number, year: number;
  let m = /^(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (m) {
    day = Number(m[1]);
    month = Number(m[2]);
    // JJMMAA: Sage 100's six-digit dates; 00–69 are 2000–2069 (no Sage file predates 1970).
    const yy = Number(m[3]);
    year = yy < 70 ? 2000 + yy : 1900 + yy;
    if (text === '010100') return ok(null);
  } else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text))) {
    day = Number(m[1]);
    month = Number(m[2]);
    year = Number(m[3]);
    // Sage stores an empty date as 1900-01-01.
    if (year === 1900 && month === 1 && day === 1) return ok(null);
  } else if ((m = /^(\d{2})(\d{2})(\d{4})$/.exec(text))) {
    day = Number(m[1]);
    month = Number(m[2]);
    year = Number(m[3]);
    if (year === 1900 && month === 1 && day === 1) return ok(null);
  } else return no(`date « ${text} » illisible (attendu JJMMAA ou JJ/MM/AAAA)`);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return no(`date « ${text} » inexistante`);
  return ok(date.toISOString().slice(0, 10));
}

/** A date as Sage 100 writes it (JJMMAA). */
export function formatSageDate(iso: string | null): string {
  if (!iso) return '';
  return `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(2, 4)}`;
}

/**
 * An amount in cents. Decimal comma; spaces (also non-breaking) or dots group thousands; a sign in
 * front or a trailing minus. A decimal point alone (« 12.50 ») is refused: in a French file it is
 * more likely a thousands dot than cents, and guessing would be wrong one time in two.
 */
export function parseSageAmount(raw: string): Parsed<number> {
  let text = raw.trim().replace(/[\u00a0\u202f ]/g, '').replace(/€$/, '');
  if (text === '') return no('montant vide');
  let negative = false;
  if (/^-/.test(text)) { negative = true; text = text.slice(1); }
  else if (/-$/.test(text)) { negative = true; text = text.slice(0, -1); }
  else if (/^\+/.test(text)) text = text.slice(1);
  const m = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(text);
  if (!m) return no(`montant « ${raw.trim()} » illisible (attendu 3450,00 ou 3 450,00)`);
  const units = Number(m[1]!.replace(/\./g, ''));
  const cents = Number((m[2] ?? '0').padEnd(2, '0'));
  const value = units * 100 + cents;
  if (!Number.isSafeInteger(value)) return no(`montant « ${raw.trim()} » hors limites`);
  return ok(negative ? -value : value);
}

/** Cents as Sage writes them: « 3450,00 » (no thousands separator). */
export function formatSageAmount(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** La Poste's establishments: SIREN 356 000 000, whose SIRETs are checked by digit sum modulo 5 (INSEE's documented exception; the head office's also passes Luhn). */
const LA_POSTE_SIREN = '356000000';

export type SiretCheck =
  | { kind: 'siret' | 'siren'; digits: string; valid: true }
  | { kind: 'siret' | 'siren'; digits: string; valid: false; reason: string }
  | { kind: 'none' }
  | { kind: 'malformed'; reason: string };

/** A SIRET (14 digits) or SIREN (9), spaces ignored, checked by its Luhn key. */
export function checkSiret(raw: string): SiretCheck {
  const digits = raw.replace(/[\s.\u00a0]/g, '');
  if (digits === '') return { kind: 'none' };
  if (!/^\d+$/.test(digits) || (digits.length !== 14 && digits.length !== 9)) return { kind: 'malformed', reason: `SIRET « ${raw.trim()} » : 14 chiffres (ou 9 pour un SIREN) attendus` };
  const kind = digits.length === 14 ? 'siret' : 'siren';
  if (kind === 'siret' && digits.startsWith(LA_POSTE_SIREN)) {
    const sum = [...digits].reduce((s, d) => s + Number(d), 0);
    return sum % 5 === 0 || luhn(digits) ? { kind, digits, valid: true } : { kind, digits, valid: false, reason: `SIRET ${digits} : clé invalide` };
  }
  if (!luhn(digits)) return { kind, digits, valid: false, reason: `${kind === 'siret' ? 'SIRET' : 'SIREN'} ${digits} : clé de contrôle (Luhn) invalide` };
  if (kind === 'siret' && !luhn(digits.slice(0, 9))) return { kind, digits, valid: false, reason: `SIRET ${digits} : clé du SIREN ${digits.slice(0, 9)} invalide` };
  return { kind, digits, valid: true };
}

/** A name for comparison: no accents, no case, no legal form, no punctuation (« SARL Plomberie Léa » = « plomberie lea »). */
export function normalizedName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b(sarl|sas|sasu|sa|eurl|sci|snc|ei|eirl|earl|gaec|scp|selarl|ste|societe|ets|etablissements|cie|et|m|mme|mr|monsieur|madame|mlle|syndic|copro|copropriete)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** An e-mail for comparison, or null when it is not one. */
export function normalizedEmail(raw: string): string | null {
  const text = raw.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) ? text : null;
}
