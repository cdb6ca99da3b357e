import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeClient, type FakeClient } from '../../test/support/fake-client';
import { ContractCallError, type Account, type CallName } from '../contract';
import { translate, type MessageKey, type MessageParams } from '../i18n';
import { errorText } from '../i18n/use-t';
import { setContractClient } from '../transport/contract-client';
import { accountState, addInput, AUDIT_LIMIT, selectDialogAccount, useAccountsAdminStore, type AuditEntry } from './accounts-admin-store';
import { auditActionText, auditDetailText, auditTime, roleText, stateText } from './account-words';
import { feature } from './feature';
import { useAccountStore } from '../account/account-store';
import { useViewStore } from '../app/view-store';

let fake: FakeClient;
const initial = { admin: useAccountsAdminStore.getState(), account: useAccountStore.getState(), view: useViewStore.getState() };
const fr = (key: MessageKey, params?: MessageParams) => translate('fr', key, params);
const en = (key: MessageKey, params?: MessageParams) => translate('en', key, params);

function account(over: Partial<Account> = {}): Account {
  return { id: `id-${over.login ?? 'bob'}`, login: 'bob', name: 'Bob Durand', role: 'agent', sipUser: null, disabled: false, hasPassword: true, createdAt: '2026-03-02T09:00:00.000Z', ...over };
}

function entry(over: Partial<AuditEntry> = {}): AuditEntry {
  return { id: 1, at: '2026-03-04T13:05:09.000Z', actor: 'gaetan', action: 'account.added', target: 'bob', ip: '192.168.1.31', detail: null, ...over };
}

/** A refusal as the service sends it: a code, its French sentence, its reason and parameters. */
function refuse(name: CallName, code: ContractCallError['code'], reason: string, params: Record<string, string | number> = {}) {
  fake.handle(name, () => Promise.reject(new ContractCallError(code, 'phrase française du service', reason, params)));
}

const admin = () => useAccountsAdminStore.getState();

beforeEach(() => {
  fake = fakeClient();
  setContractClient(fake);
  useAccountsAdminStore.setState(initial.admin, true);
  useAccountStore.setState(initial.account, true);
  useViewStore.setState(initial.view, true);
});
afterEach(() => setContractClient(null));

