// The drift view's and the live badges' view-models: diff lines carry the right numbers and
// text, items are ordered by severity, a selection keeps only what can still be accepted, ages
// read as people say them, and a VM's live status says exactly how it differs from the file.
import { createTwoFilesPatch } from 'diff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DriftItemView, LiveHostView } from '../../../core/ipc/contract';
import {
  actionsFor,
  formatAge,
  hostBadge,
  liveIndex,
  mergeUpdate,
  vmLive,
} from '../../../renderer/src/components/live/live-model';
import {
  diffStat,
  orderItems,
  parseUnifiedDiff,
  pruneSelection,
  toggle,
} from '../../../renderer/src/views/drift/drift-model';

describe('parseUnifiedDiff', () => {
  const line = fc.stringMatching(/^[a-z :0-9-]{0,12}$/);
  it('every added and removed line is the text at its number in the new and old file', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.array(line, { maxLength: 30 }), (a, b) => {
        const oldText = `${a.join('\n')}\n`;
        const newText = `${b.join('\n')}\n`;
        const parsed = parseUnifiedDiff(createTwoFilesPatch('s.yaml', 's.yaml', oldText, newText));
        const oldLines = oldText.split('\n');
        const newLines = newText.split('\n');
        for (const l of parsed) {
          if (l.kind === 'del' || l.kind === 'context') expect(l.text).toBe(oldLines[(l.oldLine ?? 0) - 1]);
          if (l.kind === 'add' || l.kind === 'context') expect(l.text).toBe(newLines[(l.newLine ?? 0) - 1]);
        }
        const stat = diffStat(parsed);
        // Lines kept (context or outside hunks) + removed = old; + added = new.
        expect(stat.removed - stat.added).toBe(oldLines.length - newLines.length);
        if (oldText === newText) expect(stat).toEqual({ added: 0, removed: 0 });
      }),
    );
  });

  it('types the header, hunk, removed, added and context lines', () => {
    const d = createTwoFilesPatch(
      'site.yaml',
      'site.yaml',
      'a\nb\nc\n',
      'a\nB\nc\n',
      'site file',
      'with live truth',
    );
    expect(parseUnifiedDiff(d).map((l) => [l.kind, l.text, l.oldLine, l.newLine])).toEqual([
      ['file', 'Index: site.yaml', null, null],
      ['file', '===================================================================', null, null],
      ['file', '--- site.yaml\tsite file', null, null],
      ['file', '+++ site.yaml\twith live truth', null, null],
      ['hunk', '@@ -1,3 +1,3 @@', null, null],
      ['context', 'a', 1, 1],
      ['del', 'b', 2, null],
      ['add', 'B', null, 2],
      ['context', 'c', 3, 3],
    ]);
  });
});

const item = (id: string, severity: DriftItemView['severity'], fixes: string[] = ['x']): DriftItemView => {
  const [kind = 'state', vm = ''] = id.split(':');
  return { id, kind: kind as DriftItemView['kind'], vm, severity, containers: [], message: id, fixes };
};
const arbItem = fc
  .record({
    kind: fc.constantFrom('moved', 'state', 'memory', 'duplicate'),
    vm: fc.constantFrom('a', 'b', 'c', 'd'),
    severity: fc.constantFrom('error', 'warning', 'info') as fc.Arbitrary<DriftItemView['severity']>,
    acceptable: fc.boolean(),
  })
  .map((r) => item(`${r.kind}:${r.vm}`, r.severity, r.acceptable ? ['fix'] : []));
const uniqueItems = fc.uniqueArray(arbItem, { selector: (i) => i.id, maxLength: 12 });

describe('drift items and selection', () => {
  it('orders errors, then warnings, then notes, by VM name', () => {
    fc.assert(
      fc.property(uniqueItems, (items) => {
        const out = orderItems(items);
        expect(out).toHaveLength(items.length);
        const rank = { error: 0, warning: 1, info: 2 };
        for (let i = 1; i < out.length; i++) {
          const a = out[i - 1] as DriftItemView;
          const b = out[i] as DriftItemView;
          expect(rank[a.severity] < rank[b.severity] || (a.severity === b.severity && a.vm <= b.vm)).toBe(
            true,
          );
        }
      }),
    );
  });

  it('a selection keeps exactly the chosen items still present and acceptable', () => {
    fc.assert(
      fc.property(
        uniqueItems,
        fc.array(fc.constantFrom('moved:a', 'state:b', 'memory:c', 'gone:z')),
        (items, sel) => {
          const kept = pruneSelection(sel, items);
          const ok = new Set(items.filter((i) => i.fixes.length > 0).map((i) => i.id));
          expect(new Set(kept)).toEqual(new Set(sel.filter((id) => ok.has(id))));
          expect(new Set(kept).size).toBe(kept.length);
        },
      ),
    );
    expect(toggle(toggle(['a'], 'b'), 'a')).toEqual(['b']);
  });
});

