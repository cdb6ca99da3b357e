/**
 * The template library: search (accents ignored), filter by category, create, edit, delete, use for
 * the caller on screen; and the drafts kept after a failed sending. Shown in a dialog over any view
 * (`TemplatesPanel`), with the composer in the same place.
 */
import { categoryFamily, categoryLabel, groupedCategories } from './template-categories';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { countSms, type Template, type TemplateChannel } from '../contract';
import { useMessagingStore } from '../messaging/messaging-store';
import { useTemplateStore } from './template-store';
import { selectCanWrite, useConnectionStore } from '../app/connection-store';
import { toUiError, type UiError } from '../ui/ui-error';
import { useT, errorText } from '../i18n/use-t';
import { Icon } from '../ui/Icon';
import { Clip } from '../ui/Text';
import { useModalDialog } from '../ui/modal-dialog';
import { Empty } from '../directory/RecordSections';
import { FieldMenu, TemplateComposer, insertField } from './TemplateComposer';

type Editing = { id?: string; name: string; category: string; subject: string; body: string; channel: TemplateChannel; whatsapp: { name: string; language: string } | null };

/** The body as a customer would get it with the fields' example values: what the SMS counter counts. */
export function withExamples(body: string, fields: ReadonlyArray<{ key: string; example: string }>): string {
  const examples = new Map(fields.map((f) => [f.key, f.example]));
  return body.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (whole, key: string) => examples.get(key.trim().toLowerCase()) ?? whole);
}

/** Live, as the operator bills it (the count the service uses too): characters, SMS, and what forced 70 per SMS. */
function SmsCounter({ body, fields }: { body: string; fields: ReadonlyArray<{ key: string; example: string }> }) {
  const { t } = useT();
  const count = useMemo(() => countSms(withExamples(body, fields)), [body, fields]);
  return (
    <p className="field-help" aria-live="polite" data-testid="template-sms-count" data-encoding={count.encoding} data-segments={count.segments}>
      {t(count.encoding === 'GSM-7' ? 'messaging.countGsm' : 'messaging.countUnicode', {
        units: count.units,
        segments: count.segments,
        remaining: count.remaining,
        characters: count.unicodeCharacters.slice(0, 5).join(' '),
      })}{' '}
      {t('templates.smsExamples')}
    </p>
  );
}

/** The approved templates of the WhatsApp account: picking one starts the body from Meta's text. */
function ApprovedPicker({ value, onPick }: { value: { name: string; language: string } | null; onPick: (tpl: { name: string; language: string; body: string } | null) => void }) {
  const { t } = useT();
  const approved = useMessagingStore((s) => s.whatsappTemplates);
  useEffect(() => {
    if (approved === null) void useMessagingStore.getState().loadWhatsAppTemplates();
  }, [approved]);
  const list = approved?.templates ?? [];
  const current = value ? `${value.name}|${value.language}` : '';
  return (
    <div className="field">
      <label htmlFor="tpl-approved" className="field-label">
        {t('templates.approved')}
      </label>
      <select
        id="tpl-approved"
        data-testid="template-approved"
        value={current}
        onChange={(e) => onPick(list.find((tpl) => `${tpl.name}|${tpl.language}` === e.target.value) ?? null)}
      >
        <option value="">{approved?.available === false ? t('templates.approvedUnavailable') : t('templates.approvedChoose')}</option>
        {value && !list.some((tpl) => `${tpl.name}|${tpl.language}` === current) && <option value={current}>{`${value.name} (${value.language})`}</option>}
        {list.map((tpl) => (
          <option key={`${tpl.name}|${tpl.language}`} value={`${tpl.name}|${tpl.language}`}>
            {`${tpl.name} (${tpl.language}) — ${tpl.status}`}
          </option>
        ))}
      </select>
      <p className="field-help">{t('templates.approvedHelp')}</p>
    </div>
  );
}

