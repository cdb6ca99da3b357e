/**
 * Settings: interface language, PBX line, then each feature's section (slot `settings.section`).
 * The password is write-only: the screen only knows whether one is stored ("enregistré"). Errors
 * are shown inline, in plain words.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Locale } from '../contract';
import { draftFrom, validateSipDraft, useSettingsStore, type SipDraft } from './settings-store';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { useT, errorText } from '../i18n/use-t';
import { Icon } from '../ui/Icon';
import { BackButton, useFocusOnOpen } from '../app/view-toolbar';
import { Slot } from '../app/slots';
import { selectCurrentView, useViewStore } from '../app/view-store';

const EMPTY_DRAFT: SipDraft = { wsUrl: '', uri: '', user: '', displayName: '', password: '', removePassword: false };

export function SettingsView() {
  const { t } = useT();
  const settings = useSettingsStore((s) => s.settings);
  const status = useSettingsStore((s) => s.status);
  const loadError = useSettingsStore((s) => s.error);
  const saveStatus = useSettingsStore((s) => s.saveStatus);
  const saveError = useSettingsStore((s) => s.saveError);
  const saveTarget = useSettingsStore((s) => s.saveTarget);
  const saveSip = useSettingsStore((s) => s.saveSip);
  const saveLocale = useSettingsStore((s) => s.saveLocale);
  const load = useSettingsStore((s) => s.load);
  const resetSaveStatus = useSettingsStore((s) => s.resetSaveStatus);
  const locale = useSettingsStore((s) => s.locale);
  const canWrite = useConnectionStore(selectCanWrite);
  const info = useConnectionStore((s) => s.appInfo);
  const heading = useFocusOnOpen<HTMLHeadingElement>('settings');
  const section = useViewStore((s) => {
    const view = selectCurrentView(s);
    return view.kind === 'settings' ? (view.section ?? null) : null;
  });
  const telephonyHeading = useRef<HTMLHeadingElement>(null);
  // Opened for the telephony section (the « Non configuré » pill, a call button without a line):
  // after the view's own focus, the section's heading takes it, in view.
  useEffect(() => {
    if (section !== 'telephony') return;
    telephonyHeading.current?.scrollIntoView({ block: 'start' });
    telephonyHeading.current?.focus({ preventScroll: true });
  }, [section]);

  const [draft, setDraft] = useState<SipDraft>(() => (settings ? draftFrom(settings) : EMPTY_DRAFT));
  const [touched, setTouched] = useState(false);
  const [dirty, setDirty] = useState(false);

  // Follow the stored values until Claire starts editing.
  useEffect(() => {
    if (settings && !dirty) setDraft(draftFrom(settings));
  }, [settings, dirty]);
  useEffect(() => () => resetSaveStatus(), [resetSaveStatus]);

  const errors = validateSipDraft(draft);
  const disabled = !canWrite || saveStatus === 'saving';
  const set = (patch: Partial<SipDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setDirty(true);
    if (saveStatus !== 'saving') resetSaveStatus();
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (Object.keys(errors).length > 0) {
      document.getElementById(errors.wsUrl ? 'set-wsUrl' : 'set-uri')?.focus();
      return;
    }
    if (await saveSip(draft)) {
      setDirty(false);
      setTouched(false);
    }
  };

  const hasPassword = settings?.sip.hasPassword ?? false;
  return (
    <article className="settings" data-testid="settings">
      <div className="view-toolbar">
        <BackButton />
        <h1 className="view-kicker" tabIndex={-1} ref={heading}>
          {t('settings.title')}
        </h1>
      </div>
      {status === 'error' && loadError && (
        <p className="inline-error" role="alert">
          {errorText(t, loadError)}{' '}
          <button type="button" className="btn btn-small" onClick={() => void load()}>
            {t('error.retry')}
          </button>
        </p>
      )}
      {!canWrite && <p className="notice">{t('settings.readOnly')}</p>}

      <section className="card-panel form">
        <h2 className="section-title">{t('settings.language')}</h2>
        <div className="segmented" role="radiogroup" aria-label={t('settings.language')}>
          {(['fr', 'en'] as Locale[]).map((l) => (
            <label key={l} className={`segment ${locale === l ? 'selected' : ''}`}>
              <input
                type="radio"
                name="locale"
                value={l}
                checked={locale === l}
                disabled={disabled}
                onChange={() => void saveLocale(l)}
                data-testid={`settings-locale-${l}`}
              />
              <span lang={l}>{t(`settings.language.${l}`)}</span>
            </label>
          ))}
        </div>
        {saveTarget === 'locale' && saveStatus === 'error' && saveError && (
          <p className="inline-error" role="alert" data-testid="settings-locale-error">
            {errorText(t, saveError)}
          </p>
        )}
      </section>

      <form className="card-panel form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="settings-sip-form">
        <h2 className="section-title" id="settings-telephony" tabIndex={-1} ref={telephonyHeading} data-testid="settings-telephony">
          {t('settings.pbx')}
        </h2>
        {settings?.sipFromEnvironment && (
          <p className="notice notice-info" data-testid="settings-env-note">
            <Icon name="alert" />
            <span>{t('settings.fromEnvironment')}</span>
          </p>
        )}
        <div className="field">
          <label htmlFor="set-wsUrl" className="field-label">
            {t('settings.wsUrl')}
          </label>
          <input
            id="set-wsUrl"
            data-testid="settings-ws-url"
            value={draft.wsUrl}
            maxLength={500}
            spellCheck={false}
            autoComplete="off"
            inputMode="url"
            disabled={disabled}
            onChange={(e) => set({ wsUrl: e.target.value })}
            aria-invalid={touched && !!errors.wsUrl}
            aria-describedby="set-wsUrl-help"
          />
          <p id="set-wsUrl-help" className={touched && errors.wsUrl ? 'field-error' : 'field-help'}>
            {touched && errors.wsUrl ? t(errors.wsUrl) : t('settings.wsUrlHelp')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="set-uri" className="field-label">
            {t('settings.uri')}
          </label>
          <input
            id="set-uri"
            data-testid="settings-uri"
            value={draft.uri}
            maxLength={500}
            spellCheck={false}
            autoComplete="off"
            disabled={disabled}
            onChange={(e) => set({ uri: e.target.value })}
            aria-invalid={touched && !!errors.uri}
            aria-describedby="set-uri-help"
          />
          <p id="set-uri-help" className={touched && errors.uri ? 'field-error' : 'field-help'}>
            {touched && errors.uri ? t(errors.uri) : t('settings.uriHelp')}
          </p>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="set-user" className="field-label">
              {t('settings.user')}
            </label>
            <input
              id="set-user"
              data-testid="settings-user"
              value={draft.user}
              maxLength={200}
              autoComplete="off"
              spellCheck={false}
              disabled={disabled}
              onChange={(e) => set({ user: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="set-displayName" className="field-label">
              {t('settings.displayName')}
            </label>
            <input
              id="set-displayName"
              data-testid="settings-display-name"
              value={draft.displayName}
              maxLength={200}
              autoComplete="off"
              disabled={disabled}
              onChange={(e) => set({ displayName: e.target.value })}
            />
          </div>
        </div>
        <div className="field">
          <label htmlFor="set-password" className="field-label">
            {t('settings.password')}{' '}
            {hasPassword && (
              <span className="badge badge-ok" data-testid="settings-password-stored">
                <Icon name="check" size={12} /> {t('settings.passwordStored')}
              </span>
            )}
          </label>
          <input
            id="set-password"
            data-testid="settings-password"
            type="password"
            value={draft.password}
            maxLength={500}
            autoComplete="new-password"
            disabled={disabled || draft.removePassword}
            placeholder={hasPassword ? '••••••••' : ''}
            onChange={(e) => set({ password: e.target.value })}
            aria-describedby="set-password-help"
          />
          <p id="set-password-help" className="field-help">
            {hasPassword ? t('settings.passwordKeep') : t('settings.passwordNone')}
          </p>
          {hasPassword && (
            <label className="toggle">
              <input
                type="checkbox"
                checked={draft.removePassword}
                disabled={disabled}
                onChange={(e) => set({ removePassword: e.target.checked, password: '' })}
              />
              <span>{t('settings.passwordRemove')}</span>
            </label>
          )}
        </div>
        {saveTarget === 'sip' && saveStatus === 'error' && saveError && (
          <p className="inline-error" role="alert" data-testid="settings-error">
            {errorText(t, saveError)}
          </p>
        )}
        {saveTarget === 'sip' && saveStatus === 'saved' && (
          <p className="notice notice-ok" role="status" data-testid="settings-saved">
            <Icon name="check" /> <span>{t('settings.saved')}</span>
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={disabled} data-testid="settings-save">
            {saveStatus === 'saving' ? t('settings.saving') : t('settings.save')}
          </button>
        </div>
      </form>
      <Slot name="settings.section" />
      {info && <p className="muted small">{t('settings.version', { version: info.version, dataDir: info.dataDir })}</p>}
    </article>
  );
}
