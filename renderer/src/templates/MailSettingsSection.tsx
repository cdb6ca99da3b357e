/**
 * Paramètres › E-mail: the SMTP server (host, port, STARTTLS / TLS / none), the login (password
 * write-only), the sender and the signature values the templates use. "Tester la connexion" logs in
 * without sending anything.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTemplateStore, type MailSettings, type MailSettingsInput } from './template-store';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { useT, errorText, reasonText } from '../i18n/use-t';
import type { MessageKey } from '../i18n';
import { Icon } from '../ui/Icon';

type Draft = Omit<MailSettingsInput, 'password' | 'port'> & { port: string; password: string };

const fromSettings = (m: MailSettings): Draft => ({
  host: m.host,
  port: String(m.port),
  security: m.security,
  user: m.user,
  fromAddress: m.fromAddress,
  fromName: m.fromName,
  companyName: m.companyName,
  companyPhone: m.companyPhone,
  reviewUrl: m.reviewUrl,
  password: '',
});

const TEXT_FIELDS: Array<{ key: keyof Draft; label: MessageKey; type?: string }> = [
  { key: 'user', label: 'mail.user' },
  { key: 'fromAddress', label: 'mail.fromAddress', type: 'email' },
  { key: 'fromName', label: 'mail.fromName' },
  { key: 'companyName', label: 'mail.companyName' },
  { key: 'companyPhone', label: 'mail.companyPhone' },
  { key: 'reviewUrl', label: 'mail.reviewUrl', type: 'url' },
];

export function MailSettingsSection() {
  const { t } = useT();
  const mail = useTemplateStore((s) => s.mail);
  const status = useTemplateStore((s) => s.mailStatus);
  const message = useTemplateStore((s) => s.mailMessage);
  const error = useTemplateStore((s) => s.mailError);
  const loadMail = useTemplateStore((s) => s.loadMail);
  const saveMail = useTemplateStore((s) => s.saveMail);
  const testMail = useTemplateStore((s) => s.testMail);
  const canWrite = useConnectionStore(selectCanWrite);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    void loadMail();
  }, [loadMail]);
  useEffect(() => {
    if (mail && !dirty) setDraft(fromSettings(mail));
  }, [mail, dirty]);
  if (!draft) return null;

  const disabled = !canWrite || status === 'saving' || status === 'testing';
  const set = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setDirty(true);
  };
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const { password, port, ...rest } = draft;
    const input: MailSettingsInput = { ...rest, port: Number(port) || 587, ...(password !== '' ? { password } : {}) };
    if (await saveMail(input)) setDirty(false);
  };

  return (
    <form className="card-panel form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="settings-mail-form">
      <h2 className="section-title">{t('mail.title')}</h2>
      {mail?.fromEnvironment && (
        <p className="notice notice-info" data-testid="mail-env-note">
          <Icon name="alert" />
          <span>{t('mail.fromEnvironment')}</span>
        </p>
      )}
      <div className="field-row">
        <div className="field">
          <label htmlFor="mail-host" className="field-label">
            {t('mail.host')}
          </label>
          <input id="mail-host" data-testid="mail-host" value={draft.host} maxLength={255} spellCheck={false} disabled={disabled} onChange={(e) => set({ host: e.target.value })} />
        </div>
        <div className="field field-narrow">
          <label htmlFor="mail-port" className="field-label">
            {t('mail.port')}
          </label>
          <input id="mail-port" data-testid="mail-port" inputMode="numeric" value={draft.port} maxLength={5} disabled={disabled} onChange={(e) => set({ port: e.target.value.replace(/\D/g, '') })} />
        </div>
        <div className="field">
          <label htmlFor="mail-security" className="field-label">
            {t('mail.security')}
          </label>
          <select
            id="mail-security"
            data-testid="mail-security"
            value={draft.security}
            disabled={disabled}
            onChange={(e) => {
              const security = e.target.value as Draft['security'];
              // The usual port follows the mode unless IT typed another one.
              const port = draft.port === '587' || draft.port === '465' || draft.port === '25' ? (security === 'tls' ? '465' : security === 'starttls' ? '587' : draft.port) : draft.port;
              set({ security, port });
            }}
          >
            <option value="starttls">{t('mail.security.starttls')}</option>
            <option value="tls">{t('mail.security.tls')}</option>
            <option value="none">{t('mail.security.none')}</option>
          </select>
        </div>
      </div>
      {TEXT_FIELDS.map(({ key, label, type }) => (
        <div className="field" key={key}>
          <label htmlFor={`mail-${key}`} className="field-label">
            {t(label)}
          </label>
          <input
            id={`mail-${key}`}
            data-testid={`mail-${key}`}
            type={type ?? 'text'}
            value={String(draft[key])}
            maxLength={500}
            spellCheck={false}
            disabled={disabled}
            onChange={(e) => set({ [key]: e.target.value } as Partial<Draft>)}
          />
        </div>
      ))}
      <div className="field">
        <label htmlFor="mail-password" className="field-label">
          {t('settings.password')}{' '}
          {mail?.hasPassword && (
            <span className="badge badge-ok">
              <Icon name="check" size={12} /> {t('settings.passwordStored')}
            </span>
          )}
        </label>
        <input
          id="mail-password"
          data-testid="mail-password"
          type="password"
          autoComplete="new-password"
          value={draft.password}
          maxLength={500}
          placeholder={mail?.hasPassword ? '••••••••' : ''}
          disabled={disabled}
          onChange={(e) => set({ password: e.target.value })}
        />
        <p className="field-help">{mail?.hasPassword ? t('settings.passwordKeep') : t('settings.passwordNone')}</p>
      </div>
      {status === 'error' && error && (
        <p className="inline-error" role="alert" data-testid="mail-error">
          {errorText(t, error)}
        </p>
      )}
      {status === 'saved' && (
        <p className="notice notice-ok" role="status" data-testid="mail-saved">
          <Icon name="check" /> <span>{t('settings.saved')}</span>
        </p>
      )}
      {status === 'tested' && message && (
        <p className="notice notice-ok" role="status" data-testid="mail-tested">
          <Icon name="check" /> <span>{reasonText(t, message, message.detail)}</span>
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="btn" disabled={disabled || dirty} onClick={() => void testMail()} data-testid="mail-test">
          {status === 'testing' ? t('mail.testing') : t('mail.test')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={disabled} data-testid="mail-save">
          {status === 'saving' ? t('settings.saving') : t('settings.save')}
        </button>
      </div>
    </form>
  );
}
