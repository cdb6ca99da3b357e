/**
 * The pieces of a customer card, shared by the pop (compact) and the record view (full).
 * Every CRM string goes through React text nodes; long ones are clipped with their full value in
 * `title`.
 */
import { categoryFamily, categoryLabel } from '../templates/template-categories';
import { api } from '../transport/contract-client';
import { CompleteInterventionButton } from '../satisfaction/CompleteIntervention';
import { FieldSheetButton } from '../field-sheet/FieldSheetButton';
import { VisitActions } from '../booking/VisitActions';
import { useState, type ReactNode } from 'react';
import type { Contact, Intervention, Interaction, Phone, Quote, RecordCard, Template, Ticket } from '../contract';
import { useT } from '../i18n/use-t';
import { addressLine, contactName, fullDateTime, money, relativeTime, shortDate, timeOfDay } from '../format/format';
import { useNow } from '../ui/use-now';
import { interactionStatusKey, interactionText, isMissedCallStatus, isOutboundCallStatus } from '../format/interaction';
import { Icon, type IconName } from '../ui/Icon';
import { Clip } from '../ui/Text';
import { PhoneNumber } from '../format/PhoneNumber';
import { DialButton } from '../callbacks/DialButton';
import { useWorkStore } from '../work/work-store';

export function Section({
  title,
  count,
  testId,
  children,
  className,
}: {
  title: string;
  count?: number;
  testId?: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section className={className ? `section ${className}` : 'section'} data-testid={testId} aria-label={title}>
      <h3 className="section-title">
        {title}
        {count !== undefined && count > 0 && <span className="count">{count}</span>}
      </h3>
      {children}
    </section>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function PhoneList({ phones }: { phones: readonly Phone[] }) {
  const { t } = useT();
  if (phones.length === 0) return null;
  return (
    <ul className="phones">
      {phones.map((p, i) => (
        <li key={`${p.raw}-${i}`} className="phone">
          <span className="phone-kind">{t(`phoneKind.${p.kind}`)}</span>
          <PhoneNumber display={p.display} className="phone-number" testId="phone-number" />
          <DialButton number={p.e164} display={p.display} testId="phone-dial" />
        </li>
      ))}
    </ul>
  );
}

/**
 * Name, company, role, e-mail, phones, address of the card's main record. `kindInHeading`: the view's
 * own heading already says « Fiche entreprise » (the record view), so the card does not say it twice.
 */
export function Identity({ card, nameTestId, companyTestId, kindInHeading = false }: { card: RecordCard; nameTestId?: string; companyTestId?: string; kindInHeading?: boolean }) {
  const { t } = useT();
  const contact = card.contact;
  const company = card.company;
  const companyName = company?.name ?? contact?.companyName ?? null;
  const address = contact ? addressLine(contact) ?? (company ? addressLine(company) : null) : company ? addressLine(company) : null;
  const phones = contact ? contact.phones : (company?.phones ?? []);
  return (
    <div className="identity">
      <div className="identity-avatar" aria-hidden="true">
        <Icon name={contact ? 'user' : 'company'} size={22} />
      </div>
      <div className="identity-main">
        {contact ? (
          <h2 className="identity-name">
            <Clip text={contactName(contact) || t('recent.unknown')} testId={nameTestId} />
          </h2>
        ) : (
          companyName && (
            <h2 className="identity-name">
              <Clip text={companyName} testId={companyTestId} />
            </h2>
          )
        )}
        {contact && companyName && (
          <p className="identity-company">
            <Icon name="company" />
            <Clip text={companyName} testId={companyTestId} />
            {contact.role && <Clip text={` · ${contact.role}`} className="muted" />}
          </p>
        )}
        {!contact && !kindInHeading && <p className="identity-company muted">{t('card.noContact')}</p>}
        <div className="identity-facts">
          <PhoneList phones={phones} />
          {address && (
            <p className="fact">
              <Icon name="pin" />
              <Clip text={address} />
            </p>
          )}
          {(contact?.email ?? company?.email) && (
            <p className="fact">
              <Icon name="mail" />
              <Clip text={(contact?.email ?? company?.email) as string} />
            </p>
          )}
        </div>
      </div>
    </div>
  );
}

function interactionIcon(item: Interaction): IconName {
  switch (item.kind) {
    case 'call':
      if (isMissedCallStatus(item.status)) return 'phone-missed';
      return isOutboundCallStatus(item.status) ? 'phone-out' : 'phone-in';
    case 'note':
      return 'note';
    case 'email':
      return 'mail';
    case 'ticket':
      return 'ticket';
    case 'quote':
      return 'quote';
    case 'intervention':
      return 'wrench';
    case 'sms':
    case 'whatsapp':
      return 'message';
  }
}

/** Where a ticket or a survey answer came from (« Portail », « E-mail »…); calls, e-mails and messages say it by their kind. */
function shownOrigin(item: Interaction): NonNullable<NonNullable<Interaction['facts']>['origin']> | null {
  return item.kind === 'ticket' || item.kind === 'note' ? (item.facts?.origin ?? null) : null;
}

function StatusTag({ item }: { item: Interaction }) {
  const { t } = useT();
  const status = item.status ?? '';
  const key = interactionStatusKey(item.kind, status);
  const missed = item.kind === 'call' && isMissedCallStatus(status);
  return <Clip text={key ? t(key) : status} className={`tag ${missed ? 'tag-danger' : ''}`} />;
}

export function HistoryList({ items, testId, showSummary }: { items: readonly Interaction[]; testId?: string; showSummary?: boolean }) {
  const { t, locale } = useT();
  const now = useNow(30_000);
  if (items.length === 0) return <Empty>{t('card.noHistory')}</Empty>;
  return (
    <ol className="history" data-testid={testId}>
      {items.map((item) => {
        const words = interactionText(t, locale, item);
        return (
          <li key={`${item.kind}-${item.id}`} className={`history-item kind-${item.kind}`} data-testid="history-item" data-kind={item.kind}>
            <span className="history-icon" title={t(`kind.${item.kind}`)}>
              <Icon name={interactionIcon(item)} />
              <span className="sr-only">{t(`kind.${item.kind}`)}</span>
            </span>
            <div className="history-body">
              <div className="history-line">
                {item.kind === 'ticket' ? (
                  // Every ticket of the history opens, open or closed (not only those listed as open).
                  <button type="button" className="item-button history-open" onClick={() => void useWorkStore.getState().showTicket(item.id)} data-testid="history-ticket" data-ticket-id={item.id}>
                    <Clip text={words.title} className="history-title" />
                  </button>
                ) : (
                  <Clip text={words.title} className="history-title" />
                )}
                <time className="history-date" dateTime={item.at} title={fullDateTime(item.at, locale)}>
                  {relativeTime(item.at, now, locale, t('time.now'))}
                  {/* The full history (a record) says exactly when, beside « il y a 3 jours ». */}
                  {showSummary && <span className="history-exact"> · {shortDate(item.at, locale)} {timeOfDay(item.at, locale)}</span>}
                </time>
              </div>
              {(item.status || (showSummary && words.summary) || shownOrigin(item)) && (
                <div className="history-meta">
                  {shownOrigin(item) && (
                    <span className="tag" data-testid="history-origin" data-origin={shownOrigin(item)}>
                      {t(`history.origin.${shownOrigin(item)!}`)}
                    </span>
                  )}
                  {item.status && <StatusTag item={item} />}
                  {showSummary && words.summary && <p className="history-summary">{words.summary}</p>}
                </div>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

export function TicketList({ tickets }: { tickets: readonly Ticket[] }) {
  const { t, locale } = useT();
  const now = useNow(30_000);
  const showTicket = useWorkStore((s) => s.showTicket);
  if (tickets.length === 0) return <Empty>{t('card.noTickets')}</Empty>;
  return (
    <ul className="items">
      {tickets.map((ticket) => (
        <li key={ticket.id} className="item">
          {/* Opens the ticket (history, status, notes) in its dialog. */}
          <button type="button" className="item-button" data-testid="ticket-item" data-ticket-id={ticket.id} onClick={() => void showTicket(ticket.id)}>
            <span className="item-line">
              <Icon name="ticket" />
              <Clip text={ticket.subject} className="item-title" />
              <span className={`tag priority-${ticket.priority}`}>{t(`ticket.priority.${ticket.priority}`)}</span>
            </span>
            <span className="item-sub">
              <span className="tag">{t(`ticket.status.${ticket.status}`)}</span>
              <time dateTime={ticket.createdAt} title={fullDateTime(ticket.createdAt, locale)}>
                {relativeTime(ticket.createdAt, now, locale, t('time.now'))}
              </time>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function QuoteList({ quotes }: { quotes: readonly Quote[] }) {
  const { t, locale } = useT();
  if (quotes.length === 0) return <Empty>{t('card.noQuotes')}</Empty>;
  return (
    <ul className="items">
      {quotes.map((quote) => (
        <li key={quote.id} className="item" data-testid="quote-item">
          <div className="item-line">
            <Icon name="quote" />
            <Clip text={`${quote.number} · ${quote.title}`} className="item-title" />
            <span className="amount">{money(quote.amountCents, locale)}</span>
          </div>
          <div className="item-sub">
            <span className={`tag quote-${quote.status}`}>{t(`quote.status.${quote.status}`)}</span>
            {quote.validUntil && <span>{t('card.validUntil', { date: shortDate(quote.validUntil, locale) })}</span>}
            {quote.siteAddress && <Clip text={t('card.site', { address: quote.siteAddress })} />}
          </div>
        </li>
      ))}
    </ul>
  );
}

export function InterventionList({ interventions }: { interventions: readonly Intervention[] }) {
  const { t, locale } = useT();
  const now = useNow(30_000);
  if (interventions.length === 0) return <Empty>{t('card.noInterventions')}</Empty>;
  return (
    <ul className="items">
      {interventions.map((iv) => (
        <li key={iv.id} className="item" data-testid="intervention-item" data-id={iv.id}>
          <div className="item-line">
            <Icon name="wrench" />
            <Clip text={iv.kind} className="item-title" />
            <time dateTime={iv.scheduledAt} title={fullDateTime(iv.scheduledAt, locale)} className="item-date">
              {relativeTime(iv.scheduledAt, now, locale, t('time.now'))}
            </time>
          </div>
          <div className="item-sub">
            <span className={`tag intervention-${iv.status}`}>{t(`intervention.status.${iv.status}`)}</span>
            {iv.technician && <Clip text={t('card.technician', { name: iv.technician })} />}
            {iv.siteAddress && <Clip text={t('card.site', { address: iv.siteAddress })} />}
            <CompleteInterventionButton intervention={iv} />
            <VisitActions intervention={iv} />
            <FieldSheetButton intervention={iv} />
          </div>
        </li>
      ))}
    </ul>
  );
}

function TemplateItem({ template, onUse, mergeFor }: { template: Template; onUse?: ((template: Template) => void) | undefined; mergeFor?: MergeTarget | undefined }) {
  const { t, locale } = useT();
  const [copy, setCopy] = useState<'idle' | 'done' | 'failed'>('idle');
  const onCopy = async () => {
    try {
      // For a customer: the text merged with their values, as it would be sent — never {{contact.prenom}}.
      const text = mergeFor
        ? await api()
            .invoke('templates.preview', { templateId: template.id, contactId: mergeFor.contactId, companyId: mergeFor.companyId, values: {} })
            .then((preview) => {
              // A value the CRM lacks is left as a visible gap in words (« [Date de l’intervention] ») for Claire to fill.
              const label = (key: string) => preview.missing.find((m) => m.key === key)?.label ?? key;
              const words = (segments: typeof preview.bodySegments) =>
                segments.map((seg) => (seg.field && (seg.state === 'empty' || seg.state === 'unknown') ? `[${label(seg.field)}]` : seg.text)).join('');
              return `${words(preview.subjectSegments)}\n\n${words(preview.bodySegments)}`;
            })
        : `${template.subject}\n\n${template.body}`;
      await navigator.clipboard.writeText(text);
      setCopy('done');
    } catch {
      setCopy('failed');
    }
    setTimeout(() => setCopy('idle'), 2000);
  };
  return (
    <li className="item template" data-testid="template-item">
      <details>
        <summary>
          <Clip text={template.name} className="item-title" />
          <span className="tag" title={categoryLabel(template.category, locale)}>
            {categoryFamily(template.category, locale)}
          </span>
        </summary>
        <div className="template-body">
          <p className="template-subject">{template.subject}</p>
          {/* Focusable: a long text scrolls, and the keyboard must reach it (axe: scrollable-region-focusable). */}
          <pre className="template-text" tabIndex={0} aria-label={template.name}>
            {template.body}
          </pre>
          <button type="button" className="btn btn-small" onClick={() => void onCopy()}>
            <Icon name={copy === 'done' ? 'check' : 'copy'} />
            {copy === 'done' ? t('card.copied') : copy === 'failed' ? t('card.copyFailed') : t('card.copy')}
          </button>
          {onUse && (
            <button type="button" className="btn btn-small btn-primary" onClick={() => onUse(template)} data-testid="template-compose">
              <Icon name="mail" /> {t('templates.compose')}
            </button>
          )}
        </div>
      </details>
    </li>
  );
}

/** `onUse`: opens the composer with this template for the card's customer (templates area). */
/** Whose values « Copier » merges into the text (the card's customer). */
export interface MergeTarget {
  contactId: string | null;
  companyId: string | null;
}

export function TemplateList({ templates, onUse, mergeFor }: { templates: readonly Template[]; onUse?: (template: Template) => void; mergeFor?: MergeTarget }) {
  const { t } = useT();
  if (templates.length === 0) return <Empty>{t('card.noTemplates')}</Empty>;
  return (
    <ul className="items">
      {templates.map((tpl) => (
        <TemplateItem key={tpl.id} template={tpl} onUse={onUse} mergeFor={mergeFor} />
      ))}
    </ul>
  );
}

export function ColleagueList({ contacts, onOpen, excludeId }: { contacts: readonly Contact[]; onOpen: (id: string) => void; excludeId?: string }) {
  const { t } = useT();
  const list = contacts.filter((c) => c.id !== excludeId);
  if (list.length === 0) return <Empty>{t('card.noColleagues')}</Empty>;
  return (
    <ul className="items colleagues">
      {list.map((c) => (
        <li key={c.id}>
          <button type="button" className="colleague" onClick={() => onOpen(c.id)} data-testid="colleague">
            <Icon name="user" />
            <Clip text={contactName(c)} className="item-title" />
            {c.role && <Clip text={c.role} className="muted" />}
            {c.phones[0] && <Clip text={c.phones[0].raw} className="muted phone-number" />}
          </button>
        </li>
      ))}
    </ul>
  );
}
