/**
 * Signing a technician's phone in. The password is checked by the accounts area (its throttling and
 * audit apply); only an enabled account with role `technician` linked to an active technician gets a
 * phone session. That session is long-lived (90 days by default, renewed by use is not needed: the
 * technician signs in again after) and revocable: one phone, or all of an account's phones when the
 * account is disabled, changes role or password (the accounts area's revocations).
 */
import { createHash, randomBytes } from 'node:crypto';
import { ServiceError } from '../../contract/envelope';
import type { AccountsService, Revocation } from '../accounts/accounts-service';
import type { AccueilDatabase } from '../store/database';
import type { Clock } from '../store/record-owner';

export const DEVICE_SESSION_DAYS = 90;

export interface TechnicianIdentity {
  readonly accountId: string;
  readonly technicianId: string;
  readonly name: string;
  /** Identifies this phone's session (the token's hash). */
  readonly deviceId: string;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export class TechnicianSessions {
  constructor(
    private readonly db: AccueilDatabase,
    private readonly accounts: AccountsService,
    private readonly clock: Clock,
    private readonly days = DEVICE_SESSION_DAYS,
  ) {
    accounts.onRevoked((r) => this.onAccountRevoked(r));
  }

  async signIn(login: string, password: string, context: { ip: string | null; userAgent?: string | null }): Promise<{ token: string; identity: TechnicianIdentity; expiresAt: string }> {
    const { token: officeToken, session } = await this.accounts.login(login, password, context);
    // The office session is not what the phone keeps.
    this.accounts.logout(officeToken);
    const technician = session.account.role === 'technician' ? this.technicianOf(session.account.id) : null;
    if (!technician) throw new ServiceError('forbidden', { reason: 'technician.not_a_technician' });
    const token = randomBytes(32).toString('base64url');
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + this.days * 86_400_000).toISOString();
    this.db
      .prepare('INSERT INTO technician_devices (token_hash, account_id, technician_id, user_agent, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(hash(token), session.account.id, technician.id, context.userAgent?.slice(0, 200) ?? null, now.toISOString(), now.toISOString(), expiresAt);
    return { token, identity: { accountId: session.account.id, technicianId: technician.id, name: technician.name, deviceId: hash(token) }, expiresAt };
  }

  /** Who holds this token, or null (unknown, expired, revoked, account no longer a technician). */
  authenticate(token: string): TechnicianIdentity | null {
    if (!token || token.length > 100) return null;
    const tokenHash = hash(token);
    const row = this.db
      .prepare<{ account_id: string; technician_id: string; expires_at: string; revoked_at: string | null }>(
        'SELECT account_id, technician_id, expires_at, revoked_at FROM technician_devices WHERE token_hash = ?',
      )
      .get(tokenHash);
    if (!row || row.revoked_at) return null;
    if (Date.parse(row.expires_at) <= this.clock().getTime()) {
      this.revokeDevice(tokenHash, 'expired');
      return null;
    }
    const technician = this.technicianOf(row.account_id);
    if (!technician || technician.id !== row.technician_id) {
      this.revokeDevice(tokenHash, 'unlinked');
      return null;
    }
    this.db.prepare('UPDATE technician_devices SET last_seen_at = ? WHERE token_hash = ?').run(this.clock().toISOString(), tokenHash);
    return { accountId: row.account_id, technicianId: row.technician_id, name: technician.name, deviceId: tokenHash };
  }

  signOut(token: string): void {
    this.revokeDevice(hash(token), 'logout');
  }

  revokeDevice(deviceId: string, reason: string): void {
    this.db.prepare('UPDATE technician_devices SET revoked_at = ?, revoked_reason = ? WHERE token_hash = ? AND revoked_at IS NULL').run(this.clock().toISOString(), reason, deviceId);
  }

  /** Every phone of an account (the office's « déconnecter ses téléphones »). */
  revokeAccount(accountId: string, reason: string): number {
    return this.db
      .prepare('UPDATE technician_devices SET revoked_at = ?, revoked_reason = ? WHERE account_id = ? AND revoked_at IS NULL')
      .run(this.clock().toISOString(), reason, accountId).changes;
  }

  private onAccountRevoked(revocation: Revocation): void {
    // A single office session ending (logout, expiry) says nothing about the phones.
    if (revocation.sessionId || revocation.reason === 'logout' || revocation.reason === 'expired') return;
    this.revokeAccount(revocation.accountId, revocation.reason);
  }

  /** The active technician linked to an enabled technician account. */
  private technicianOf(accountId: string): { id: string; name: string } | null {
    const row = this.db
      .prepare<{ id: string; name: string }>(
        `SELECT t.id, t.name FROM technicians t JOIN users u ON u.id = t.user_id
         WHERE t.user_id = ? AND t.active = 1 AND u.role = 'technician' AND u.disabled_at IS NULL`,
      )
      .get(accountId);
    return row ?? null;
  }
}
