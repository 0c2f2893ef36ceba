// The topology as one virtualised ARIA tree: only the rows in view (plus a margin) are in the
// DOM, so 2,000 VMs on 200 containers scroll and select smoothly. Keyboard: roving tabindex,
// arrows per the WAI-ARIA tree pattern (see view-model/tree-keys), Enter/Space select.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, type FocusEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { useSearchStore } from '../../store/search-store';
import { useSelectionStore } from '../../store/selection-store';
import { useTreeStore } from '../../store/tree-store';
import { ancestorsOf } from '../../view-model/ancestors';
import { nodeKey } from '../../view-model/keys';
import type { NavNode, TopologyLayout, TopologyRow } from '../../view-model/layout';
import type { Topology } from '../../view-model/topology';
import { treeKeyAction } from '../../view-model/tree-keys';
import { ClustersRow } from './ClustersRow';
import { ContainerCard } from './ContainerCard';
import { DomainRow } from './DomainRow';
import type { RowContext } from './row-context';
import { UnplacedGroup } from './UnplacedGroup';
import { useRequest } from '../use-request';

/** Narrowest a container card may get before the grid drops a column. */
const MIN_CARD_WIDTH = 380;
const MAX_COLUMNS = 4;
const CHIP_LINE = 30;

/** A first guess of a row's height; the virtualiser measures the real one once drawn. */
function estimateRow(row: TopologyRow | undefined, columns: number): number {
  if (!row) return 60;
  const chipLines = (vms: number, perLine: number) => Math.ceil(vms / perLine) * CHIP_LINE;
  switch (row.kind) {
    case 'domain':
      return 62;
    case 'clusters':
      return 40;
    case 'containers':
      return (
        100 +
        Math.max(
          0,
          ...row.cards.map((c) => (c.expanded ? chipLines(c.vms.length, Math.max(1, 6 / columns)) : 0)),
        )
      );
    case 'unplaced':
      return 52 + (row.expanded ? chipLines(row.vms.length, 6) : 0);
  }
}

function keyOf(target: EventTarget | null, attr: 'key' | 'toggle'): string | null {
  if (!(target instanceof Element)) return null;
  const el = target.closest<HTMLElement>(attr === 'key' ? '[data-key]' : '[data-toggle]');
  return (attr === 'key' ? el?.dataset.key : el?.dataset.toggle) ?? null;
}

