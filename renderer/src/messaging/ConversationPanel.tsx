/**
 * The customer's SMS and WhatsApp conversation on the record and the pop: messages in order with
 * their status (« distribué », « lu », « échec » and why), and Claire's composer — the channel, what
 * the message is (answer, service, marketing), the length counted as the customer's operator bills
 * it, and what WhatsApp allows now (free text within 24 hours of the customer's last message; outside
 * it, only the templates WhatsApp approved — listed from the business account, their parameters
 * filled from the customer's record by the service).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { countSms } from '../contract';
import { useConnectionStore, selectCanWrite } from '../app/connection-store';
import { fullDateTime, relativeTime } from '../format/format';
import { errorText, useT } from '../i18n/use-t';
import { useNow } from '../ui/use-now';
import { ownerKey, useMessagingStore, type MessageItem, type WhatsAppTemplate } from './messaging-store';
import { TemplateOptions } from '../templates/TemplateOptions';
import { useDocumentsStore } from '../documents/documents-store';
import { ConsentLine } from './ConsentLine';

const newDraftId = () => `draft-${crypto.randomUUID()}`;

export function ConversationPanel({ contactId, companyId }: { contactId: string | null | undefined; companyId: string | null | undefined }) {
  const { t, locale } = useT();
  const now = useNow(60_000);
  const linkUp = useConnectionStore((s) => s.link.state === 'up');
  const canWrite = useConnectionStore(selectCanWrite);
  const key = ownerKey(contactId, companyId);
  const conversation = useMessagingStore((s) => (key ? s.conversations[key] : undefined));
  const sending = useMessagingStore((s) => s.sending);
  const sendError = useMessagingStore((s) => s.sendError);
  const [channel, setChannel] = useState<'sms' | 'whatsapp'>('sms');
  const [purpose, setPurpose] = useState<'reply' | 'service' | 'marketing'>('reply');
  const [text, setText] = useState('');
  const draftId = useRef(newDraftId());
  useEffect(() => {
    if (key && linkUp) void useMessagingStore.getState().loadConversation(contactId ?? null, companyId ?? null);
  }, [key, contactId, companyId, linkUp]);
  useEffect(() => {
    // Read on screen: the inbox forgets them.
    const unread = conversation?.messages.filter((m) => m.direction === 'in' && m.readAt === null).map((m) => m.id) ?? [];
    if (unread.length > 0 && canWrite) void useMessagingStore.getState().markRead(unread);
  }, [conversation, canWrite]);
  const templates = useMessagingStore((s) => s.templates);
  const approved = useMessagingStore((s) => s.whatsappTemplates);
  const [missing, setMissing] = useState<string[]>([]);
  /** The approved WhatsApp template chosen, with its text merged for the customer. */
  const [chosenApproved, setChosenApproved] = useState<{ template: WhatsAppTemplate; text: string; missing: string[] } | null>(null);
  useEffect(() => {
    if (linkUp && templates.length === 0) void useMessagingStore.getState().loadTemplates();
  }, [linkUp, templates.length]);
  const whatsappOn = conversation?.channels.whatsapp === true;
  useEffect(() => {
    if (linkUp && whatsappOn && approved === null) void useMessagingStore.getState().loadWhatsAppTemplates();
  }, [linkUp, whatsappOn, approved]);
  const count = useMemo(() => countSms(text), [text]);
  if (!key || !conversation) return null;
  const configured = conversation.channels.sms || conversation.channels.whatsapp;
  // Nothing configured and nothing exchanged (the demo, a desk without a gateway): no empty panel.
  if (!configured && conversation.messages.length === 0) return null;
  const chosen = conversation.channels[channel] ? channel : conversation.channels.sms ? 'sms' : 'whatsapp';
  const whatsappClosed = chosen === 'whatsapp' && conversation.whatsappOpenUntil === null;
  const sendingApproved = chosen === 'whatsapp' && chosenApproved !== null;
  // SMS templates first for an SMS, then the e-mail ones (same merge fields).
  const starting = [...templates.filter((tpl) => tpl.channel === chosen), ...templates.filter((tpl) => tpl.channel === 'email')];
  const useApproved = async (key: string) => {
    const template = approved?.templates.find((tpl) => `${tpl.name}|${tpl.language}` === key) ?? null;
    if (!template) {
      setChosenApproved(null);
      return;
    }
    if (!template.templateId) {
      setChosenApproved({ template, text: template.body, missing: [] });
      return;
    }
    const merged = await useMessagingStore.getState().mergedText(template.templateId, contactId ?? null, companyId ?? null);
    setChosenApproved({ template, text: merged?.text ?? template.body, missing: merged?.missing ?? [] });
  };
  const useTemplate = async (templateId: string) => {
    if (!templateId) return;
    const merged = await useMessagingStore.getState().mergedText(templateId, contactId ?? null, companyId ?? null);
    if (!merged) return;
    setText(merged.text);
    setMissing(merged.missing);
  };
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const owner = { contactId: contactId ?? null, companyId: contactId ? null : (companyId ?? null) };
    const approvedPart = sendingApproved
      ? chosenApproved.template.templateId
        ? { templateId: chosenApproved.template.templateId }
        : { template: { name: chosenApproved.template.name, language: chosenApproved.template.language, parameters: [] } }
      : { text };
    const ok = await useMessagingStore.getState().send({ channel: chosen, ...owner, ...approvedPart, purpose, draftId: draftId.current });
    if (ok) {
      setText('');
      setMissing([]);
      setChosenApproved(null);
      draftId.current = newDraftId();
    }
  };
  return (
    <section className="conversation" aria-labelledby={`conversation-${key}`} data-testid="conversation">
      <h2 id={`conversation-${key}`} className="section-title">
        {t('messaging.title')} {conversation.number && <span className="muted">· {conversation.number}</span>}
      </h2>
      {conversation.optedOutAt && (
        <p className="conversation-stop" role="status" data-testid="conversation-stop">
          {t('messaging.optedOut', { date: fullDateTime(conversation.optedOutAt, locale) })}
        </p>
      )}
      {conversation.messages.length === 0 ? (
        <p className="muted">{t('messaging.none')}</p>
      ) : (
        <ol className="conversation-messages">
          {conversation.messages.slice(-30).map((m) => (
            <Message key={m.id} message={m} now={now} />
          ))}
        </ol>
      )}
      {contactId && configured && <ConsentLine contactId={contactId} canWrite={canWrite} reloadKey={conversation} />}
      {!configured ? (
        <p className="muted">{t('messaging.notConfigured')}</p>
      ) : (
        canWrite && (
          <form className="conversation-composer" onSubmit={(e) => void submit(e)}>
            <div className="conversation-options">
              <label>
                <span className="sr-only">{t('messaging.channel')}</span>
                <select value={chosen} onChange={(e) => setChannel(e.target.value as 'sms' | 'whatsapp')} data-testid="conversation-channel">
                  {conversation.channels.sms && <option value="sms">SMS</option>}
                  {conversation.channels.whatsapp && <option value="whatsapp">WhatsApp</option>}
                </select>
              </label>
              <label>
                <span className="sr-only">{t('messaging.purpose')}</span>
                <select value={purpose} onChange={(e) => setPurpose(e.target.value as typeof purpose)} data-testid="conversation-purpose">
                  <option value="reply">{t('messaging.purpose.reply')}</option>
                  <option value="service">{t('messaging.purpose.service')}</option>
                  <option value="marketing">{t('messaging.purpose.marketing')}</option>
                </select>
              </label>
              {starting.length > 0 && !sendingApproved && (
                <label>
                  <span className="sr-only">{t('messaging.template')}</span>
                  <select value="" onChange={(e) => void useTemplate(e.target.value)} disabled={whatsappClosed} data-testid="conversation-template">
                    <option value="">{t('messaging.template')}</option>
                    <TemplateOptions templates={starting} />
                  </select>
                </label>
              )}
              {chosen === 'whatsapp' && approved?.available && (
                <label>
                  <span className="sr-only">{t('messaging.approved')}</span>
                  <select
                    value={chosenApproved ? `${chosenApproved.template.name}|${chosenApproved.template.language}` : ''}
                    onChange={(e) => void useApproved(e.target.value)}
                    data-testid="conversation-approved"
                  >
                    <option value="">{whatsappClosed ? t('messaging.approvedRequired') : t('messaging.approved')}</option>
                    {approved.templates.map((tpl) => {
                      const usable = tpl.status === 'APPROVED' && (tpl.templateId !== null || tpl.parameters === 0);
                      const why = tpl.status !== 'APPROVED' ? t('messaging.approvedStatus', { status: tpl.status }) : usable ? '' : t('messaging.approvedUnbound');
                      return (
                        <option key={`${tpl.name}|${tpl.language}`} value={`${tpl.name}|${tpl.language}`} disabled={!usable}>
                          {`${tpl.templateName ?? tpl.name} (${tpl.language})${why ? ` — ${why}` : ''}`}
                        </option>
                      );
                    })}
                  </select>
                </label>
              )}
            </div>
            {sendingApproved && (
              <div className="conversation-approved" data-testid="conversation-approved-preview">
                <p className="conversation-body">{chosenApproved.text}</p>
                <p className="muted">
                  {t('messaging.approvedNote', { name: chosenApproved.template.name, category: chosenApproved.template.category })}{' '}
                  <button type="button" className="btn btn-small btn-ghost" onClick={() => setChosenApproved(null)}>
                    {t('messaging.approvedCancel')}
                  </button>
                </p>
                {chosenApproved.missing.length > 0 && (
                  <p className="inline-error" role="status">
                    {t('messaging.templateMissing', { fields: chosenApproved.missing.join(', ') })}
                  </p>
                )}
              </div>
            )}
            {!sendingApproved && (
              <label className="field">
                <span className="sr-only">{t('messaging.text')}</span>
                <textarea value={text} rows={3} maxLength={1600} onChange={(e) => setText(e.target.value)} aria-describedby={`conversation-count-${key}`} disabled={whatsappClosed} data-testid="conversation-text" />
              </label>
            )}
            <p className="muted conversation-count" id={`conversation-count-${key}`} aria-live="polite" data-testid="conversation-count">
              {sendingApproved
                ? null
                : whatsappClosed
                ? t('messaging.whatsappClosed')
                : chosen === 'sms'
                  ? t(count.encoding === 'GSM-7' ? 'messaging.countGsm' : 'messaging.countUnicode', {
                      units: count.units,
                      segments: count.segments,
                      remaining: count.remaining,
                      characters: count.unicodeCharacters.slice(0, 5).join(' '),
                    })
                  : conversation.whatsappOpenUntil && t('messaging.whatsappOpen', { until: fullDateTime(conversation.whatsappOpenUntil, locale) })}
              {purpose === 'marketing' && <> · {t('messaging.marketingRule')}</>}
            </p>
            {missing.length > 0 && (
              <p className="inline-error" role="status" data-testid="conversation-missing">
                {t('messaging.templateMissing', { fields: missing.join(', ') })}
              </p>
            )}
            {sendError && (
              <p className="inline-error" role="alert">
                {errorText(t, sendError)}
              </p>
            )}
            <button
              type="submit"
              className="btn btn-small btn-primary"
              disabled={sending || (sendingApproved ? chosenApproved.missing.length > 0 : text.trim() === '' || whatsappClosed)}
              data-testid="conversation-send"
            >
              {t('messaging.send')}
            </button>
          </form>
        )
      )}
    </section>
  );
}

