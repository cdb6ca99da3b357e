/**
 * Who is calling, read from the raw identity headers of an incoming INVITE.
 *
 * P-Asserted-Identity (set by the PBX or the carrier, RFC 3325) wins over From (set by the caller's
 * device, free text). Anything can arrive in these headers — a badly configured trunk, a SIP scanner,
 * a caller who puts HTML in their name — so this parser is lenient and total: it never throws, always
 * returns something the call journal can store, and lists what looked wrong in `warnings` (French,
 * for the log and support; the composition root logs them).
 *
 * Numbers are returned as received (user part of a sip: URI, digits of a tel: URI); normalising to
 * E.164 is the directory's job. Display names are plain text: HTML is kept as text and escaped by the
 * renderer; control and bidi-override characters are removed here because they can hide or reorder
 * what the agent reads.
 */

export interface ParsedCaller {
  /** User part or tel: digits, as received; '' when withheld or absent. */
  number: string;
  displayName: string | null;
  source: 'pai' | 'from';
  withheld: boolean;
  warnings: string[];
}

export interface CallerHeaders {
  pai: string | undefined;
  from: string | undefined;
  privacy?: string | undefined;
}

/** Longer headers are cut before parsing: nothing legitimate comes close. */
export const MAX_HEADER_CHARS = 16 * 1024;
export const MAX_DISPLAY_NAME_CHARS = 200;
export const MAX_NUMBER_CHARS = 64;

/** User parts that mean "no number" (RFC 3323 anonymous, and what carriers put instead). */
const WITHHELD_USERS = new Set(['anonymous', 'restricted', 'private', 'unavailable', 'unknown', 'withheld', 'masque', 'masqué']);
/** Privacy values (RFC 3323/3325) that ask for the identity to be hidden from the called party. */
const WITHHELD_PRIVACY = new Set(['id', 'user', 'header']);

// C0 and C1 controls, DEL, and the Unicode bidi embeddings/overrides/isolates, zero-width and BOM.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

interface NameAddr {
  displayName: string | null;
  uri: string;
}

interface UriUser {
  number: string;
  host: string;
}

export function parseCaller(headers: CallerHeaders): ParsedCaller {
  const warnings: string[] = [];
  try {
    return parse(headers, warnings);
  } catch (error) {
    // Belt and braces: a bug here must not lose the call.
    warnings.push(`Analyse de l'appelant impossible : ${error instanceof Error ? error.message : String(error)}`);
    return { number: '', displayName: null, source: 'from', withheld: false, warnings };
  }
}

function parse(headers: CallerHeaders, warnings: string[]): ParsedCaller {
  const privacyWithheld = privacyHidesIdentity(asText(headers.privacy), warnings);

  let source: 'pai' | 'from' = 'from';
  let chosen: { addr: NameAddr; user: UriUser } | null = null;
  let paiName: string | null = null;

  const pai = limit('P-Asserted-Identity', asText(headers.pai), warnings);
  if (pai !== undefined && pai.trim() !== '') {
    const values = splitTopLevel(pai);
    for (const value of values) {
      const addr = parseNameAddr(value, 'P-Asserted-Identity', warnings);
      paiName ??= addr.displayName;
      const user = parseUriUser(addr.uri, 'P-Asserted-Identity', warnings);
      if (user && user.number !== '') {
        chosen = { addr, user };
        source = 'pai';
        break;
      }
    }
    if (!chosen) warnings.push('P-Asserted-Identity sans numéro exploitable : From utilisé');
  }

  const from = limit('From', asText(headers.from), warnings);
  let fromAddr: NameAddr | null = null;
  if (from !== undefined && from.trim() !== '') {
    fromAddr = parseNameAddr(from, 'From', warnings);
    if (!chosen) {
      const user = parseUriUser(fromAddr.uri, 'From', warnings);
      if (user) chosen = { addr: fromAddr, user };
    }
  } else if (!chosen) {
    warnings.push('Ni P-Asserted-Identity ni From : appelant inconnu');
  }

  const rawName = chosen?.addr.displayName ?? paiName ?? fromAddr?.displayName ?? null;
  const displayName = cleanDisplayName(rawName, warnings);
  let number = chosen?.user.number ?? '';
  const host = chosen?.user.host ?? '';

  // An anonymous From means the caller asked to hide their number, even if the network still
  // asserts it in P-Asserted-Identity without a Privacy header: we honour the caller's choice.
  const fromUser = fromAddr && chosen?.addr !== fromAddr ? parseUriUser(fromAddr.uri, 'From', []) : null;
  const anonymousUri =
    isAnonymous(number, host) || (fromUser !== null && isAnonymous(fromUser.number, fromUser.host));
  const withheld = privacyWithheld || anonymousUri;
  if (withheld) {
    return { number: '', displayName: null, source, withheld: true, warnings };
  }

  number = cleanNumber(number, warnings);
  return { number, displayName, source, withheld: false, warnings };
}

