/**
 * « Personnes »: who uses Accueil (login, name, role, line, state) with each row's actions, the
 * form that adds a person, and the link to give them.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { Account } from '../contract';
import { useAccountStore } from '../account/account-store';
import { useT, errorText } from '../i18n/use-t';
import type { MessageKey } from '../i18n';
import { Icon } from '../ui/Icon';
import { EnumSelect } from '../ui/EnumSelect';
import type { UiError } from '../ui/ui-error';
import { ACCOUNT_ROLES, EMPTY_ADD_DRAFT, accountState, useAccountsAdminStore, type AccountAction, type AddDraft } from './accounts-admin-store';
import { roleText, stateText } from './account-words';
import { PasswordLinkBox } from './PasswordLinkBox';

type AddField = 'login' | 'name' | 'sipUser';

/** Which field a refusal is about, so that field says so (aria-invalid) and gets the focus. */
function fieldOf(error: UiError | null): AddField | null {
  if (error?.kind !== 'service') return null;
  switch (error.reason) {
    case 'account.login_invalid':
    case 'account.login_taken':
      return 'login';
    case 'account.name_invalid':
      return 'name';
    case 'account.sip_user_invalid':
    case 'account.sip_user_taken':
      return 'sipUser';
    default:
      return null;
  }
}

