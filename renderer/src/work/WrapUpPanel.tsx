/**
 * The work on the call shown in the pop: notes while talking, then the outcome and an account of
 * the call, and a ticket opened from it. Saving "logs" the call (one journal row, queued for the CRM).
 */
import { useEffect, useRef } from 'react';
import type { CallOutcome, CallRecord, Ticket } from '../contract';
import { useWorkStore } from './work-store';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { useT, errorText } from '../i18n/use-t';
import { timeOfDay } from '../format/format';
import { duration } from '../format/elapsed';
import { Icon } from '../ui/Icon';
import { TicketForm } from './TicketForm';

const OUTCOMES: readonly CallOutcome[] = ['connecte', 'message_laisse', 'pas_de_reponse', 'mauvais_numero', 'occupe'];

export function NoteEditor({ callId }: { callId: string }) {
  const { t } = useT();
  const draft = useWorkStore((s) => s.wrapUps[callId]?.noteDraft ?? '');
  const edit = useWorkStore((s) => s.edit);
  const addNote = useWorkStore((s) => s.addNote);
  const focusSeq = useWorkStore((s) => s.focusNoteSeq);
  const canWrite = useConnectionStore(selectCanWrite);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (focusSeq > 0) field.current?.focus();
  }, [focusSeq]);
  return (
    <div className="note-editor">
      <textarea
        ref={field}
        rows={2}
        maxLength={20_000}
        value={draft}
        disabled={!canWrite}
        placeholder={t('work.notePlaceholder')}
        aria-label={t('work.notes')}
        data-testid="note-input"
        onChange={(e) => edit(callId, { noteDraft: e.target.value })}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void addNote(callId);
          }
        }}
      />
      <button type="button" className="btn btn-small" disabled={!canWrite || draft.trim() === ''} onClick={() => void addNote(callId)} data-testid="note-add">
        <Icon name="note" />
        {t('work.addNote')}
      </button>
    </div>
  );
}

export function WrapUpPanel({ call, openTickets = [] }: { call: CallRecord; openTickets?: readonly Ticket[] }) {
  const { t, locale } = useT();
  const entry = useWorkStore((s) => s.wrapUps[call.id]);
  const load = useWorkStore((s) => s.load);
  const edit = useWorkStore((s) => s.edit);
  const save = useWorkStore((s) => s.save);
  const openTicketForm = useWorkStore((s) => s.openTicketForm);
  const showTicket = useWorkStore((s) => s.showTicket);
  const linkTicket = useWorkStore((s) => s.linkTicket);
  const canWrite = useConnectionStore(selectCanWrite);
  useEffect(() => {
    void load(call.id);
  }, [call.id, call.state, load]);
  const log = entry?.log ?? null;
  const ringing = call.state === 'ringing';
  return (
    <section className="wrapup card-panel" data-testid="wrapup" aria-labelledby={`wrapup-${call.id}`} data-logged={log?.loggedAt ? 'true' : 'false'}>
      <div className="wrapup-head">
        <h2 id={`wrapup-${call.id}`}>{t('work.title')}</h2>
        <span className="muted" data-testid="wrapup-logged">
          {log?.loggedAt ? t('work.logged', { time: timeOfDay(log.loggedAt, locale) }) : t('work.notLogged')}
        </span>
        {log?.durationSec != null && <span className="muted">{t('work.duration', { duration: duration(log.durationSec) })}</span>}
      </div>

      <div className="wrapup-notes">
        <h3>{t('work.notes')}</h3>
        {log && log.notes.length === 0 && <p className="muted">{t('work.noNotes')}</p>}
        <ul className="work-notes">
          {log?.notes.map((note) => (
            <li key={note.id} className="work-note wrap-text pre-wrap" data-testid="note-item">
              {note.body}
            </li>
          ))}
        </ul>
        <NoteEditor callId={call.id} />
      </div>

      {!ringing && (
        <form
          className="wrapup-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save(call.id);
          }}
        >
          <fieldset className="outcomes" disabled={!canWrite}>
            <legend className="field-label">{t('work.outcome')}</legend>
            {OUTCOMES.map((outcome) => (
              <button
                key={outcome}
                type="button"
                className={`btn btn-small outcome ${entry?.outcome === outcome ? 'selected' : ''}`}
                aria-pressed={entry?.outcome === outcome}
                data-testid="wrapup-outcome"
                data-value={outcome}
                onClick={() => edit(call.id, { outcome: entry?.outcome === outcome ? null : outcome })}
              >
                {t(`work.outcome.${outcome}`)}
              </button>
            ))}
          </fieldset>
          <label className="field">
            <span className="field-label">{t('work.body')}</span>
            <textarea
              rows={3}
              maxLength={20_000}
              value={entry?.body ?? ''}
              disabled={!canWrite}
              placeholder={t('work.bodyPlaceholder')}
              data-testid="wrapup-body"
              onChange={(e) => edit(call.id, { body: e.target.value })}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  void save(call.id);
                }
              }}
            />
          </label>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={!canWrite || entry?.status === 'saving'} data-testid="wrapup-save">
              <Icon name="check" />
              {entry?.status === 'saving' ? t('work.saving') : t('work.save')}
            </button>
            {log?.ticketId ? (
              <button type="button" className="btn btn-small" onClick={() => void showTicket(log.ticketId!)} data-testid="wrapup-ticket">
                <Icon name="ticket" />
                {t('work.openTicket')}
              </button>
            ) : (
              <button
                type="button"
                className="btn btn-small"
                disabled={!canWrite || Boolean(entry?.ticketForm)}
                onClick={() => void openTicketForm(call.id)}
                data-testid="ticket-create-open"
              >
                <Icon name="plus" />
                {t('work.createTicket')}
              </button>
            )}
            {!log?.ticketId && openTickets.length > 0 && (
              <select
                className="link-ticket"
                value=""
                disabled={!canWrite}
                aria-label={t('work.linkTicket')}
                data-testid="wrapup-link-ticket"
                onChange={(e) => e.target.value && void linkTicket(call.id, e.target.value)}
              >
                <option value="">{t('work.linkTicket')}</option>
                {openTickets.map((ticket) => (
                  <option key={ticket.id} value={ticket.id}>
                    {ticket.subject.length > 60 ? `${ticket.subject.slice(0, 60)}…` : ticket.subject}
                  </option>
                ))}
              </select>
            )}
          </div>
        </form>
      )}
      {entry?.ticketForm && <TicketForm callId={call.id} draft={entry.ticketForm} />}
      {entry?.error && (
        <p className="inline-error" role="alert">
          {errorText(t, entry.error)}
        </p>
      )}
    </section>
  );
}
