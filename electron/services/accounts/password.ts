/**
 * Passwords: scrypt with a per-user random salt (node:crypto, no dependency), stored as
 * `scrypt$N$r$p$salt$hash` so the cost can rise later without invalidating stored hashes. Compared
 * in constant time. A user who does not exist is checked against a dummy hash, so that the answer
 * takes the same time whether the login exists or not.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
/** N·r·128 bytes = 32 MiB for the default cost; Node's default cap (32 MiB) is just too small. */
const MAX_MEMORY = 96 * 1024 * 1024;
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...options, maxmem: MAX_MEMORY }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = (stored ?? DUMMY_HASH).split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, key] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected) && stored !== null;
}

/** Why a new password cannot be used (a reason of the error catalog), or null. */
export function passwordProblem(password: string, login: string): 'account.password_too_short' | 'account.password_too_long' | 'account.password_is_login' | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'account.password_too_short';
  if (password.length > MAX_PASSWORD_LENGTH) return 'account.password_too_long';
  if (password.trim().toLowerCase() === login.toLowerCase()) return 'account.password_is_login';
  return null;
}

// A real hash of a random password nobody knows: unknown logins cost the same scrypt as known ones.
const DUMMY_HASH = `scrypt$${COST.N}$${COST.r}$${COST.p}$${randomBytes(16).toString('base64url')}$${randomBytes(KEY_LENGTH).toString('base64url')}`;
