/**
 * People and their sessions on the company server: accounts with a role, one-time links to set a
 * password, logins throttled without a lockout an attacker can trigger, sessions with idle and
 * absolute expiry, revoked on disable, role change and password reset, and an audit log of every
 * login, failure and administrative change.
 *
 * Throttling (per failed attempt, counted in the database so a restart does not reset it):
 * - the same login from the same address: free for 3 failures, then 1 s, 2 s, 4 s… up to 5 min;
 * - one address, whatever the login: free for 20 failures, then growing up to 5 min;
 * - one login, from anywhere: free for 20 failures, then growing up to 1 min — it slows guessing
 *   spread over many addresses, and never keeps the real user out for long.
 * While a key is blocked the password is not even checked. A success clears its login's counters.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ServiceError } from '../../contract/envelope';
import type { Clock } from '../store';
import { hashPassword, passwordProblem, verifyPassword } from './password';
import type { AccountRole, AccountsRepository, AuditEntry, UserRow } from './accounts-repository';

export const ACCOUNT_ROLES: readonly AccountRole[] = ['admin', 'supervisor', 'agent', 'technician'];

export interface SessionPolicy {
  /** A session unused this long ends (default 12 h). */
  idleMinutes: number;
  /** A session ends this long after login whatever happens (default 72 h). */
  absoluteHours: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMinutes: 12 * 60, absoluteHours: 72 };
/** How long a one-time password link stays valid. */
export const PASSWORD_LINK_HOURS = 72;

export interface Account {
  id: string;
  login: string;
  name: string;
  role: AccountRole;
  sipUser: string | null;
  disabled: boolean;
  hasPassword: boolean;
  createdAt: string;
}

export interface AuthenticatedSession {
  account: Account;
  /** Identifies the session to revoke it (its token's hash, never the token). */
  sessionId: string;
  expiresAt: string;
}

export interface Revocation {
  /** Every session of this account, or only this one. */
  accountId: string;
  sessionId?: string;
  reason: 'disabled' | 'role_changed' | 'password_reset' | 'password_set' | 'logout' | 'expired';
}

/** Who does something, for the audit log: a login, or `cli` for a command on the server. */
export interface Actor {
  login: string;
  ip?: string | null;
}

const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{1,39}$/i;
const SIP_USER_PATTERN = /^[A-Za-z0-9._+-]{1,64}$/;
const TOUCH_EVERY_MS = 60_000;

interface ThrottleRule {
  free: number;
  maxSeconds: number;
}
const SAME_LOGIN_AND_ADDRESS: ThrottleRule = { free: 3, maxSeconds: 300 };
const SAME_ADDRESS: ThrottleRule = { free: 20, maxSeconds: 300 };
const SAME_LOGIN: ThrottleRule = { free: 20, maxSeconds: 60 };

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
export const newSecretToken = () => randomBytes(32).toString('base64url');

export function toAccount(row: UserRow): Account {
  return {
    id: row.id,
    login: row.login,
    name: row.name,
    role: row.role,
    sipUser: row.sipUser,
    disabled: row.disabledAt !== null,
    hasPassword: row.passwordHash !== null,
    createdAt: row.createdAt,
  };
}

export class AccountsService {
  private readonly revocationListeners = new Set<(revocation: Revocation) => void>();
  private readonly changeListeners = new Set<() => void>();

  constructor(
    private readonly repository: AccountsRepository,
    private readonly clock: Clock,
    private readonly policy: SessionPolicy = DEFAULT_SESSION_POLICY,
  ) {}

  /** Called when sessions end early, so that their open connections close at once. */
  onRevoked(listener: (revocation: Revocation) => void): () => void {
    this.revocationListeners.add(listener);
    return () => this.revocationListeners.delete(listener);
  }