describe('useAccountsAdminStore', () => {
  it('lists the accounts', async () => {
    fake.handle('accounts.list', () => [account({ login: 'claire', name: 'Claire Martin' }), account()]);
    await admin().load();
    expect(admin().status).toBe('ready');
    expect(admin().accounts.map((a) => a.login)).toEqual(['claire', 'bob']);
  });

  it('keeps a refused list as the service’s reason, worded in the interface language', async () => {
    refuse('accounts.list', 'forbidden', 'contract.role_refused');
    await admin().load();
    expect(admin().status).toBe('error');
    expect(errorText(fr, admin().error!)).toBe('Votre rôle ne permet pas cette action.');
    expect(errorText(en, admin().error!)).toBe('Your role does not allow this action.');
  });

  it('adds a person (trimmed, an empty line sent as none) and keeps the one-time link to give', async () => {
    fake.handle('accounts.list', () => [account({ login: 'gaetan', name: 'Gaëtan Leroy', role: 'admin' })]);
    await admin().load();
    fake.handle('accounts.add', (input) => ({
      account: account({ login: input.login, name: input.name, role: input.role, sipUser: input.sipUser ?? null, hasPassword: false }),
      passwordLink: 'http://accueil.lan:8080/mot-de-passe#jeton=abc',
    }));
    expect(await admin().add({ login: ' bob ', name: ' Bob Durand ', role: 'agent', sipUser: '  ' })).toBe(true);
    expect(fake.calls.at(-1)).toEqual({ name: 'accounts.add', input: { login: 'bob', name: 'Bob Durand', role: 'agent', sipUser: null } });
    expect(admin().link).toEqual({ login: 'bob', name: 'Bob Durand', url: 'http://accueil.lan:8080/mot-de-passe#jeton=abc', reason: 'added' });
    // In login order, waiting for its password.
    expect(admin().accounts.map((a) => [a.login, accountState(a)])).toEqual([['bob', 'pending'], ['gaetan', 'active']]);
    expect(admin().adding).toBe(false);
  });

  it('keeps the form’s refusal (a login already taken) as a sentence, and no link', async () => {
    refuse('accounts.add', 'conflict', 'account.login_taken', { login: 'bob' });
    expect(await admin().add({ login: 'bob', name: 'Bob', role: 'agent', sipUser: '' })).toBe(false);
    expect(admin().link).toBeNull();
    expect(errorText(fr, admin().addError!)).toBe('L’identifiant « bob » existe déjà.');
  });

  it('changes a role from its dialog, which closes, and the row shows the answer', async () => {
    fake.handle('accounts.list', () => [account()]);
    await admin().load();
    admin().openDialog('role', 'bob');
    expect(selectDialogAccount(admin())?.name).toBe('Bob Durand');
    fake.handle('accounts.setRole', ({ login, role }) => account({ login, role }));
    expect(await admin().setRole('bob', 'supervisor')).toBe(true);
    expect(fake.calls.at(-1)).toEqual({ name: 'accounts.setRole', input: { login: 'bob', role: 'supervisor' } });
    expect(admin().dialog).toBeNull();
    expect(admin().accounts[0]!.role).toBe('supervisor');
  });

  it('keeps the dialog open with the reason when the last administrator would be demoted', async () => {
    fake.handle('accounts.list', () => [account({ login: 'gaetan', role: 'admin' })]);
    await admin().load();
    admin().openDialog('role', 'gaetan');
    refuse('accounts.setRole', 'conflict', 'account.last_admin');
    expect(await admin().setRole('gaetan', 'agent')).toBe(false);
    expect(admin().dialog).toEqual({ action: 'role', login: 'gaetan' });
    expect(admin().accounts[0]!.role).toBe('admin');
    expect(errorText(fr, admin().dialogError!)).toMatch(/^C’est le dernier administrateur actif/);
    // Opening another dialog starts without the old refusal.
    admin().openDialog('line', 'gaetan');
    expect(admin().dialogError).toBeNull();
  });

  it('sends a blank line as none, and a line trimmed', async () => {
    fake.handle('accounts.list', () => [account({ sipUser: 'bob' })]);
    await admin().load();
    fake.handle('accounts.setSipUser', ({ login, sipUser }) => account({ login, sipUser }));
    await admin().setSipUser('bob', '   ');
    expect(fake.calls.at(-1)?.input).toEqual({ login: 'bob', sipUser: null });
    expect(admin().accounts[0]!.sipUser).toBeNull();
    await admin().setSipUser('bob', ' bob2 ');
    expect(fake.calls.at(-1)?.input).toEqual({ login: 'bob', sipUser: 'bob2' });
  });

  it('disables and enables after the confirmation, the state following the answer', async () => {
    fake.handle('accounts.list', () => [account()]);
    await admin().load();
    fake.handle('accounts.disable', ({ login }) => account({ login, disabled: true }));
    fake.handle('accounts.enable', ({ login }) => account({ login, disabled: false }));
    admin().openDialog('disable', 'bob');
    expect(await admin().disable('bob')).toBe(true);
    expect(accountState(admin().accounts[0]!)).toBe('disabled');
    expect(admin().dialog).toBeNull();
    admin().openDialog('enable', 'bob');
    expect(await admin().enable('bob')).toBe(true);
    expect(accountState(admin().accounts[0]!)).toBe('active');
  });

  it('resets a password and shows the new link to give', async () => {
    fake.handle('accounts.list', () => [account()]);
    await admin().load();
    fake.handle('accounts.resetPassword', ({ login }) => ({ account: account({ login, hasPassword: false }), passwordLink: 'http://x/mot-de-passe#jeton=new' }));
    admin().openDialog('reset', 'bob');
    expect(await admin().resetPassword('bob')).toBe(true);
    expect(admin().link).toEqual({ login: 'bob', name: 'Bob Durand', url: 'http://x/mot-de-passe#jeton=new', reason: 'reset' });
    expect(accountState(admin().accounts[0]!)).toBe('pending');
    // Leaving the view puts the link away.
    admin().leave();
    expect(admin().link).toBeNull();
  });

  it('does not close a dialog while its change is on its way', async () => {
    let answer!: (a: Account) => void;
    fake.handle('accounts.disable', () => new Promise<Account>((resolve) => (answer = resolve)));
    admin().openDialog('disable', 'bob');
    const done = admin().disable('bob');
    admin().closeDialog();
    expect(admin().dialog).not.toBeNull();
    answer(account({ disabled: true }));
    await done;
    expect(admin().dialog).toBeNull();
  });

  it('loads the journal when its tab opens, the newest entries', async () => {
    fake.handle('accounts.audit', () => [entry()]);
    admin().setTab('journal');
    await Promise.resolve();
    await Promise.resolve();
    expect(fake.calls).toEqual([{ name: 'accounts.audit', input: { limit: AUDIT_LIMIT } }]);
    expect(admin().audit).toHaveLength(1);
    expect(admin().auditStatus).toBe('ready');
  });
});

