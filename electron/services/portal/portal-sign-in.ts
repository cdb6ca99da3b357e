/**
 * Signing in to the portal without a password: the customer types their e-mail address; when
 * HubSpot knows it (the local mirror of contacts), a link is e-mailed. The link is single-use and
 * lasts LINK_MINUTES; using it opens a session.
 *
 *   ask(address) ──► portal_links row + 'sign-in-link' job ──(queue)──► e-mail with the signed link
 *        │                         (unknown address: the same row, without a person, and the same
 *        │                          job, which sends nothing — the same answer, the same work)
 *   open the link (GET) ──► a page with one button: a mail scanner that fetches links spends nothing
 *   press it (POST) ──► used_at set once ──► session: random cookie, only its SHA-256 stored
 *   each request ──► session checked (idle, absolute), last_seen moved at most once a minute
 *   « Se déconnecter » ──► ended
 *
 * The link is a signed token (shared/signed-links.ts, purpose `portal-login`, subject = the row's
 * id, expiry = the row's), signed when the e-mail leaves: it is never stored. A forged or edited
 * token fails its MAC; an authentic one is then checked against its row (used? expired?).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { LinkSigner } from '../shared/signed-links';
import type { PortalContact, PortalRepository } from './portal-repository';

export const LINK_PURPOSE = 'portal-login';
export const LINK_MINUTES = 15;
export const DEFAULT_SESSION = { idleMinutes: 60, absoluteHours: 12 };
/** last_seen_at is written at most this often (a page of the portal is a few reads, not a write). */
const TOUCH_EVERY_MS = 60_000;
const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"][^\s@<>()[\]\\,;:".]*\.[^\s@<>()[\]\\,;:"]+$/;

export type LinkState = 'ok' | 'invalid' | 'expired' | 'used';

export interface OpenedSession {
  /** The cookie's value (random, 256 bits); never stored. */
  token: string;
  contactId: string;
  expiresAt: Date;
  /** The cookie's Max-Age: the session's absolute lifetime. */
  maxAgeSeconds: number;
}

export interface SessionSettings {
  idleMinutes: number;
  absoluteHours: number;
}

export interface SignedInCustomer {
  contact: PortalContact;
  /** SHA-256 of the session cookie (for signing out). */
  sessionHash: string;
}

export const hashToken = (token: string): string => createHash('sha256').update(`accueil-portal-session/1\n${token}`).digest('hex');

/** One plain address as a person types it (320 characters at most). */
export function isAddress(text: string): boolean {
  return text.length <= 320 && ADDRESS.test(text);
}

export class PortalSignIn {
  constructor(
    private readonly repo: PortalRepository,
    private readonly links: LinkSigner,
    private readonly clock: () => Date,
    private readonly session: () => SessionSettings = () => DEFAULT_SESSION,
  ) {}

  /**
   * « Send me a link »: records the request and returns its id (the caller queues the e-mail job
   * in the same transaction), known address or not. Null for what is not an address at all.
   */
  ask(address: string, ip: string): { linkId: string; known: boolean } | null {
    const email = address.trim().toLowerCase();
    if (!isAddress(email)) return null;
    const contact = this.repo.contactByEmail(email);
    const now = this.clock();
    const linkId = randomUUID();
    this.repo.insertLink({
      id: linkId,
      contactId: contact?.id ?? null,
      // The address is kept only for a known person (the e-mail goes there); an unknown one is forgotten.
      email: contact ? email : null,
      requestedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + LINK_MINUTES * 60_000).toISOString(),
      ip,
    });
    return { linkId, known: contact !== null };
  }

  /** The signed token of a link row (made when its e-mail leaves). */
  tokenFor(linkId: string): string | null {
    const row = this.repo.link(linkId);
    if (!row || !row.contactId) return null;
    return this.links.sign({ purpose: LINK_PURPOSE, subject: row.id, expiresAt: new Date(row.expiresAt) });
  }

  /** What a link is worth now, without spending it (the page that shows the « Se connecter » button). */
  check(token: string): { state: LinkState; linkId: string | null } {
    const verdict = this.links.verify(token, LINK_PURPOSE, this.clock());
    if (!verdict.ok) return { state: verdict.refusal === 'expired' ? 'expired' : 'invalid', linkId: null };
    const row = this.repo.link(verdict.subject);
    if (!row || !row.contactId) return { state: 'invalid', linkId: null };
    if (row.usedAt) return { state: 'used', linkId: row.id };
    if (Date.parse(row.expiresAt) <= this.clock().getTime()) return { state: 'expired', linkId: row.id };
    return { state: 'ok', linkId: row.id };
  }

  /** Spends the link and opens a session; the link then never works again. */
  use(token: string, ip: string, userAgent: string | null): { ok: true; session: OpenedSession } | { ok: false; state: Exclude<LinkState, 'ok'> } {
    const checked = this.check(token);
    if (checked.state !== 'ok' || !checked.linkId) return { ok: false, state: checked.state === 'ok' ? 'invalid' : checked.state };
    const linkId = checked.linkId;
    const now = this.clock();
    const at = now.toISOString();
    return this.repo.transaction(() => {
      // The row decides, not the check above: two presses at once open one session.
      if (!this.repo.useLink(linkId, at)) return { ok: false as const, state: 'used' as const };
      const contactId = this.repo.link(linkId)!.contactId!;
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + this.session().absoluteHours * 3_600_000);
      this.repo.openSession({ tokenHash: hashToken(token), contactId, linkId, at, expiresAt: expiresAt.toISOString(), ip, userAgent: userAgent?.slice(0, 300) ?? null });
      return { ok: true as const, session: { token, contactId, expiresAt, maxAgeSeconds: this.session().absoluteHours * 3600 } };
    });
  }

  /** The customer behind a session cookie, or null (none, unknown, ended, idle too long, too old). */
  customer(cookie: string | undefined): SignedInCustomer | null {
    if (!cookie || !/^[A-Za-z0-9_-]{43}$/.test(cookie)) return null;
    const hash = hashToken(cookie);
    const row = this.repo.session(hash);
    if (!row || row.endedAt) return null;
    const now = this.clock();
    const at = now.toISOString();
    if (Date.parse(row.expiresAt) <= now.getTime()) {
      this.repo.endSession(hash, at, 'expired');
      return null;
    }
    if (now.getTime() - Date.parse(row.lastSeenAt) >= this.session().idleMinutes * 60_000) {
      this.repo.endSession(hash, at, 'idle');
      return null;
    }
    const contact = this.repo.contact(row.contactId);
    // The person left the CRM (deleted, merged away): their session goes with them.
    if (!contact) {
      this.repo.endSession(hash, at, 'expired');
      return null;
    }
    if (now.getTime() - Date.parse(row.lastSeenAt) >= TOUCH_EVERY_MS) this.repo.touchSession(hash, at);
    return { contact, sessionHash: hash };
  }

  signOut(sessionHash: string): void {
    this.repo.endSession(sessionHash, this.clock().toISOString(), 'signed_out');
  }
}
