/**
 * A small type-ahead to pick a contact or a company (quick-create's company, attach's target).
 * Same keyboard model as the main search: arrows, Enter, Esc.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchHit } from '../contract';
import { searchRecords } from '../call/new-caller';
import { toUiError, type UiError } from '../ui/ui-error';
import type { RecordType } from './directory-store';
import { useT, errorText } from '../i18n/use-t';
import { Icon } from '../ui/Icon';
import { Clip } from '../ui/Text';

const DEBOUNCE_MS = 150;

export function RecordPicker({
  label,
  placeholder,
  only,
  onPick,
  testId,
  disabled,
}: {
  label: string;
  placeholder: string;
  only: RecordType | null;
  onPick: (hit: SearchHit) => void;
  testId: string;
  disabled?: boolean;
}) {
  const { t } = useT();
  const id = useId();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<UiError | null>(null);
  const [open, setOpen] = useState(false);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    if (query.trim() === '') {
      setHits([]);
      setError(null);
      setLoading(false);
      return;
    }
    setLoading(true);
    const timer = setTimeout(() => {
      searchRecords(query, only).then(
        (found) => {
          if (mine !== seq.current) return;
          setHits(found);
          setActive(0);
          setError(null);
          setLoading(false);
        },
        (e: unknown) => {
          if (mine !== seq.current) return;
          setError(toUiError(e));
          setLoading(false);
        },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, only]);

  const pick = (hit: SearchHit) => {
    onPick(hit);
    setQuery('');
    setHits([]);
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && hits.length) {
      e.preventDefault();
      setActive((a) => (a + 1) % hits.length);
    } else if (e.key === 'ArrowUp' && hits.length) {
      e.preventDefault();
      setActive((a) => (a - 1 + hits.length) % hits.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const hit = hits[active];
      if (hit) pick(hit);
    } else if (e.key === 'Escape' && query !== '') {
      e.stopPropagation();
      setQuery('');
    }
  };

  const showList = open && query.trim() !== '';
  return (
    <div className="picker">
      <label htmlFor={`${id}-input`} className="field-label">
        {label}
      </label>
      <div className="picker-box">
        <Icon name="search" className="picker-icon" />
        <input
          id={`${id}-input`}
          data-testid={testId}
          type="search"
          autoComplete="off"
          role="combobox"
          aria-expanded={showList}
          aria-controls={`${id}-list`}
          aria-activedescendant={showList && hits[active] ? `${id}-opt-${active}` : undefined}
          placeholder={placeholder}
          value={query}
          maxLength={200}
          disabled={disabled}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
      </div>
      {showList && (
        <ul className="picker-results" id={`${id}-list`} role="listbox" aria-label={label}>
          {hits.map((hit, index) => (
            <li
              key={`${hit.type}:${hit.id}`}
              id={`${id}-opt-${index}`}
              role="option"
              aria-selected={index === active}
              className={`search-result ${index === active ? 'active' : ''}`}
              data-testid={`${testId}-result`}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(hit);
              }}
              onMouseEnter={() => setActive(index)}
            >
              <span className="result-icon">
                <Icon name={hit.type === 'contact' ? 'user' : 'company'} />
              </span>
              <span className="result-text">
                <Clip text={hit.label} className="result-label" />
                {hit.detail && <Clip text={hit.detail} className="result-detail" />}
              </span>
            </li>
          ))}
          {loading && hits.length === 0 && <li className="search-note">{t('search.searching')}</li>}
          {!loading && hits.length === 0 && !error && <li className="search-note">{t('search.none', { query: query.trim() })}</li>}
          {error && <li className="search-note inline-error">{errorText(t, error)}</li>}
        </ul>
      )}
    </div>
  );
}
