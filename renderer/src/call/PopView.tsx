/**
 * The incoming-call pop: who is calling (number, SIP name, call state), the ranked matches when
 * several records share the number, and the card — or the new-caller card, or "Numéro masqué".
 * Also the call tabs when several calls are stacked (newest first).
 */
import { LatestAnswerLine } from '../satisfaction/LatestAnswer';
import { WorkflowLine } from '../workflows/WorkflowLine';
import { ConversationPanel } from '../messaging/ConversationPanel';
import { DocumentCount } from '../documents/DocumentsPanel';
import { UnpaidLine } from '../sage/UnpaidInvoices';
import { ChurnLine } from '../churn/ChurnLine';
import { useLayoutEffect } from 'react';
import type { CallerMatch, CallState, RecordCard, ScreenPop } from '../contract';
import { useCallStore, selectFocusedPop } from './call-store';
import { isWithheld, type PopEntry } from './call-model';
import { useDirectoryStore } from '../directory/directory-store';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { useViewStore } from '../app/view-store';
import { useT, errorText } from '../i18n/use-t';
import { contactName, fullDateTime, timeOfDay } from '../format/format';
import { useTemplateStore } from '../templates/template-store';
import { Icon, type IconName } from '../ui/Icon';
import { Clip } from '../ui/Text';
import { PhoneNumber } from '../format/PhoneNumber';
import { NewCallerCard } from './NewCallerCard';
import { WrapUpPanel } from '../work/WrapUpPanel';
import { DialButton } from '../callbacks/DialButton';
import { markPopRendered } from './pop-timing';
import { PlanButton } from '../booking/PlanButton';
import {
  ColleagueList,
  HistoryList,
  Identity,
  InterventionList,
  QuoteList,
  Section,
  TemplateList,
  TicketList,
} from '../directory/RecordSections';

export const POP_HISTORY_ITEMS = 10;

const STATE_ICON: Record<CallState, IconName> = {
  ringing: 'phone-in',
  answered: 'phone',
  ended: 'phone',
  missed: 'phone-missed',
  answered_elsewhere: 'phone-out',
  failed: 'alert',
};

export function StateBadge({ state, testId }: { state: CallState; testId?: string }) {
  const { t } = useT();
  return (
    <span className={`state-badge state-${state}`} data-testid={testId} data-state={state}>
      <Icon name={STATE_ICON[state]} />
      {t(`call.state.${state}`)}
    </span>
  );
}

function callerLabel(entry: PopEntry, withheld: string): string {
  const match = entry.pop.matches[entry.selected];
  return match?.label ?? entry.call.callerName ?? (isWithheld(entry.pop) ? withheld : entry.pop.number.display);
}

export function CallTabs() {
  const { t } = useT();
  const pops = useCallStore((s) => s.pops);
  const focusedCallId = useCallStore((s) => s.focusedCallId);
  const focus = useCallStore((s) => s.focus);
  const show = useViewStore((s) => s.show);
  const viewKind = useViewStore((s) => s.stack[s.stack.length - 1]?.kind);
  if (pops.length === 0 || (pops.length === 1 && viewKind === 'call')) return null;
  return (
    <nav className="call-tabs" aria-label={t('call.tabs')}>
      {pops.map((entry) => {
        const selected = viewKind === 'call' && entry.call.id === focusedCallId;
        return (
          <button
            key={entry.call.id}
            type="button"
            className={`call-tab state-${entry.call.state} ${selected ? 'selected' : ''}`}
            aria-current={selected ? 'true' : undefined}
            data-testid="call-tab"
            data-state={entry.call.state}
            onClick={() => {
              focus(entry.call.id);
              show({ kind: 'call' });
            }}
          >
            <Icon name={STATE_ICON[entry.call.state]} />
            <Clip text={callerLabel(entry, t('call.withheld'))} className="call-tab-label" />
            <span className="sr-only">{t(`call.state.${entry.call.state}`)}</span>
          </button>
        );
      })}
    </nav>
  );
}