  /** Called after an account is added or changed (the server's lines follow the accounts). */
  onChanged(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.changeListeners) listener();
  }

  list(): Account[] {
    return this.repository.users().map(toAccount);
  }

  get(login: string): Account | null {
    const row = this.repository.userByLogin(login);
    return row ? toAccount(row) : null;
  }

  bySipUser(sipUser: string): Account | null {
    const row = this.repository.userBySipUser(sipUser);
    return row ? toAccount(row) : null;
  }

  /** Creates an account without a password; the token of its one-time link to set one. */
  add(input: { login: string; name: string; role: AccountRole; sipUser?: string | null }, actor: Actor): { account: Account; passwordToken: string } {
    const login = input.login.trim();
    const name = input.name.trim();
    const sipUser = input.sipUser?.trim() || null;
    if (!LOGIN_PATTERN.test(login)) throw new ServiceError('bad_request', { reason: 'account.login_invalid', params: { login } });
    if (name.length === 0 || name.length > 100) throw new ServiceError('bad_request', { reason: 'account.name_invalid' });
    if (!ACCOUNT_ROLES.includes(input.role)) throw new ServiceError('bad_request', { reason: 'account.role_invalid', params: { role: String(input.role) } });
    if (sipUser !== null && !SIP_USER_PATTERN.test(sipUser)) throw new ServiceError('bad_request', { reason: 'account.sip_user_invalid', params: { sipUser } });
    const added = this.repository.transaction(() => {
      if (this.repository.userByLogin(login)) throw new ServiceError('conflict', { reason: 'account.login_taken', params: { login } });
      if (sipUser && this.repository.userBySipUser(sipUser)) throw new ServiceError('conflict', { reason: 'account.sip_user_taken', params: { sipUser } });
      const id = randomUUID();
      this.repository.insertUser({ id, login, name, role: input.role, sipUser });
      const passwordToken = this.issuePasswordLink(id);
      this.repository.audit({ actor: actor.login, ip: actor.ip ?? null, action: 'account.added', target: login, detail: { role: input.role, sipUser } });
      return { account: toAccount(this.repository.userById(id)!), passwordToken };
    });
    this.changed();
    return added;
  }

  setRole(login: string, role: AccountRole, actor: Actor): Account {
    if (!ACCOUNT_ROLES.includes(role)) throw new ServiceError('bad_request', { reason: 'account.role_invalid', params: { role: String(role) } });
    const row = this.existing(login);
    if (row.role === role) return toAccount(row);
    this.keepOneAdmin(row, { role });
    this.repository.transaction(() => {
      this.repository.updateUser(row.id, { role });
      this.repository.revokeSessionsOf(row.id, 'role_changed');
      this.repository.audit({ actor: actor.login, ip: actor.ip ?? null, action: 'account.role_changed', target: row.login, detail: { from: row.role, to: role } });
    });
    this.announce({ accountId: row.id, reason: 'role_changed' });
    this.changed();
    return toAccount(this.repository.userById(row.id)!);
  }

  setSipUser(login: string, sipUser: string | null, actor: Actor): Account {
    const row = this.existing(login);
    const value = sipUser?.trim() || null;
    if (value !== null && !SIP_USER_PATTERN.test(value)) throw new ServiceError('bad_request', { reason: 'account.sip_user_invalid', params: { sipUser: value } });
    this.repository.transaction(() => {
      const other = value ? this.repository.userBySipUser(value) : undefined;
      if (other && other.id !== row.id) throw new ServiceError('conflict', { reason: 'account.sip_user_taken', params: { sipUser: value! } });
      this.repository.updateUser(row.id, { sipUser: value });
      this.repository.audit({ actor: actor.login, ip: actor.ip ?? null, action: 'account.sip_user_changed', target: row.login, detail: { from: row.sipUser, to: value } });
    });
    this.changed();
    return toAccount(this.repository.userById(row.id)!);
  }

  disable(login: string, actor: Actor): Account {
    const row = this.existing(login);
    if (row.disabledAt !== null) return toAccount(row);
    this.keepOneAdmin(row, { disabled: true });
    this.repository.transaction(() => {
      this.repository.updateUser(row.id, { disabled: true });
      this.repository.revokeSessionsOf(row.id, 'disabled');
      this.repository.audit({ actor: actor.login, ip: actor.ip ?? null, action: 'account.disabled', target: row.login });
    });
    this.announce({ accountId: row.id, reason: 'disabled' });
    this.changed();
    return toAccount(this.repository.userById(row.id)!);
  }

  enable(login: string, actor: Actor): Account {
    const row = this.existing(login);
    if (row.disabledAt === null) return toAccount(row);
    this.repository.transaction(() => {
      this.repository.updateUser(row.id, { disabled: false });
      this.repository.audit({ actor: actor.login, ip: actor.ip ?? null, action: 'account.enabled', target: row.login });
    });
    this.changed();
    return toAccount(this.repository.userById(row.id)!);
  }

  /** Forgets the password, ends every session, and returns the token of a new one-time link. */
  resetPassword(login: string, actor: Actor): string {
    const row = this.existing(login);
    const token = this.repository.transaction(() => {
      this.repository.updateUser(row.id, { passwordHash: null });
      this.repository.revokeSessionsOf(row.id, 'password_reset');
      this.repository.audit({ actor: actor.login, ip: actor.ip ?? null, action: 'account.password_reset', target: row.login });
      return this.issuePasswordLink(row.id);
    });
    this.announce({ accountId: row.id, reason: 'password_reset' });
    return token;
  }

  /** Who a one-time link is for (the page greets them), or why it cannot be used. */
  passwordLinkOwner(token: string): Account {
    const link = this.repository.passwordLink(hashToken(token));
    if (!link || link.usedAt !== null || Date.parse(link.expiresAt) <= this.clock().getTime()) throw new ServiceError('forbidden', { reason: 'account.link_invalid' });
    const row = this.repository.userById(link.userId);
    if (!row || row.disabledAt !== null) throw new ServiceError('forbidden', { reason: 'account.link_invalid' });
    return toAccount(row);
  }

  /** Sets the password through a one-time link; the link cannot serve twice. */
  async setPassword(token: string, password: string, context: { ip?: string | null } = {}): Promise<Account> {
    const account = this.passwordLinkOwner(token);
    const problem = passwordProblem(password, account.login);
    if (problem) throw new ServiceError('bad_request', { reason: problem, params: { min: 10 } });
    const hash = await hashPassword(password);
    this.repository.transaction(() => {
      // Checked again after the (slow) hash: two tabs on one link set one password.
      if (!this.repository.usePasswordLink(hashToken(token))) throw new ServiceError('forbidden', { reason: 'account.link_invalid' });
      this.repository.updateUser(account.id, { passwordHash: hash });
      this.repository.revokeSessionsOf(account.id, 'password_set');
      this.repository.audit({ actor: account.login, ip: context.ip ?? null, action: 'account.password_set', target: account.login });
    });
    this.announce({ accountId: account.id, reason: 'password_set' });
    return toAccount(this.repository.userById(account.id)!);
  }

  /** Logs in: a new session token (shown once; only its hash is kept), or a clear refusal. */
  async login(login: string, password: string, context: { ip: string | null; userAgent?: string | null }): Promise<{ token: string; session: AuthenticatedSession }> {
    const name = login.trim().toLowerCase().slice(0, 100);
    const ip = context.ip ?? 'inconnue';
    const keys: Array<[string, ThrottleRule]> = [
      [`login-ip:${name}|${ip}`, SAME_LOGIN_AND_ADDRESS],
      [`ip:${ip}`, SAME_ADDRESS],
      [`login:${name}`, SAME_LOGIN],
    ];
    const now = this.clock().getTime();
    const waitSeconds = Math.max(0, ...keys.map(([key]) => {
      const until = this.repository.loginFailures(key)?.blockedUntil;
      return until ? Math.ceil((Date.parse(until) - now) / 1000) : 0;
    }));
    if (waitSeconds > 0) {
      this.repository.audit({ actor: null, ip, action: 'login.throttled', target: name, detail: { waitSeconds } });
      throw new ServiceError('unavailable', { reason: 'account.login_throttled', params: { seconds: waitSeconds } });
    }
    const row = this.repository.userByLogin(name);
    // Always one scrypt, known login or not (see password.ts).
    const matches = await verifyPassword(password.slice(0, 1000), row?.passwordHash ?? null);
    if (!row || !matches || row.disabledAt !== null) {
      this.repository.transaction(() => {
        for (const [key, rule] of keys) {
          const failures = (this.repository.loginFailures(key)?.failures ?? 0) + 1;
          const delay = failures <= rule.free ? 0 : Math.min(rule.maxSeconds, 2 ** (failures - rule.free - 1));
          this.repository.recordLoginFailure(key, failures, delay > 0 ? new Date(now + delay * 1000).toISOString() : null);
        }
        this.repository.audit({ actor: null, ip, action: 'login.failed', target: name, detail: { reason: !row ? 'unknown_login' : row.disabledAt ? 'disabled' : 'wrong_password' } });
      });
      // One answer for an unknown login, a wrong password and a disabled account: nothing to enumerate.
      throw new ServiceError('forbidden', { reason: 'account.login_refused' });
    }
    const token = newSecretToken();
    const expiresAt = new Date(now + this.policy.absoluteHours * 3_600_000).toISOString();
    this.repository.transaction(() => {
      for (const [key] of keys) if (!key.startsWith('ip:')) this.repository.clearLoginFailures(key);
      this.repository.insertSession({ tokenHash: hashToken(token), userId: row.id, expiresAt, ip: context.ip, userAgent: context.userAgent ?? null });
      this.repository.audit({ actor: row.login, ip, action: 'login.succeeded', target: row.login });
    });
    return { token, session: { account: toAccount(row), sessionId: hashToken(token), expiresAt } };
  }

  /** The session a token opens, or null (unknown, revoked, expired, idle too long, account disabled). */
  authenticate(token: string): AuthenticatedSession | null {
    if (typeof token !== 'string' || token.length < 20 || token.length > 100) return null;
    const tokenHash = hashToken(token);
    const session = this.repository.session(tokenHash);
    if (!session || session.revokedAt !== null) return null;
    const now = this.clock().getTime();
    const idleUntil = Date.parse(session.lastSeenAt) + this.policy.idleMinutes * 60_000;
    if (Date.parse(session.expiresAt) <= now || idleUntil <= now) {
      this.repository.revokeSession(tokenHash, 'expired');
      return null;
    }
    const row = this.repository.userById(session.userId);
    if (!row || row.disabledAt !== null) return null;
    if (now - Date.parse(session.lastSeenAt) >= TOUCH_EVERY_MS) this.repository.touchSession(tokenHash);
    return { account: toAccount(row), sessionId: tokenHash, expiresAt: session.expiresAt };
  }

  /**
   * Whether a session still holds (not revoked, not expired, account active): the server checks
   * its open consoles with it, so a change made elsewhere (`accueil users disable` in a shell)
   * closes them too.
   */
  sessionIsLive(sessionId: string): boolean {
    const session = this.repository.session(sessionId);
    if (!session || session.revokedAt !== null || Date.parse(session.expiresAt) <= this.clock().getTime()) return false;
    const row = this.repository.userById(session.userId);
    return Boolean(row && row.disabledAt === null);
  }

  /** Keeps a session alive while its console is connected (the idle clock counts from here). */
  touch(sessionId: string): void {
    this.repository.touchSession(sessionId);
  }

  logout(token: string): void {
    const current = this.authenticate(token);
    if (!current) return;
    this.repository.revokeSession(current.sessionId, 'logout');
    this.repository.audit({ actor: current.account.login, action: 'logout', target: current.account.login });
    this.announce({ accountId: current.account.id, sessionId: current.sessionId, reason: 'logout' });
  }

  auditLog(options: { limit?: number; since?: string } = {}): AuditEntry[] {
    return this.repository.auditLog({ limit: options.limit ?? 200, ...(options.since ? { since: options.since } : {}) });
  }

  private issuePasswordLink(userId: string): string {
    const token = newSecretToken();
    const expiresAt = new Date(this.clock().getTime() + PASSWORD_LINK_HOURS * 3_600_000).toISOString();
    this.repository.insertPasswordLink(hashToken(token), userId, expiresAt);
    return token;
  }

  private existing(login: string): UserRow {
    const row = this.repository.userByLogin(login.trim());
    if (!row) throw new ServiceError('not_found', { reason: 'account.not_found', params: { login: login.trim() } });
    return row;
  }

  /** The last active administrator cannot be disabled or demoted: nobody could manage accounts. */
  private keepOneAdmin(row: UserRow, change: { role?: AccountRole; disabled?: boolean }): void {
    const losesAdmin = row.role === 'admin' && row.disabledAt === null && (change.disabled === true || (change.role !== undefined && change.role !== 'admin'));
    if (losesAdmin && this.repository.countActiveAdmins() <= 1) throw new ServiceError('conflict', { reason: 'account.last_admin' });
  }

  private announce(revocation: Revocation): void {
    for (const listener of this.revocationListeners) listener(revocation);
  }
}
