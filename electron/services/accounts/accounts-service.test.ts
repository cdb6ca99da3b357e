/**
 * Accounts on the company server: one-time password links, logins throttled without a lockout,
 * sessions that expire and are revoked, the last administrator kept, everything audited.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore, type AccueilStore } from '../store';
import { AccountsRepository } from './accounts-repository';
import { accountsMigrations } from './accounts-migrations';
import { AccountsService, type Revocation } from './accounts-service';

// Real scrypt (32 MiB, tens of ms each): a test logs in a few dozen times.
vi.setConfig({ testTimeout: 60_000 });

const CLI = { login: 'cli' };
let now: Date;
let store: AccueilStore;
let accounts: AccountsService;
let revoked: Revocation[];

const advance = (ms: number) => (now = new Date(now.getTime() + ms));

beforeEach(() => {
  now = new Date('2026-12-01T08:00:00Z');
  store = openStore(':memory:', { clock: () => now });
  store.database.migrateArea('accounts', accountsMigrations);
  accounts = new AccountsService(store.repository(AccountsRepository), () => now, { idleMinutes: 60, absoluteHours: 10 });
  revoked = [];
  accounts.onRevoked((r) => revoked.push(r));
});

async function withPassword(login: string, role: 'admin' | 'agent' | 'supervisor' = 'agent', password = 'correct horse battery') {
  const { passwordToken } = accounts.add({ login, name: login, role }, CLI);
  await accounts.setPassword(passwordToken, password);
  return password;
}

describe('one-time password links', () => {
  it('sets the password once; the link cannot serve again, nor after it expires', async () => {
    const { account, passwordToken } = accounts.add({ login: 'claire', name: 'Claire Martin', role: 'agent', sipUser: 'claire' }, CLI);
    expect(account).toMatchObject({ login: 'claire', role: 'agent', sipUser: 'claire', hasPassword: false, disabled: false });
    expect(accounts.passwordLinkOwner(passwordToken).login).toBe('claire');
    await accounts.setPassword(passwordToken, 'un mot de passe solide');
    await expect(accounts.setPassword(passwordToken, 'un autre mot de passe')).rejects.toMatchObject({ reason: 'account.link_invalid' });

    const reset = accounts.resetPassword('claire', CLI);
    advance(73 * 3_600_000);
    await expect(accounts.setPassword(reset, 'encore un autre mot')).rejects.toMatchObject({ reason: 'account.link_invalid' });
  });

  it('refuses weak passwords with the reason, and keeps only hashes of secrets', async () => {
    const { passwordToken } = accounts.add({ login: 'bob', name: 'Bob', role: 'agent' }, CLI);
    await expect(accounts.setPassword(passwordToken, 'court')).rejects.toMatchObject({ code: 'bad_request', reason: 'account.password_too_short' });
    await expect(accounts.setPassword(passwordToken, 'BOB')).rejects.toMatchObject({ reason: 'account.password_too_short' });
    await accounts.setPassword(passwordToken, 'bob est au standard');
    const { token } = await accounts.login('bob', 'bob est au standard', { ip: '10.0.0.2' });
    const dump = JSON.stringify(store.database.prepare(`SELECT * FROM sessions`).all()) + JSON.stringify(store.database.prepare(`SELECT * FROM password_links`).all());
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(passwordToken);
    expect(JSON.stringify(store.database.prepare(`SELECT password_hash FROM users`).all())).not.toContain('bob est au standard');
  });

  it('refuses bad logins, roles and SIP accounts, and a second account with the same login or line', () => {
    expect(() => accounts.add({ login: 'é t é', name: 'x', role: 'agent' }, CLI)).toThrow(expect.objectContaining({ reason: 'account.login_invalid' }));
    expect(() => accounts.add({ login: 'x1', name: 'x', role: 'root' as never }, CLI)).toThrow(expect.objectContaining({ reason: 'account.role_invalid' }));
    accounts.add({ login: 'claire', name: 'Claire', role: 'agent', sipUser: 'claire' }, CLI);
    expect(() => accounts.add({ login: 'CLAIRE', name: 'x', role: 'agent' }, CLI)).toThrow(expect.objectContaining({ code: 'conflict', reason: 'account.login_taken' }));
    expect(() => accounts.add({ login: 'c2', name: 'x', role: 'agent', sipUser: 'claire' }, CLI)).toThrow(expect.objectContaining({ reason: 'account.sip_user_taken' }));
  });
});

describe('logging in', () => {
  it('opens a session a token authenticates, and says the same for an unknown login, a wrong password and a disabled account', async () => {
    const password = await withPassword('claire');
    const { token, session } = await accounts.login('Claire', password, { ip: '10.0.0.1', userAgent: 'test' });
    expect(session.account.login).toBe('claire');
    expect(accounts.authenticate(token)?.account.login).toBe('claire');
    expect(accounts.authenticate(`${token}x`)).toBeNull();

    const refusals = await Promise.all([
      accounts.login('personne', password, { ip: '10.0.0.9' }).catch((e: unknown) => e),
      accounts.login('claire', 'pas le bon', { ip: '10.0.0.8' }).catch((e: unknown) => e),
    ]);
    accounts.disable('claire', CLI);
    refusals.push(await accounts.login('claire', password, { ip: '10.0.0.7' }).catch((e: unknown) => e));
    for (const refusal of refusals) expect(refusal).toMatchObject({ code: 'forbidden', reason: 'account.login_refused' });
  });

  it('slows repeated failures from one address (growing waits, capped), without locking the account out elsewhere', async () => {
    const password = await withPassword('claire');
    const attempt = (pw: string, ip = '203.0.113.5') => accounts.login('claire', pw, { ip }).then(() => 'ok', (e: { reason: string; params?: { seconds?: number } }) => `${e.reason}${e.params?.seconds ? ` ${e.params.seconds}` : ''}`);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await attempt('faux'));
    expect(answers).toEqual(['account.login_refused', 'account.login_refused', 'account.login_refused', 'account.login_refused', 'account.login_throttled 1']);
    // While blocked, even the right password is not checked.
    expect(await attempt(password)).toBe('account.login_throttled 1');
    // Claire at her own desk is not held back by an attacker elsewhere.
    expect(await attempt(password, '10.0.0.1')).toBe('ok');
    for (let i = 0; i < 12; i++) {
      advance(10 * 60_000);
      await attempt('faux');
    }
    advance(1);
    expect(await attempt('faux')).toMatch(/^account\.login_throttled (300|299)$/); // capped at 5 min
    advance(5 * 60_000);
    expect(await attempt(password)).toBe('ok');
  });

  it('writes every login, failure and administrative change to the audit log', async () => {
    const password = await withPassword('claire');
    await accounts.login('claire', 'faux', { ip: '10.0.0.3' }).catch(() => {});
    await accounts.login('claire', password, { ip: '10.0.0.3' });
    accounts.setRole('claire', 'supervisor', { login: 'gaetan', ip: '10.0.0.4' });
    const actions = accounts.auditLog().map((e) => `${e.action} ${e.actor ?? '-'} ${e.target}`);
    expect(actions).toEqual([
      'account.role_changed gaetan claire',
      'login.succeeded claire claire',
      'login.failed - claire',
      'account.password_set claire claire',
      'account.added cli claire',
    ]);
  });
});

describe('sessions', () => {
  it('end after the idle time and after the absolute time, and a connected console keeps its session alive', async () => {
    const password = await withPassword('claire');
    const idle = await accounts.login('claire', password, { ip: null });
    advance(61 * 60_000);
    expect(accounts.authenticate(idle.token)).toBeNull();

    const kept = await accounts.login('claire', password, { ip: null });
    for (let hour = 0; hour < 9; hour++) {
      advance(50 * 60_000);
      accounts.touch(kept.session.sessionId);
      expect(accounts.authenticate(kept.token), `hour ${hour}`).not.toBeNull();
    }
    advance(3 * 3_600_000);
    expect(accounts.authenticate(kept.token)).toBeNull();
  });

  it('are revoked at once on disable, role change, password reset and logout, and listeners hear it', async () => {
    const password = await withPassword('claire');
    await withPassword('root', 'admin');
    revoked = [];
    const sessions = [];
    for (let i = 0; i < 4; i++) sessions.push(await accounts.login('claire', password, { ip: null }));

    accounts.setRole('claire', 'supervisor', CLI);
    expect(accounts.authenticate(sessions[0]!.token)).toBeNull();
    const again = await accounts.login('claire', password, { ip: null });
    accounts.logout(again.token);
    expect(accounts.authenticate(again.token)).toBeNull();
    const third = await accounts.login('claire', password, { ip: null });
    accounts.resetPassword('claire', CLI);
    expect(accounts.authenticate(third.token)).toBeNull();
    await expect(accounts.login('claire', password, { ip: null })).rejects.toMatchObject({ reason: 'account.login_refused' });
    accounts.disable('claire', CLI);
    expect(revoked.map((r) => r.reason)).toEqual(['role_changed', 'logout', 'password_reset', 'disabled']);
    expect(revoked[1]).toMatchObject({ sessionId: again.session.sessionId });
  });

  it('keeps the last active administrator', async () => {
    await withPassword('root', 'admin');
    expect(() => accounts.disable('root', CLI)).toThrow(expect.objectContaining({ reason: 'account.last_admin' }));
    expect(() => accounts.setRole('root', 'agent', CLI)).toThrow(expect.objectContaining({ reason: 'account.last_admin' }));
    await withPassword('second', 'admin');
    expect(accounts.disable('root', CLI).disabled).toBe(true);
  });
});
