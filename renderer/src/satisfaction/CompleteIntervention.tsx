/**
 * « Terminée » on a visit of the pop or the record: the technician phoned in, Claire marks it done
 * (the survey follows, by the rules). The card reloads by itself (directory.changed).
 */
import { useState } from 'react';
import type { Intervention } from '../contract';
import { api } from '../transport/contract-client';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { useT, errorText } from '../i18n/use-t';
import { toUiError, type UiError } from '../ui/ui-error';

export function CompleteInterventionButton({ intervention }: { intervention: Pick<Intervention, 'id' | 'status' | 'kind'> }) {
  const { t } = useT();
  const canWrite = useConnectionStore(selectCanWrite);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  if (intervention.status !== 'planifiee' && intervention.status !== 'en_cours') return null;
  return (
    <>
      <button
        type="button"
        className="btn btn-small btn-ghost"
        disabled={!canWrite || busy}
        title={t('satisfaction.completeTitle')}
        aria-label={`${t('satisfaction.complete')} — ${intervention.kind}`}
        data-testid="intervention-complete"
        onClick={() => {
          setBusy(true);
          api()
            .invoke('interventions.complete', { interventionId: intervention.id })
            .then(() => setError(null))
            .catch((e: unknown) => setError(toUiError(e)))
            .finally(() => setBusy(false));
        }}
      >
        {busy ? t('satisfaction.completing') : t('satisfaction.complete')}
      </button>
      {error && (
        <span className="inline-error" role="alert">
          {errorText(t, error)}
        </span>
      )}
    </>
  );
}
