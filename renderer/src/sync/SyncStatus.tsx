/**
 * HubSpot in the top bar: a calm pill — up to date (with when), syncing (phase, %), changes waiting
 * to be sent, or what went wrong in plain words. A click runs a sync now. Nothing when no CRM.
 */
import { useEffect } from 'react';
import { useSyncStore } from './sync-store';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { reasonText, useT } from '../i18n/use-t';
import { useNow } from '../ui/use-now';

export function SyncStatus() {
  const { t } = useT();
  const status = useSyncStore((s) => s.status);
  const follow = useSyncStore((s) => s.follow);
  const runNow = useSyncStore((s) => s.runNow);
  const canWrite = useConnectionStore(selectCanWrite);
  const link = useConnectionStore((s) => s.link?.state);
  const now = useNow(30_000);
  useEffect(() => (link === 'up' ? follow() : undefined), [follow, link]);
  if (!status || !status.configured) return null;

  const minutes = status.lastSuccessAt ? Math.max(0, Math.round((now - Date.parse(status.lastSuccessAt)) / 60_000)) : null;
  let tone = 'ok';
  let label: string;
  if (status.state === 'initial' || status.state === 'syncing') {
    const pct = status.progress?.total ? Math.floor((status.progress.done / status.progress.total) * 100) : null;
    // The service names the phase with a code; the words are the interface's, in Claire's language.
    const phase = status.phase ? t(`sync.phase.${status.phase}`) : '';
    label = pct !== null ? t('sync.progress', { phase, pct }) : t('sync.syncing', { phase });
    tone = 'busy';
  } else if (status.state === 'offline') {
    label = t('sync.offline');
    tone = 'idle';
  } else if (status.state === 'error') {
    label = t('sync.error');
    tone = 'error';
  } else label = minutes === null ? t('sync.never') : minutes < 1 ? t('sync.justNow') : t('sync.ago', { minutes });
  const pending = status.pendingOutbox > 0 ? ` · ${t('sync.pending', { count: status.pendingOutbox })}` : '';
  const lastError = status.lastError ? reasonText(t, status.lastErrorReason, status.lastError) : '';
  const title = [t('sync.title'), lastError, minutes !== null ? t('sync.lastSuccess', { minutes }) : ''].filter(Boolean).join('\n');
  return (
    <button
      type="button"
      className={`pill pill-${tone}`}
      data-testid="sync-status"
      title={title}
      disabled={!canWrite}
      onClick={() => void runNow()}
      aria-live="polite"
    >
      {t('sync.name')} : {label}
      {pending}
    </button>
  );
}
