/**
 * Work from a record, outside any call (a customer e-mails, walks in, or called back after the pop
 * was closed): a note, a ticket, a call back — the same as on a pop, with the same shortcuts
 * (Alt+N, Alt+T, Alt+C, see feature.ts), for the contact or company shown.
 */
import { useState } from 'react';
import type { RecordCard, TicketDraft } from '../contract';
import { api } from '../transport/contract-client';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { useT, errorText } from '../i18n/use-t';
import { toUiError, type UiError } from '../ui/ui-error';
import { DialButton } from '../callbacks/DialButton';
import { TicketForm } from './TicketForm';
import { useWorkStore, type TicketFormValues } from './work-store';
import { useDirectoryStore } from '../directory/directory-store';

export const RECORD_NOTE_ID = 'record-note';
export const RECORD_TICKET_BUTTON = 'record-ticket-open';
export const RECORD_DIAL_BUTTON = 'record-dial';

function ownerOf(card: RecordCard) {
  return { contactId: card.contact?.id ?? null, companyId: card.company?.id ?? null };
}

export function RecordWork({ card }: { card: RecordCard }) {
  const { t } = useT();
  const canWrite = useConnectionStore(selectCanWrite);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [ticketOpen, setTicketOpen] = useState(false);
  const owner = ownerOf(card);
  const label = card.contact ? `${card.contact.firstName} ${card.contact.lastName}`.trim() : (card.company?.name ?? null);
  const phone = (card.contact?.phones ?? card.company?.phones ?? []).find((p) => p.e164) ?? null;
  const address = card.contact
    ? [card.contact.address, [card.contact.postalCode, card.contact.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')
    : [card.company?.address, [card.company?.postalCode, card.company?.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const draft: TicketDraft = { subject: '', category: 'autre', priority: 'normale', ...owner, ownerLabel: label, siteAddress: address || null, callId: null };

  const addNote = async () => {
    const body = note.trim();
    if (!body || saving) return;
    setSaving(true);
    try {
      await api().invoke('notes.add', { body, ...owner });
      setNote('');
      setSaved(true);
      setError(null);
      // The note joins the history shown beside it.
      void useDirectoryStore.getState().reloadRecord();
    } catch (e) {
      setError(toUiError(e));
    } finally {
      setSaving(false);
    }
  };
  const createTicket = async (values: TicketFormValues): Promise<boolean> => {
    try {
      const detail = await api().invoke('tickets.create', {
        subject: values.subject.trim(),
        description: values.description.trim() || null,
        category: values.category,
        priority: values.priority,
        siteAddress: values.siteAddress.trim() || null,
        ...owner,
      });
      setTicketOpen(false);
      setError(null);
      void useDirectoryStore.getState().reloadRecord();
      void useWorkStore.getState().showTicket(detail.ticket.id);
      return true;
    } catch (e) {
      setError(toUiError(e));
      return false;
    }
  };

  return (
    <section className="record-work" aria-label={t('work.record.title')} data-testid="record-work">
      <div className="record-work-actions">
        {phone?.e164 && (
          <DialButton number={phone.e164} display={phone.display} label={t('work.record.callBack')} testId={RECORD_DIAL_BUTTON} />
        )}
        <button type="button" className="btn btn-small" disabled={!canWrite} onClick={() => setTicketOpen(true)} data-testid={RECORD_TICKET_BUTTON} aria-keyshortcuts="Alt+T">
          {t('work.record.newTicket')}
        </button>
      </div>
      {ticketOpen && <TicketForm callId="" draft={draft} onSubmit={createTicket} onCancel={() => setTicketOpen(false)} />}
      <label className="field">
        <span className="field-label">{t('work.record.note')}</span>
        <textarea
          id={RECORD_NOTE_ID}
          rows={2}
          maxLength={20_000}
          value={note}
          disabled={!canWrite}
          aria-keyshortcuts="Alt+N"
          data-testid="record-note"
          onChange={(e) => {
            setNote(e.target.value);
            setSaved(false);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void addNote();
            }
          }}
        />
      </label>
      <div className="record-work-actions">
        <button type="button" className="btn btn-small" disabled={!canWrite || saving || note.trim() === ''} onClick={() => void addNote()} data-testid="record-note-add">
          {t('work.addNote')}
        </button>
        {saved && (
          <span className="muted" role="status">
            {t('work.record.noteSaved')}
          </span>
        )}
      </div>
      {error && (
        <p className="inline-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
    </section>
  );
}
