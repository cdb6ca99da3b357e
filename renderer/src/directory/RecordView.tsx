/**
 * A contact or company record in full: identity, phones, colleagues, open tickets, devis,
 * interventions, and the history (up to 200 items).
 */
import { useTemplateStore } from '../templates/template-store';
import { LatestAnswerLine } from '../satisfaction/LatestAnswer';
import { WorkflowLine } from '../workflows/WorkflowLine';
import { ConversationPanel } from '../messaging/ConversationPanel';
import { DocumentsPanel } from '../documents/DocumentsPanel';
import { OpenItemsSection, UnpaidLine } from '../sage/UnpaidInvoices';
import { ChurnLine } from '../churn/ChurnLine';
import { RecordWork } from '../work/RecordWork';
import { useDirectoryStore } from './directory-store';
import { selectCurrentView, useViewStore } from '../app/view-store';
import { useEffect } from 'react';
import { useT, errorText } from '../i18n/use-t';
import { Icon } from '../ui/Icon';
import { ColleagueList, HistoryList, Identity, InterventionList, QuoteList, Section, TemplateList, TicketList } from './RecordSections';
import { Clip } from '../ui/Text';
import { BackButton, useFocusOnOpen } from '../app/view-toolbar';
import { PlanButton } from '../booking/PlanButton';

export function RecordView() {
  const { t } = useT();
  const record = useDirectoryStore((s) => s.record);
  const openRecord = useDirectoryStore((s) => s.openRecord);
  const reload = useDirectoryStore((s) => s.reloadRecord);
  const show = useViewStore((s) => s.show);
  const heading = useFocusOnOpen<HTMLHeadingElement>(record ? `${record.ref.type}:${record.ref.id}` : '');
  // The record shown is the one the view stack names: after « Retour » (or Esc) from a colleague's
  // record, the previous record comes back, not the last one opened.
  const view = useViewStore(selectCurrentView);
  const wanted = view.kind === 'record' ? (view as { ref?: { type: 'contact' | 'company'; id: string } }).ref : undefined;
  const stale = !!wanted && (!record || record.ref.type !== wanted.type || record.ref.id !== wanted.id);
  useEffect(() => {
    if (wanted && stale) void openRecord(wanted);
  }, [wanted?.type, wanted?.id, stale]);
  if (!record || stale) return null;
  const { card } = record;
  const forCard = { contactId: card?.contact?.id ?? null, companyId: card?.company?.id ?? null };
  const open = (type: 'contact' | 'company', id: string) => {
    void openRecord({ type, id });
    show({ kind: 'record', ref: { type, id } });
  };
  return (
    <article className="record" data-testid="record-view" data-type={record.ref.type} data-id={record.ref.id} aria-busy={record.status === 'loading'}>
      <div className="view-toolbar">
        <BackButton />
        <h1 className="view-kicker" tabIndex={-1} ref={heading}>
          {t(record.ref.type === 'contact' ? 'record.contactTitle' : 'record.companyTitle')}
        </h1>
      </div>
      {record.status === 'loading' && !card && <p className="muted loading">{t('record.loading')}</p>}
      {record.error && (
        <p className="inline-error" role="alert">
          {errorText(t, record.error)}{' '}
          <button type="button" className="btn btn-small" onClick={() => void reload()}>
            {t('error.retry')}
          </button>
        </p>
      )}
      {card && (
        <div className="card-grid">
          <div className="card-main">
            <Identity card={card} nameTestId="record-contact-name" companyTestId="record-company-name" kindInHeading />
            <LatestAnswerLine contactId={card.contact?.id} />
            <WorkflowLine contactId={card.contact?.id} companyId={card.company?.id} />
            <UnpaidLine companyId={card.company?.id} contactId={card.contact?.id} />
            <ChurnLine companyId={card.company?.id} contactId={card.contact?.id} />
            <RecordWork card={card} />
            <ConversationPanel contactId={card.contact?.id} companyId={card.company?.id} />
            <DocumentsPanel contactId={card.contact?.id} companyId={card.company?.id} />
            {card.contact && card.company && (
              <div className="card-links">
                <button type="button" className="btn btn-small btn-ghost" onClick={() => open('company', card.company!.id)}>
                  <Icon name="company" />
                  <Clip text={card.company.name} />
                </button>
              </div>
            )}
            <Section title={t('card.fullHistory')} count={card.recent.length} testId="record-history">
              <HistoryList items={card.recent} showSummary />
            </Section>
          </div>
          <div className="card-side">
            <Section title={t('card.openTickets')} count={card.openTickets.length} testId="record-tickets">
              <TicketList tickets={card.openTickets} />
            </Section>
            <Section title={t('card.openQuotes')} count={card.openQuotes.length} testId="record-quotes">
              <QuoteList quotes={card.openQuotes} />
            </Section>
            <OpenItemsSection companyId={card.company?.id} contactId={card.contact?.id} />
            <Section title={t('card.interventions')} count={card.interventions.length} testId="record-interventions">
              <InterventionList interventions={card.interventions} />
              <PlanButton card={card} testId="record-plan" />
            </Section>
            {(card.company || card.companyContacts.length > 0) && (
              <Section title={t('card.colleagues')} count={card.companyContacts.filter((c) => c.id !== card.contact?.id).length} testId="record-colleagues">
                <ColleagueList contacts={card.companyContacts} excludeId={card.contact?.id} onOpen={(id) => open('contact', id)} />
              </Section>
            )}
            <Section title={t('card.templates')} count={card.suggestedTemplates.length} testId="record-templates">
              <TemplateList
                templates={card.suggestedTemplates}
                mergeFor={forCard}
                onUse={(tpl) => void useTemplateStore.getState().openComposer({ templateId: tpl.id, templateName: tpl.name, ...forCard })}
              />
              <button
                type="button"
                className="btn btn-small btn-ghost"
                onClick={() => void useTemplateStore.getState().openLibrary({ ...forCard, label: card.contact ? `${card.contact.firstName} ${card.contact.lastName}`.trim() : (card.company?.name ?? null) })}
                data-testid="record-all-templates"
              >
                {t('templates.all')}
              </button>
            </Section>
          </div>
        </div>
      )}
    </article>
  );
}
