/** Paramètres › Rappels: how soon a missed call should be called back (the list shows it as "à rappeler avant …"). */
import { useEffect, useState } from 'react';
import { useCallbackStore } from './callback-store';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { useT, errorText } from '../i18n/use-t';

export function CallbackSettingsSection() {
  const { t } = useT();
  const canWrite = useConnectionStore(selectCanWrite);
  const saved = useCallbackStore((s) => s.targetMinutes);
  const error = useCallbackStore((s) => s.targetError);
  const loadTarget = useCallbackStore((s) => s.loadTarget);
  const saveTarget = useCallbackStore((s) => s.saveTarget);
  const [value, setValue] = useState<string | null>(null);
  useEffect(() => {
    void loadTarget();
  }, [loadTarget]);
  const shown = value ?? (saved === null ? '' : String(saved));
  const minutes = Number(shown);
  const valid = Number.isInteger(minutes) && minutes >= 5 && minutes <= 10_080;
  return (
    <section className="card-panel form" data-testid="callback-settings">
      <form
        className="field-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) void saveTarget(minutes).then((ok) => ok && setValue(null));
        }}
      >
        <label className="field">
          <span className="field-label">{t('callbacks.target')}</span>
          <input
            type="number"
            min={5}
            max={10_080}
            step={5}
            value={shown}
            disabled={!canWrite}
            aria-invalid={!valid}
            data-testid="callback-target"
            onChange={(e) => setValue(e.target.value)}
          />
        </label>
        <button type="submit" className="btn" disabled={!canWrite || !valid || minutes === saved} data-testid="callback-target-save">
          {t('callbacks.targetSave')}
        </button>
      </form>
      {error && (
        <p className="inline-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
    </section>
  );
}
