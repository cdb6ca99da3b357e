/**
 * Phone numbers as they arrive from a PBX, a SIP header or a CRM field, turned into the one form the
 * store indexes (E.164) and the one form Claire reads (national format for French numbers).
 * Nothing here throws: a number we cannot read is `invalide`, never an exception during a pop.
 */
import { parsePhoneNumberFromString, type CountryCode, type NumberType, type PhoneNumber } from 'libphonenumber-js/max';
import type { CallerNumber, PhoneKind } from '../../contract/model';

export type { CountryCode };

export interface NormalizeOptions {
  /** Country assumed for numbers dialled without a country code. */
  defaultCountry?: CountryCode;
}

const DEFAULT_COUNTRY: CountryCode = 'FR';

/**
 * Regions dialled nationally from the default country although they have their own calling code:
 * from mainland France, 0692 12 34 56 reaches La Réunion (+262). Those numbers are shown in national
 * format and keep their mobile/fixe kind instead of being `international`.
 */
const SIBLING_REGIONS: Partial<Record<CountryCode, CountryCode[]>> = {
  FR: ['RE', 'GP', 'MQ', 'GF', 'YT', 'PM', 'BL', 'MF'],
};

/**
 * Short numbers that are public services rather than PBX extensions (3949, 15, 118 712…). Without
 * this list a 4-digit 3949 would look like an extension; a PBX that uses 3xxx extensions will see
 * them as `special` (documented limitation).
 */
const SPECIAL_SHORT_NUMBERS: Partial<Record<CountryCode, RegExp>> = {
  FR: /^(?:1[5789]|11[0-9]|116\d{3}|118\d{3}|19[1-7]|3\d{3})$/,
};

/** What a PBX or a trunk sends when the caller hides the number (sip:anonymous@anonymous.invalid…). */
const WITHHELD = /^(?:anonymous|anonyme|unknown|inconnu|restricted|private|priv[ée]|withheld|unavailable|masqu[ée]|num[ée]ro masqu[ée]|no caller id|cli withheld)$/i;

/** Characters a person or a PBX puts around the digits; anything else (letters) makes it invalid. */
const NUMBER_CHARACTERS = /^\+?[\d\s().\-/]*$/;

/**
 * "01 45 67 89 12 poste 204", "… ext. 12", "… x12": CRM fields carry the extension after the number.
 * Matched on the text without its trailing spaces, and without the spaces before the word (the
 * result is trimmed anyway): with `\s*` on both ends, every space of a long run was a new start that
 * scanned the rest of the run — quadratic on a CRM field full of spaces.
 */
