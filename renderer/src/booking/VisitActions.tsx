/**
 * « Déplacer » and « Annuler le RDV » on a planned visit of the pop or the record. Moving opens the
 * booking panel on that visit (the same windows, its own place in the day left free); cancelling
 * asks once. A visit not booked in Accueil (mirrored from HubSpot) is refused by the service, which
 * says to move it in HubSpot.
 */
import { useState } from 'react';
import type { Intervention } from '../contract';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { useT, errorText } from '../i18n/use-t';
import { toUiError, type UiError } from '../ui/ui-error';
import { useBookingStore } from './booking-store';

export function VisitActions({ intervention }: { intervention: Intervention }) {
  const { t } = useT();
  const canWrite = useConnectionStore(selectCanWrite);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  if (intervention.status !== 'planifiee') return null;
  return (
    <>
      <button
        type="button"
        className="btn btn-small btn-ghost"
        disabled={!canWrite}
        data-testid="intervention-reschedule"
        aria-label={`${t('booking.reschedule')} — ${intervention.kind}`}
        onClick={() =>
          useBookingStore.getState().open({
            contactId: intervention.contactId,
            companyId: intervention.companyId,
            label: intervention.kind,
            address: intervention.siteAddress ?? '',
            reschedule: { interventionId: intervention.id, kind: intervention.kind },
          })
        }
      >
        {t('booking.reschedule')}
      </button>
      {confirming ? (
        <>
          <button
            type="button"
            className="btn btn-small btn-primary"
            data-testid="intervention-cancel-confirm"
            onClick={() => {
              setConfirming(false);
              useBookingStore
                .getState()
                .cancelVisit(intervention.id)
                .then(() => setError(null))
                .catch((e: unknown) => setError(toUiError(e)));
            }}
          >
            {t('booking.cancelConfirm')}
          </button>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setConfirming(false)}>
            {t('booking.keep')}
          </button>
        </>
      ) : (
        <button type="button" className="btn btn-small btn-ghost" disabled={!canWrite} data-testid="intervention-cancel" onClick={() => setConfirming(true)}>
          {t('booking.cancel')}
        </button>
      )}
      {error && (
        <span className="inline-error" role="alert">
          {errorText(t, error)}
        </span>
      )}
    </>
  );
}