function Message({ message, now }: { message: MessageItem; now: number }) {
  const { t, locale } = useT();
  return (
    <li className={`conversation-message ${message.direction === 'in' ? 'message-in' : 'message-out'}`} data-testid="conversation-message" data-status={message.status}>
      <p className="conversation-meta">
        <span>{message.channel === 'sms' ? 'SMS' : 'WhatsApp'}</span> ·{' '}
        <time dateTime={message.at} title={fullDateTime(message.at, locale)}>
          {relativeTime(message.at, now, locale, t('time.now'))}
        </time>
        {message.direction === 'out' && (
          <>
            {' '}
            · <span data-testid="conversation-status">{t(`messaging.status.${message.status}`)}</span>
          </>
        )}
      </p>
      <p className="conversation-body">{message.body}</p>
      {message.media && <MediaLine media={message.media} />}
      {message.statusText && <p className="conversation-why">{message.statusText}</p>}
    </li>
  );
}

/** A customer's picture, document or voice note: kept as a document (opened from here), on its way, or why not. */
function MediaLine({ media }: { media: NonNullable<MessageItem['media']> }) {
  const { t } = useT();
  if (media.state === 'kept' && media.documentId) {
    const id = media.documentId;
    return (
      <p className="conversation-media" data-testid="conversation-media" data-state="kept">
        <button type="button" className="link" onClick={() => void useDocumentsStore.getState().download({ id })}>
          {t('messaging.media.open', { name: media.name ?? t(`messaging.media.${media.kind === 'image' || media.kind === 'audio' ? media.kind : 'document'}`) })}
        </button>{' '}
        <span className="muted">{t('messaging.media.kept')}</span>
      </p>
    );
  }
  return (
    <p className="conversation-media muted" data-testid="conversation-media" data-state={media.state}>
      {media.state === 'pending' ? t('messaging.media.pending') : media.reason}
    </p>
  );
}
