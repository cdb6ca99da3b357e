/** « Dernier avis : 3/10, il y a 2 jours — « technicien en retard » », on the pop and the record. */
import { useEffect } from 'react';
import { useConnectionStore } from '../app/connection-store';
import { relativeTime, fullDateTime } from '../format/format';
import { useT } from '../i18n/use-t';
import { useNow } from '../ui/use-now';
import { useSatisfactionStore } from './satisfaction-store';

export function LatestAnswerLine({ contactId }: { contactId: string | null | undefined }) {
  const { t, locale } = useT();
  const now = useNow(60_000);
  const linkUp = useConnectionStore((s) => s.link.state === 'up');
  const answer = useSatisfactionStore((s) => (contactId ? s.latest[contactId] : undefined));
  useEffect(() => {
    if (contactId && linkUp) void useSatisfactionStore.getState().loadLatest(contactId);
  }, [contactId, linkUp]);
  if (!contactId || !answer) return null;
  return (
    <p className={`latest-answer latest-${answer.category}`} data-testid="latest-answer" data-score={answer.score}>
      <span title={fullDateTime(answer.answeredAt, locale)}>
        {t('satisfaction.latest', { score: answer.score, when: relativeTime(answer.answeredAt, now, locale, t('time.now')) })}
      </span>
      {answer.comment && <span className="latest-comment"> — {t('satisfaction.latestComment', { comment: answer.comment })}</span>}
      {answer.wantsCallback && <span className="latest-comment"> — {t('satisfaction.latestCallback')}</span>}
    </p>
  );
}
