/**
 * Click-to-call from any number on screen: the desk phone rings first, then calls the number. With
 * no line configured the button says so before it is pressed (its title and its spoken name); when
 * pressed, the service's refusal shows with the way to Paramètres › Standard téléphonique.
 */
import { useCallbackStore } from './callback-store';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { errorText, useT } from '../i18n/use-t';
import { Icon } from '../ui/Icon';
import { phoneText } from '../format/phone';
import { showTelephonySettings } from '../settings/SettingsLink';

export function DialButton({
  number,
  display,
  label,
  testId = 'dial-button',
  tabIndex,
}: {
  number: string | null;
  display: string;
  label?: string;
  testId?: string;
  /** -1 inside a list that is one Tab stop (the list's arrow keys reach the button). */
  tabIndex?: number;
}) {
  const { t } = useT();
  const dial = useCallbackStore((s) => s.dial);
  const dialling = useCallbackStore((s) => s.dialling);
  const canWrite = useConnectionStore(selectCanWrite);
  const noLine = useConnectionStore((s) => s.telephony?.state === 'unconfigured');
  if (!number) return null;
  const title = noLine ? t('dial.noLine', { number: phoneText(display) }) : t('dial.call', { number: phoneText(display) });
  return (
    <button
      type="button"
      className={`${label ? 'btn btn-small dial-btn' : 'icon-btn dial-btn'} ${noLine ? 'dial-no-line' : ''}`}
      title={title}
      disabled={!canWrite || dialling !== null}
      data-testid={testId}
      data-number={number}
      tabIndex={tabIndex}
      onClick={(e) => {
        e.stopPropagation();
        void dial(number, display);
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
  const diallingDisplay = useCallbackStore((s) => s.diallingDisplay);
  const error = useCallbackStore((s) => s.dialError);
  const clear = useCallbackStore((s) => s.clearDialError);
  if (!dialling && !error) return null;
  // The service refused for want of a line: say where one is set up.
  const lineMissing = error?.kind === 'service' && error.reason === 'phone.line_not_connected';
  const configureLine = () => {
    clear();
    showTelephonySettings();
  };
  return (
    <div className={`dial-status ${error ? 'inline-error' : ''}`} role={error ? 'alert' : 'status'} data-testid="dial-status" data-reason={error?.kind === 'service' ? error.reason : undefined}>
      <span>{error ? errorText(t, error) : t('dial.dialling', { number: phoneText(diallingDisplay ?? dialling ?? '') })}</span>
      {lineMissing && (
        <button type="button" className="btn btn-small" onClick={configureLine} data-testid="dial-configure-line">
          {t('dial.configureLine')}
        </button>
      )}
      {error && (
        <button type="button" className="icon-btn" onClick={clear} title={t('nav.close')}>
          <Icon name="close" />
          <span className="sr-only">{t('nav.close')}</span>
        </button>
      )}
    </div>
  );
}