function AddForm() {
  const { t } = useT();
  const add = useAccountsAdminStore((s) => s.add);
  const adding = useAccountsAdminStore((s) => s.adding);
  const addError = useAccountsAdminStore((s) => s.addError);
  const [draft, setDraft] = useState<AddDraft>(EMPTY_ADD_DRAFT);
  const [missing, setMissing] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const set = (patch: Partial<AddDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const focus = (field: AddField) => form.current?.querySelector<HTMLInputElement>(`#admin-add-${field}`)?.focus();

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (draft.login.trim() === '' || draft.name.trim() === '') {
      setMissing(true);
      focus(draft.login.trim() === '' ? 'login' : 'name');
      return;
    }
    setMissing(false);
    if (await add(draft)) setDraft(EMPTY_ADD_DRAFT);
    else {
      const field = fieldOf(useAccountsAdminStore.getState().addError);
      if (field) focus(field);
    }
  };

  const invalid = fieldOf(addError);
  const error = missing ? t('admin.add.missing') : addError ? errorText(t, addError) : null;
  const described = (field: AddField, help: string | null) => [help, invalid === field && error ? 'admin-add-error' : null].filter(Boolean).join(' ') || undefined;
  return (
    <form ref={form} className="card-panel form admin-add" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="admin-add-title" data-testid="accounts-add-form">
      <h2 id="admin-add-title" className="section-title">
        <Icon name="plus" /> {t('admin.add.title')}
      </h2>
      <div className="field-row admin-add-fields">
        <div className="field">
          <label htmlFor="admin-add-login" className="field-label">
            {t('admin.add.login')}
          </label>
          <input
            id="admin-add-login"
            value={draft.login}
            maxLength={40}
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="none"
            required
            aria-invalid={invalid === 'login' || (missing && draft.login.trim() === '')}
            aria-describedby={described('login', 'admin-add-login-help')}
            onChange={(e) => set({ login: e.target.value })}
          />
          <p id="admin-add-login-help" className="field-help">
            {t('admin.add.loginHelp')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="admin-add-name" className="field-label">
            {t('admin.add.name')}
          </label>
          <input
            id="admin-add-name"
            value={draft.name}
            maxLength={100}
            autoComplete="off"
            required
            aria-invalid={invalid === 'name' || (missing && draft.name.trim() === '')}
            aria-describedby={described('name', null)}
            onChange={(e) => set({ name: e.target.value })}
          />
        </div>
        <EnumSelect label={t('admin.add.role')} value={draft.role} values={ACCOUNT_ROLES} optionLabel={(r) => roleText(t, r)} onChange={(role) => set({ role })} testId="accounts-add-role" />
        <div className="field">
          <label htmlFor="admin-add-sipUser" className="field-label">
            {t('admin.add.sipUser')}
          </label>
          <input
            id="admin-add-sipUser"
            value={draft.sipUser}
            maxLength={64}
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="none"
            aria-invalid={invalid === 'sipUser'}
            aria-describedby={described('sipUser', 'admin-add-sipUser-help')}
            onChange={(e) => set({ sipUser: e.target.value })}
          />
          <p id="admin-add-sipUser-help" className="field-help">
            {t('admin.add.sipUserHelp')}
          </p>
        </div>
      </div>
      {error && (
        <p id="admin-add-error" className="inline-error" role="alert" data-testid="accounts-add-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={adding} data-testid="accounts-add-submit">
          {adding ? t('admin.add.busy') : t('admin.add.submit')}
        </button>
      </div>
    </form>
  );
}

const ACTIONS_OF: Record<ReturnType<typeof accountState>, AccountAction[]> = {
  active: ['role', 'line', 'disable', 'reset'],
  pending: ['role', 'line', 'disable', 'reset'],
  disabled: ['role', 'line', 'enable', 'reset'],
};

/** Each action's visible word, and its accessible name with the person (which starts with that word). */
const ACTION_LABEL: Record<AccountAction, [MessageKey, MessageKey]> = {
  role: ['admin.action.role', 'admin.action.roleFor'],
  line: ['admin.action.line', 'admin.action.lineFor'],
  disable: ['admin.action.disable', 'admin.action.disableFor'],
  enable: ['admin.action.enable', 'admin.action.enableFor'],
  reset: ['admin.action.reset', 'admin.action.resetFor'],
};

function Row({ account, self }: { account: Account; self: boolean }) {
  const { t } = useT();
  const open = useAccountsAdminStore((s) => s.openDialog);
  const state = accountState(account);
  return (
    <tr data-testid="accounts-row" data-login={account.login} data-state={state}>
      <td className="admin-login">{account.login}</td>
      <td className="admin-name">
        {account.name}
        {self && <span className="badge admin-you"> {t('admin.you')}</span>}
      </td>
      <td data-testid="accounts-role">{roleText(t, account.role)}</td>
      <td data-testid="accounts-line">{account.sipUser ?? <span className="muted">{t('admin.noLine')}</span>}</td>
      <td data-testid="accounts-state">
        <span className={`admin-state admin-state-${state}`}>{stateText(t, state)}</span>
      </td>
      <td>
        <div className="admin-actions">
          {ACTIONS_OF[state].map((action) => (
            <button
              key={action}
              type="button"
              className="btn btn-small"
              aria-label={t(ACTION_LABEL[action][1], { name: account.name })}
              data-testid={`accounts-action-${action}`}
              onClick={() => open(action, account.login)}
            >
              {t(ACTION_LABEL[action][0])}
            </button>
          ))}
        </div>
      </td>
    </tr>
  );
}

export function PeoplePanel() {
  const { t } = useT();
  const accounts = useAccountsAdminStore((s) => s.accounts);
  const status = useAccountsAdminStore((s) => s.status);
  const error = useAccountsAdminStore((s) => s.error);
  const load = useAccountsAdminStore((s) => s.load);
  const me = useAccountStore((s) => s.account?.login);
  return (
    <>
      <PasswordLinkBox />
      {status === 'error' && error && (
        <p className="inline-error" role="alert" data-testid="accounts-error">
          {errorText(t, error)}{' '}
          <button type="button" className="btn btn-small" onClick={() => void load()}>
            {t('error.retry')}
          </button>
        </p>
      )}
      {status === 'loading' && accounts.length === 0 && <p className="muted loading">{t('admin.loading')}</p>}
      {status === 'ready' && accounts.length === 0 && <p className="muted">{t('admin.list.empty')}</p>}
      {accounts.length > 0 && (
        <div className="card-panel admin-table-wrap">
          <table className="admin-table" data-testid="accounts-table">
            <caption className="sr-only">{t('admin.list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.col.login')}</th>
                <th scope="col">{t('admin.col.name')}</th>
                <th scope="col">{t('admin.col.role')}</th>
                <th scope="col">{t('admin.col.line')}</th>
                <th scope="col">{t('admin.col.state')}</th>
                <th scope="col">{t('admin.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((account) => (
                <Row key={account.id} account={account} self={account.login === me} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddForm />
    </>
  );
}