function TemplateEditor({ initial, categories, onDone }: { initial: Editing; categories: string[]; onDone: () => void }) {
  const { t } = useT();
  const fields = useTemplateStore((s) => s.fields);
  const saveTemplate = useTemplateStore((s) => s.saveTemplate);
  const [draft, setDraft] = useState<Editing>(initial);
  const [error, setError] = useState<UiError | null>(null);
  const [saving, setSaving] = useState(false);
  const body = useRef<HTMLTextAreaElement>(null);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await saveTemplate(draft);
      onDone();
    } catch (err) {
      setError(toUiError(err));
    } finally {
      setSaving(false);
    }
  };
  const onInsert = (key: string) => {
    const el = body.current;
    const start = el?.selectionStart ?? draft.body.length;
    const next = insertField(draft.body, start, el?.selectionEnd ?? start, key);
    setDraft({ ...draft, body: next.text });
  };
  return (
    <form className="form template-editor" onSubmit={(e) => void onSubmit(e)} data-testid="template-editor" noValidate>
      <div className="field-row">
        <div className="field">
          <label htmlFor="tpl-name" className="field-label">
            {t('templates.name')}
          </label>
          <input id="tpl-name" data-testid="template-name" value={draft.name} maxLength={120} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="tpl-category" className="field-label">
            {t('templates.category')}
          </label>
          <input id="tpl-category" data-testid="template-category" list="tpl-categories" value={draft.category} maxLength={60} onChange={(e) => setDraft({ ...draft, category: e.target.value })} />
          <datalist id="tpl-categories">
            {categories.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </div>
      </div>
      <div className="field">
        <label htmlFor="tpl-channel" className="field-label">
          {t('templates.channel')}
        </label>
        <select id="tpl-channel" data-testid="template-channel" value={draft.channel} onChange={(e) => setDraft({ ...draft, channel: e.target.value as TemplateChannel })}>
          <option value="email">{t('templates.channel.email')}</option>
          <option value="sms">SMS</option>
          <option value="whatsapp">WhatsApp</option>
        </select>
      </div>
      {draft.channel === 'email' && (
        <div className="field">
          <label htmlFor="tpl-subject" className="field-label">
            {t('templates.subject')}
          </label>
          <input id="tpl-subject" data-testid="template-subject" value={draft.subject} maxLength={500} onChange={(e) => setDraft({ ...draft, subject: e.target.value })} />
        </div>
      )}
      {draft.channel === 'whatsapp' && (
        <ApprovedPicker
          value={draft.whatsapp}
          onPick={(tpl) => setDraft({ ...draft, whatsapp: tpl ? { name: tpl.name, language: tpl.language } : null, body: tpl && draft.body.trim() === '' ? tpl.body : draft.body })}
        />
      )}
      <div className="field">
        <div className="field-label-row">
          <label htmlFor="tpl-body" className="field-label">
            {t('templates.body')}
          </label>
          <FieldMenu fields={fields} onInsert={onInsert} testId="template-insert-field" />
        </div>
        <textarea id="tpl-body" ref={body} data-testid="template-body" rows={12} value={draft.body} maxLength={20000} onChange={(e) => setDraft({ ...draft, body: e.target.value })} />
        <p className="field-help">{t(draft.channel === 'whatsapp' ? 'templates.whatsappFieldsHelp' : 'templates.fieldsHelp')}</p>
        {draft.channel === 'sms' && <SmsCounter body={draft.body} fields={fields} />}
      </div>
      {error && (
        <p className="inline-error" role="alert" data-testid="template-error">
          {errorText(t, error)}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onDone}>
          {t('templates.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={saving} data-testid="template-save">
          {t('settings.save')}
        </button>
      </div>
    </form>
  );
}

function LibraryView() {
  const { t, locale } = useT();
  const templates = useTemplateStore((s) => s.templates);
  const query = useTemplateStore((s) => s.query);
  const category = useTemplateStore((s) => s.category);
  const listError = useTemplateStore((s) => s.listError);
  const drafts = useTemplateStore((s) => s.drafts);
  const target = useTemplateStore((s) => s.target);
  const search = useTemplateStore((s) => s.search);
  const deleteTemplate = useTemplateStore((s) => s.deleteTemplate);
  const openComposer = useTemplateStore((s) => s.openComposer);
  const resumeDraft = useTemplateStore((s) => s.resumeDraft);
  const discardDraft = useTemplateStore((s) => s.discardDraft);
  const close = useTemplateStore((s) => s.close);
  const canWrite = useConnectionStore(selectCanWrite);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [allCategories, setAllCategories] = useState<string[]>([]);
  const [actionError, setActionError] = useState<UiError | null>(null);
  useEffect(() => {
    if (!query && !category) setAllCategories([...new Set(templates.map((tpl) => tpl.category))].sort());
  }, [templates, query, category]);

  const use = (tpl: Template) =>
    void openComposer({ templateId: tpl.id, templateName: tpl.name, contactId: target?.contactId ?? null, companyId: target?.companyId ?? null });
  const remove = async (tpl: Template) => {
    if (!window.confirm(t('templates.confirmDelete', { name: tpl.name }))) return;
    try {
      await deleteTemplate(tpl.id);
    } catch (err) {
      setActionError(toUiError(err));
    }
  };

  return (
    <div className="template-library" data-testid="template-library">
      <div className="dialog-head">
        <h2 id="library-title">
          {t('templates.library')}
          {target?.label && <Clip text={` — ${target.label}`} className="muted" />}
        </h2>
        <button type="button" className="icon-btn" onClick={close} title={t('nav.close')} data-testid="library-close">
          <Icon name="close" size={18} />
          <span className="sr-only">{t('nav.close')}</span>
        </button>
      </div>
      {editing ? (
        <TemplateEditor initial={editing} categories={allCategories} onDone={() => setEditing(null)} />
      ) : (
        <>
          <div className="library-toolbar">
            <input
              type="search"
              className="library-search"
              placeholder={t('templates.searchPlaceholder')}
              aria-label={t('templates.searchPlaceholder')}
              data-testid="template-search"
              value={query}
              onChange={(e) => void search(e.target.value)}
            />
            <select aria-label={t('templates.category')} value={category} data-testid="template-category-filter" onChange={(e) => void search(query, e.target.value)}>
              <option value="">{t('templates.allCategories')}</option>
              {groupedCategories(allCategories, locale).map((group) => (
                <optgroup key={group.family} label={group.family}>
                  {group.categories.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            {canWrite && (
              <button type="button" className="btn" onClick={() => setEditing({ name: '', category: category || '', subject: '', body: '', channel: 'email', whatsapp: null })} data-testid="template-new">
                <Icon name="plus" /> {t('templates.new')}
              </button>
            )}
          </div>
          {(listError ?? actionError) && (
            <p className="inline-error" role="alert">
              {errorText(t, (listError ?? actionError)!)}
            </p>
          )}
          {drafts.length > 0 && (
            <section className="section" aria-label={t('templates.drafts')} data-testid="template-drafts">
              <h3 className="section-title">
                {t('templates.drafts')} <span className="count">{drafts.length}</span>
              </h3>
              <ul className="items">
                {drafts.map((d) => (
                  <li key={d.draftId ?? ''} className="item" data-testid="draft-item">
                    <div className="item-line">
                      <Icon name="mail" />
                      <Clip text={`${d.recipientLabel ?? d.to} · ${d.subject}`} className="item-title" />
                    </div>
                    {d.lastError && <Clip text={d.lastError} className="item-sub field-error" />}
                    <div className="item-sub">
                      <button type="button" className="btn btn-small" onClick={() => void resumeDraft(d)}>
                        {t('templates.resume')}
                      </button>
                      {canWrite && d.draftId && (
                        <button type="button" className="btn btn-small btn-ghost" onClick={() => void discardDraft(d.draftId!)}>
                          {t('templates.discard')}
                        </button>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {templates.length === 0 ? (
            <Empty>{t('templates.noneFound')}</Empty>
          ) : (
            <ul className="items library-list">
              {templates.map((tpl) => (
                <li key={tpl.id} className="item" data-testid="library-item" data-template-id={tpl.id}>
                  <div className="item-line">
                    <Clip text={tpl.name} className="item-title" />
                    {tpl.channel !== 'email' && <span className="tag" data-testid="library-channel">{tpl.channel === 'sms' ? 'SMS' : 'WhatsApp'}</span>}
                    <span className="tag" title={categoryLabel(tpl.category, locale)}>
                      {categoryFamily(tpl.category, locale)}
                    </span>
                  </div>
                  <Clip text={tpl.channel === 'email' ? tpl.subject : tpl.body} className="item-sub muted" />
                  <div className="item-sub">
                    {/* An SMS or WhatsApp template is used from the customer's conversation. */}
                    {tpl.channel === 'email' && (
                      <button type="button" className="btn btn-small" onClick={() => use(tpl)} data-testid="library-use">
                        <Icon name="mail" /> {t('templates.use')}
                      </button>
                    )}
                    {canWrite && (
                      <>
                        <button type="button" className="btn btn-small btn-ghost" onClick={() => setEditing({ ...tpl })} data-testid="library-edit">
                          {t('templates.edit')}
                        </button>
                        <button type="button" className="btn btn-small btn-ghost" onClick={() => void remove(tpl)} data-testid="library-delete">
                          {t('templates.delete')}
                        </button>
                      </>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

/** The dialog that hosts the library or the composer, over whatever view is open. Esc closes it. */
export function TemplatesPanel() {
  const panel = useTemplateStore((s) => s.panel);
  const close = useTemplateStore((s) => s.close);
  const dialog = useRef<HTMLDivElement>(null);
  const { onKeyDown } = useModalDialog(dialog, {
    open: panel !== 'none',
    onClose: close,
    // First Esc leaves the field being typed in; the next one closes (an edited draft is kept).
    onEscape(target) {
      if (!(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement)) return false;
      target.blur();
      dialog.current?.focus();
      return true;
    },
  });
  if (panel === 'none') return null;
  return (
    <div className="overlay" data-testid="templates-panel">
      <div
        className="dialog dialog-wide"
        role="dialog"
        aria-modal="true"
        aria-labelledby={panel === 'composer' ? 'composer-title' : 'library-title'}
        tabIndex={-1}
        ref={dialog}
        onKeyDown={onKeyDown}
      >
        {panel === 'composer' ? <TemplateComposer /> : <LibraryView />}
      </div>
    </div>
  );
}
