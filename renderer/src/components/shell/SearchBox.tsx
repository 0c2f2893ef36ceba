// The search box: the query language of view-model/query, its errors, and match counts.
// '/' or Ctrl+F focus it (see use-global-shortcuts); Escape clears it, then leaves it.
import { useDeferredValue, useId, useRef, type KeyboardEvent } from 'react';
import { matchFor, parsedQuery, useTopology } from '../../store/derived';
import { useSearchStore } from '../../store/search-store';
import { matchSummary } from '../../view-model/filter';
import { useRequest } from '../use-request';

export function SearchBox() {
  const text = useSearchStore((s) => s.text);
  const setText = useSearchStore((s) => s.setText);
  const focusRequest = useSearchStore((s) => s.focusRequest);
  const inputRef = useRef<HTMLInputElement>(null);
  const helpId = useId();
  const topology = useTopology();
  const deferred = useDeferredValue(text);
  const query = parsedQuery(deferred);
  const match = matchFor(topology, deferred);

  useRequest(focusRequest, () => {
    inputRef.current?.focus();
    inputRef.current?.select();
  });

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    if (text !== '') setText('');
    else inputRef.current?.blur();
  };

  const summary = match.active ? matchSummary(match.counts) : '';
  const statusText = query.errors.length > 0 ? query.errors.map((e) => e.message).join('; ') : summary;
  return (
    <div className="search" role="search">
      <div className="search-field">
        <svg
          className="search-icon"
          viewBox="0 0 16 16"
          width="14"
          height="14"
          aria-hidden="true"
          focusable="false"
        >
          <path
            d="M7 2.5a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9zM10.3 10.3 14 14"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
          />
        </svg>
        <input
          ref={inputRef}
          type="search"
          className="search-input"
          placeholder="Search (/)   e.g. tag:web state:running"
          aria-label="Search the topology"
          aria-describedby={helpId}
          aria-invalid={query.errors.length > 0}
          spellCheck={false}
          autoComplete="off"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
        />
      </div>
      <div
        id={helpId}
        className="search-status"
        aria-live="polite"
        data-testid="search-status"
        title={statusText}
      >
        {query.errors.length > 0 ? <span className="search-error">{statusText}</span> : statusText}
      </div>
    </div>
  );
}
