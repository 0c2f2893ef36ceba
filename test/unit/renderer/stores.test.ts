import { describe, expect, it } from 'vitest';
import { useNoticeStore } from '../../../renderer/src/store/notice-store';
import { useSelectionStore } from '../../../renderer/src/store/selection-store';
import { nextTheme, resolvedTheme } from '../../../renderer/src/store/theme-store';
import { useTreeStore } from '../../../renderer/src/store/tree-store';

describe('stores', () => {
  it('cycles and resolves themes', () => {
    expect([nextTheme('system'), nextTheme('light'), nextTheme('dark')]).toEqual(['light', 'dark', 'system']);
    expect(resolvedTheme({ setting: 'system', systemDark: true })).toBe('dark');
    expect(resolvedTheme({ setting: 'system', systemDark: false })).toBe('light');
    expect(resolvedTheme({ setting: 'light', systemDark: true })).toBe('light');
  });

  it('keeps the newest notices, bounded, and dismisses by id', () => {
    const s = useNoticeStore.getState();
    for (let i = 0; i < 30; i++) s.push(`n${i}`);
    const notices = useNoticeStore.getState().notices;
    expect(notices.map((n) => n.message)).toEqual(Array.from({ length: 20 }, (_, i) => `n${i + 10}`));
    const first = notices[0];
    if (!first) throw new Error('no notice');
    useNoticeStore.getState().dismiss(first.id);
    expect(useNoticeStore.getState().notices.map((n) => n.message)[0]).toBe('n11');
  });

  it('selects and focuses; reveal and keyboard focus are explicit requests', () => {
    const s = useSelectionStore.getState();
    s.select('v:a');
    expect(useSelectionStore.getState()).toMatchObject({
      selected: 'v:a',
      focused: 'v:a',
      revealRequest: 0,
      focusRequest: 0,
    });
    s.select('c:b', true);
    expect(useSelectionStore.getState()).toMatchObject({ selected: 'c:b', revealRequest: 1 });
    s.focus('d:x');
    s.focus('d:y', true);
    expect(useSelectionStore.getState()).toMatchObject({ selected: 'c:b', focused: 'd:y', focusRequest: 1 });
    s.select(null);
    expect(useSelectionStore.getState()).toMatchObject({ selected: null, focused: 'd:y' });
  });

  it('collapses and expands tree nodes, leaving state untouched when nothing changes', () => {
    const t = useTreeStore.getState();
    t.toggle('d:a');
    expect(useTreeStore.getState().collapsed.has('d:a')).toBe(true);
    const before = useTreeStore.getState().collapsed;
    t.setExpanded('d:a', false);
    expect(useTreeStore.getState().collapsed).toBe(before);
    t.setExpanded('d:a', true);
    expect(useTreeStore.getState().collapsed.has('d:a')).toBe(false);
    t.setColumns(3);
    expect(useTreeStore.getState().columns).toBe(3);
  });
});
