import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INACTIVE_MATCH } from '../../../renderer/src/view-model/filter';
import { layoutTopology } from '../../../renderer/src/view-model/layout';
import { buildTopology } from '../../../renderer/src/view-model/topology';
import { treeKeyAction } from '../../../renderer/src/view-model/tree-keys';
import { buildSite } from './site-builder';

const t = buildTopology(buildSite({ domains: 2, containersPerDomain: 2, vmsPerContainer: 2 }));
const open = layoutTopology(t, INACTIVE_MATCH, new Set());
const act = (current: string | null, key: string, l = open) => treeKeyAction(l.nav, l.navIndex, current, key);

describe('treeKeyAction', () => {
  it('moves through visible nodes in order with the vertical keys', () => {
    expect(act('d:mgmt', 'ArrowDown')).toEqual({ type: 'focus', key: 'c:mgmt-c001' });
    expect(act('c:mgmt-c001', 'ArrowDown')).toEqual({ type: 'focus', key: 'v:mgmt-vm0000' });
    expect(act('v:mgmt-vm0000', 'ArrowUp')).toEqual({ type: 'focus', key: 'c:mgmt-c001' });
    expect(act('d:mgmt', 'ArrowUp')).toEqual({ type: 'focus', key: 'd:mgmt' });
    expect(act('c:mgmt-c001', 'End')).toEqual({ type: 'focus', key: open.nav[open.nav.length - 1]?.key });
    expect(act('v:mgmt-vm0003', 'Home')).toEqual({ type: 'focus', key: 'd:mgmt' });
    expect(act('d:mgmt', 'PageDown')).toEqual({ type: 'focus', key: open.nav[10]?.key });
  });

  it('expands, enters, collapses and climbs with the horizontal keys', () => {
    expect(act('d:mgmt', 'ArrowRight')).toEqual({ type: 'focus', key: 'c:mgmt-c001' });
    expect(act('v:mgmt-vm0000', 'ArrowRight')).toEqual({ type: 'none' });
    expect(act('v:mgmt-vm0000', 'ArrowLeft')).toEqual({ type: 'focus', key: 'c:mgmt-c001' });
    expect(act('c:mgmt-c001', 'ArrowLeft')).toEqual({ type: 'collapse', key: 'c:mgmt-c001' });
    const shut = layoutTopology(t, INACTIVE_MATCH, new Set(['c:mgmt-c001']));
    expect(act('c:mgmt-c001', 'ArrowRight', shut)).toEqual({ type: 'expand', key: 'c:mgmt-c001' });
    expect(act('c:mgmt-c001', 'ArrowLeft', shut)).toEqual({ type: 'focus', key: 'd:mgmt' });
    expect(act('c:mgmt-c001', 'ArrowDown', shut)).toEqual({ type: 'focus', key: 'c:mgmt-c002' });
  });

  it('selects with Enter and Space, ignores other keys, and starts at an end without focus', () => {
    expect(act('v:mgmt-vm0001', 'Enter')).toEqual({ type: 'select', key: 'v:mgmt-vm0001' });
    expect(act('v:mgmt-vm0001', ' ')).toEqual({ type: 'select', key: 'v:mgmt-vm0001' });
    expect(act('v:mgmt-vm0001', 'x')).toEqual({ type: 'none' });
    expect(act(null, 'ArrowDown')).toEqual({ type: 'focus', key: 'd:mgmt' });
    expect(act('v:gone', 'End')).toEqual({ type: 'focus', key: open.nav[open.nav.length - 1]?.key });
    expect(treeKeyAction([], new Map(), null, 'ArrowDown')).toEqual({ type: 'none' });
  });

  it('always lands on a visible node, and Down then Up comes back', () => {
    const keys = [
      'ArrowDown',
      'ArrowUp',
      'ArrowLeft',
      'ArrowRight',
      'Home',
      'End',
      'PageUp',
      'PageDown',
      'Enter',
    ];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: open.nav.length - 1 }), fc.constantFrom(...keys), (i, key) => {
        const here = open.nav[i]?.key ?? null;
        const a = act(here, key);
        if (a.type !== 'none') expect(open.navIndex.has(a.key)).toBe(true);
        if (key === 'ArrowDown' && i < open.nav.length - 1 && a.type === 'focus') {
          expect(act(a.key, 'ArrowUp')).toEqual({ type: 'focus', key: here });
        }
      }),
    );
  });
});
