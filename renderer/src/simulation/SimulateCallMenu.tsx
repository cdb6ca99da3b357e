/**
 * « Simuler un appel », in the top bar of the demo workspace: one of each kind of caller (a known
 * customer with an open quote, a shared landline, a company switchboard, an unknown number, a
 * withheld one), answered or missed. The console then pops exactly as for a call from the PBX.
 */
import { useEffect, useRef } from 'react';
import { useSimulationStore } from './simulation-store';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { useT, errorText } from '../i18n/use-t';
import { Icon } from '../ui/Icon';
import { useModalDialog } from '../ui/modal-dialog';

export function SimulateCallMenu() {
  const { t } = useT();
  const workspace = useConnectionStore((s) => s.appInfo?.workspace);
  const canWrite = useConnectionStore(selectCanWrite);
  const { callers, open, ringing, error, setOpen, simulate } = useSimulationStore();
  const panel = useRef<HTMLDivElement>(null);

  // A popover, not a modal: Tab may leave it, Esc closes it and focus goes back to its button.
  const { onKeyDown } = useModalDialog(panel, {
    open,
    modal: false,
    onClose: () => setOpen(false),
    initialFocus: (element) => element.querySelector<HTMLButtonElement>('button[data-outcome]'),
  });
  // The callers arrive after the panel opened (first opening): their first button takes the focus then.
  useEffect(() => {
    if (open && document.activeElement === panel.current) panel.current?.querySelector<HTMLButtonElement>('button[data-outcome]')?.focus();
  }, [open, callers.length]);

  if (workspace !== 'demo' || !canWrite) return null;
  return (
    <div className="simulate-call">
      <button
        type="button"
        className="btn btn-small btn-ghost"
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => setOpen(!open)}
        data-testid="simulate-call-open"
        title={t('simulate.hint')}
      >
        <Icon name="phone-in" />
        <span>{t('simulate.open')}</span>
      </button>
      {open && (
        <div className="simulate-panel" role="dialog" aria-label={t('simulate.open')} tabIndex={-1} ref={panel} onKeyDown={onKeyDown} data-testid="simulate-call-panel">
          <p className="simulate-intro">{t('simulate.intro')}</p>
          <ul>
            {callers.map((caller) => (
              <li key={caller.kind} className="simulate-caller" data-testid="simulate-caller" data-kind={caller.kind}>
                <span className="simulate-who">
                  <strong>{t(`simulate.kind.${caller.kind}`)}</strong>
                  <span className="simulate-detail">{[caller.name, caller.display].filter(Boolean).join(' — ') || t('simulate.withheld')}</span>
                </span>
                <span className="simulate-actions">
                  <button type="button" className="btn btn-small" disabled={ringing} data-outcome="answered" onClick={() => void simulate(caller.number, 'answered')}>
                    {t('simulate.answered')}
                  </button>
                  <button type="button" className="btn btn-small btn-ghost" disabled={ringing} data-outcome="missed" onClick={() => void simulate(caller.number, 'missed')}>
                    {t('simulate.missed')}
                  </button>
                </span>
              </li>
            ))}
          </ul>
          {error && <p className="inline-error" role="alert">{errorText(t, error)}</p>}
        </div>
      )}
    </div>
  );
}
