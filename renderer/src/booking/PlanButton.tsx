/**
 * « Planifier » on the pop and the record: opens the booking panel for this customer, from the
 * address the CRM has (the contact's, else the company's).
 */
import type { RecordCard } from '../contract';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { addressLine, contactName } from '../format/format';
import { useT } from '../i18n/use-t';
import { Icon } from '../ui/Icon';
import { useBookingStore } from './booking-store';

export function PlanButton({ card, testId }: { card: Pick<RecordCard, 'contact' | 'company'>; testId: string }) {
  const { t } = useT();
  const canWrite = useConnectionStore(selectCanWrite);
  const { contact, company } = card;
  if (!contact && !company) return null;
  const address = (contact && addressLine(contact)) ?? (company && addressLine(company)) ?? '';
  return (
    <button
      type="button"
      className="btn btn-small"
      disabled={!canWrite}
      data-testid={testId}
      onClick={() =>
        useBookingStore.getState().open({
          contactId: contact?.id ?? null,
          companyId: contact ? (contact.companyId ?? null) : (company?.id ?? null),
          label: contact ? contactName(contact) : company!.name,
          address,
        })
      }
    >
      <Icon name="calendar" />
      {t('booking.plan')}
    </button>
  );
}
