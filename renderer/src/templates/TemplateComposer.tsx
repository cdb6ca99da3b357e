/**
 * The composer: the template text (editable, with the "Insérer un champ" menu), the preview merged for
 * the caller, a warning listing every field left empty or unknown (with a box to type each missing
 * value), then "Envoyer" or "Copier". Every CRM value is rendered as text.
 */
import { useRef, useState } from 'react';
import { clipboardText, useTemplateStore, type MergeField } from './template-store';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { useT, errorText, reasonText } from '../i18n/use-t';
import { Icon } from '../ui/Icon';
import { Clip } from '../ui/Text';
import { mergeFieldGroup, mergeFieldLabel } from './merge-field-words';
import { fullDateTime } from '../format/format';
import type { Locale } from '../contract';

/** Inserts `{{key}}` at the caret of a text field and returns the new text and caret. */
export function insertField(text: string, start: number, end: number, key: string): { text: string; caret: number } {
  const token = `{{${key}}}`;
  return { text: text.slice(0, start) + token + text.slice(end), caret: start + token.length };
}

export function FieldMenu({ fields, onInsert, testId }: { fields: readonly MergeField[]; onInsert: (key: string) => void; testId: string }) {
  const { t } = useT();
  const groups = [...new Set(fields.map((f) => f.group))];
  return (
    <select
      className="field-menu"
      value=""
      aria-label={t('templates.insertField')}
      data-testid={testId}
      onChange={(e) => {
        if (e.target.value) onInsert(e.target.value);
      }}
    >
      <option value="">{t('templates.insertField')}</option>
      {groups.map((group) => (
        <optgroup key={group} label={mergeFieldGroup(t, group)}>
          {fields
            .filter((f) => f.group === group)
            .map((f) => (
              <option key={f.key} value={f.key}>
                {`${mergeFieldLabel(t, f.key, f.label)} — {{${f.key}}}`}
              </option>
            ))}
        </optgroup>
      ))}
    </select>
  );
}

function Segments({ segments, testId }: { segments: ReadonlyArray<{ text: string; field: string | null; state: string }>; testId: string }) {
  return (
    <span data-testid={testId}>
      {segments.map((s, i) =>
        s.field === null ? (
          <span key={i}>{s.text}</span>
        ) : (
          <mark key={i} className={`merge merge-${s.state}`} data-field={s.field} data-state={s.state} title={`{{${s.field}}}`}>
            {s.text}
          </mark>
        ),
      )}
    </span>
  );
}

/**
 * An intervention offered in the composer: the service's label is French, its date included
 * (« mardi 14 mai 2024 14 h 30 »); in another language the date is written here from its parts.
 */
function interventionChoiceLabel(choice: { label: string; kind?: string; at?: string; technician?: string | null }, locale: Locale): string {
  if (locale === 'fr' || !choice.kind || !choice.at) return choice.label;
  const when = fullDateTime(choice.at, locale);
  return [choice.kind, when || choice.at, choice.technician].filter(Boolean).join(' · ');
}