function MatchSwitcher({ entry, disabled }: { entry: PopEntry; disabled: boolean }) {
  const { t } = useT();
  const chooseMatch = useCallStore((s) => s.chooseMatch);
  return (
    <div className="matches" role="group" aria-label={t('match.title')}>
      <span className="matches-title">{t('match.title')}</span>
      <div className="matches-list">
        {entry.pop.matches.map((m: CallerMatch, index) => {
          const selected = index === entry.selected;
          return (
            <button
              key={`${m.contactId ?? ''}:${m.companyId ?? ''}:${index}`}
              type="button"
              className={`match ${selected ? 'selected' : ''}`}
              aria-pressed={selected}
              data-testid="pop-match"
              data-reason={m.reason}
              disabled={disabled}
              onClick={() => void chooseMatch(entry.call.id, index)}
            >
              <span className="match-rank" aria-hidden="true">
                {index + 1}
              </span>
              <span className="match-text">
                <Clip text={m.label} className="match-label" />
                <span className="match-reason">
                  <span className="match-reason-kind">{t(`match.reason.${m.reason}`)}</span>
                  {m.companyName && m.contactId !== null && (
                    <>
                      <span aria-hidden="true" className="sep">
                        ·
                      </span>
                      <Clip text={m.companyName} />
                    </>
                  )}
                </span>
              </span>
              {index < 9 && <kbd className="match-key">{t('match.shortcut', { n: index + 1 })}</kbd>}
            </button>
          );
        })}
      </div>
    </div>
  );
}

/** The card of a known caller, compact (last 10 interactions). */
export function CardBody({ card, testPrefix, reason }: { card: RecordCard; testPrefix: 'pop' | 'lookup'; reason: CallerMatch['reason'] | null }) {
  const { t } = useT();
  const show = useViewStore((s) => s.show);
  const openRecord = useDirectoryStore((s) => s.openRecord);
  const open = (type: 'contact' | 'company', id: string) => {
    void openRecord({ type, id });
    show({ kind: 'record', ref: { type, id } });
  };
  const main = card.contact ? { type: 'contact' as const, id: card.contact.id } : card.company ? { type: 'company' as const, id: card.company.id } : null;
  const showColleagues = !card.contact || reason === 'standard' || reason === 'company';
  const openComposer = useTemplateStore((s) => s.openComposer);
  const openLibrary = useTemplateStore((s) => s.openLibrary);
  const forCard = { contactId: card.contact?.id ?? null, companyId: card.company?.id ?? null };
  return (
    <div className="card-grid">
      <div className="card-main">
        <Identity card={card} nameTestId={`${testPrefix}-contact-name`} companyTestId={`${testPrefix}-company-name`} />
        <LatestAnswerLine contactId={card.contact?.id} />
        <WorkflowLine contactId={card.contact?.id} companyId={card.company?.id} />
        <UnpaidLine companyId={card.company?.id} contactId={card.contact?.id} />
        <ChurnLine companyId={card.company?.id} contactId={card.contact?.id} />
        <DocumentCount contactId={card.contact?.id} companyId={card.company?.id} />
        <ConversationPanel contactId={card.contact?.id} companyId={card.company?.id} />
        <div className="card-links">
          {main && (
            <button type="button" className="btn btn-small" onClick={() => open(main.type, main.id)} data-testid={`${testPrefix}-open-record`}>
              {t('card.openRecord')}
            </button>
          )}
          {card.contact && card.company && (
            <button type="button" className="btn btn-small btn-ghost" onClick={() => open('company', card.company!.id)}>
              <Icon name="company" />
              <Clip text={card.company.name} />
            </button>
          )}
        </div>
        {showColleagues && (
          <Section title={t('card.colleagues')} count={card.companyContacts.length} testId={`${testPrefix}-colleagues`}>
            <ColleagueList contacts={card.companyContacts} onOpen={(id) => open('contact', id)} />
          </Section>
        )}
        <Section title={t('card.history')} count={Math.min(card.recent.length, POP_HISTORY_ITEMS)} testId={`${testPrefix}-history`}>
          <HistoryList items={card.recent.slice(0, POP_HISTORY_ITEMS)} />
        </Section>
      </div>
      <div className="card-side">
        <Section title={t('card.openTickets')} count={card.openTickets.length} testId={`${testPrefix}-open-tickets`}>
          <TicketList tickets={card.openTickets} />
        </Section>
        <Section title={t('card.openQuotes')} count={card.openQuotes.length} testId={`${testPrefix}-open-quotes`}>
          <QuoteList quotes={card.openQuotes} />
        </Section>
        <Section title={t('card.interventions')} count={card.interventions.length} testId={`${testPrefix}-interventions`}>
          <InterventionList interventions={card.interventions} />
          <PlanButton card={card} testId={`${testPrefix}-plan`} />
        </Section>
        <Section title={t('card.templates')} count={card.suggestedTemplates.length} testId={`${testPrefix}-templates`}>
          <TemplateList templates={card.suggestedTemplates} mergeFor={forCard} onUse={(tpl) => void openComposer({ templateId: tpl.id, templateName: tpl.name, ...forCard })} />
          <button type="button" className="btn btn-small btn-ghost" onClick={() => void openLibrary({ ...forCard, label: card.contact ? contactName(card.contact) : (card.company?.name ?? null) })} data-testid={`${testPrefix}-all-templates`}>
            {t('templates.all')}
          </button>
        </Section>
      </div>
    </div>
  );
}