export function TopologyTree({
  topology,
  layout,
  ctx,
}: {
  topology: Topology;
  layout: TopologyLayout;
  ctx: RowContext;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { rows, nav, navIndex } = layout;
  const columns = useTreeStore((s) => s.columns);
  // The virtualiser returns functions the React Compiler cannot memoise safely; this component
  // is simply not compiled (the rows below it are memoised by hand).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => estimateRow(rows[i], columns),
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: 4,
  });
  const focused = useSelectionStore((s) => s.focused);
  const focusRequest = useSelectionStore((s) => s.focusRequest);
  const revealRequest = useSelectionStore((s) => s.revealRequest);

  // Cards per row follow the tree's width.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      const columns = Math.min(MAX_COLUMNS, Math.max(1, Math.floor(el.clientWidth / MIN_CARD_WIDTH)));
      useTreeStore.getState().setColumns(columns);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Always keep one tab stop in the tree: when the focused node is filtered or collapsed
  // away, the first visible node takes it.
  useEffect(() => {
    const first = nav[0];
    if (first && (focused === null || !navIndex.has(focused))) useSelectionStore.getState().focus(first.key);
  }, [nav, navIndex, focused]);

  const scrollToKey = useCallback(
    (key: string, moveFocus: boolean) => {
      const i = navIndex.get(key);
      const node = i === undefined ? undefined : nav[i];
      if (!node) return;
      virtualizer.scrollToIndex(node.row, { align: 'auto' });
      // The row may only exist after the virtualiser re-renders: retry for a few frames.
      let tries = 0;
      // Focus moves only if nobody took it meanwhile: '/' pressed right after an arrow key
      // put the keyboard in the search box, and a late frame must not pull it back. Focus on
      // the body means the focused row was scrolled out and unmounted (End, PageDown): move it.
      const focusedBefore = document.activeElement;
      const mayFocus = () => {
        const now = document.activeElement;
        return (
          now === null ||
          now === document.body ||
          now === focusedBefore ||
          (scrollRef.current?.contains(now) ?? false)
        );
      };
      const attempt = () => {
        const el = scrollRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
        if (el) {
          if (moveFocus && mayFocus()) el.focus({ preventScroll: true });
          el.scrollIntoView({ block: 'nearest' });
        } else if (tries++ < 10) requestAnimationFrame(attempt);
      };
      requestAnimationFrame(attempt);
    },
    [nav, navIndex, virtualizer],
  );

  // Only a new request moves focus: layout changes, and remounts, must not steal it.
  useRequest(focusRequest, () => {
    const key = useSelectionStore.getState().focused;
    if (key) scrollToKey(key, true);
  });

  useRequest(revealRequest, () => {
    const key = useSelectionStore.getState().selected;
    if (!key) return;
    const tree = useTreeStore.getState();
    for (const a of ancestorsOf(topology, key)) tree.setExpanded(a, true);
    // Expanding re-lays out the rows; scroll on the next frame, against the new layout.
    requestAnimationFrame(() => useSelectionStore.getState().focus(key, true));
  });

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape' && useSearchStore.getState().text !== '') {
      useSearchStore.getState().setText('');
      e.preventDefault();
      return;
    }
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const action = treeKeyAction(nav, navIndex, keyOf(e.target, 'key') ?? focused, e.key);
    if (action.type === 'none') return;
    e.preventDefault();
    if (action.type === 'focus') useSelectionStore.getState().focus(action.key, true);
    else if (action.type === 'select') useSelectionStore.getState().select(action.key);
    else useTreeStore.getState().setExpanded(action.key, action.type === 'expand');
  };

  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const toggle = keyOf(e.target, 'toggle');
    if (toggle) {
      useTreeStore.getState().toggle(toggle);
      return;
    }
    const key = keyOf(e.target, 'key');
    if (key) useSelectionStore.getState().select(key);
  };

  const onFocus = (e: FocusEvent<HTMLDivElement>) => {
    const key = keyOf(e.target, 'key');
    if (key && key !== useSelectionStore.getState().focused) useSelectionStore.getState().focus(key);
  };

  const navOf = (key: string): NavNode | undefined => {
    const i = navIndex.get(key);
    return i === undefined ? undefined : nav[i];
  };

  return (
    <div ref={scrollRef} className="tree-scroll" data-testid="topology-scroll">
      <div
        role="tree"
        aria-label="Topology: security domains, containers and VMs"
        className="tree"
        style={{ height: virtualizer.getTotalSize() }}
        onKeyDown={onKeyDown}
        onClick={onClick}
        onFocus={onFocus}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const pos = navOf(
            row.kind === 'clusters' ? nodeKey('cluster', row.clusters[0]?.name ?? '') : row.key,
          );
          return (
            <div
              key={item.key}
              role="none"
              data-index={item.index}
              ref={virtualizer.measureElement}
              className={`tree-row tree-row-${row.kind}`}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {row.kind === 'domain' && (
                <DomainRow row={row} ctx={ctx} posInSet={pos?.posInSet ?? 1} setSize={pos?.setSize ?? 1} />
              )}
              {row.kind === 'clusters' && (
                <ClustersRow row={row} ctx={ctx} setSize={pos?.setSize ?? row.clusters.length} />
              )}
              {row.kind === 'containers' && (
                <div
                  className="card-grid"
                  style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
                >
                  {row.cards.map((card) => {
                    const at = navOf(card.node.key);
                    return (
                      <ContainerCard
                        key={card.node.key}
                        card={card}
                        ctx={ctx}
                        posInSet={at?.posInSet ?? 1}
                        setSize={at?.setSize ?? 1}
                      />
                    );
                  })}
                </div>
              )}
              {row.kind === 'unplaced' && (
                <UnplacedGroup
                  row={row}
                  ctx={ctx}
                  posInSet={pos?.posInSet ?? 1}
                  setSize={pos?.setSize ?? 1}
                />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
