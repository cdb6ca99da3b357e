/** A ticket with its whole history, in a dialog: status and priority can be changed from here. */
import { useRef, useState } from 'react';
import type { TicketEvent } from '../contract';
import { useWorkStore } from './work-store';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { useT, errorText } from '../i18n/use-t';
import type { MessageKey } from '../i18n';
import { fullDateTime } from '../format/format';
import { Icon } from '../ui/Icon';
import { EnumSelect } from '../ui/EnumSelect';
import { useModalDialog } from '../ui/modal-dialog';
import { TICKET_PRIORITIES } from './TicketForm';
import { TicketMailThread } from '../mailbox/TicketMailThread';

const STATUSES = ['nouveau', 'en_cours', 'en_attente', 'resolu', 'ferme'] as const;

function valueLabel(t: (key: MessageKey) => string, field: string | null, value: string | null): string {
  if (value === null || value === '') return '—';
  if (field === 'status') return t(`ticket.status.${value}` as MessageKey);
  if (field === 'priority') return t(`ticket.priority.${value}` as MessageKey);
  if (field === 'category') return t(`ticket.category.${value}` as MessageKey);
  return value.length > 80 ? `${value.slice(0, 80)}…` : value;
}

function EventLine({ event }: { event: TicketEvent }) {
  const { t, locale } = useT();
  const text =
    event.kind === 'changed'
      ? t('ticket.event.changed', {
          field: t(`ticket.field.${event.field ?? 'subject'}` as MessageKey),
          from: valueLabel(t, event.field, event.from),
          to: valueLabel(t, event.field, event.to),
        })
      : t(`ticket.event.${event.kind}`);
  return (
    <li className="ticket-event" data-testid="ticket-event" data-kind={event.kind}>
      <time dateTime={event.at}>{fullDateTime(event.at, locale)}</time>
      <span className="ticket-event-text">{text}</span>
      {event.author && <span className="muted">{event.author}</span>}
    </li>
  );
}

export function TicketView() {
  const { t, locale } = useT();
  const detail = useWorkStore((s) => s.ticket);
  const error = useWorkStore((s) => s.ticketError);
  const update = useWorkStore((s) => s.updateTicket);
  const close = useWorkStore((s) => s.closeTicket);
  const addTicketNote = useWorkStore((s) => s.addTicketNote);
  const [noteDraft, setNoteDraft] = useState('');
  const canWrite = useConnectionStore(selectCanWrite);
  const dialog = useRef<HTMLDivElement>(null);
  const ticketId = detail?.ticket.id ?? null;
  // Focus moves into the dialog when a ticket opens (not on each change made in it), and back after.
  const { onKeyDown } = useModalDialog(dialog, {
    open: ticketId !== null,
    onClose: close,
    // Opened by the ticket form, which the new ticket replaced: back to what now shows the ticket.
    returnFocus: () =>
      ticketId === null ? null : document.querySelector<HTMLElement>(`[data-testid="wrapup-ticket"], [data-testid="ticket-item"][data-ticket-id="${CSS.escape(ticketId)}"]`),
  });
  if (!detail) return null;
  const { ticket } = detail;
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div
        className="dialog ticket-view"
        role="dialog"
        aria-modal="true"
        aria-labelledby="ticket-title"
        tabIndex={-1}
        ref={dialog}
        onKeyDown={onKeyDown}
        data-testid="ticket-view"
        data-ticket-id={ticket.id}
      >
        <div className="dialog-head">
          <h2 id="ticket-title" className="wrap-text" data-testid="ticket-view-subject">
            <Icon name="ticket" /> {ticket.subject}
          </h2>
          <button type="button" className="icon-btn" onClick={close} title={t('nav.close')}>
            <Icon name="close" size={18} />
            <span className="sr-only">{t('nav.close')}</span>
          </button>
        </div>
        {detail.ownerLabel && <p className="wrap-text">{detail.ownerLabel}</p>}
        <p className="muted" data-testid="ticket-view-opened">
          {(() => {
            const author = detail.events.find((e) => e.kind === 'created')?.author ?? null;
            const date = fullDateTime(ticket.createdAt, locale);
            return author ? t('ticket.view.opened', { reference: detail.reference, date, author }) : t('ticket.view.openedNoAuthor', { reference: detail.reference, date });
          })()}
        </p>
        <p className="muted">{t(`ticket.category.${ticket.category}`)}</p>
        {detail.siteAddress && (
          <p className="wrap-text">
            <Icon name="pin" /> {detail.siteAddress}
          </p>
        )}
        {ticket.description && (
          <p className="wrap-text pre-wrap" data-testid="ticket-view-description">
            {ticket.description}
          </p>
        )}
        <div className="field-row">
          <EnumSelect
            label={t('ticket.view.status')}
            value={ticket.status}
            values={STATUSES}
            optionLabel={(s) => t(`ticket.status.${s}`)}
            onChange={(status) => void update({ ticketId: ticket.id, status })}
            disabled={!canWrite}
            testId="ticket-status"
          />
          <EnumSelect
            label={t('ticket.form.priority')}
            value={ticket.priority}
            values={TICKET_PRIORITIES}
            optionLabel={(p) => t(`ticket.priority.${p}`)}
            onChange={(priority) => void update({ ticketId: ticket.id, priority })}
            disabled={!canWrite}
            testId="ticket-view-priority"
          />
        </div>
        {error && (
          <p className="inline-error" role="alert">
            {errorText(t, error)}
          </p>
        )}
        <h3>{t('ticket.view.history')}</h3>
        <ol className="ticket-events">
          {detail.events.map((event, i) => (
            <EventLine key={i} event={event} />
          ))}
        </ol>
        {detail.notes.length > 0 && (
          <ul className="work-notes">
            {detail.notes.map((n) => (
              <li key={n.id} className="work-note wrap-text pre-wrap" data-testid="ticket-note-item">
                {n.body}
              </li>
            ))}
          </ul>
        )}
        <TicketMailThread ticketId={ticket.id} />
        {canWrite && (
          <form
            className="ticket-note"
            onSubmit={(e) => {
              e.preventDefault();
              void addTicketNote(noteDraft, null).then((ok) => {
                if (!ok) return;
                setNoteDraft('');
                dialog.current?.querySelector<HTMLTextAreaElement>('textarea')?.focus();
              });
            }}
          >
            <textarea
              rows={2}
              maxLength={20_000}
              value={noteDraft}
              aria-label={t('work.notes')}
              placeholder={t('work.notes')}
              data-testid="ticket-note-input"
              onChange={(e) => setNoteDraft(e.target.value)}
            />
            <button type="submit" className="btn btn-small" disabled={noteDraft.trim() === ''} data-testid="ticket-note-add">
              {t('work.addNote')}
            </button>
          </form>
        )}
      </div>
    </div>
  );
}
