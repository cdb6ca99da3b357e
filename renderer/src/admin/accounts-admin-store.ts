/**
 * The administrator's accounts screen (company server): the people, the one-time link to give
 * after adding someone or resetting a password, the dialog of the row being changed, and the audit
 * log. Every rule (login pattern, last administrator, sessions closed on a change) is the service's
 * (electron/services/accounts/); this store sends what the administrator asked and keeps the
 * service's answer or its reason, worded by the view.
 */
import { create } from 'zustand';
import type { Account, AccountRole, CallOutput } from '../contract';
import { api } from '../transport/contract-client';
import { toUiError, type UiError } from '../ui/ui-error';
import type { LoadStatus } from '../call/call-store';

/** One line of the accounts' audit log, as `accounts.audit` gives it. */
export type AuditEntry = CallOutput<'accounts.audit'>[number];

export const ACCOUNT_ROLES: readonly AccountRole[] = ['admin', 'supervisor', 'agent', 'technician'];

/** How many audit entries the Journal shows (the newest). */
export const AUDIT_LIMIT = 200;

export type AccountState = 'active' | 'disabled' | 'pending';

/** Disabled first (it cannot sign in, password or not), then waiting for its password, else active. */
export function accountState(account: Pick<Account, 'disabled' | 'hasPassword'>): AccountState {
  if (account.disabled) return 'disabled';
  return account.hasPassword ? 'active' : 'pending';
}

export interface AddDraft {
  login: string;
  name: string;
  role: AccountRole;
  /** Empty: no line. */
  sipUser: string;
}

export const EMPTY_ADD_DRAFT: AddDraft = { login: '', name: '', role: 'agent', sipUser: '' };

/** The `accounts.add` input for a draft: trimmed, an empty line sent as none. */
export function addInput(draft: AddDraft): { login: string; name: string; role: AccountRole; sipUser: string | null } {
  const sipUser = draft.sipUser.trim();
  return { login: draft.login.trim(), name: draft.name.trim(), role: draft.role, sipUser: sipUser === '' ? null : sipUser };
}

/** A one-time link to give to its person, shown until the administrator puts it away. */
export interface PasswordLinkToGive {
  login: string;
  name: string;
  url: string;
  /** Why there is a link: a new account, or a password reset. */
  reason: 'added' | 'reset';
}

/** What can be done to one row, each in its dialog (the confirmations included). */
export type AccountAction = 'role' | 'line' | 'disable' | 'enable' | 'reset';

export interface AccountDialog {
  action: AccountAction;
  login: string;
}

export type AdminTab = 'people' | 'journal';

export interface AccountsAdminState {
  tab: AdminTab;
  accounts: Account[];
  status: LoadStatus;
  error: UiError | null;

  adding: boolean;
  addError: UiError | null;
  link: PasswordLinkToGive | null;

  dialog: AccountDialog | null;
  dialogBusy: boolean;
  dialogError: UiError | null;

  audit: AuditEntry[];
  auditStatus: LoadStatus;
  auditError: UiError | null;

  setTab(tab: AdminTab): void;
  load(): Promise<void>;
  loadAudit(): Promise<void>;
  /** Adds a person; true when added (the link to give is then in `link`). */
  add(draft: AddDraft): Promise<boolean>;
  dismissLink(): void;
  /** The view closes: the link and the dialog go. */
  leave(): void;
  openDialog(action: AccountAction, login: string): void;
  closeDialog(): void;
  setRole(login: string, role: AccountRole): Promise<boolean>;
  /** `sipUser` empty or blank: no line. */
  setSipUser(login: string, sipUser: string): Promise<boolean>;
  disable(login: string): Promise<boolean>;
  enable(login: string): Promise<boolean>;
  resetPassword(login: string): Promise<boolean>;
}

/** The list with `account` in place of its former self (or added, in login order). */
function withAccount(accounts: readonly Account[], account: Account): Account[] {
  const at = accounts.findIndex((a) => a.id === account.id);
  if (at >= 0) return accounts.map((a, i) => (i === at ? account : a));
  return [...accounts, account].sort((a, b) => a.login.localeCompare(b.login));
}

export const useAccountsAdminStore = create<AccountsAdminState>()((set, get) => {
  /** Runs one row's change from its dialog: the dialog closes on success, keeps the reason otherwise. */
  async function change(invoke: () => Promise<Account | { account: Account; passwordLink: string }>, onLink?: 'reset'): Promise<boolean> {
    set({ dialogBusy: true, dialogError: null });
    try {
      const answer = await invoke();
      const account = 'passwordLink' in answer ? answer.account : answer;
      set((s) => ({
        accounts: withAccount(s.accounts, account),
        dialog: null,
        dialogBusy: false,
        ...(onLink && 'passwordLink' in answer ? { link: { login: account.login, name: account.name, url: answer.passwordLink, reason: onLink } } : {}),
      }));
      return true;
    } catch (error) {
      set({ dialogBusy: false, dialogError: toUiError(error) });
      return false;
    }
  }

  return {
    tab: 'people',
    accounts: [],
    status: 'idle',
    error: null,
    adding: false,
    addError: null,
    link: null,
    dialog: null,
    dialogBusy: false,
    dialogError: null,
    audit: [],
    auditStatus: 'idle',
    auditError: null,

    setTab(tab) {
      set({ tab });
      if (tab === 'journal') void get().loadAudit();
    },

    async load() {
      set({ status: 'loading', error: null });
      try {
        const accounts = await api().invoke('accounts.list', {});
        set({ accounts, status: 'ready' });
      } catch (error) {
        set({ status: 'error', error: toUiError(error) });
      }
    },

    async loadAudit() {
      set({ auditStatus: 'loading', auditError: null });
      try {
        const audit = await api().invoke('accounts.audit', { limit: AUDIT_LIMIT });
        set({ audit, auditStatus: 'ready' });
      } catch (error) {
        set({ auditStatus: 'error', auditError: toUiError(error) });
      }
    },

    async add(draft) {
      set({ adding: true, addError: null });
      try {
        const { account, passwordLink } = await api().invoke('accounts.add', addInput(draft));
        set((s) => ({
          adding: false,
          accounts: withAccount(s.accounts, account),
          link: { login: account.login, name: account.name, url: passwordLink, reason: 'added' },
        }));
        return true;
      } catch (error) {
        set({ adding: false, addError: toUiError(error) });
        return false;
      }
    },

    dismissLink() {
      set({ link: null });
    },

    leave() {
      set({ link: null, dialog: null, dialogError: null, addError: null });
    },

    openDialog(action, login) {
      set({ dialog: { action, login }, dialogBusy: false, dialogError: null });
    },

    closeDialog() {
      if (get().dialogBusy) return;
      set({ dialog: null, dialogError: null });
    },

    setRole: (login, role) => change(() => api().invoke('accounts.setRole', { login, role })),
    setSipUser: (login, sipUser) => change(() => api().invoke('accounts.setSipUser', { login, sipUser: sipUser.trim() === '' ? null : sipUser.trim() })),
    disable: (login) => change(() => api().invoke('accounts.disable', { login })),
    enable: (login) => change(() => api().invoke('accounts.enable', { login })),
    resetPassword: (login) => change(() => api().invoke('accounts.resetPassword', { login }), 'reset'),
  };
});

/** The account a dialog is about, from the list. */
export const selectDialogAccount = (s: AccountsAdminState): Account | null =>
  s.dialog ? (s.accounts.find((a) => a.login === s.dialog!.login) ?? null) : null;