export function WithheldCard() {
  const { t } = useT();
  return (
    <section className="withheld card-panel" data-testid="withheld-caller">
      <Icon name="alert" size={20} />
      <div>
        <h2>{t('call.withheld')}</h2>
        <p>{t('call.withheldHelp')}</p>
      </div>
    </section>
  );
}

/** Body shared by a live pop and a looked-up number. */
export function CallerBody({
  pop,
  card,
  selected,
  liveCallId,
  callId,
  testPrefix,
}: {
  pop: ScreenPop;
  card: RecordCard | null;
  selected: number;
  liveCallId: string | null;
  callId: string | null;
  testPrefix: 'pop' | 'lookup';
}) {
  if (isWithheld(pop) && pop.matches.length === 0) return <WithheldCard />;
  if (pop.matches.length === 0 || !card) return <NewCallerCard number={pop.number} liveCallId={liveCallId} callId={callId} />;
  return <CardBody card={card} testPrefix={testPrefix} reason={pop.matches[selected]?.reason ?? null} />;
}

export function PopView() {
  const { t, locale } = useT();
  const entry = useCallStore(selectFocusedPop);
  const dismiss = useCallStore((s) => s.dismiss);
  const canWrite = useConnectionStore(selectCanWrite);
  const shownCallId = entry?.call.id;
  useLayoutEffect(() => {
    if (shownCallId) markPopRendered(shownCallId); // off unless a bench asked (call/pop-timing.ts)
  }, [shownCallId]);
  if (!entry) return null;
  const { call, pop } = entry;
  const withheld = isWithheld(pop);
  return (
    <article className={`pop state-${call.state}`} data-testid="pop" data-state={call.state} data-call-id={call.id} aria-labelledby="pop-heading">
      <header className="pop-header">
        <div className="pop-who">
          <StateBadge state={call.state} testId="pop-state" />
          <h1 id="pop-heading" className="pop-number-line">
            <Icon name={withheld ? 'alert' : 'phone'} />
            {withheld ? (
              <Clip text={t('call.withheld')} testId="pop-number" className="pop-number" />
            ) : (
              <PhoneNumber display={pop.number.display} testId="pop-number" className="pop-number" />
            )}
            {call.state !== 'ringing' && <DialButton number={pop.number.e164} display={pop.number.display} testId="pop-dial" />}
            {call.simulated && <span className="badge badge-simulated" data-testid="pop-simulated">{t('call.simulated')}</span>}
          </h1>
          {call.callerName && (
            <p className="pop-caller" title={t('call.sipName')}>
              <Clip text={call.callerName} testId="pop-caller-name" />
            </p>
          )}
        </div>
        <div className="pop-meta">
          <time dateTime={call.ringAt} title={fullDateTime(call.ringAt, locale)}>
            {timeOfDay(call.ringAt, locale)}
          </time>
          <button type="button" className="icon-btn" onClick={() => dismiss(call.id)} title={t('call.dismiss')} data-testid="pop-dismiss">
            <Icon name="close" size={18} />
            <span className="sr-only">{t('call.dismiss')}</span>
          </button>
        </div>
      </header>
      {pop.matches.length > 1 && <MatchSwitcher entry={entry} disabled={entry.choosing || !canWrite} />}
      {entry.error && (
        <p className="inline-error" role="alert">
          {errorText(t, entry.error)}
        </p>
      )}
      {call.state !== 'ringing' && <WrapUpPanel call={call} openTickets={entry.card?.openTickets ?? []} />}
      <div className={`pop-body ${entry.choosing ? 'busy' : ''}`} aria-busy={entry.choosing}>
        <CallerBody pop={pop} card={entry.card} selected={entry.selected} liveCallId={call.id} callId={call.id} testPrefix="pop" />
      </div>
    </article>
  );
}
