// The four questions as a tab list: one Tab stop, arrows / Home / End move between them.
import { useId, type KeyboardEvent } from 'react';
import type { ScenarioKind } from './planner-form';
import { KIND_TAB, KIND_TITLE } from './plan-text';

const KINDS: readonly ScenarioKind[] = ['place', 'rebalance', 'evacuate', 'whatif'];

export function ScenarioTabs({
  kind,
  onChange,
  panelId,
}: {
  kind: ScenarioKind;
  onChange(k: ScenarioKind): void;
  panelId: string;
}) {
  const base = useId();
  const tabId = (k: ScenarioKind) => `${base}-${k}`;
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = KINDS.indexOf(kind);
    const to = (
      { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: KINDS.length - 1 } as Record<string, number>
    )[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = KINDS[(to + KINDS.length) % KINDS.length];
    if (!next) return;
    onChange(next);
    document.getElementById(tabId(next))?.focus();
  };
  return (
    <div className="tabs planner-tabs" role="tablist" aria-label="Question" onKeyDown={onKey}>
      {KINDS.map((k) => (
        <button
          key={k}
          id={tabId(k)}
          type="button"
          role="tab"
          aria-selected={k === kind}
          aria-controls={panelId}
          tabIndex={k === kind ? 0 : -1}
          className={k === kind ? 'is-active' : ''}
          title={KIND_TITLE[k]}
          onClick={() => onChange(k)}
        >
          {KIND_TAB[k]}
        </button>
      ))}
    </div>
  );
}
