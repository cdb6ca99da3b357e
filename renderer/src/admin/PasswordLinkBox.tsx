/**
 * The one-time link to give after adding a person or resetting a password: shown once (the server
 * keeps only its hash), with « Copier ». On a company server reached over plain http on the LAN
 * the browser has no clipboard API: the link is then copied by selection, or left selected for
 * Ctrl+C with a sentence saying so.
 */
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/use-t';
import { Icon } from '../ui/Icon';
import { useAccountsAdminStore } from './accounts-admin-store';

async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused (permissions): try the selection below.
  }
  if (!field) return false;
  field.focus();
  field.select();
  try {
    // The only way left outside a secure context; deprecated but still supported for this.
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

export function PasswordLinkBox() {
  const { t } = useT();
  const link = useAccountsAdminStore((s) => s.link);
  const dismiss = useAccountsAdminStore((s) => s.dismissLink);
  const heading = useRef<HTMLHeadingElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const url = link?.url ?? null;
  useEffect(() => {
    setCopy('idle');
    if (url) heading.current?.focus();
  }, [url]);
  if (!link) return null;
  return (
    <section className="card-panel form admin-link" aria-labelledby="admin-link-title" data-testid="accounts-link-box" data-login={link.login}>
      <h2 id="admin-link-title" className="section-title" tabIndex={-1} ref={heading}>
        <Icon name="link" /> {t('admin.link.title', { name: link.name })}
      </h2>
      <p>{t(link.reason === 'added' ? 'admin.link.added' : 'admin.link.reset', { login: link.login })}</p>
      <div className="field">
        <label htmlFor="admin-link-url" className="field-label">
          {t('admin.link.label', { login: link.login })}
        </label>
        <div className="admin-link-row">
          <input id="admin-link-url" ref={field} readOnly value={link.url} spellCheck={false} data-testid="accounts-link-url" onFocus={(e) => e.target.select()} />
          <button
            type="button"
            className="btn btn-primary"
            data-testid="accounts-link-copy"
            onClick={() => void copyText(link.url, field.current).then((ok) => setCopy(ok ? 'copied' : 'failed'))}
          >
            <Icon name="copy" />
            {t('admin.link.copy')}
          </button>
        </div>
      </div>
      <p role="status" className={copy === 'failed' ? 'field-error' : 'field-help'} data-testid="accounts-link-status">
        {copy === 'copied' ? t('admin.link.copied') : copy === 'failed' ? t('admin.link.copyFailed') : ''}
      </p>
      <div className="form-actions">
        <button type="button" className="btn" onClick={dismiss}>
          {t('admin.link.dismiss')}
        </button>
      </div>
    </section>
  );
}
