/** Paramètres › Enquêtes de satisfaction: the delay after a visit, the per-customer cap, and whether surveys can go out at all. */
import { useEffect, useState } from 'react';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { useT, errorText, reasonText } from '../i18n/use-t';
import { useSatisfactionStore } from './satisfaction-store';

export function SatisfactionSettingsSection() {
  const { t } = useT();
  const canWrite = useConnectionStore(selectCanWrite);
  const settings = useSatisfactionStore((s) => s.settings);
  const error = useSatisfactionStore((s) => s.settingsError);
  const [delay, setDelay] = useState<string | null>(null);
  const [cap, setCap] = useState<string | null>(null);
  useEffect(() => {
    void useSatisfactionStore.getState().loadSettings();
  }, []);
  if (!settings) return null;
  const delayShown = delay ?? String(settings.delayMinutes);
  const capShown = cap ?? String(settings.capDays);
  const delayValue = Number(delayShown);
  const capValue = Number(capShown);
  const valid = Number.isInteger(delayValue) && delayValue >= 0 && delayValue <= 10_080 && Number.isInteger(capValue) && capValue >= 0 && capValue <= 365;
  return (
    <section className="card-panel form" aria-labelledby="sat-settings-title" data-testid="satisfaction-settings">
      <h2 id="sat-settings-title">{t('satisfaction.settings')}</h2>
      <p className={settings.sending ? 'muted' : 'inline-warning'} data-testid="satisfaction-sending">
        {settings.sending ? t('satisfaction.sendingOn') : reasonText(t, { reason: settings.sendingBlockerReason }, settings.sendingBlocker ?? '')}
      </p>
      <form
        className="field-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (!valid) return;
          void useSatisfactionStore
            .getState()
            .saveSettings({ delayMinutes: delayValue, capDays: capValue })
            .then((ok) => {
              if (ok) {
                setDelay(null);
                setCap(null);
              }
            });
        }}
      >
        <label className="field">
          <span className="field-label">{t('satisfaction.delay')}</span>
          <input
            type="number"
            min={0}
            max={10_080}
            value={delayShown}
            disabled={!canWrite || settings.delayFromEnvironment}
            onChange={(e) => setDelay(e.target.value)}
            data-testid="satisfaction-delay"
          />
        </label>
        <label className="field">
          <span className="field-label">{t('satisfaction.cap')}</span>
          <input type="number" min={0} max={365} value={capShown} disabled={!canWrite} onChange={(e) => setCap(e.target.value)} data-testid="satisfaction-cap" />
        </label>
        <button type="submit" className="btn" disabled={!canWrite || !valid || (delayValue === settings.delayMinutes && capValue === settings.capDays)}>
          {t('satisfaction.save')}
        </button>
      </form>
      {settings.delayFromEnvironment && <p className="muted">{t('satisfaction.delayFromEnvironment')}</p>}
      {error && (
        <p className="inline-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
    </section>
  );
}