const host = (p: Partial<LiveHostView> & { container: string }): LiveHostView => ({
  domain: 'research',
  status: 'ok',
  refreshing: false,
  error: null,
  refreshedAt: '2025-01-01T00:00:00.000Z',
  attemptedAt: '2025-01-01T00:00:00.000Z',
  durationMs: 120,
  capacity: { cpus: 2, memoryMiB: 8000 },
  vms: [],
  ...p,
});
const lv = (name: string, state: LiveHostView['vms'][number]['state']) => ({
  name,
  state,
  rawState: state === 'stopped' ? 'shut off' : state,
  vcpus: 1,
  memoryMiB: 96,
  partial: false,
  nics: [],
  disks: 1,
});
const T0 = Date.parse('2025-01-01T00:00:00.000Z');

describe('live status', () => {
  it('ages read as people say them', () => {
    expect(formatAge(null, T0)).toBe('never read');
    expect(formatAge('2025-01-01T00:00:00.000Z', T0 + 3_400)).toBe('updated 3 s ago');
    expect(formatAge('2025-01-01T00:00:00.000Z', T0 - 5_000)).toBe('updated 0 s ago');
    expect(formatAge('2025-01-01T00:00:00.000Z', T0 + 125_000)).toBe('updated 2 min ago');
    expect(formatAge('2025-01-01T00:00:00.000Z', T0 + 3 * 3600_000)).toBe('updated 3 h ago');
    expect(formatAge('2025-01-01T00:00:00.000Z', T0 + 72 * 3600_000)).toBe('updated 3 days ago');
    expect(formatAge('garbage', T0)).toBe('age unknown');
  });

  it('an update merges hosts, a replacement drops the others', () => {
    const a = host({ container: 'a' });
    const b = host({ container: 'b' });
    const b2 = host({ container: 'b', status: 'error', error: 'b: refused' });
    const base = { refreshing: false, lastRefreshAt: null };
    expect(mergeUpdate({ a, b }, { ...base, hosts: [b2], replace: false })).toEqual({ a, b: b2 });
    expect(mergeUpdate({ a, b }, { ...base, hosts: [b2], replace: true })).toEqual({ b: b2 });
  });

  it('says where a VM is, how it differs from the file, or why it is not known', () => {
    const hosts = {
      h1: host({ container: 'h1', vms: [lv('v1', 'running'), lv('dup', 'stopped')] }),
      h2: host({ container: 'h2', vms: [lv('v2', 'stopped'), lv('dup', 'running')] }),
      t1: host({ container: 't1', domain: 'teaching', status: 'error', error: 'refused', refreshedAt: null }),
    };
    const idx = liveIndex(hosts);
    const vm = (
      name: string,
      container: string | null,
      state: 'running' | 'stopped',
      domain = 'research',
    ) => ({
      name,
      domain,
      container,
      state,
    });
    expect(vmLive(vm('v1', 'h1', 'running'), idx, hosts)).toMatchObject({
      kind: 'found',
      elsewhere: false,
      stateDiffers: false,
      also: [],
    });
    expect(vmLive(vm('v2', 'h1', 'running'), idx, hosts)).toMatchObject({
      kind: 'found',
      at: { container: 'h2', state: 'stopped', rawState: 'shut off' },
      elsewhere: true,
      stateDiffers: true,
    });
    // Defined on two hosts: the running one counts, the other is named.
    expect(vmLive(vm('dup', 'h1', 'running'), idx, hosts)).toMatchObject({
      at: { container: 'h2' },
      also: ['h1'],
    });
    expect(vmLive(vm('gone', 'h1', 'running'), idx, hosts)).toEqual({ kind: 'absent' });
    expect(vmLive(vm('x', 't1', 'running', 'teaching'), idx, hosts)).toEqual({ kind: 'unknown' });
    const half = { ...hosts, h2: host({ container: 'h2', status: 'timeout', vms: [] }) };
    expect(vmLive(vm('gone', 'h1', 'running'), liveIndex(half), half)).toEqual({ kind: 'unverified' });
  });

  it('badges a host by status, with its error in the tooltip', () => {
    expect(hostBadge(undefined, T0)).toMatchObject({ tone: 'neutral', text: 'not read' });
    expect(hostBadge(host({ container: 'a' }), T0 + 3_000)).toMatchObject({
      tone: 'ok',
      text: 'updated 3 s ago',
    });
    expect(hostBadge(host({ container: 'a', refreshing: true }), T0)).toMatchObject({
      tone: 'info',
      text: 'reading…',
    });
    const dead = host({ container: 'a', status: 'error', error: 'a: ssh: connect refused' });
    expect(hostBadge(dead, T0 + 61_000)).toEqual({
      tone: 'danger',
      text: 'unreachable · updated 1 min ago',
      title: 'a: ssh: connect refused (the data shown is from before: updated 1 min ago)',
    });
    const slow = host({ container: 'a', status: 'timeout', error: 'a: no answer', refreshedAt: null });
    expect(hostBadge(slow, T0)).toMatchObject({ text: 'no answer · no data', title: 'a: no answer' });
  });

  it('offers only the actions that make sense in a state', () => {
    expect(actionsFor('running')).toEqual({ start: false, shutdown: true, reboot: true, forceOff: true });
    expect(actionsFor('stopped')).toEqual({ start: true, shutdown: false, reboot: false, forceOff: false });
    expect(actionsFor(null)).toEqual({ start: false, shutdown: false, reboot: false, forceOff: false });
  });
});
