/**
 * Paramètres › Rapprochements Sage: the accounts Accueil would not link by itself (same SIREN,
 * another establishment; same phone, another name; name only…). For each: link to the proposed
 * record, to another one found by search, create a new company, or leave it unlinked.
 */
import { useEffect, useState } from 'react';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { api } from '../transport/contract-client';
import { errorText, useT } from '../i18n/use-t';
import { useSageStore, type SageReview } from './sage-store';

type Target = { companyId: string | null; contactId: string | null; label: string };

function ReviewItem({ review, canWrite }: { review: SageReview; canWrite: boolean }) {
  const { t } = useT();
  const proposed: Target[] = review.candidates.map((c) => ({ companyId: c.companyId, contactId: c.contactId, label: `${c.label} — ${c.why}` }));
  const [found, setFound] = useState<Target[]>([]);
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState(0);
  const [busy, setBusy] = useState(false);
  const targets = [...proposed, ...found];
  const target = targets[chosen];
  const search = async () => {
    if (query.trim().length < 2) return;
    const hits = await api().invoke('directory.search', { query, limit: 8 });
    setFound(hits.map((h) => ({ companyId: h.type === 'company' ? h.id : null, contactId: h.type === 'contact' ? h.id : null, label: `${h.label}${h.detail ? ` (${h.detail})` : ''}` })));
    setChosen(proposed.length);
  };
  const decide = async (decision: 'link' | 'create' | 'ignore') => {
    setBusy(true);
    const sage = useSageStore.getState();
    if (decision === 'link' && target) {
      // The one record proposed is « accept »; any other is « pick » (the service checks it).
      const accept = proposed.length === 1 && chosen === 0;
      await sage.decide(review.id, accept ? { decision: 'accept' } : { decision: 'pick', companyId: target.companyId, contactId: target.contactId });
    } else await sage.decide(review.id, { decision: decision === 'create' ? 'create' : 'ignore' });
    setBusy(false);
  };
  const group = `sage-review-${review.id}`;
  return (
    <li className="sage-review" data-testid="sage-review" data-code={review.code}>
      <p>
        <strong>{t('sage.reviewAccount', { code: review.code, name: review.name })}</strong> — {review.reason}
      </p>
      <fieldset className="sage-review-targets">
        <legend>{t('sage.reviewLinkTo')}</legend>
        {targets.map((c, i) => (
          <label key={`${c.companyId ?? c.contactId}-${i}`} className="sage-review-target">
            <input type="radio" name={group} checked={chosen === i} onChange={() => setChosen(i)} disabled={!canWrite || busy} /> {c.label}
          </label>
        ))}
      </fieldset>
      <form
        className="field-row"
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <label className="field">
          <span className="field-label">{t('sage.reviewSearch')}</span>
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} disabled={!canWrite || busy} data-testid="sage-review-search" />
        </label>
        <button type="submit" className="btn btn-small" disabled={!canWrite || busy || query.trim().length < 2}>
          {t('sage.reviewFind')}
        </button>
      </form>
      <div className="card-links">
        <button type="button" className="btn btn-small" disabled={!canWrite || busy || !target} onClick={() => void decide('link')} data-testid="sage-review-link">
          {t('sage.reviewLink')}
        </button>
        <button type="button" className="btn btn-small btn-ghost" disabled={!canWrite || busy} onClick={() => void decide('create')} data-testid="sage-review-create">
          {t('sage.reviewCreate')}
        </button>
        <button type="button" className="btn btn-small btn-ghost" disabled={!canWrite || busy} onClick={() => void decide('ignore')} data-testid="sage-review-ignore">
          {t('sage.reviewIgnore')}
        </button>
      </div>
    </li>
  );
}

export function SageReviewsSection() {
  const { t } = useT();
  const canWrite = useConnectionStore(selectCanWrite);
  const reviews = useSageStore((s) => s.reviews);
  const error = useSageStore((s) => s.reviewError);
  useEffect(() => {
    void useSageStore.getState().loadReviews();
  }, []);
  if (!reviews) return null;
  return (
    <section className="card-panel form" aria-labelledby="sage-reviews-title" data-testid="sage-reviews">
      <h2 id="sage-reviews-title">
        {t('sage.reviews')}
        {reviews.length > 0 && <span className="count">{reviews.length}</span>}
      </h2>
      {reviews.length === 0 ? (
        <p className="muted">{t('sage.noReviews')}</p>
      ) : (
        <ul className="sage-reviews">
          {reviews.map((review) => (
            <ReviewItem key={review.id} review={review} canWrite={canWrite} />
          ))}
        </ul>
      )}
      {error && (
        <p className="inline-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
    </section>
  );
}
