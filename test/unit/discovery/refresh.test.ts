// Refreshing the inventory: hosts are asked concurrently, a slow or failing host does not hold
// up the others, keeps its previous data, and reports its error and age.
import { describe, expect, it } from 'vitest';
import { formatAge } from '../../../core/discovery/age';
import { refreshInventory } from '../../../core/discovery/refresh';
import type { HypervisorDriver, NodeCapacity } from '../../../core/drivers/types';
import type { Container } from '../../../core/model/types';
import { arbSite, liveOf } from './site-gen';
import fc from 'fast-check';

const CAP: NodeCapacity = {
  cpus: 4,
  cpuModel: null,
  mhz: null,
  sockets: 1,
  coresPerSocket: 4,
  threadsPerCore: 1,
  numaCells: 1,
  memoryMiB: 8192,
  freeMemoryMiB: null,
};

function driver(behaviour: 'ok' | 'slow' | 'fail', vms: ReturnType<typeof liveOf>[]): HypervisorDriver {
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const answer = async <T>(v: T): Promise<T> => {
    if (behaviour === 'slow') await wait(60_000);
    if (behaviour === 'fail') throw new Error('ssh: connect to host refused');
    return v;
  };
  return {
    kind: 'libvirt',
    target: 'x',
    capacity: () => answer(CAP),
    inventory: () => answer(vms),
  } as unknown as HypervisorDriver;
}

const site = fc.sample(
  arbSite.filter((s) => s.vms.length > 3),
  { numRuns: 1, seed: 7 },
)[0];

describe('refreshInventory', () => {
  it('returns by the deadline with one slow and one failing host', async () => {
    if (!site) throw new Error('no site');
    const [slow, failing] = site.containers;
    const behaviour = (c: Container) => (c === slow ? 'slow' : c === failing ? 'fail' : 'ok');
    const seen: string[] = [];
    const t0 = Date.now();
    const inv = await refreshInventory(
      site,
      (c) =>
        driver(
          behaviour(c),
          site.vms.filter((v) => v.container === c.name).map((v) => liveOf(site, v)),
        ),
      {
        timeoutMs: 300,
        onHost: (h) => seen.push(`${h.container}:${h.status}`),
      },
    );
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(inv.hosts[slow?.name ?? '']).toMatchObject({ status: 'timeout', refreshedAt: null, vms: [] });
    expect(inv.hosts[slow?.name ?? '']?.error).toMatch(/no answer within 300 ms/);
    expect(inv.hosts[failing?.name ?? '']).toMatchObject({ status: 'error' });
    expect(inv.hosts[failing?.name ?? '']?.error).toContain('connect to host refused');
    for (const c of site.containers.slice(2)) {
      expect(inv.hosts[c.name]?.status).toBe('ok');
      expect(inv.hosts[c.name]?.vms.map((v) => v.name).sort()).toEqual(
        site.vms
          .filter((v) => v.container === c.name)
          .map((v) => v.name)
          .sort(),
      );
    }
    expect(seen).toHaveLength(site.containers.length);
  });

  it('a failed host keeps its previous data and age', async () => {
    if (!site) throw new Error('no site');
    let clock = 1_000_000;
    const now = () => clock;
    const first = await refreshInventory(site, () => driver('ok', []), { now });
    clock += 7000;
    const second = await refreshInventory(site, (c) => driver(c === site.containers[0] ? 'fail' : 'ok', []), {
      now,
      previous: first,
    });
    const h = second.hosts[site.containers[0]?.name ?? ''];
    expect(h).toMatchObject({
      status: 'error',
      refreshedAt: 1_000_000,
      attemptedAt: 1_007_000,
      capacity: CAP,
    });
    expect(formatAge(h?.refreshedAt ?? null, clock)).toBe('updated 7 s ago');
  });

  it('a driver that cannot even be created is that host’s error only', async () => {
    if (!site) throw new Error('no site');
    const inv = await refreshInventory(site, (c) => {
      if (c === site.containers[1]) throw new Error('no credentials for domain');
      return driver('ok', []);
    });
    expect(inv.hosts[site.containers[1]?.name ?? '']?.error).toMatch(/no credentials/);
    expect(Object.values(inv.hosts).filter((h) => h.status === 'ok')).toHaveLength(
      site.containers.length - 1,
    );
  });
});

describe('formatAge', () => {
  it('says how old data is', () => {
    expect(formatAge(null, 5)).toBe('never updated');
    expect(formatAge(0, 3_400)).toBe('updated 3 s ago');
    expect(formatAge(0, 125_000)).toBe('updated 2 min ago');
    expect(formatAge(0, 3 * 3600_000)).toBe('updated 3 h ago');
    expect(formatAge(0, 72 * 3600_000)).toBe('updated 3 days ago');
    expect(formatAge(10_000, 0)).toBe('updated 0 s ago');
  });
});
