/**
 * A number opened outside a live call (from the search box or a recent unknown call): identified
 * like a pop, with the new-caller card when nobody has it yet.
 */
import { useDirectoryStore } from './directory-store';
import { useT, errorText } from '../i18n/use-t';
import { Icon } from '../ui/Icon';
import { Clip } from '../ui/Text';
import { PhoneNumber } from '../format/PhoneNumber';
import { CallerBody } from '../call/PopView';
import { BackButton, useFocusOnOpen } from '../app/view-toolbar';

export function NumberView() {
  const { t } = useT();
  const lookup = useDirectoryStore((s) => s.lookup);
  const reload = useDirectoryStore((s) => s.reloadNumber);
  const heading = useFocusOnOpen<HTMLHeadingElement>(lookup?.number ?? '');
  if (!lookup) return null;
  const withheld = lookup.pop?.number.kind === 'masque';
  return (
    <article className="lookup" data-testid="number-view" aria-busy={lookup.status === 'loading'}>
      <div className="view-toolbar">
        <BackButton />
        <h1 className="view-kicker" tabIndex={-1} ref={heading}>
          <Icon name="phone" />
          {withheld ? <Clip text={t('call.withheld')} /> : <PhoneNumber display={lookup.pop?.number.display ?? lookup.number} />}
        </h1>
      </div>
      {lookup.status === 'loading' && <p className="muted loading">{t('record.loading')}</p>}
      {lookup.error && (
        <p className="inline-error" role="alert">
          {errorText(t, lookup.error)}{' '}
          <button type="button" className="btn btn-small" onClick={() => void reload()}>
            {t('error.retry')}
          </button>
        </p>
      )}
      {lookup.pop && (
        <CallerBody pop={lookup.pop} card={lookup.pop.card} selected={0} liveCallId={null} callId={lookup.callId} testPrefix="lookup" />
      )}
    </article>
  );
}
