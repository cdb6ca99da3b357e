/**
 * Type-ahead search (ARIA combobox): debounced `directory.searchPage`, a typed number is identified
 * too. Arrows move, Enter opens, Esc clears. Results are rendered as text. When the service found
 * more than the list holds, the list says so and ends with an option that loads the next ones:
 * an option rather than a button, so the arrows reach it without the input losing focus (which
 * would close the list).
 */
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useDirectoryStore, resultKey, SEARCH_MORE_LIMIT, type ResultItem } from './directory-store';
import { useViewStore } from '../app/view-store';
import { useT, errorText } from '../i18n/use-t';
import { Icon } from '../ui/Icon';
import { Clip } from '../ui/Text';
import { phoneText } from '../format/phone';

const INPUT_ID = 'search-input';
const LIST_ID = 'search-results';

export function focusSearch(): void {
  const input = document.getElementById(INPUT_ID);
  if (input instanceof HTMLInputElement) {
    input.focus();
    input.select();
  }
}

/** Opens a record or a number; the « more » entry is not a result (see `chooseResult`). */
export function openResult(item: Exclude<ResultItem, { kind: 'more' }>): void {
  const directory = useDirectoryStore.getState();
  const view = useViewStore.getState();
  if (item.kind === 'record') {
    void directory.openRecord({ type: item.type, id: item.id });
    view.show({ kind: 'record', ref: { type: item.type, id: item.id } });
  } else {
    void directory.openNumber(item.number);
    view.show({ kind: 'number' });
  }
  directory.clearSearch();
}

/** What Enter or a click does on an entry: open it, or load the next results and stay in the box. */
function chooseResult(item: ResultItem, input: HTMLElement | null): void {
  if (item.kind === 'more') {
    void useDirectoryStore.getState().showMore();
    return;
  }
  openResult(item);
  input?.blur();
}

export function SearchBox() {
  const { t } = useT();
  const query = useDirectoryStore((s) => s.query);
  const results = useDirectoryStore((s) => s.results);
  const status = useDirectoryStore((s) => s.searchStatus);
  const error = useDirectoryStore((s) => s.searchError);
  const activeIndex = useDirectoryStore((s) => s.activeIndex);
  const setQuery = useDirectoryStore((s) => s.setQuery);
  const moveActive = useDirectoryStore((s) => s.moveActive);
  const setActive = useDirectoryStore((s) => s.setActive);
  const clearSearch = useDirectoryStore((s) => s.clearSearch);
  const flushSearch = useDirectoryStore((s) => s.flushSearch);
  const [focused, setFocused] = useState(false);

  const open = focused && query.trim() !== '';
  const active = results[activeIndex];
  const more = results.find((item) => item.kind === 'more');

  // aria-activedescendant does not scroll: keep the active option in sight in a long list.
  useEffect(() => {
    if (open) document.getElementById(`search-opt-${activeIndex}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [open, activeIndex, results]);

  const onKeyDown = async (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      moveActive(1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      moveActive(-1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (status === 'loading') await flushSearch();
      const { results: now, activeIndex: index } = useDirectoryStore.getState();
      const item = now[index];
      if (item) chooseResult(item, e.currentTarget);
    } else if (e.key === 'Escape') {
      // Esc here only clears the search; it must not also close the pop behind.
      e.stopPropagation();
      if (query !== '') clearSearch();
      else e.currentTarget.blur();
    }
  };

  return (
    <div className="search" role="search">
      <label htmlFor={INPUT_ID} className="sr-only">
        {t('search.label')}
      </label>
      <Icon name="search" className="search-icon" />
      <input
        id={INPUT_ID}
        data-testid="search-input"
        type="search"
        autoComplete="off"
        spellCheck={false}
        role="combobox"
        aria-expanded={open}
        aria-controls={LIST_ID}
        aria-autocomplete="list"
        aria-activedescendant={open && active ? `search-opt-${activeIndex}` : undefined}
        placeholder={t('search.placeholder')}
        value={query}
        maxLength={200}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => void onKeyDown(e)}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
      />
      {!focused && query === '' && (
        <kbd className="search-kbd" aria-hidden="true">
          Ctrl+K
        </kbd>
      )}
      {open && (
        <div className="search-popover">
          {more?.kind === 'more' && (
            <div className="search-note search-count" data-testid="search-count" role="status">
              {t('search.partial', { shown: more.shown, total: more.total })}
            </div>
          )}
          <ul id={LIST_ID} role="listbox" aria-label={t('search.label')} aria-busy={status === 'loading'} className="search-results">
            {results.map((item, index) => (
              <li
                key={resultKey(item)}
                id={`search-opt-${index}`}
                role="option"
                aria-selected={index === activeIndex}
                className={`search-result ${item.kind === 'more' ? 'search-more' : ''} ${index === activeIndex ? 'active' : ''}`}
                data-testid={item.kind === 'more' ? 'search-more' : 'search-result'}
                // mousedown, not click: keeps the input focused until the choice is made
                onMouseDown={(e) => {
                  e.preventDefault();
                  chooseResult(item, document.activeElement as HTMLElement | null);
                }}
                onMouseEnter={() => setActive(index)}
              >
                <ResultRow item={item} />
              </li>
            ))}
          </ul>
          {status === 'loading' && results.length === 0 && <div className="search-note">{t('search.searching')}</div>}
          {status === 'ready' && results.length === 0 && <div className="search-note">{t('search.none', { query: query.trim() })}</div>}
          {status === 'error' && error && (
            <div className="search-note inline-error" role="alert">
              {errorText(t, error)}
            </div>
          )}
        </div>
      )}
    </div>
  );
}

function ResultRow({ item }: { item: ResultItem }) {
  const { t } = useT();
  if (item.kind === 'more') {
    const next = Math.min(item.total - item.shown, SEARCH_MORE_LIMIT);
    return (
      <>
        <span className="result-icon">
          <Icon name="plus" />
        </span>
        <span className="result-text result-label">{next === 1 ? t('search.moreOne') : t('search.more', { count: next })}</span>
      </>
    );
  }
  if (item.kind === 'number') {
    return (
      <>
        <span className="result-icon">
          <Icon name="plus" />
        </span>
        <span className="result-text">
          <span className="result-label">{t('search.unknownNumber', { number: phoneText(item.display) })}</span>
          <span className="result-detail">{t('search.unknownNumberDetail')}</span>
        </span>
      </>
    );
  }
  return (
    <>
      <span className="result-icon" title={t(item.type === 'contact' ? 'search.contact' : 'search.company')}>
        <Icon name={item.type === 'contact' ? 'user' : 'company'} />
        <span className="sr-only">{t(item.type === 'contact' ? 'search.contact' : 'search.company')}</span>
      </span>
      <span className="result-text">
        <Clip text={item.label} className="result-label" />
        {(item.detail || item.reason) && (
          <Clip
            text={[item.detail, item.reason ? t(`match.reason.${item.reason}`) : null].filter(Boolean).join(' · ')}
            className="result-detail"
          />
        )}
      </span>
    </>
  );
}