export function TemplateComposer() {
  const { t, locale } = useT();
  const draft = useTemplateStore((s) => s.draft);
  const preview = useTemplateStore((s) => s.preview);
  const previewError = useTemplateStore((s) => s.previewError);
  const fields = useTemplateStore((s) => s.fields);
  const sendStatus = useTemplateStore((s) => s.sendStatus);
  const sendError = useTemplateStore((s) => s.sendError);
  const sent = useTemplateStore((s) => s.sent);
  const edit = useTemplateStore((s) => s.edit);
  const send = useTemplateStore((s) => s.send);
  const close = useTemplateStore((s) => s.close);
  const canWrite = useConnectionStore(selectCanWrite);
  const body = useRef<HTMLTextAreaElement>(null);
  const [copy, setCopy] = useState<'idle' | 'done' | 'failed'>('idle');
  // Every field a box was shown for stays until the composer closes: once the value typed fills it,
  // the preview no longer lists it as missing, but the box being typed in must not vanish (with the focus).
  const shownFields = useRef(new Map<string, { key: string; reason: 'empty' | 'unknown'; label: string | null }>());
  if (!draft) return null;

  const missing = preview?.missing ?? [];
  for (const m of missing) if (!shownFields.current.has(m.key)) shownFields.current.set(m.key, m);
  const fillable = [...shownFields.current.values()].filter((m) => missing.some((x) => x.key === m.key) || (m.reason === 'empty' && m.key in draft.values));
  const blockers = preview?.blockers ?? [];
  const canSend = canWrite && !!preview && missing.length === 0 && blockers.length === 0 && sendStatus !== 'sending' && sendStatus !== 'sent';

  const onInsert = (key: string) => {
    const el = body.current;
    const start = el?.selectionStart ?? draft.body.length;
    const end = el?.selectionEnd ?? start;
    const next = insertField(draft.body, start, end, key);
    edit({ body: next.text });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(next.caret, next.caret);
    });
  };
  const onCopy = async () => {
    if (!preview) return;
    try {
      await navigator.clipboard.writeText(clipboardText(preview));
      setCopy('done');
    } catch {
      setCopy('failed');
    }
    setTimeout(() => setCopy('idle'), 2000);
  };

  return (
    <div className="composer" data-testid="composer">
      <div className="dialog-head">
        <h2 id="composer-title">
          <Icon name="mail" /> {draft.templateName ?? t('templates.composeTitle')}
          {preview?.draft.recipientLabel && <Clip text={` — ${preview.draft.recipientLabel}`} className="muted" />}
        </h2>
        <button type="button" className="icon-btn" onClick={close} title={t('nav.close')} data-testid="composer-close">
          <Icon name="close" size={18} />
          <span className="sr-only">{t('nav.close')}</span>
        </button>
      </div>
      <div className="composer-grid">
        <div className="composer-edit form">
          <div className="field">
            <label htmlFor="composer-to" className="field-label">
              {t('templates.to')}
            </label>
            <input id="composer-to" data-testid="composer-to" value={draft.to} maxLength={320} spellCheck={false} onChange={(e) => edit({ to: e.target.value })} />
          </div>
          {preview && preview.choices.quotes.length > 0 && (
            <div className="field">
              <label htmlFor="composer-quote" className="field-label">
                {t('templates.quote')}
              </label>
              <select id="composer-quote" value={draft.quoteId ?? ''} onChange={(e) => edit({ quoteId: e.target.value || null })}>
                <option value="">{t('templates.none')}</option>
                {preview.choices.quotes.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </select>
            </div>
          )}
          {preview && preview.choices.interventions.length > 0 && (
            <div className="field">
              <label htmlFor="composer-intervention" className="field-label">
                {t('templates.intervention')}
              </label>
              <select id="composer-intervention" value={draft.interventionId ?? ''} onChange={(e) => edit({ interventionId: e.target.value || null })}>
                <option value="">{t('templates.none')}</option>
                {preview.choices.interventions.map((c) => (
                  <option key={c.id} value={c.id}>
                    {interventionChoiceLabel(c, locale)}
                  </option>
                ))}
              </select>
            </div>
          )}
          {preview && preview.choices.tickets.length > 0 && (
            <div className="field">
              <label htmlFor="composer-ticket" className="field-label">
                {t('templates.ticket')}
              </label>
              <select id="composer-ticket" value={draft.ticketId ?? ''} onChange={(e) => edit({ ticketId: e.target.value || null })}>
                <option value="">{t('templates.none')}</option>
                {preview.choices.tickets.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor="composer-subject" className="field-label">
              {t('templates.subject')}
            </label>
            <input id="composer-subject" data-testid="composer-subject" value={draft.subject} maxLength={500} onChange={(e) => edit({ subject: e.target.value })} />
          </div>
          <div className="field">
            <div className="field-label-row">
              <label htmlFor="composer-body" className="field-label">
                {t('templates.body')}
              </label>
              <FieldMenu fields={fields} onInsert={onInsert} testId="composer-insert-field" />
            </div>
            <textarea id="composer-body" ref={body} data-testid="composer-body" rows={14} value={draft.body} maxLength={20000} onChange={(e) => edit({ body: e.target.value })} />
          </div>
        </div>
        <div className="composer-preview">
          <h3 className="section-title">{t('templates.preview')}</h3>
          {previewError && (
            <p className="inline-error" role="alert">
              {errorText(t, previewError)}
            </p>
          )}
          {!preview && !previewError && <p className="muted">{t('app.loading')}</p>}
          {preview && (
            <>
              <p className="preview-subject">
                <Segments segments={preview.subjectSegments} testId="preview-subject" />
              </p>
              <pre className="preview-body">
                <Segments segments={preview.bodySegments} testId="preview-body" />
              </pre>
              {fillable.length > 0 && (
                <div className={`notice missing-notice ${missing.length > 0 ? 'notice-warn' : ''}`} role="status" data-testid="composer-missing">
                  <p>
                    {missing.length > 0 ? (
                      <>
                        <Icon name="alert" /> {t('templates.missingTitle', { count: missing.length })}
                      </>
                    ) : (
                      t('templates.filledTitle')
                    )}
                  </p>
                  <ul className="missing-fields">
                    {fillable.map((m) => (
                      <li key={m.key} data-testid="missing-field" data-field={m.key} data-reason={m.reason}>
                        <span className="missing-name">
                          <span>{m.reason === 'unknown' ? t('templates.unknownField') : mergeFieldLabel(t, m.key, m.label)}</span>
                          <code>{`{{${m.key}}}`}</code>
                        </span>
                        {m.reason === 'empty' && (
                          <input
                            className="missing-value"
                            aria-label={t('templates.fillValue', { field: mergeFieldLabel(t, m.key, m.label) })}
                            data-testid={`fill-${m.key}`}
                            value={draft.values[m.key] ?? ''}
                            maxLength={4000}
                            onChange={(e) => edit({ values: { ...draft.values, [m.key]: e.target.value } })}
                          />
                        )}
                      </li>
                    ))}
                  </ul>
                  <p className="small">{t('templates.missingHelp')}</p>
                </div>
              )}
              {blockers.map((b) => (
                <p key={b.reason} className="notice notice-warn" data-testid="composer-blocker">
                  <Icon name="alert" /> <span>{reasonText(t, b, b.message)}</span>
                </p>
              ))}
            </>
          )}
          {sendStatus === 'error' && sendError && (
            <p className="inline-error" role="alert" data-testid="composer-error">
              {errorText(t, sendError)}
            </p>
          )}
          {sendStatus === 'sent' && sent && (
            <p className="notice notice-ok" role="status" data-testid="composer-sent">
              <Icon name="check" /> <span>{t('templates.sent', { to: sent.to })}</span>
            </p>
          )}
          <div className="form-actions">
            <button type="button" className="btn" onClick={() => void onCopy()} disabled={!preview} data-testid="composer-copy">
              <Icon name={copy === 'done' ? 'check' : 'copy'} />
              {copy === 'done' ? t('card.copied') : copy === 'failed' ? t('card.copyFailed') : t('card.copy')}
            </button>
            {sendStatus === 'sent' ? (
              <button type="button" className="btn btn-primary" onClick={close}>
                {t('nav.close')}
              </button>
            ) : (
              <button type="button" className="btn btn-primary" onClick={() => void send()} disabled={!canSend} data-testid="composer-send">
                <Icon name="mail" /> {sendStatus === 'sending' ? t('templates.sending') : t('templates.send')}
              </button>
            )}
          </div>
        </div>
      </div>
    </div>
  );
}