const EXTENSION_SUFFIX = /(?:poste|ext\.?|extension|p\.|x|#)\s*\d{1,6}$/i;

/**
 * Longer text is not a phone number: libphonenumber refuses it too (TOO_LONG, 250), and stopping
 * here keeps a 1 MB CRM field from costing more than a glance.
 */
const MAX_NUMBER_TEXT = 250;

/** E.164 allows 15 digits; with an international prefix (00) that is 17 characters of digits. */
const MAX_DIGITS = 17;
/** A number without a country code or trunk prefix and at most this long is an extension. */
const MAX_EXTENSION_DIGITS = 6;

const SPECIAL_TYPES: ReadonlySet<NumberType> = new Set<NumberType>(['TOLL_FREE', 'PREMIUM_RATE', 'SHARED_COST', 'UAN', 'VOICEMAIL']);

/**
 * The user part of a SIP or tel URI, or the string itself: `"Dupont" <sip:+33612345678@pbx;user=phone>`
 * → `+33612345678`; `tel:+33612345678;phone-context=…` → `+33612345678`.
 */
export function userPart(raw: string): string {
  let value = raw.trim();
  // The first '<…>'; found with indexOf, as `/<([^>]*)>/` rescanned the rest after every '<'.
  const open = value.indexOf('<');
  const close = open >= 0 ? value.indexOf('>', open + 1) : -1;
  if (close >= 0) value = value.slice(open + 1, close).trim();
  const uri = /^(?:sips?|tel):(.*)$/i.exec(value);
  if (uri?.[1] !== undefined) {
    value = uri[1];
    const at = value.indexOf('@');
    if (at >= 0) value = value.slice(0, at);
    // tel: and user parts carry parameters after ';' (phone-context, isub, ext…).
    const semicolon = value.indexOf(';');
    if (semicolon >= 0) value = value.slice(0, semicolon);
    try {
      value = decodeURIComponent(value);
    } catch {
      // A malformed escape is left as received; the character check below decides.
    }
  }
  return value.trim();
}

/** The number without the extension typed after it ("… poste 204"), trimmed. */
export function withoutExtension(text: string): string {
  return text.trimEnd().replace(EXTENSION_SUFFIX, '').trim();
}

/** Normalises a raw caller number (see the module comment). Never throws. */
export function normalizeNumber(raw: string, options: NormalizeOptions = {}): CallerNumber {
  const country = options.defaultCountry ?? DEFAULT_COUNTRY;
  const received = typeof raw === 'string' ? raw : '';
  const user = userPart(received);
  const invalid = (): CallerNumber => ({ raw: received, e164: null, display: displayAsReceived(received, user), kind: 'invalide' });

  if (user === '' || WITHHELD.test(user)) return { raw: received, e164: null, display: 'Numéro masqué', kind: 'masque' };
  if (user.length > MAX_NUMBER_TEXT) return invalid();

  // "+33 (0)6 …": the bracketed trunk zero is a typing habit, not a digit of the number.
  const cleaned = withoutExtension(user.replace(/\(0\)/g, ''));
  if (!NUMBER_CHARACTERS.test(cleaned)) return invalid();
  const digits = cleaned.replace(/\D/g, '');
  const international = cleaned.startsWith('+');
  if (digits.length === 0 || digits.length > MAX_DIGITS) return invalid();

  if (!international && !digits.startsWith('0') && digits.length <= MAX_EXTENSION_DIGITS) {
    const special = SPECIAL_SHORT_NUMBERS[country]?.test(digits) ?? false;
    return { raw: received, e164: null, display: digits, kind: special ? 'special' : 'interne' };
  }

  // A number libphonenumber knows as allocated first; failing that, one that merely has the length and
  // prefix of a number of its country: the metadata lags the operators (a range opened after it was
  // built), and a CRM holding exactly those digits must still match the caller.
  const parsed = parseNumber(cleaned, digits, international, country, 'valid') ?? parseNumber(cleaned, digits, international, country, 'possible');
  if (!parsed) return invalid();
  return describe(received, parsed, country);
}

/** E.164 form of a number, or null when it is withheld, internal, a short code or unreadable. */
export function toE164(raw: string, options: NormalizeOptions = {}): string | null {
  return normalizeNumber(raw, options).e164;
}

/**
 * How a stored number is shown, whatever was typed in the CRM (« +33478123456 », « 0478123456 »,
 * « 04.78.12.34.56 » are all 04 78 12 34 56): national format for a number of the default country
 * and of the regions dialled nationally from it, international format (+44 20 7946 0958) for the
 * others. A number that had no E.164 is read again from what was typed (a later rule may read it)
 * and otherwise shown as typed.
 */
export function displayNumber(e164: string | null, raw: string, options: NormalizeOptions = {}): string {
  if (e164 !== null) {
    // Fast path for the bulk of the data (French numbers): no parse needed.
    if ((options.defaultCountry ?? DEFAULT_COUNTRY) === 'FR' && /^\+33[1-9]\d{8}$/.test(e164)) {
      return `0${e164.slice(3)}`.replace(/(\d{2})(?=\d)/g, '$1 ');
    }
    const number = normalizeNumber(e164, options);
    if (number.e164 !== null) return number.display;
  }
  return normalizeNumber(raw, options).display;
}

/** The phone kind to store for a number whose kind the user did not choose. */
export function phoneKindFor(number: CallerNumber): PhoneKind {
  if (number.kind === 'mobile') return 'mobile';
  if (number.kind === 'fixe') return 'fixe';
  return 'autre';
}

/**
 * Digit forms indexed for search, so that "0612", "612" and "+336" all find +33612345678:
 * national (0612345678), national significant (612345678) and international (33612345678).
 * For an unreadable number, its digits as typed.
 */
export function phoneSearchDigits(e164: string | null, raw: string): string {
  if (e164 === null) return raw.replace(/\D/g, '');
  const international = e164.slice(1);
  // Fast path for the bulk of the data (French numbers): no parse needed.
  if (e164.startsWith('+33') && e164.length === 12) return `0${e164.slice(3)} ${e164.slice(3)} ${international}`;
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return international;
  const national = parsed.formatNational().replace(/\D/g, '');
  return [...new Set([national, parsed.nationalNumber as string, international])].join(' ');
}

/**
 * `valid`: a number of a range libphonenumber's metadata lists as allocated. `possible`: the length of a
 * number of its country and a national number that does not start with the trunk 0 (+33 0… is no number).
 */
type Acceptance = 'valid' | 'possible';

function parseNumber(cleaned: string, digits: string, international: boolean, country: CountryCode, accept: Acceptance): PhoneNumber | null {
  const direct = tryParse(cleaned, country, accept);
  if (direct) return direct;
  // Some PBXs send the country code without '+' or '00' (32 2 555 12 12).
  if (!international && !digits.startsWith('0') && digits.length >= 10) {
    const withPlus = tryParse(`+${digits}`, country, accept);
    if (withPlus) return withPlus;
  }
  if (!international && digits.startsWith('0') && !digits.startsWith('00')) {
    for (const region of SIBLING_REGIONS[country] ?? []) {
      const sibling = tryParse(cleaned, region, accept);
      if (sibling) return sibling;
    }
  }
  return null;
}

function tryParse(text: string, country: CountryCode, accept: Acceptance): PhoneNumber | null {
  try {
    const parsed = parsePhoneNumberFromString(text, country);
    if (!parsed) return null;
    if (accept === 'valid') return parsed.isValid() ? parsed : null;
    return parsed.isPossible() && !(parsed.nationalNumber as string).startsWith('0') ? parsed : null;
  } catch {
    return null;
  }
}

function describe(received: string, parsed: PhoneNumber, country: CountryCode): CallerNumber {
  const domestic = parsed.country === country || (parsed.country !== undefined && (SIBLING_REGIONS[country] ?? []).includes(parsed.country));
  const display = domestic ? parsed.formatNational() : parsed.formatInternational();
  const type = parsed.getType();
  let kind: CallerNumber['kind'];
  if (!domestic) kind = 'international';
  else if (type !== undefined && SPECIAL_TYPES.has(type)) kind = 'special';
  else if (type === 'MOBILE' || (type === undefined && isFrenchMobileRange(parsed))) kind = 'mobile';
  else kind = 'fixe';
  return { raw: received, e164: parsed.number as string, display, kind };
}

/** A French number the metadata does not know yet, in the 06/07 mobile ranges (ARCEP plan). */
function isFrenchMobileRange(parsed: PhoneNumber): boolean {
  return parsed.countryCallingCode === '33' && /^[67]/.test(parsed.nationalNumber as string);
}

function displayAsReceived(received: string, user: string): string {
  const shown = (user || received).trim();
  return shown.length > 40 ? `${shown.slice(0, 39)}…` : shown;
}
