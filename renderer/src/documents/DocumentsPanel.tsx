/**
 * The documents of a record (the record view): « 3 documents », each with its type, version, date
 * and who added it, a download button; files dropped on the panel (or chosen with the button, for
 * the keyboard) are added to the record, each refusal said next to its file's name.
 */
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useConnectionStore, selectCanWrite } from '../app/connection-store';
import { shortDate } from '../format/format';
import { errorText, useT } from '../i18n/use-t';
import type { Translate } from '../i18n';
import { DOCUMENT_TYPES, useDocumentsStore, type DocumentItem, type DocumentTypeName, type RecordRef } from './documents-store';


function sizeText(bytes: number, locale: string): string {
  const format = (n: number) => n.toLocaleString(locale === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${bytes} o`.replace(' o', locale === 'en' ? ' B' : ' o');
  if (bytes < 1024 * 1024) return `${format(bytes / 1024)} ${locale === 'en' ? 'KB' : 'Ko'}`;
  return `${format(bytes / (1024 * 1024))} ${locale === 'en' ? 'MB' : 'Mo'}`;
}

function byText(t: Translate, item: DocumentItem): string | null {
  switch (item.addedBy.kind) {
    case 'mail':
      return t('documents.byMail');
    case 'customer':
      return t('documents.byCustomer');
    case 'technician':
      return item.addedBy.name ? t('documents.by', { name: item.addedBy.name }) : t('documents.byTechnician');
    default:
      return item.addedBy.name ? t('documents.by', { name: item.addedBy.name }) : null;
  }
}

/** « 3 documents » for a record, read once (the pop). */
export function DocumentCount({ contactId, companyId }: { contactId: string | null | undefined; companyId: string | null | undefined }) {
  const { t } = useT();
  const linkUp = useConnectionStore((s) => s.link.state === 'up');
  const ref: RecordRef | null = contactId ? { kind: 'contact', id: contactId } : companyId ? { kind: 'company', id: companyId } : null;
  const count = useDocumentsStore((s) => (ref ? s.counts[`${ref.kind}:${ref.id}`] : undefined));
  useEffect(() => {
    if (ref && linkUp) void useDocumentsStore.getState().loadCount(ref);
  }, [ref?.kind, ref?.id, linkUp]);
  if (!ref || !count) return null;
  return (
    <p className="document-count" data-testid="pop-document-count">
      {t('documents.count', { count })}
    </p>
  );
}

export function DocumentsPanel({ contactId, companyId }: { contactId: string | null | undefined; companyId: string | null | undefined }) {
  const { t, locale } = useT();
  const linkUp = useConnectionStore((s) => s.link.state === 'up');
  const canWrite = useConnectionStore(selectCanWrite);
  const ref: RecordRef | null = contactId ? { kind: 'contact', id: contactId } : companyId ? { kind: 'company', id: companyId } : null;
  const key = ref ? `${ref.kind}:${ref.id}` : '';
  const list = useDocumentsStore((s) => s.lists[key]);
  const count = useDocumentsStore((s) => s.counts[key]);
  const allNotes = useDocumentsStore((s) => s.notes);
  const notes = allNotes.filter((note) => note.record === key);
  const error = useDocumentsStore((s) => s.error);
  const [type, setType] = useState<DocumentTypeName | ''>('');
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref && linkUp) {
      void useDocumentsStore.getState().load(ref);
      void useDocumentsStore.getState().loadCount(ref);
    }
  }, [key, linkUp]);
  if (!ref) return null;
  const add = (files: FileList | null) => {
    if (!files || files.length === 0 || !canWrite) return;
    void useDocumentsStore.getState().upload(ref, [...files], type || null);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    add(event.dataTransfer.files);
  };
  const onDragOver = (event: DragEvent) => {
    if (!canWrite || ![...event.dataTransfer.types].includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const shown = count ?? 0;
  return (
    <section
      className={over ? 'section documents drop-over' : 'section documents'}
      aria-label={t('documents.title')}
      data-testid="record-documents"
      onDragOver={onDragOver}
      onDragEnter={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <h3 className="section-title">
        {t('documents.title')}
        <span className="documents-count" data-testid="record-document-count">
          {t('documents.count', { count: shown })}
        </span>
      </h3>
      {list && list.length === 0 && <p className="muted">{t('documents.none')}</p>}
      {list && list.length > 0 && (
        <ul className="documents-list">
          {list.map((item) => (
            <li key={item.id} className="document-row" data-testid="document-row">
              <span className="document-name" title={item.name}>
                {item.name}
              </span>
              <span className="document-meta">
                {t(`documents.type.${item.type}`)} · {t('documents.version', { version: item.version })} · {shortDate(item.createdAt, locale)} · {sizeText(item.size, locale)}
                {byText(t, item) ? ` · ${byText(t, item)}` : ''}
              </span>
              <button type="button" className="btn btn-small btn-ghost" aria-label={t('documents.downloadName', { name: item.name })} onClick={() => void useDocumentsStore.getState().download(item)}>
                {t('documents.download')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        <div className="documents-add">
          <p className="muted">{t('documents.drop')}</p>
          <button type="button" className="btn btn-small" onClick={() => input.current?.click()} data-testid="documents-choose">
            {t('documents.choose')}
          </button>
          <input
            ref={input}
            type="file"
            multiple
            hidden
            data-testid="documents-input"
            onChange={(event) => {
              add(event.target.files);
              event.target.value = '';
            }}
          />
          <select aria-label={t('documents.typeLabel')} value={type} onChange={(event) => setType(event.target.value as DocumentTypeName | '')}>
            <option value="">{t('documents.typeAuto')}</option>
            {DOCUMENT_TYPES.map((name) => (
              <option key={name} value={name}>
                {t(`documents.type.${name}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div aria-live="polite">
        {notes.map((note) => (
          <p key={note.id} className={note.state === 'refused' ? 'inline-error document-note' : 'muted document-note'} role={note.state === 'refused' ? 'alert' : undefined} data-testid="document-note">
            {note.state === 'sending' && t('documents.sending', { name: note.name })}
            {note.state === 'added' && t('documents.added', { name: note.name })}
            {note.state === 'refused' && t('documents.refused', { name: note.name, reason: note.error ? errorText(t, note.error) : '' })}
            {note.state === 'refused' && (
              <button type="button" className="btn btn-small btn-ghost" aria-label={t('documents.dismiss')} onClick={() => useDocumentsStore.getState().dismiss(note.id)}>
                ×
              </button>
            )}
          </p>
        ))}
        {error && (
          <p className="inline-error" role="alert">
            {errorText(t, error)}
          </p>
        )}
      </div>
    </section>
  );
}
