/**
 * Links the company server hands to customers (a survey in an SMS, a quote to sign in an e-mail, a
 * portal sign-in) carry their own proof, so a link needs no row to be checked and a guessed or
 * edited one is refused: HMAC-SHA256 over (purpose, subject, expiry) with a key kept in the data
 * folder's secret store, never in settings.json or the database (a copy of the database forges
 * nothing).
 *
 *   token = <key id>.<purpose>.<expiry>.<subject>.<mac>
 *           k2      .survey   .sl3kq0 .Y2FsbC0xMg.Xk3…   expiry: Unix seconds in base 36;
 *                                                         subject and mac: base64url
 *
 * Rotation: several keys verify, the newest signs. `rotate()` adds a key (links already sent keep
 * working); `retire(id)` removes one (its links stop at once: the answer to a leaked key).
 *
 * Replay: a link is valid until it expires, as many times as it is opened. A link that must work
 * once (a one-time sign-in) is single-use by its caller's rule, kept with its own records: `verify`
 * gives a `linkId` (a digest of the token) to remember as used. A survey answered twice is the
 * survey's business (one answer per survey row), not the link's.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SecretStore } from '../settings/secret-store';

export type LinkRefusal =
  /** Not a token, or its mac does not match: edited, truncated or made up. */
  | 'forged'
  /** Authentic, but past its expiry. */
  | 'expired'
  /** Authentic, but made for something else (a survey link presented to the portal). */
  | 'wrong_purpose'
  /** Signed by a key this server does not hold (retired, or the secrets were replaced). */
  | 'unknown_key';

export type LinkCheck =
  | { ok: true; subject: string; purpose: string; expiresAt: Date; keyId: string; linkId: string }
  | { ok: false; refusal: LinkRefusal };

export interface SignedLink {
  /** What the link is for: lower-case words and dashes (`survey`, `portal-login`), 32 at most. */
  purpose: string;
  /** Whom or what it points at (an id); any text up to 512 characters. */
  subject: string;
  expiresAt: Date;
}

export interface LinkSigner {
  sign(link: SignedLink): string;
  verify(token: string, purpose: string, now?: Date): LinkCheck;
  /** Adds a key that signs from now on; the others still verify. Returns its id. */
  rotate(): string;
  /** Removes a key: every link it signed is refused from now on. The last key cannot go. */
  retire(keyId: string): void;
  /** Key ids, oldest first (the last one signs). */
  keyIds(): string[];
}

export const LINK_KEYS_SECRET = 'links.signing-keys';
const DOMAIN = 'accueil-link/1';
const PURPOSE = /^[a-z][a-z0-9-]{0,31}$/;
const KEY_ID = /^k[0-9]{1,6}$/;
const EXPIRY = /^[0-9a-z]{1,11}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const MAX_SUBJECT = 512;
const MAC_BYTES = 32;

interface StoredKey {
  id: string;
  secret: string;
  createdAt: string;
}

