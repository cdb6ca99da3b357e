/**
 * Click-to-call from any number on screen: the desk phone rings first, then calls the number. With
 * no line configured the button stays reachable and says why it cannot call (its title, and the
 * status line when pressed, with the way to Paramètres › Standard téléphonique).
 */
import { useCallbackStore } from './callback-store';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { errorText, useT } from '../i18n/use-t';
import { Icon } from '../ui/Icon';
import { showTelephonySettings } from '../settings/SettingsLink';

export function DialButton({ number, display, label, testId = 'dial-button' }: { number: string | null; display: string; label?: string; testId?: string }) {
  const { t } = useT();
  const dial = useCallbackStore((s) => s.dial);
  const dialling = useCallbackStore((s) => s.dialling);
  const canWrite = useConnectionStore(selectCanWrite);
  const noLine = useConnectionStore((s) => s.telephony?.state === 'unconfigured');
  if (!number) return null;
  const title = noLine ? t('dial.noLine', { number: display }) : t('dial.call', { number: display });
  return (
    <button
      type="button"
      className={`${label ? 'btn btn-small dial-btn' : 'icon-btn dial-btn'} ${noLine ? 'dial-no-line' : ''}`}
      title={title}
      // Not `disabled`: a disabled button can be neither focused nor asked why.
      aria-disabled={noLine || undefined}
      disabled={!canWrite || dialling !== null}
      data-no-line={noLine || undefined}
      data-testid={testId}
      data-number={number}
      onClick={(e) => {
        e.stopPropagation();
        void dial(number);
      }}
    >
      <Icon name="phone-out" />
      {label ? <span>{label}</span> : <span className="sr-only">{title}</span>}
    </button>
  );
}

/** While the desk phone rings for a click-to-call, and when a dial failed: one line for both. */
export function DialStatus() {
  const { t } = useT();
  const dialling = useCallbackStore((s) => s.dialling);
  const error = useCallbackStore((s) => s.dialError);
  const refusedForNoLine = useCallbackStore((s) => s.refusedForNoLine);
  const clear = useCallbackStore((s) => s.clearDialError);
  if (refusedForNoLine) {
    return (
      <div className="dial-status inline-error" role="alert" data-testid="dial-status" data-reason="no-line">
        <span>{t('dial.noLine', { number: refusedForNoLine })}</span>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            clear();
            showTelephonySettings();
          }}
          data-testid="dial-configure-line"
        >
          {t('dial.configureLine')}
        </button>
        <button type="button" className="icon-btn" onClick={clear} title={t('nav.close')}>
          <Icon name="close" />
          <span className="sr-only">{t('nav.close')}</span>
        </button>
      </div>
    );
  }
  if (!dialling && !error) return null;
  return (
    <div className={`dial-status ${error ? 'inline-error' : ''}`} role={error ? 'alert' : 'status'} data-testid="dial-status">
      <span>{error ? errorText(t, error) : t('dial.dialling', { number: dialling ?? '' })}</span>
      {error && (
        <button type="button" className="icon-btn" onClick={clear} title={t('nav.close')}>
          <Icon name="close" />
          <span className="sr-only">{t('nav.close')}</span>
        </button>
      )}
    </div>
  );
}
