/**
 * The customer's « Canal préféré » for automatic service messages (reminders, survey link) and
 * their marketing consent, per channel, under the conversation: what each channel answers
 * now (the services decide: consent for SMS and WhatsApp, the shared opt-out ledger for all), and
 * Claire records a yes or a no with its source — when the customer says it on the phone.
 */
import { useEffect, useState } from 'react';
import type { CallOutput } from '../contract';
import { api } from '../transport/contract-client';
import { fullDateTime } from '../format/format';
import { errorText, useT } from '../i18n/use-t';
import { toUiError, type UiError } from '../ui/ui-error';

type ConsentState = CallOutput<'messaging.consents'>;
type Channel = 'sms' | 'whatsapp' | 'email';
const CHANNELS: readonly Channel[] = ['sms', 'whatsapp', 'email'];
const LABEL: Record<Channel, string> = { sms: 'SMS', whatsapp: 'WhatsApp', email: 'E-mail' };
type Preferred = 'email' | 'sms' | 'whatsapp';
const PREFERRED: readonly Preferred[] = ['email', 'sms', 'whatsapp'];

export function ConsentLine({ contactId, canWrite, reloadKey }: { contactId: string; canWrite: boolean; reloadKey: unknown }) {
  const { t, locale } = useT();
  const [state, setState] = useState<ConsentState | null>(null);
  const [channel, setChannel] = useState<Channel>('sms');
  const [source, setSource] = useState('');
  const [error, setError] = useState<UiError | null>(null);
  useEffect(() => {
    let live = true;
    void api()
      .invoke('messaging.consents', { contactId })
      .then((value) => live && setState(value))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [contactId, reloadKey]);
  if (!state) return null;
  const choosePreferred = async (preferred: Preferred) => {
    setError(null);
    try {
      setState(await api().invoke('messaging.setPreferredChannel', { contactId, channel: preferred }));
    } catch (e) {
      setError(toUiError(e));
    }
  };
  const record = async (granted: boolean) => {
    setError(null);
    try {
      setState(await api().invoke('messaging.setConsent', { contactId, channel, granted, givenAt: new Date().toISOString(), source: source.trim() || t('messaging.consent.byPhone') }));
      setSource('');
    } catch (e) {
      setError(toUiError(e));
    }
  };
  return (
    <div className="conversation-consent" data-testid="conversation-consent">
      <p className="muted">
        {t('messaging.consent.title')}{' '}
        {CHANNELS.map((c, i) => {
          const given = state.consents.find((r) => r.channel === c);
          return (
            <span key={c} data-testid={`consent-${c}`} data-allowed={state.mayMarket[c]}>
              {i > 0 && ' · '}
              {LABEL[c]} {state.mayMarket[c] ? t('messaging.consent.yes') : t('messaging.consent.no')}
              {given && ` (${given.source}, ${fullDateTime(given.givenAt, locale)})`}
            </span>
          );
        })}
      </p>
      {state.optedOutAt && <p className="muted">{t('messaging.consent.optedOut', { date: fullDateTime(state.optedOutAt, locale) })}</p>}
      <div className="conversation-options" data-testid="preferred-channel-line">
        <label>
          {t('messaging.preferred.label')}{' '}
          <select
            value={state.preferredChannel}
            disabled={!canWrite}
            onChange={(e) => void choosePreferred(e.target.value as Preferred)}
            data-testid="preferred-channel"
            title={t('messaging.preferred.hint')}
          >
            {PREFERRED.map((c) => (
              <option key={c} value={c}>
                {t(`messaging.preferred.${c}`)}
              </option>
            ))}
          </select>
        </label>
        {state.preferredSetAt && state.preferredSetBy && (
          <span className="muted" data-testid="preferred-channel-set">
            {t('messaging.preferred.setBy', { who: state.preferredSetBy, date: fullDateTime(state.preferredSetAt, locale) })}
          </span>
        )}
      </div>
      {canWrite && (
        <div className="conversation-options">
          <label>
            <span className="sr-only">{t('messaging.channel')}</span>
            <select value={channel} onChange={(e) => setChannel(e.target.value as Channel)} data-testid="consent-channel">
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {LABEL[c]}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span className="sr-only">{t('messaging.consent.source')}</span>
            <input value={source} maxLength={200} placeholder={t('messaging.consent.byPhone')} onChange={(e) => setSource(e.target.value)} data-testid="consent-source" />
          </label>
          <button type="button" className="btn btn-small" onClick={() => void record(true)} data-testid="consent-grant">
            {t('messaging.consent.grant')}
          </button>
          <button type="button" className="btn btn-small" onClick={() => void record(false)} data-testid="consent-withdraw">
            {t('messaging.consent.withdraw')}
          </button>
        </div>
      )}
      {error && (
        <p className="inline-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
    </div>
  );
}
