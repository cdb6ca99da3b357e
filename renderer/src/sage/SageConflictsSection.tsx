/**
 * Paramètres › Conflits Sage: a field Sage owns (raison sociale, SIRET, adresse) that someone changed
 * outside Sage. Nothing was overwritten: for each, keep Sage's value (the company and HubSpot take
 * it) or Accueil's (remembered; the accountant corrects Sage). Settled ones stay listed, greyed.
 */
import { useEffect, useState } from 'react';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { api } from '../transport/contract-client';
import { errorText, useT } from '../i18n/use-t';
import { toUiError, type UiError } from '../ui/ui-error';
import type { CallOutput } from '../contract';

type SageConflict = CallOutput<'sage.conflicts'>[number];

export function SageConflictsSection() {
  const { t } = useT();
  const canWrite = useConnectionStore(selectCanWrite);
  const [conflicts, setConflicts] = useState<SageConflict[] | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const load = async () => {
    try {
      setConflicts(await api().invoke('sage.conflicts', {}));
      setError(null);
    } catch (e) {
      setError(toUiError(e));
    }
  };
  useEffect(() => {
    void load();
  }, []);
  const resolve = async (c: SageConflict, keep: 'sage' | 'local') => {
    setBusy(true);
    try {
      await api().invoke('sage.resolveConflict', { code: c.code, field: c.field, keep });
      await load();
    } catch (e) {
      setError(toUiError(e));
    } finally {
      setBusy(false);
    }
  };
  if (!conflicts || conflicts.length === 0) return null;
  const open = conflicts.filter((c) => !c.keptLocal).length;
  return (
    <section className="card-panel form" aria-labelledby="sage-conflicts-title" data-testid="sage-conflicts">
      <h2 id="sage-conflicts-title">
        {t('sage.conflicts')}
        {open > 0 && <span className="count">{open}</span>}
      </h2>
      <p className="muted">{t('sage.conflictsHint')}</p>
      <ul className="sage-reviews">
        {conflicts.map((c) => (
          <li key={`${c.code}|${c.field}`} className={`sage-review${c.keptLocal ? ' muted' : ''}`} data-testid="sage-conflict" data-code={c.code} data-field={c.field}>
            <p>
              <strong>{t('sage.reviewAccount', { code: c.code, name: c.accountName })}</strong> — {c.companyName ?? ''} — {t(`sage.field.${c.field}`)}
            </p>
            <dl className="sage-conflict-values">
              <dt>{t('sage.conflictSage')}</dt>
              <dd>{c.sageValue}</dd>
              <dt>{t('sage.conflictLocal')}</dt>
              <dd>{c.localValue}</dd>
            </dl>
            {c.keptLocal ? (
              <p className="muted">{t('sage.conflictKeptLocal')}</p>
            ) : (
              <div className="card-links">
                <button type="button" className="btn btn-small" disabled={!canWrite || busy} onClick={() => void resolve(c, 'sage')} data-testid="sage-conflict-keep-sage">
                  {t('sage.conflictKeepSage')}
                </button>
                <button type="button" className="btn btn-small btn-ghost" disabled={!canWrite || busy} onClick={() => void resolve(c, 'local')} data-testid="sage-conflict-keep-local">
                  {t('sage.conflictKeepLocal')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p className="inline-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
    </section>
  );
}