export function createLinkSigner(secrets: SecretStore, options: { now?: () => Date } = {}): LinkSigner {
  const now = options.now ?? (() => new Date());
  let keys = readKeys(secrets);
  if (keys.length === 0) {
    keys = [newKey(1, now())];
    writeKeys(secrets, keys);
  }

  const macOf = (secret: Buffer, keyId: string, purpose: string, expiry: string, subject: string) =>
    createHmac('sha256', secret).update(`${DOMAIN}\n${keyId}\n${purpose}\n${expiry}\n${subject}`).digest();

  const findKey = (keyId: string): StoredKey | undefined => {
    let key = keys.find((k) => k.id === keyId);
    // Another process on the same folder (a second server, a CLI rotation) may have added it since.
    if (!key) {
      keys = readKeys(secrets);
      key = keys.find((k) => k.id === keyId);
    }
    return key;
  };

  return {
    sign({ purpose, subject, expiresAt }) {
      if (!PURPOSE.test(purpose)) throw new RangeError(`Link purpose « ${purpose} »: lower-case letters, digits and dashes, 32 at most`);
      if (subject.length === 0 || subject.length > MAX_SUBJECT) throw new RangeError(`Link subject: 1 to ${MAX_SUBJECT} characters`);
      const seconds = Math.floor(expiresAt.getTime() / 1000);
      if (!Number.isFinite(seconds) || seconds <= 0) throw new RangeError('Link expiry: a valid date');
      const key = keys[keys.length - 1]!;
      const expiry = seconds.toString(36);
      const mac = macOf(Buffer.from(key.secret, 'base64url'), key.id, purpose, expiry, subject);
      return [key.id, purpose, expiry, Buffer.from(subject, 'utf8').toString('base64url'), mac.toString('base64url')].join('.');
    },

    verify(token, purpose, at = now()) {
      const forged = { ok: false, refusal: 'forged' } as const;
      const parts = token.split('.');
      if (parts.length !== 5) return forged;
      const [keyId, tokenPurpose, expiry, subjectPart, macPart] = parts as [string, string, string, string, string];
      if (!KEY_ID.test(keyId) || !PURPOSE.test(tokenPurpose) || !EXPIRY.test(expiry) || !BASE64URL.test(subjectPart) || !BASE64URL.test(macPart)) return forged;
      const mac = Buffer.from(macPart, 'base64url');
      if (mac.length !== MAC_BYTES || mac.toString('base64url') !== macPart) return forged;
      const subjectBytes = Buffer.from(subjectPart, 'base64url');
      if (subjectBytes.toString('base64url') !== subjectPart) return forged;
      const subject = subjectBytes.toString('utf8');
      const key = findKey(keyId);
      if (!key) return { ok: false, refusal: 'unknown_key' };
      const expected = macOf(Buffer.from(key.secret, 'base64url'), keyId, tokenPurpose, expiry, subject);
      // Constant time: how much of a guessed mac was right must not show in the answer's timing.
      if (!timingSafeEqual(expected, mac)) return forged;
      // Only an authentic link is told apart by its purpose and expiry.
      if (tokenPurpose !== purpose) return { ok: false, refusal: 'wrong_purpose' };
      const expiresAt = new Date(parseInt(expiry, 36) * 1000);
      if (at.getTime() >= expiresAt.getTime()) return { ok: false, refusal: 'expired' };
      return { ok: true, subject, purpose, expiresAt, keyId, linkId: createHash('sha256').update(token).digest('base64url') };
    },

    rotate() {
      keys = readKeys(secrets);
      const next = Math.max(0, ...keys.map((k) => Number(k.id.slice(1)))) + 1;
      const key = newKey(next, now());
      keys = [...keys, key];
      writeKeys(secrets, keys);
      return key.id;
    },

    retire(keyId) {
      keys = readKeys(secrets);
      const remaining = keys.filter((k) => k.id !== keyId);
      if (remaining.length === keys.length) return;
      if (remaining.length === 0) throw new RangeError('The last signing key cannot be retired: rotate first');
      keys = remaining;
      writeKeys(secrets, keys);
    },

    keyIds: () => keys.map((k) => k.id),
  };
}

function newKey(n: number, createdAt: Date): StoredKey {
  return { id: `k${n}`, secret: randomBytes(32).toString('base64url'), createdAt: createdAt.toISOString() };
}

function readKeys(secrets: SecretStore): StoredKey[] {
  const text = secrets.get(LINK_KEYS_SECRET);
  if (text === null) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Never replaced silently: a new key would refuse every link already sent.
    throw new Error(`Le secret ${LINK_KEYS_SECRET} est illisible : les liens envoyés ne peuvent pas être vérifiés.`);
  }
  const list = (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(list)) throw new Error(`Le secret ${LINK_KEYS_SECRET} est illisible : les liens envoyés ne peuvent pas être vérifiés.`);
  return list.filter(
    (k): k is StoredKey =>
      typeof k === 'object' && k !== null && typeof k.id === 'string' && KEY_ID.test(k.id) && typeof k.secret === 'string' && Buffer.from(k.secret, 'base64url').length >= 32,
  );
}

function writeKeys(secrets: SecretStore, keys: readonly StoredKey[]): void {
  secrets.set(LINK_KEYS_SECRET, JSON.stringify({ keys }));
}
