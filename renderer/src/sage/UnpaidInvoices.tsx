/**
 * « Impayés : 2 factures, 3 450,00 €, la plus ancienne échue depuis 47 jours » on the pop and the
 * record (company and its contacts), and the open items in the record. Nothing is shown for a
 * customer Sage does not know, nor one who owes nothing past due.
 */
import { useEffect } from 'react';
import { useConnectionStore } from '../app/connection-store';
import { money, shortDate } from '../format/format';
import { useT } from '../i18n/use-t';
import type { Translate } from '../i18n';
import { Section } from '../directory/RecordSections';
import { unpaidKey, useSageStore, type UnpaidSummary } from './sage-store';

function useUnpaid(companyId: string | null, contactId: string | null): UnpaidSummary | null | undefined {
  const linkUp = useConnectionStore((s) => s.link.state === 'up');
  const summary = useSageStore((s) => s.unpaid[unpaidKey(companyId, contactId)]);
  useEffect(() => {
    if ((companyId || contactId) && linkUp) void useSageStore.getState().loadUnpaid(companyId, contactId);
  }, [companyId, contactId, linkUp]);
  return summary;
}

const since = (t: Translate, days: number) => (days === 1 ? t('sage.oneDay') : t('sage.days', { days }));

export function UnpaidLine({ companyId, contactId }: { companyId: string | null | undefined; contactId: string | null | undefined }) {
  const { t, locale } = useT();
  const summary = useUnpaid(companyId ?? null, contactId ?? null);
  if (!summary || summary.count === 0 || summary.oldestOverdueDays === null) return null;
  const amount = money(summary.totalCents, locale);
  const days = since(t, summary.oldestOverdueDays);
  return (
    <p className="sage-unpaid" data-testid="sage-unpaid" data-count={summary.count} title={summary.accountCodes.map((code) => t('sage.account', { code })).join(', ')}>
      {summary.count === 1 ? t('sage.unpaidOne', { amount, since: days }) : t('sage.unpaidMany', { count: summary.count, amount, since: days })}
    </p>
  );
}

export function OpenItemsSection({ companyId, contactId }: { companyId: string | null | undefined; contactId: string | null | undefined }) {
  const { t, locale } = useT();
  const summary = useUnpaid(companyId ?? null, contactId ?? null);
  if (!summary) return null;
  return (
    <Section title={t('sage.openItems')} count={summary.items.length} testId="record-sage-open-items">
      {summary.items.length === 0 ? (
        <p className="muted">{t('sage.noOpenItems', { codes: summary.accountCodes.join(', ') })}</p>
      ) : (
        <table className="sage-items">
          <thead>
            <tr>
              <th scope="col">{t('sage.col.piece')}</th>
              <th scope="col">{t('sage.col.due')}</th>
              <th scope="col" className="num">{t('sage.col.amount')}</th>
              <th scope="col">{t('sage.col.state')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.items.map((item) => {
              const overdue = item.amountCents > 0 && item.overdueDays > 0;
              return (
                <tr key={`${item.accountCode}|${item.piece}|${item.dueDate}`} className={overdue ? 'sage-overdue' : undefined} title={item.label ?? undefined}>
                  <td>{item.piece}</td>
                  <td>{shortDate(item.dueDate, locale)}</td>
                  <td className="num">{money(item.amountCents, locale)}</td>
                  <td>{item.amountCents < 0 ? t('sage.credit') : overdue ? t('sage.overdue', { since: since(t, item.overdueDays) }) : t('sage.notDue')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Section>
  );
}
