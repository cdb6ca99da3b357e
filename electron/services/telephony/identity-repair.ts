/**
 * Keeps a call with a broken From or To header from vanishing.
 *
 * sip.js drops, without a word, any incoming message whose From or To does not match its RFC 3261
 * grammar (an unquoted display name with `<`, a bad URI…). For a console that journals every call,
 * a silently dropped INVITE is the worst outcome: the desk phone rings and nothing is recorded. So,
 * before sip.js parses a request, each unparseable From/To is swapped for a valid stand-in that keeps
 * the original tag (so the CANCEL that follows still matches the INVITE), and the original text is
 * handed back for the caller-ID parser, which is built for hostile input.
 */

export type IdentityHeader = 'From' | 'To';

export interface RepairedHeader {
  header: IdentityHeader;
  raw: string;
}

export interface IdentityRepair {
  message: string;
  /** The request's method ('INVITE', 'CANCEL'…), null for a response or an unreadable first line. */
  method: string | null;
  callId: string | null;
  repaired: RepairedHeader[];
}

const NAMES: Record<string, IdentityHeader> = { from: 'From', f: 'From', to: 'To', t: 'To' };
const TOKEN = /;\s*tag\s*=\s*([A-Za-z0-9\-.!%*_+`'~]+)/i;

/**
 * Returns the message unchanged (same string) unless a From/To header of a request fails `isValid`.
 * Never throws: on anything unexpected the message goes through as received.
 */
export function repairIdentityHeaders(message: string, isValid: (header: IdentityHeader, value: string) => boolean): IdentityRepair {
  const unchanged: IdentityRepair = { message, method: null, callId: null, repaired: [] };
  try {
    if (message.startsWith('SIP/2.0')) return unchanged; // responses: our own requests' echoes
    const end = message.indexOf('\r\n\r\n');
    const head = end >= 0 ? message.slice(0, end) : message;
    const body = end >= 0 ? message.slice(end) : '';
    // Unfold continuation lines first (RFC 3261 §7.3.1), so a header is one line.
    const lines = head.replace(/\r\n[ \t]+/g, ' ').split('\r\n');
    const method = /^([A-Za-z]+) /.exec(lines[0] ?? '')?.[1]?.toUpperCase() ?? null;
    let callId: string | null = null;
    const repaired: RepairedHeader[] = [];
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i] as string;
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'call-id' || name === 'i') callId = value;
      const header = NAMES[name];
      if (!header || isValid(header, value)) continue;
      const tag = TOKEN.exec(value)?.[1] ?? (header === 'From' ? stableTag(value) : null);
      const standIn = `<sip:${header === 'From' ? 'invalid' : 'unknown'}@invalid.invalid>${tag ? `;tag=${tag}` : ''}`;
      lines[i] = `${header}: ${standIn}`;
      repaired.push({ header, raw: value });
    }
    if (repaired.length === 0) return { message, method, callId, repaired };
    return { message: lines.join('\r\n') + body, method, callId, repaired };
  } catch {
    return unchanged;
  }
}

/** The same broken From (INVITE, then CANCEL) must give the same tag, or the CANCEL won't match. */
function stableTag(value: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `repaired${hash.toString(16)}`;
}
