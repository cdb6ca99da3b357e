/**
 * The customers most at risk of leaving, for Gaëtan to call: the risk, its reasons in plain French,
 * and how the scores were made (learned from the company's history, or rules while it is too short).
 */
import { useEffect } from 'react';
import { useConnectionStore } from '../app/connection-store';
import { BackButton, useFocusOnOpen } from '../app/view-toolbar';
import { useViewStore } from '../app/view-store';
import { errorText, useT } from '../i18n/use-t';
import { fullDateTime } from '../format/format';
import { useChurnStore } from './churn-store';

export function ChurnView() {
  const { t, locale } = useT();
  const list = useChurnStore((s) => s.list);
  const error = useChurnStore((s) => s.error);
  const linkUp = useConnectionStore((s) => s.link.state === 'up');
  const show = useViewStore((s) => s.show);
  const heading = useFocusOnOpen<HTMLHeadingElement>('churn');
  useEffect(() => {
    if (linkUp) void useChurnStore.getState().loadList();
  }, [linkUp]);
  const customers = (list?.customers ?? []).filter((c) => c.level !== 'faible');
  return (
    <article className="churn" data-testid="churn">
      <div className="view-toolbar">
        <BackButton />
        <h1 className="view-kicker" tabIndex={-1} ref={heading}>
          {t('churn.title')}
        </h1>
      </div>
      {error && (
        <p className="inline-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {list && (
        <p className="muted" data-testid="churn-method" data-method={list.model.method}>
          {t(list.model.method === 'learned' ? 'churn.learned' : 'churn.rules', { examples: list.model.examples, left: list.model.left, date: fullDateTime(list.model.computedAt, locale) })}
        </p>
      )}
      {list && customers.length === 0 && <p className="muted">{t('churn.empty')}</p>}
      {customers.length > 0 && (
        <table className="churn-table" data-testid="churn-table">
          <thead>
            <tr>
              <th scope="col">{t('churn.col.customer')}</th>
              <th scope="col">{t('churn.col.risk')}</th>
              <th scope="col">{t('churn.col.reasons')}</th>
            </tr>
          </thead>
          <tbody>
            {customers.map((c) => (
              <tr key={`${c.companyId ?? ''}|${c.contactId ?? ''}`} data-level={c.level}>
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() => show({ kind: 'record', ref: c.companyId ? { type: 'company', id: c.companyId } : { type: 'contact', id: c.contactId! } })}
                  >
                    {c.label}
                  </button>
                </td>
                <td>
                  <span className={`churn-pill churn-${c.level}`}>{t(`churn.level.${c.level}`)}</span> {t('churn.probability', { percent: Math.round(c.probability * 100) })}
                </td>
                <td>{c.reasons.join(' · ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