function isAnonymous(user: string, host: string): boolean {
  return WITHHELD_USERS.has(user.trim().toLowerCase()) || host.trim().toLowerCase() === 'anonymous.invalid';
}

function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : String(value);
}

function limit(name: string, value: string | undefined, warnings: string[]): string | undefined {
  if (value === undefined || value.length <= MAX_HEADER_CHARS) return value;
  warnings.push(`En-tête ${name} trop long (${value.length} caractères) : tronqué à ${MAX_HEADER_CHARS}`);
  return value.slice(0, MAX_HEADER_CHARS);
}

function privacyHidesIdentity(privacy: string | undefined, warnings: string[]): boolean {
  if (privacy === undefined) return false;
  const tokens = privacy
    .slice(0, 200)
    .split(/[;,\s]+/)
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  if (tokens.length === 0 && privacy.trim() !== '') warnings.push('En-tête Privacy illisible');
  return tokens.some((t) => WITHHELD_PRIVACY.has(t));
}

/** Split a header holding several values at commas outside quotes and angle brackets. */
function splitTopLevel(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '<') depth++;
    else if (c === '>') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/**
 * name-addr (`"Name" <uri>;params`, `Name <uri>`) or addr-spec (`uri;params`), leniently: an
 * unclosed quote or bracket takes the rest of the value, with a warning.
 */
function parseNameAddr(value: string, header: string, warnings: string[]): NameAddr {
  const text = value.trim();
  let displayName: string | null = null;
  let rest = text;

  if (text.startsWith('"')) {
    let name = '';
    let i = 1;
    let closed = false;
    for (; i < text.length; i++) {
      const c = text[i] as string;
      if (c === '\\' && i + 1 < text.length) {
        name += text[++i];
      } else if (c === '"') {
        closed = true;
        break;
      } else {
        name += c;
      }
    }
    if (!closed) {
      warnings.push(`${header} : nom entre guillemets non fermé`);
      const lt = name.lastIndexOf('<');
      if (lt >= 0 && /^[a-z][a-z0-9+.-]*:/i.test(name.slice(lt + 1))) {
        rest = name.slice(lt);
        name = name.slice(0, lt);
      } else {
        rest = '';
      }
    } else {
      rest = text.slice(i + 1);
    }
    displayName = name;
  }

  const lt = findUriBracket(rest);
  if (lt >= 0) {
    const before = rest.slice(0, lt).trim();
    if (displayName === null) {
      displayName = before === '' ? null : before;
    } else if (before !== '') {
      warnings.push(`${header} : texte inattendu avant <…>`);
    }
    const gt = rest.indexOf('>', lt + 1);
    if (gt < 0) {
      warnings.push(`${header} : chevron fermant manquant`);
      return { displayName, uri: rest.slice(lt + 1).trim() };
    }
    return { displayName, uri: rest.slice(lt + 1, gt).trim() };
  }

  if (displayName !== null) {
    const uri = rest.trim();
    if (uri !== '') warnings.push(`${header} : adresse sans chevrons après le nom`);
    return { displayName, uri };
  }
  // addr-spec: header parameters (;tag=…) follow the URI, but a telephone-subscriber may carry its
  // own ;params before the '@' (sip:+33612345678;user=phone@host), so cut only after the host.
  return { displayName: null, uri: stripHeaderParams(rest.trim()) };
}

/**
 * The `<` that opens the URI: the last one followed by something URI-like, so that a display name
 * written with HTML and no quotes (`<img src=x> <sip:1@h>`) still yields the real URI.
 */
function findUriBracket(text: string): number {
  let found = -1;
  let from = 0;
  for (;;) {
    const i = text.indexOf('<', from);
    if (i < 0) break;
    if (/^\s*([a-z][a-z0-9+.-]*:|\+?[0-9])/i.test(text.slice(i + 1))) found = i;
    from = i + 1;
  }
  if (found >= 0) return found;
  return text.indexOf('<');
}

