/** The accounts area's SQL: users, one-time password links, sessions, login failures, the audit log. */
import type { AccueilDatabase, Clock } from '../store';

export type AccountRole = 'admin' | 'supervisor' | 'agent' | 'technician';

export interface UserRow {
  id: string;
  login: string;
  name: string;
  role: AccountRole;
  sipUser: string | null;
  passwordHash: string | null;
  disabledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SessionRow {
  tokenHash: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  detail: string | null;
}

const USER = `SELECT id, login, name, role, sip_user AS sipUser, password_hash AS passwordHash, disabled_at AS disabledAt,
  created_at AS createdAt, updated_at AS updatedAt FROM users`;

export class AccountsRepository {
  constructor(
    private readonly db: AccueilDatabase,
    private readonly clock: Clock,
  ) {}

  private now(): string {
    return this.clock().toISOString();
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work);
  }

  userByLogin(login: string): UserRow | undefined {
    return this.db.prepare<UserRow>(`${USER} WHERE login = ?`).get(login);
  }

  userById(id: string): UserRow | undefined {
    return this.db.prepare<UserRow>(`${USER} WHERE id = ?`).get(id);
  }

  userBySipUser(sipUser: string): UserRow | undefined {
    return this.db.prepare<UserRow>(`${USER} WHERE sip_user = ? AND disabled_at IS NULL`).get(sipUser);
  }

  users(): UserRow[] {
    return this.db.prepare<UserRow>(`${USER} ORDER BY disabled_at IS NOT NULL, login`).all();
  }

  countActiveAdmins(): number {
    return (this.db.prepare<{ n: number }>(`SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL`).get()?.n ?? 0);
  }

  insertUser(user: { id: string; login: string; name: string; role: AccountRole; sipUser: string | null }): void {
    const now = this.now();
    this.db
      .prepare(`INSERT INTO users (id, login, name, role, sip_user, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(user.id, user.login, user.name, user.role, user.sipUser, now, now);
  }

  updateUser(id: string, patch: { role?: AccountRole; name?: string; sipUser?: string | null; passwordHash?: string | null; disabled?: boolean }): void {
    const now = this.now();
    if (patch.role !== undefined) this.db.prepare(`UPDATE users SET role = ?, updated_at = ? WHERE id = ?`).run(patch.role, now, id);
    if (patch.name !== undefined) this.db.prepare(`UPDATE users SET name = ?, updated_at = ? WHERE id = ?`).run(patch.name, now, id);
    if (patch.sipUser !== undefined) this.db.prepare(`UPDATE users SET sip_user = ?, updated_at = ? WHERE id = ?`).run(patch.sipUser, now, id);
    if (patch.passwordHash !== undefined) this.db.prepare(`UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?`).run(patch.passwordHash, now, id);
    if (patch.disabled !== undefined) {
      this.db.prepare(`UPDATE users SET disabled_at = ?, updated_at = ? WHERE id = ?`).run(patch.disabled ? now : null, now, id);
    }
  }

  insertPasswordLink(tokenHash: string, userId: string, expiresAt: string): void {
    // One live link per user: a new one replaces the last.
    this.db.prepare(`DELETE FROM password_links WHERE user_id = ? AND used_at IS NULL`).run(userId);
    this.db.prepare(`INSERT INTO password_links (token_hash, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)`).run(tokenHash, userId, expiresAt, this.now());
  }

  passwordLink(tokenHash: string): { userId: string; expiresAt: string; usedAt: string | null } | undefined {
    return this.db
      .prepare<{ userId: string; expiresAt: string; usedAt: string | null }>(`SELECT user_id AS userId, expires_at AS expiresAt, used_at AS usedAt FROM password_links WHERE token_hash = ?`)
      .get(tokenHash);
  }

  /** Marks the link used; false when it was already (two tabs submitting the same link). */
  usePasswordLink(tokenHash: string): boolean {
    return this.db.prepare(`UPDATE password_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL`).run(this.now(), tokenHash).changes === 1;
  }

  insertSession(session: { tokenHash: string; userId: string; expiresAt: string; ip: string | null; userAgent: string | null }): void {
    const now = this.now();
    this.db
      .prepare(`INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(session.tokenHash, session.userId, now, now, session.expiresAt, session.ip, session.userAgent?.slice(0, 300) ?? null);
  }

  session(tokenHash: string): SessionRow | undefined {
    return this.db
      .prepare<SessionRow>(
        `SELECT token_hash AS tokenHash, user_id AS userId, created_at AS createdAt, last_seen_at AS lastSeenAt, expires_at AS expiresAt, revoked_at AS revokedAt
         FROM sessions WHERE token_hash = ?`,
      )
      .get(tokenHash);
  }

  touchSession(tokenHash: string): void {
    this.db.prepare(`UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?`).run(this.now(), tokenHash);
  }

  revokeSession(tokenHash: string, reason: string): void {
    this.db.prepare(`UPDATE sessions SET revoked_at = ?, revoke_reason = ? WHERE token_hash = ? AND revoked_at IS NULL`).run(this.now(), reason, tokenHash);
  }

  /** Revokes every open session of a user; the number revoked. */
  revokeSessionsOf(userId: string, reason: string): number {
    return this.db.prepare(`UPDATE sessions SET revoked_at = ?, revoke_reason = ? WHERE user_id = ? AND revoked_at IS NULL`).run(this.now(), reason, userId).changes;
  }

  loginFailures(key: string): { failures: number; blockedUntil: string | null } | undefined {
    return this.db.prepare<{ failures: number; blockedUntil: string | null }>(`SELECT failures, blocked_until AS blockedUntil FROM login_failures WHERE key = ?`).get(key);
  }

  recordLoginFailure(key: string, failures: number, blockedUntil: string | null): void {
    this.db
      .prepare(
        `INSERT INTO login_failures (key, failures, last_failure_at, blocked_until) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at, blocked_until = excluded.blocked_until`,
      )
      .run(key, failures, this.now(), blockedUntil);
  }

  clearLoginFailures(key: string): void {
    this.db.prepare(`DELETE FROM login_failures WHERE key = ?`).run(key);
  }

  audit(entry: { actor: string | null; action: string; target?: string | null; ip?: string | null; detail?: Record<string, unknown> | null }): void {
    this.db
      .prepare(`INSERT INTO audit_log (at, actor, action, target, ip, detail) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(this.now(), entry.actor, entry.action, entry.target ?? null, entry.ip ?? null, entry.detail ? JSON.stringify(entry.detail) : null);
  }

  auditLog(options: { limit: number; since?: string }): AuditEntry[] {
    return this.db
      .prepare<AuditEntry>(`SELECT id, at, actor, action, target, ip, detail FROM audit_log WHERE at >= ? ORDER BY id DESC LIMIT ?`)
      .all(options.since ?? '', options.limit);
  }
}
