import { describe, expect, it, vi } from 'vitest';
import { ancestorsOf } from '../../../renderer/src/view-model/ancestors';
import { nodeKey, parseNodeKey } from '../../../renderer/src/view-model/keys';
import { memoRecent } from '../../../renderer/src/view-model/memo-recent';
import { buildTopology } from '../../../renderer/src/view-model/topology';
import { buildSite } from './site-builder';

describe('memoRecent', () => {
  it('computes once per argument identity and forgets the least recent beyond its size', () => {
    const fn = vi.fn((a: object, b: number) => ({ a, b }));
    const memo = memoRecent(fn, 2);
    const x = {};
    const y = {};
    const first = memo(x, 1);
    expect(memo(x, 1)).toBe(first);
    memo(y, 1);
    expect(memo(x, 1)).toBe(first); // still cached, now the most recent
    memo(y, 2); // evicts (y, 1)
    expect(fn).toHaveBeenCalledTimes(3);
    memo(y, 1);
    expect(fn).toHaveBeenCalledTimes(4);
    expect(memo({}, 1)).not.toBe(first);
  });
});

describe('node keys and ancestors', () => {
  it('round-trips keys and rejects strings that are not keys', () => {
    for (const kind of ['domain', 'container', 'vm', 'cluster', 'unplaced'] as const) {
      expect(parseNodeKey(nodeKey(kind, 'a:b'))).toEqual({ kind, name: 'a:b' });
    }
    expect(parseNodeKey('x:y')).toBeNull();
    expect(parseNodeKey(':y')).toBeNull();
    expect(parseNodeKey('nokey')).toBeNull();
  });

  it('lists the nodes to expand to reveal any node', () => {
    const t = buildTopology(
      buildSite({
        domains: 1,
        containersPerDomain: 1,
        vmsPerContainer: 1,
        unplacedPerDomain: 1,
        clusters: 1,
      }),
    );
    expect(ancestorsOf(t, 'v:mgmt-vm0000')).toEqual(['d:mgmt', 'c:mgmt-c001']);
    expect(ancestorsOf(t, 'v:mgmt-vm0001')).toEqual(['d:mgmt', 'u:mgmt']);
    expect(ancestorsOf(t, 'c:mgmt-c001')).toEqual(['d:mgmt']);
    expect(ancestorsOf(t, 'k:lab1')).toEqual(['d:mgmt']);
    expect(ancestorsOf(t, 'u:mgmt')).toEqual(['d:mgmt']);
    expect(ancestorsOf(t, 'd:mgmt')).toEqual([]);
    expect(ancestorsOf(t, 'v:missing')).toEqual([]);
    expect(ancestorsOf(t, 'bad')).toEqual([]);
  });
});
