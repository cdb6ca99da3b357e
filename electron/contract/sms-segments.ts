/**
 * What an SMS costs, counted as the operator bills it (3GPP TS 23.038): GSM-7 when every character is
 * in the GSM alphabet — 160 per message, 153 per part once split, the extension table (€ [ ] { } ~ ^
 * \ | and form feed) counting two — else UCS-2: 70 UTF-16 units, 67 per part. An escape pair or a
 * surrogate pair is never cut between two parts (the part ends one early), as phones and gateways do.
 *
 * Pure (no Node, no zod): the composer counts live in the renderer with the code the services check with.
 */

// The GSM 03.38 default alphabet (ESC excluded: it only introduces the extension table).
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';
const BASIC = new Set(GSM_BASIC);
const EXTENSION = new Set(GSM_EXTENSION);

export interface SmsCount {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets (GSM-7) or UTF-16 units (UCS-2) of the whole text. */
  units: number;
  segments: number;
  /** Units left in the last segment before one more is billed. */
  remaining: number;
  /** Units per segment at this length (160/153 or 70/67). */
  perSegment: number;
  /** The characters that forced UCS-2 (each once, in order of appearance); empty in GSM-7. */
  unicodeCharacters: string[];
}

/** Splits `sizes` (the cost of each character) into parts of at most `capacity`, never cutting a character. */
function pack(sizes: number[], capacity: number): number {
  let parts = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > capacity) {
      parts++;
      used = 0;
    }
    used += size;
  }
  return parts;
}

export function countSms(text: string): SmsCount {
  const characters = Array.from(text);
  const unicode: string[] = [];
  for (const c of characters) if (!BASIC.has(c) && !EXTENSION.has(c) && !unicode.includes(c)) unicode.push(c);
  if (unicode.length === 0) {
    const sizes = characters.map((c) => (EXTENSION.has(c) ? 2 : 1));
    const units = sizes.reduce((a, b) => a + b, 0);
    const single = units <= 160;
    const perSegment = single ? 160 : 153;
    const segments = units === 0 ? 0 : single ? 1 : pack(sizes, 153);
    return { encoding: 'GSM-7', units, segments, remaining: segments === 0 ? 160 : segments * perSegment - units, perSegment, unicodeCharacters: [] };
  }
  const sizes = characters.map((c) => c.length);
  const units = sizes.reduce((a, b) => a + b, 0);
  const single = units <= 70;
  const perSegment = single ? 70 : 67;
  const segments = single ? 1 : pack(sizes, 67);
  return { encoding: 'UCS-2', units, segments, remaining: Math.max(0, segments * perSegment - units), perSegment, unicodeCharacters: unicode };
}
