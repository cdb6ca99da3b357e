/**
 * « Risque de départ : élevé — entretien en retard de 4 mois » on the pop and the record, for a
 * customer whose risk is medium or high (a low one says nothing: the pop stays short).
 */
import { useEffect } from 'react';
import { useConnectionStore } from '../app/connection-store';
import { useT } from '../i18n/use-t';
import { churnKey, useChurnStore } from './churn-store';

export function ChurnLine({ companyId, contactId }: { companyId: string | null | undefined; contactId: string | null | undefined }) {
  const { t } = useT();
  const linkUp = useConnectionStore((s) => s.link.state === 'up');
  const key = churnKey(companyId, contactId);
  const found = useChurnStore((s) => (key ? s.byRecord[key] : undefined));
  useEffect(() => {
    if (key && linkUp) void useChurnStore.getState().loadForRecord(companyId ?? null, contactId ?? null);
  }, [key, companyId, contactId, linkUp]);
  const risk = found?.risk;
  if (!risk || risk.level === 'faible') return null;
  const level = t(`churn.level.${risk.level}`);
  return (
    <p className={`churn-line churn-${risk.level}`} data-testid="churn-line" data-level={risk.level} title={risk.reasons.join(' · ')}>
      {risk.reasons[0] ? t('churn.lineWhy', { level, reason: risk.reasons[0] }) : t('churn.line', { level })}
    </p>
  );
}
