// The audited commands as a virtualised grid, newest first: one focusable grid, arrow keys, Page
// Up/Down, Home and End move the active row (aria-activedescendant), whose full command and
// error show below the grid. A command without a recorded outcome says so: still running, or
// started by a Paddock that stopped before it ended.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { AuditRowView } from '../../../../core/ipc/contract';
import { formatInstant } from '../../view-model/format';
import { shellLine } from './audit-query';

const ROW_HEIGHT = 30;

/** What an unfinished command's row says instead of an outcome. */
const UNFINISHED_TEXT = {
  running: 'running',
  'no-outcome': 'no outcome recorded (Paddock stopped while it ran)',
} as const;

function exitText(r: AuditRowView): string {
  if (r.state === 'running') return 'running';
  // Short enough for the Exit column; the cell's title and the detail say it in full.
  if (r.state === 'no-outcome') return 'unknown';
  if (r.error) return r.error.code;
  if (r.signal) return r.signal;
  return r.exitCode === null ? '—' : String(r.exitCode);
}

const COLUMNS = ['Time', 'Domain', 'Host', 'User', 'Command', 'Exit', 'Duration'] as const;

function durationText(r: AuditRowView): string {
  return r.state === 'done' ? `${Math.round(r.durationMs)} ms` : '—';
}

function cells(r: AuditRowView): string[] {
  return [formatInstant(r.time), r.domain, r.host, r.user, shellLine(r.argv), exitText(r), durationText(r)];
}

export function AuditTable({ records }: { records: AuditRowView[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const baseId = useId();
  // The virtualizer is read during render only, never memoised (as in the topology tree).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: records.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const current = Math.min(active, Math.max(0, records.length - 1));
  useEffect(() => {
    if (records.length > 0) virtualizer.scrollToIndex(current, { align: 'auto' });
  }, [current, records.length, virtualizer]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 300) / ROW_HEIGHT) - 1);
    const last = records.length - 1;
    const next: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      PageDown: current + page,
      PageUp: current - page,
      Home: 0,
      End: last,
    };
    const to = next[e.key];
    if (to === undefined || last < 0) return;
    e.preventDefault();
    setActive(Math.max(0, Math.min(last, to)));
  };

  const selected = records[current];
  const rowId = (i: number) => `${baseId}-r${i}`;
  return (
    <>
      <div
        className="audit-grid"
        role="grid"
        aria-label="Audit log, newest first"
        aria-rowcount={records.length + 1}
        aria-colcount={COLUMNS.length}
        tabIndex={0}
        aria-activedescendant={selected ? rowId(current) : undefined}
        onKeyDown={onKeyDown}
      >
        <div role="rowgroup" className="audit-head">
          <div role="row" aria-rowindex={1} className="audit-row">
            {COLUMNS.map((c) => (
              <span key={c} role="columnheader" className={`audit-cell audit-col-${c.toLowerCase()}`}>
                {c}
              </span>
            ))}
          </div>
        </div>
        <div className="audit-scroll" ref={scrollRef}>
          <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((v) => {
              const r = records[v.index];
              if (!r) return null;
              const failed =
                r.state === 'no-outcome' ||
                r.error !== undefined ||
                (r.exitCode !== null && r.exitCode !== 0);
              return (
                <div
                  key={v.key}
                  id={rowId(v.index)}
                  role="row"
                  aria-rowindex={v.index + 2}
                  aria-selected={v.index === current}
                  data-state={r.state}
                  className={`audit-row${v.index === current ? ' is-active' : ''}${failed ? ' is-failed' : ''}`}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    height: ROW_HEIGHT,
                    transform: `translateY(${v.start}px)`,
                  }}
                  onClick={() => setActive(v.index)}
                >
                  {cells(r).map((text, i) => (
                    <span
                      key={COLUMNS[i]}
                      role="gridcell"
                      className={`audit-cell audit-col-${(COLUMNS[i] ?? '').toLowerCase()}`}
                      title={COLUMNS[i] === 'Exit' && r.state !== 'done' ? UNFINISHED_TEXT[r.state] : text}
                    >
                      {text}
                    </span>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      </div>
      {selected && (
        <section className="audit-detail" aria-label="Selected record" aria-live="polite">
          <code className="audit-argv">{shellLine(selected.argv)}</code>
          <span>
            {selected.kind} on {selected.domain}/{selected.host} ({selected.address}) as {selected.user},{' '}
            {formatInstant(selected.time)}
            {selected.state === 'done'
              ? `, ${durationText(selected)}, exit ${exitText(selected)}`
              : `: ${UNFINISHED_TEXT[selected.state]}`}
          </span>
          {selected.error && <span className="form-error">{selected.error.message}</span>}
        </section>
      )}
    </>
  );
}
