/**
 * The dialog of the row being changed: its role, its line, or the confirmation before disabling,
 * enabling or resetting a password. A refusal stays in the dialog, worded (the last administrator,
 * a line already taken…); success closes it and the row shows the service's answer.
 */
import { useState, type FormEvent } from 'react';
import type { Account, AccountRole } from '../contract';
import { useAccountStore } from '../account/account-store';
import { useT, errorText } from '../i18n/use-t';
import { EnumSelect } from '../ui/EnumSelect';
import { ACCOUNT_ROLES, selectDialogAccount, useAccountsAdminStore, type AccountAction } from './accounts-admin-store';
import { roleText } from './account-words';
import { AdminDialog } from './AdminDialog';

function DialogError() {
  const { t } = useT();
  const error = useAccountsAdminStore((s) => s.dialogError);
  if (!error) return null;
  return (
    <p className="inline-error" role="alert" data-testid="accounts-dialog-error">
      {errorText(t, error)}
    </p>
  );
}

/** Cancel and the action; a confirmation opens with the focus on Cancel (the harmless choice). */
function Actions({ submit, focusCancel = false }: { submit: string; focusCancel?: boolean }) {
  const { t } = useT();
  const busy = useAccountsAdminStore((s) => s.dialogBusy);
  const close = useAccountsAdminStore((s) => s.closeDialog);
  return (
    <div className="form-actions">
      <button type="button" className="btn" onClick={close} disabled={busy} data-autofocus={focusCancel ? '' : undefined}>
        {t('admin.dialog.cancel')}
      </button>
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid="accounts-dialog-confirm">
        {busy ? t('admin.dialog.busy') : submit}
      </button>
    </div>
  );
}

function RoleForm({ account }: { account: Account }) {
  const { t } = useT();
  const setRole = useAccountsAdminStore((s) => s.setRole);
  const [role, setValue] = useState<AccountRole>(account.role);
  return (
    <form className="form admin-dialog-form" onSubmit={(e) => (e.preventDefault(), void setRole(account.login, role))}>
      <EnumSelect label={t('admin.col.role')} value={role} values={ACCOUNT_ROLES} optionLabel={(r) => roleText(t, r)} onChange={setValue} testId="accounts-dialog-role" />
      <p className="field-help">{t('admin.dialog.roleHelp')}</p>
      <DialogError />
      <Actions submit={t('admin.dialog.save')} />
    </form>
  );
}

function LineForm({ account }: { account: Account }) {
  const { t } = useT();
  const setSipUser = useAccountsAdminStore((s) => s.setSipUser);
  const [line, setLine] = useState(account.sipUser ?? '');
  return (
    <form className="form admin-dialog-form" onSubmit={(e: FormEvent) => (e.preventDefault(), void setSipUser(account.login, line))}>
      <div className="field">
        <label htmlFor="admin-dialog-line" className="field-label">
          {t('admin.dialog.lineLabel')}
        </label>
        <input
          id="admin-dialog-line"
          data-testid="accounts-dialog-line"
          value={line}
          maxLength={64}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="none"
          aria-describedby="admin-dialog-line-help"
          onChange={(e) => setLine(e.target.value)}
        />
        <p id="admin-dialog-line-help" className="field-help">
          {t('admin.dialog.lineHelp')}
        </p>
      </div>
      <DialogError />
      <Actions submit={t('admin.dialog.save')} />
    </form>
  );
}

const CONFIRMATIONS = {
  disable: { text: 'admin.dialog.disableText', submit: 'admin.dialog.confirmDisable', run: 'disable' },
  enable: { text: 'admin.dialog.enableText', submit: 'admin.dialog.confirmEnable', run: 'enable' },
  reset: { text: 'admin.dialog.resetText', submit: 'admin.dialog.confirmReset', run: 'resetPassword' },
} as const;

function Confirmation({ account, action }: { account: Account; action: keyof typeof CONFIRMATIONS }) {
  const { t } = useT();
  const self = useAccountStore((s) => s.account?.login === account.login);
  const { text, submit, run } = CONFIRMATIONS[action];
  const confirm = useAccountsAdminStore((s) => s[run]);
  return (
    <form className="form admin-dialog-form" onSubmit={(e) => (e.preventDefault(), void confirm(account.login))}>
      <p>{t(text, { name: account.name, login: account.login })}</p>
      {self && action !== 'enable' && <p className="notice notice-info">{t('admin.dialog.disableSelf')}</p>}
      <DialogError />
      <Actions submit={t(submit)} focusCancel />
    </form>
  );
}

const TITLES = {
  role: 'admin.dialog.role',
  line: 'admin.dialog.line',
  disable: 'admin.dialog.disable',
  enable: 'admin.dialog.enable',
  reset: 'admin.dialog.reset',
} as const satisfies Record<AccountAction, string>;

export function AccountDialogs() {
  const { t } = useT();
  const dialog = useAccountsAdminStore((s) => s.dialog);
  const account = useAccountsAdminStore(selectDialogAccount);
  const close = useAccountsAdminStore((s) => s.closeDialog);
  if (!dialog || !account) return null;
  const { action } = dialog;
  return (
    <AdminDialog title={t(TITLES[action], { name: account.name })} onClose={close} testId="accounts-dialog">
      {action === 'role' ? <RoleForm account={account} /> : action === 'line' ? <LineForm account={account} /> : <Confirmation account={account} action={action} />}
    </AdminDialog>
  );
}
