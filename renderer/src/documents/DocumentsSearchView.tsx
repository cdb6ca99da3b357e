/**
 * Every document of the company, found by its name (words, accents forgiven) and its type (Alt+G,
 * « GED »): each with its record, to open, and its download. The search runs as Claire types,
 * a beat after she stops; the newest first.
 */
import { useEffect, useState } from 'react';
import { useConnectionStore } from '../app/connection-store';
import { useViewStore } from '../app/view-store';
import { shortDate } from '../format/format';
import { errorText, useT } from '../i18n/use-t';
import { api } from '../transport/contract-client';
import { toUiError, type UiError } from '../ui/ui-error';
import { DOCUMENT_TYPES, useDocumentsStore, type DocumentItem, type DocumentTypeName } from './documents-store';

const TYPING_PAUSE_MS = 250;

export function DocumentsSearchView() {
  const { t, locale } = useT();
  const linkUp = useConnectionStore((s) => s.link.state === 'up');
  const show = useViewStore((s) => s.show);
  const [text, setText] = useState('');
  const [type, setType] = useState<DocumentTypeName | ''>('');
  const [found, setFound] = useState<DocumentItem[] | null>(null);
  const [error, setError] = useState<UiError | null>(null);

  useEffect(() => {
    if (!linkUp) return;
    let current = true;
    const timer = setTimeout(() => {
      api()
        .invoke('documents.search', { ...(text.trim() ? { text: text.trim() } : {}), ...(type ? { type } : {}), limit: 100 })
        .then((items) => {
          if (!current) return;
          setFound(items);
          setError(null);
        })
        .catch((e: unknown) => current && setError(toUiError(e)));
    }, TYPING_PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, type, linkUp]);

  return (
    <section className="view documents-search" aria-labelledby="documents-search-title" data-testid="documents-search">
      <h2 id="documents-search-title">{t('documents.searchTitle')}</h2>
      <div className="documents-search-form" role="search">
        <input
          type="search"
          autoFocus
          value={text}
          maxLength={200}
          placeholder={t('documents.searchPlaceholder')}
          aria-label={t('documents.searchLabel')}
          data-testid="documents-search-text"
          onChange={(event) => setText(event.target.value)}
        />
        <select aria-label={t('documents.searchType')} value={type} data-testid="documents-search-type" onChange={(event) => setType(event.target.value as DocumentTypeName | '')}>
          <option value="">{t('documents.searchAnyType')}</option>
          {DOCUMENT_TYPES.map((name) => (
            <option key={name} value={name}>
              {t(`documents.type.${name}`)}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p className="inline-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      <p className="muted" aria-live="polite" data-testid="documents-search-count">
        {found === null ? '' : found.length === 0 ? t('documents.searchNone') : t('documents.count', { count: found.length })}
      </p>
      {found && found.length > 0 && (
        <ul className="documents-list">
          {found.map((item) => (
            <li key={item.id} className="document-row" data-testid="documents-search-row">
              <span className="document-name" title={item.name}>
                {item.name}
              </span>
              <span className="document-meta">
                {t(`documents.type.${item.type}`)} · {t('documents.version', { version: item.version })} · {shortDate(item.createdAt, locale)}
              </span>
              <span className="document-actions">
              {(item.contactId || item.companyId) && (
                <button
                  type="button"
                  className="btn btn-small btn-ghost"
                  onClick={() => show({ kind: 'record', ref: item.contactId ? { type: 'contact', id: item.contactId } : { type: 'company', id: item.companyId! } })}
                >
                  {t('documents.openRecord')}
                </button>
              )}
              <button type="button" className="btn btn-small btn-ghost" aria-label={t('documents.downloadName', { name: item.name })} onClick={() => void useDocumentsStore.getState().download(item)}>
                {t('documents.download')}
              </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
