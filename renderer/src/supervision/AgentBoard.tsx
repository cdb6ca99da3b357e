/** Each watched agent: state (colour + word, never colour alone), for how long, and with whom. */
import type { LiveAgent } from './supervision-store';
import { useT } from '../i18n/use-t';
import { clock, secondsSince } from '../format/supervision-format';
import { PhoneNumber } from '../format/PhoneNumber';

export function AgentBoard({ agents, now }: { agents: LiveAgent[]; now: number }) {
  const { t } = useT();
  return (
    <section className="sv-panel" aria-labelledby="sv-agents-title">
      <h2 id="sv-agents-title">{t('supervision.agents')}</h2>
      {agents.length === 0 ? (
        <p className="sv-empty">{t('supervision.noAgents')}</p>
      ) : (
        <ul className="sv-agents" data-testid="agent-board">
          {agents.map((a) => (
            <li key={a.extension} className={`sv-agent sv-state-${a.state}`} data-testid={`agent-${a.extension}`} data-state={a.state}>
              <span className="sv-agent-name">{a.name}</span>
              <span className="sv-agent-state">{t(`supervision.state.${a.state}`)}</span>
              <span className="sv-agent-since">{a.state === 'offline' ? '' : clock(secondsSince(a.since, now))}</span>
              {a.party && a.party.name === null ? (
                <PhoneNumber display={a.party.display} className="sv-agent-party sv-party-number" />
              ) : (
                <span className="sv-agent-party">{a.party?.name ?? ''}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
