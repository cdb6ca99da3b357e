/** Paramètres › Supervision: the workstation's role, the extensions and hunt group to watch. */
import { useEffect, useState } from 'react';
import { useSupervisionStore, type SupervisionSettings } from './supervision-store';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { useT, errorText } from '../i18n/use-t';

const listText = (s: SupervisionSettings) => s.extensions.map((e) => (e.name && e.name !== e.extension ? `${e.extension}:${e.name}` : e.extension)).join(', ');

export function SupervisionSettingsSection() {
  const { t } = useT();
  const settings = useSupervisionStore((s) => s.settings);
  const saving = useSupervisionStore((s) => s.saving);
  const saveError = useSupervisionStore((s) => s.saveError);
  const canWrite = useConnectionStore(selectCanWrite);
  const [role, setRole] = useState<'agent' | 'supervisor'>('agent');
  const [extensions, setExtensions] = useState('');
  const [queue, setQueue] = useState('');
  const [wrapUp, setWrapUp] = useState(30);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void useSupervisionStore.getState().loadSettings();
  }, []);
  useEffect(() => {
    if (!settings) return;
    setRole(settings.role);
    setExtensions(listText(settings));
    setQueue(settings.queueNumber);
    setWrapUp(settings.wrapUpSeconds);
  }, [settings]);
  const save = async () => {
    setSaved(false);
    const parsed = extensions
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean)
      .map((entry) => {
        const [extension = '', ...name] = entry.split(':');
        return { extension: extension.trim(), name: name.join(':').trim() };
      });
    const ok = await useSupervisionStore.getState().saveSettings({ role, extensions: parsed, queueNumber: queue.trim(), wrapUpSeconds: wrapUp });
    setSaved(ok);
  };
  return (
    <section className="settings-section" data-testid="supervision-settings">
      <h2>{t('supervision.settings.title')}</h2>
      <fieldset disabled={!canWrite || saving}>
        <legend>{t('supervision.settings.role')}</legend>
        {(['agent', 'supervisor'] as const).map((r) => (
          <label key={r} className="radio">
            <input type="radio" name="supervision-role" value={r} checked={role === r} onChange={() => setRole(r)} data-testid={`role-${r}`} />
            {t(`supervision.settings.role.${r}`)}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t('supervision.settings.extensions')}</span>
        <input value={extensions} onChange={(e) => setExtensions(e.target.value)} placeholder="claire:Claire, 201:Paul" disabled={!canWrite} data-testid="supervision-extensions" />
      </label>
      <label className="field">
        <span>{t('supervision.settings.queue')}</span>
        <input value={queue} onChange={(e) => setQueue(e.target.value)} placeholder="600" disabled={!canWrite} data-testid="supervision-queue" />
      </label>
      <label className="field">
        <span>{t('supervision.settings.wrapUp')}</span>
        <input type="number" min={0} max={600} value={wrapUp} onChange={(e) => setWrapUp(Number(e.target.value) || 0)} disabled={!canWrite} />
      </label>
      {canWrite && (
        <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={saving} data-testid="supervision-save">
          {t('supervision.settings.save')}
        </button>
      )}
      {saved && <span className="inline-ok">{t('supervision.settings.saved')}</span>}
      {saveError && <span className="inline-error">{errorText(t, saveError)}</span>}
    </section>
  );
}