function stripHeaderParams(uri: string): string {
  const at = uri.indexOf('@');
  const searchFrom = at >= 0 ? at : uri.indexOf(':') + 1;
  const semi = uri.indexOf(';', Math.max(0, searchFrom));
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1]?.toLowerCase();
  // tel:+33…;phone-context=… keeps its params; parseUriUser cuts them.
  if (scheme === 'tel') return uri;
  return semi >= 0 ? uri.slice(0, semi) : uri;
}

function parseUriUser(uri: string, header: string, warnings: string[]): UriUser | null {
  const text = uri.trim();
  if (text === '') {
    warnings.push(`${header} : adresse vide`);
    return null;
  }
  const schemeMatch = /^([a-z][a-z0-9+.-]*):(.*)$/is.exec(text);
  let scheme: string;
  let rest: string;
  if (!schemeMatch) {
    warnings.push(`${header} : adresse sans schéma sip: ni tel:`);
    scheme = 'sip';
    rest = text;
  } else {
    scheme = (schemeMatch[1] as string).toLowerCase();
    rest = schemeMatch[2] as string;
  }

  if (scheme === 'tel') {
    const digits = decode(rest.split(';')[0] ?? '', header, warnings).replace(/[\s\-.()]/g, '');
    if (digits === '') warnings.push(`${header} : URI tel: sans numéro`);
    return { number: digits, host: '' };
  }
  if (scheme !== 'sip' && scheme !== 'sips') {
    warnings.push(`${header} : schéma « ${truncate(scheme, 20)} » non pris en charge`);
    return null;
  }

  const at = rest.indexOf('@');
  if (at < 0) {
    // sip:host with no user. Some gateways put the number there (sip:0612345678).
    const host = rest.split(/[;?]/)[0] ?? '';
    if (/^\+?[0-9]{3,}$/.test(host)) {
      warnings.push(`${header} : numéro à la place de l'hôte`);
      return { number: host, host: '' };
    }
    warnings.push(`${header} : adresse sans partie utilisateur`);
    return { number: '', host };
  }
  let userinfo = rest.slice(0, at);
  const host = (rest.slice(at + 1).split(/[;?:>]/)[0] ?? '').trim();
  const colon = userinfo.indexOf(':');
  if (colon >= 0) userinfo = userinfo.slice(0, colon); // user:password@host
  const user = decode(userinfo.split(';')[0] ?? '', header, warnings);
  if (user === '') warnings.push(`${header} : partie utilisateur vide`);
  return { number: user, host };
}

function decode(value: string, header: string, warnings: string[]): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    warnings.push(`${header} : échappement %XX invalide`);
    return value;
  }
}

function cleanNumber(number: string, warnings: string[]): string {
  let out = number.replace(INVISIBLE, '');
  if (out !== number) warnings.push('Numéro : caractères de contrôle retirés');
  out = out.trim();
  if (out.length > MAX_NUMBER_CHARS) {
    warnings.push(`Numéro trop long (${out.length} caractères) : tronqué à ${MAX_NUMBER_CHARS}`);
    out = out.slice(0, MAX_NUMBER_CHARS);
  }
  return out;
}

function cleanDisplayName(name: string | null, warnings: string[]): string | null {
  if (name === null) return null;
  let out = name.replace(INVISIBLE, ' ');
  if (out !== name) warnings.push("Nom de l'appelant : caractères de contrôle retirés");
  out = out.replace(/\s+/g, ' ').trim();
  const chars = Array.from(out); // code points, so a cut never splits an emoji
  if (chars.length > MAX_DISPLAY_NAME_CHARS) {
    warnings.push(`Nom de l'appelant trop long (${chars.length} caractères) : tronqué à ${MAX_DISPLAY_NAME_CHARS}`);
    out = chars.slice(0, MAX_DISPLAY_NAME_CHARS).join('').trim();
  }
  // Lone surrogates (cut by a sender, or forged) would make the journal's UTF-8 invalid.
  const wellFormed = out.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  if (wellFormed !== out) warnings.push("Nom de l'appelant : caractères Unicode invalides remplacés");
  return wellFormed === '' ? null : wellFormed;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
