/**
 * The e-mails of a ticket, in order, with their attachments listed (never opened from here), and
 * the reply Claire writes from a template. Shown inside the ticket dialog (work/TicketView.tsx).
 */
import { useEffect, useState } from 'react';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { fullDateTime } from '../format/format';
import { errorText, useT } from '../i18n/use-t';
import { api } from '../transport/contract-client';
import { useMailboxStore, type MailThread } from './mailbox-store';
import { TemplateOptions } from '../templates/TemplateOptions';

type Message = MailThread['messages'][number];

function fileSize(bytes: number, locale: string): string {
  if (bytes < 1024) return `${bytes} o`;
  const units = locale === 'en' ? ['KB', 'MB'] : ['Ko', 'Mo'];
  const kb = bytes / 1024;
  return kb < 1024 ? `${kb.toLocaleString(locale, { maximumFractionDigits: 0 })} ${units[0]}` : `${(kb / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} ${units[1]}`;
}

function MessageItem({ message }: { message: Message }) {
  const { t, locale } = useT();
  const at = message.writtenAt ?? message.recordedAt;
  const from = message.direction === 'out' ? t('mailbox.fromAccueil', { author: message.author ?? message.fromAddress ?? '' }) : t('mailbox.from', { from: message.fromName ? `${message.fromName} <${message.fromAddress ?? ''}>` : (message.fromAddress ?? '') });
  return (
    <li className={`mail-message mail-${message.direction}`} data-testid="mail-message" data-direction={message.direction} data-state={message.state}>
      <div className="mail-message-head">
        <strong>{from}</strong>
        {message.direction === 'out' && <span className="muted">{t('mailbox.to', { to: message.to })}</span>}
        <time className="muted" dateTime={at}>
          {fullDateTime(at, locale)}
        </time>
      </div>
      {message.subject && <div className="wrap-text">{message.subject}</div>}
      {message.state === 'sending' && <p className="muted">{t('mailbox.sending')}</p>}
      {message.state === 'failed' && (
        <p className="inline-error" role="alert">
          {t('mailbox.failed', { error: message.error ?? '' })}
        </p>
      )}
      <p className="mail-message-body">{message.body}</p>
      {message.attachments.length > 0 && (
        <>
          <span className="muted">{t('mailbox.attachments')}</span>
          <ul className="mail-attachments" data-testid="mail-attachments">
            {message.attachments.map((a, i) => (
              <li key={i} title={a.contentType}>
                {t('mailbox.attachment', { name: a.filename, size: fileSize(a.size, locale) })}
              </li>
            ))}
          </ul>
        </>
      )}
    </li>
  );
}

function ReplyForm() {
  const { t } = useT();
  const draft = useMailboxStore((s) => s.draft);
  const sending = useMailboxStore((s) => s.sending);
  const { startReply, editDraft, cancelReply, send } = useMailboxStore.getState();
  const [templates, setTemplates] = useState<Array<{ id: string; name: string }>>([]);
  useEffect(() => {
    void api()
      .invoke('templates.list', { channel: 'email' })
      .then((list) => setTemplates(list.map((tpl) => ({ id: tpl.id, name: tpl.name }))))
      .catch(() => setTemplates([]));
  }, []);
  if (!draft) return null;
  const unfilled = [...new Set([...`${draft.subject}\n${draft.body}`.matchAll(/\{\{\s*([^{}]+?)\s*\}\}/g)].map((m) => `{{${m[1]}}}`))];
  return (
    <form
      className="mail-reply"
      data-testid="mail-reply"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <p className="muted">{draft.to ? t('mailbox.replyTo', { to: draft.to }) : t('mailbox.noReplyAddress')}</p>
      <label>
        {t('mailbox.template')}{' '}
        <select value={draft.templateId ?? ''} onChange={(e) => void startReply(e.target.value || null)} data-testid="mail-reply-template">
          <option value="">{t('mailbox.noTemplate')}</option>
          <TemplateOptions templates={templates} />
        </select>
      </label>
      <label>
        {t('mailbox.subject')}
        <input type="text" maxLength={300} value={draft.subject} onChange={(e) => editDraft({ subject: e.target.value })} data-testid="mail-reply-subject" />
      </label>
      <label>
        {t('mailbox.body')}
        <textarea maxLength={20_000} value={draft.body} onChange={(e) => editDraft({ body: e.target.value })} data-testid="mail-reply-body" />
      </label>
      {unfilled.length > 0 && (
        <p className="inline-error" data-testid="mail-reply-missing">
          {t('mailbox.missing', { fields: unfilled.join(', ') })}
        </p>
      )}
      <div className="field-row">
        <button type="submit" className="btn btn-small" disabled={sending || !draft.to || unfilled.length > 0 || draft.body.trim() === ''} data-testid="mail-reply-send">
          {sending ? t('mailbox.sendingButton') : t('mailbox.send')}
        </button>
        <button type="button" className="btn btn-small" onClick={cancelReply}>
          {t('mailbox.cancel')}
        </button>
      </div>
    </form>
  );
}

export function TicketMailThread({ ticketId }: { ticketId: string }) {
  const { t } = useT();
  const thread = useMailboxStore((s) => (s.ticketId === ticketId ? s.thread : null));
  const error = useMailboxStore((s) => (s.ticketId === ticketId ? s.error : null));
  const draft = useMailboxStore((s) => s.draft);
  const canWrite = useConnectionStore(selectCanWrite);
  const linkUp = useConnectionStore((s) => s.link.state === 'up');
  useEffect(() => {
    if (linkUp) void useMailboxStore.getState().load(ticketId);
  }, [ticketId, linkUp]);
  // Only a ticket with e-mails shows the section (a ticket opened on the phone is e-mailed from the record's composer).
  if (!thread || thread.messages.length === 0) return null;
  return (
    <section className="mail-thread" data-testid="mail-thread" aria-labelledby="mail-thread-title">
      <h3 id="mail-thread-title">{t('mailbox.thread')}</h3>
      {thread.newContact && (
        <p className="mail-new-contact wrap-text" data-testid="mail-new-contact">
          {thread.newContact.name
            ? t('mailbox.newContact', { name: thread.newContact.name, address: thread.newContact.address })
            : t('mailbox.newContactNoName', { address: thread.newContact.address })}
        </p>
      )}
      <ol className="mail-messages">
        {thread.messages.map((m) => (
          <MessageItem key={m.id} message={m} />
        ))}
      </ol>
      {error && (
        <p className="inline-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {canWrite && thread.replyTo && !draft && (
        <button type="button" className="btn btn-small" onClick={() => void useMailboxStore.getState().startReply(null)} data-testid="mail-reply-start">
          {t('mailbox.reply')}
        </button>
      )}
      {canWrite && <ReplyForm />}
    </section>
  );
}
