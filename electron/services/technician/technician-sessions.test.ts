import { beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore, type AccueilStore } from '../store';
import { AccountsRepository } from '../accounts/accounts-repository';
import { accountsMigrations } from '../accounts/accounts-migrations';
import { AccountsService } from '../accounts/accounts-service';
import { interventionsMigrations } from '../interventions/interventions-migrations';
import { technicianMigrations } from './technician-migrations';
import { TechnicianSessions } from './technician-sessions';

// Real scrypt in the accounts area.
vi.setConfig({ testTimeout: 60_000 });

const CLI = { login: 'cli' };
const PASSWORD = 'chaudière-en-fonte-1987';
let now: Date;
let store: AccueilStore;
let accounts: AccountsService;
let sessions: TechnicianSessions;

async function account(login: string, role: 'technician' | 'agent', technicianId?: string) {
  const { account, passwordToken } = accounts.add({ login, name: login, role }, CLI);
  await accounts.setPassword(passwordToken, PASSWORD);
  if (technicianId) {
    store.database
      .prepare("INSERT INTO technicians (id, name, user_id, start_address, created_at, updated_at) VALUES (?, ?, ?, 'Lyon', ?, ?)")
      .run(technicianId, `Tech ${login}`, account.id, now.toISOString(), now.toISOString());
  }
  return account;
}

beforeEach(() => {
  now = new Date('2026-12-01T08:00:00Z');
  store = openStore(':memory:', { clock: () => now });
  store.database.migrateArea('accounts', accountsMigrations);
  store.database.migrateArea('interventions', interventionsMigrations);
  store.database.migrateArea('technician', technicianMigrations);
  accounts = new AccountsService(store.repository(AccountsRepository), () => now, { idleMinutes: 60, absoluteHours: 10 });
  sessions = new TechnicianSessions(store.database, accounts, () => now);
});

describe('technician phone sessions', () => {
  it('signs a technician in for 90 days, well past the office session’s limit', async () => {
    await account('karim', 'technician', 'tech-k');
    const { token, identity, expiresAt } = await sessions.signIn('karim', PASSWORD, { ip: '10.0.0.5' });
    expect(identity).toMatchObject({ technicianId: 'tech-k', name: 'Tech karim' });
    expect(expiresAt).toBe('2027-03-01T08:00:00.000Z');
    now = new Date('2027-02-20T08:00:00Z');
    expect(sessions.authenticate(token)?.technicianId).toBe('tech-k');
    now = new Date('2027-03-01T08:00:00Z');
    expect(sessions.authenticate(token)).toBeNull();
  });

  it('refuses a wrong password, an office account, and a technician account linked to no technician', async () => {
    await account('karim', 'technician', 'tech-k');
    await account('claire', 'agent');
    await account('solo', 'technician');
    await expect(sessions.signIn('karim', 'mauvais-mot-de-passe', { ip: '10.0.0.5' })).rejects.toThrow();
    await expect(sessions.signIn('claire', PASSWORD, { ip: '10.0.0.5' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(sessions.signIn('solo', PASSWORD, { ip: '10.0.0.5' })).rejects.toMatchObject({ code: 'forbidden' });
    expect(store.database.prepare<{ n: number }>('SELECT count(*) AS n FROM technician_devices').get()!.n).toBe(0);
  });

  it('leaves no office session behind after a phone sign-in', async () => {
    await account('karim', 'technician', 'tech-k');
    await sessions.signIn('karim', PASSWORD, { ip: '10.0.0.5' });
    expect(store.database.prepare<{ n: number }>('SELECT count(*) AS n FROM sessions WHERE revoked_at IS NULL').get()!.n).toBe(0);
  });

  it('ends every phone of an account disabled or whose password is reset, and one phone on sign-out', async () => {
    await account('karim', 'technician', 'tech-k');
    const phone = await sessions.signIn('karim', PASSWORD, { ip: '10.0.0.5' });
    const tablet = await sessions.signIn('karim', PASSWORD, { ip: '10.0.0.6' });
    sessions.signOut(phone.token);
    expect(sessions.authenticate(phone.token)).toBeNull();
    expect(sessions.authenticate(tablet.token)).not.toBeNull();
    accounts.resetPassword('karim', CLI);
    expect(sessions.authenticate(tablet.token)).toBeNull();
  });

  it('ends the phone when the account stops being a technician, even without a revocation', async () => {
    const karim = await account('karim', 'technician', 'tech-k');
    const { token } = await sessions.signIn('karim', PASSWORD, { ip: '10.0.0.5' });
    store.database.prepare("UPDATE users SET role = 'agent' WHERE id = ?").run(karim.id);
    expect(sessions.authenticate(token)).toBeNull();
    store.database.prepare("UPDATE users SET role = 'technician' WHERE id = ?").run(karim.id);
    expect(sessions.authenticate(token)).toBeNull(); // revoked for good, not merely hidden
  });

  it('knows no forged token', () => {
    expect(sessions.authenticate('')).toBeNull();
    expect(sessions.authenticate('x'.repeat(43))).toBeNull();
  });
});