describe('the admin feature', () => {
  it('reloads the list after a reconnection only for an administrator on the accounts view', () => {
    fake.handle('accounts.list', () => []);
    expect(feature.refresh!()).toEqual([]);
    useAccountStore.setState({ account: account({ login: 'gaetan', role: 'admin' }) });
    expect(feature.refresh!()).toEqual([]);
    useViewStore.getState().show({ kind: 'accounts' });
    expect(feature.refresh!()).toHaveLength(1);
  });

  it('opens « Comptes » with Alt+U for an administrator only, and shows its help line to them only', () => {
    const key = { key: 'u', code: 'KeyU', altKey: true, ctrlKey: false, metaKey: false, preventDefault() {} } as KeyboardEvent;
    const [shortcut] = feature.shortcuts!;
    const context = { typing: false, view: { kind: 'home' } as const };
    useAccountStore.setState({ account: account({ role: 'agent' }) });
    expect(shortcut!.handle(key, context)).toBe(false);
    expect(feature.help![0]!.shown!()).toBe(false);
    useAccountStore.setState({ account: account({ login: 'gaetan', role: 'admin' }) });
    expect(shortcut!.handle(key, context)).toBe(true);
    expect(useViewStore.getState().stack.at(-1)).toEqual({ kind: 'accounts' });
    expect(feature.help![0]!.shown!()).toBe(true);
  });
});

describe('accounts in words', () => {
  it('names roles and states in French and English', () => {
    expect(['admin', 'supervisor', 'agent', 'technician'].map((r) => roleText(fr, r as Account['role']))).toEqual(['administrateur', 'superviseur', 'agent', 'technicien']);
    expect(roleText(en, 'admin')).toBe('administrator');
    expect(stateText(fr, accountState({ disabled: false, hasPassword: true }))).toBe('actif');
    expect(stateText(fr, accountState({ disabled: true, hasPassword: true }))).toBe('désactivé');
    expect(stateText(fr, accountState({ disabled: false, hasPassword: false }))).toBe('mot de passe à choisir');
    // Disabled wins over a password still to choose.
    expect(accountState({ disabled: true, hasPassword: false })).toBe('disabled');
  });

  it('words each audit action and its detail', () => {
    expect(auditActionText(fr, 'account.disabled')).toBe('Compte désactivé');
    expect(auditActionText(fr, 'login.failed')).toBe('Connexion refusée');
    expect(auditActionText(fr, 'session.something_new')).toBe('Autre action (session.something_new)');
    expect(auditDetailText(fr, entry({ action: 'account.role_changed', detail: '{"from":"agent","to":"supervisor"}' }))).toBe('agent → superviseur');
    expect(auditDetailText(fr, entry({ action: 'account.added', detail: '{"role":"agent","sipUser":null}' }))).toBe('rôle agent, ligne aucune');
    expect(auditDetailText(fr, entry({ action: 'account.sip_user_changed', detail: '{"from":null,"to":"bob"}' }))).toBe('aucune → bob');
    expect(auditDetailText(fr, entry({ action: 'login.failed', detail: '{"reason":"wrong_password"}' }))).toBe('mauvais mot de passe');
    expect(auditDetailText(en, entry({ action: 'login.throttled', detail: '{"waitSeconds":4}' }))).toBe('wait of 4 s');
    // A detail that is not what this build expects adds nothing rather than a code.
    expect(auditDetailText(fr, entry({ action: 'account.role_changed', detail: '{"from":"chef"}' }))).toBe('');
    expect(auditDetailText(fr, entry({ action: 'login.failed', detail: 'pas du JSON' }))).toBe('');
  });

  it('dates an entry in Paris time, French style', () => {
    expect(auditTime('2026-03-04T13:05:09.000Z', 'fr')).toBe('04/03/2026 14:05:09');
    // Summer time, and the day after in Paris.
    expect(auditTime('2026-07-14T22:30:00.000Z', 'fr')).toBe('15/07/2026 00:30:00');
    expect(auditTime('2026-07-14T22:30:00.000Z', 'en')).toBe('15/07/2026, 00:30:00');
  });

  it('sends exactly what the contract takes for a new person', () => {
    expect(addInput({ login: 'c.martin', name: 'Claire', role: 'supervisor', sipUser: ' 201 ' })).toEqual({ login: 'c.martin', name: 'Claire', role: 'supervisor', sipUser: '201' });
  });
});
