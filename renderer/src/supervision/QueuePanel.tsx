/** Calls waiting now (oldest first, with how long) and calls in progress. */
import type { LiveAgent, LiveCall } from './supervision-store';
import { useT } from '../i18n/use-t';
import { clock, secondsSince } from '../format/supervision-format';
import { PhoneNumber } from '../format/PhoneNumber';

export function QueuePanel({ calls, agents, now }: { calls: LiveCall[]; agents: LiveAgent[]; now: number }) {
  const { t } = useT();
  const waiting = calls.filter((c) => c.state === 'waiting');
  const inProgress = calls.filter((c) => c.state === 'in_progress');
  const who = (c: LiveCall) => {
    if (!c.party) return t('supervision.unknownCaller');
    return c.party.name ?? <PhoneNumber display={c.party.display} />;
  };
  const agentName = (ext: string | null) => agents.find((a) => a.extension === ext)?.name ?? ext;
  return (
    <section className="sv-panel" aria-labelledby="sv-queue-title">
      <h2 id="sv-queue-title">
        {t('supervision.queue')} <span className={`sv-count ${waiting.length ? 'sv-tone-bad' : ''}`} data-testid="waiting-count">{waiting.length}</span>
      </h2>
      {waiting.length === 0 ? (
        <p className="sv-empty">{t('supervision.noWaiting')}</p>
      ) : (
        <ul className="sv-calls" data-testid="waiting-calls">
          {waiting.map((c) => (
            <li key={c.id} className="sv-call sv-call-waiting" data-testid="waiting-call">
              <span className="sv-call-who">{who(c)}</span>
              <span className="sv-call-time" data-testid="waiting-time">{clock(secondsSince(c.since, now))}</span>
            </li>
          ))}
        </ul>
      )}
      <h3>
        {t('supervision.inProgress')} <span className="sv-count" data-testid="in-progress-count">{inProgress.length}</span>
      </h3>
      <ul className="sv-calls" data-testid="calls-in-progress">
        {inProgress.map((c) => (
          <li key={c.id} className="sv-call" data-testid="call-in-progress">
            <span className="sv-call-who">{who(c)}</span>
            <span className="sv-call-agent">{c.agent ? t('supervision.withAgent', { agent: agentName(c.agent) ?? '' }) : ''}</span>
            <span className="sv-call-time">{clock(secondsSince(c.answeredAt ?? c.since, now))}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
