// Drift between a site and the live inventory: no drift when they agree, the right item for
// each kind of change, and accepting the fixes removes the drift (checked on random sites).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reconcile } from '../../../core/discovery/reconcile';
import type { DriftFix, DriftReport, Inventory } from '../../../core/discovery/types';
import type { Site, Vm } from '../../../core/model/types';
import { arbSite, inventoryOf, liveOf, snapshot } from './site-gen';

/** Apply fixes to the site model (the file edit is tested in apply.test.ts). */
function applyToModel(site: Site, fixes: DriftFix[]): Site {
  const vms = site.vms.map((v) => ({ ...v }));
  for (const f of fixes) {
    if (f.op === 'add-vm') {
      vms.push({ ...f.vm });
      continue;
    }
    const vm = vms.find((v) => v.name === f.vm) as Vm;
    if (f.op === 'set-container') vm.container = f.container;
    if (f.op === 'set-state') vm.state = f.state;
    if (f.op === 'set-vcpus') vm.vcpus = f.vcpus;
    if (f.op === 'set-memory') vm.memoryMiB = f.memoryMiB;
    if (f.op === 'set-nics') vm.nics = f.nics;
  }
  return { ...site, vms };
}

/** Accept every drift item's fixes into the site model. */
const acceptAll = (site: Site, r: DriftReport): Site =>
  applyToModel(
    site,
    r.items.flatMap((i) => i.fixes ?? []),
  );

/** Sites with at least one VM on a container, and the first such VM. */
const arbPlacedSite = arbSite.filter((s) => s.vms.some((v) => v.container));
function firstPlaced(site: Site): Vm {
  const vm = site.vms.find((v) => v.container);
  if (!vm) throw new Error('test site has no placed VM');
  return vm;
}

const withHost = (
  inv: Inventory,
  name: string,
  change: (vms: Inventory['hosts'][string]['vms']) => Inventory['hosts'][string]['vms'],
): Inventory => {
  const h = inv.hosts[name];
  if (!h) throw new Error(`no host ${name}`);
  return { ...inv, hosts: { ...inv.hosts, [name]: { ...h, vms: change(h.vms) } } };
};

describe('reconcile', () => {
  it('finds no drift when the fleet is as recorded', () => {
    fc.assert(
      fc.property(arbSite, (site) => {
        const r = reconcile(site, inventoryOf(site));
        expect(r.items).toEqual([]);
        expect(r.unverified).toEqual([]);
        expect(r.failedHosts).toEqual([]);
      }),
    );
  });

  it('reports a VM moved behind our back, and accepting it clears the drift', () => {
    fc.assert(
      fc.property(arbPlacedSite, fc.nat(), (site, pick) => {
        const placed = site.vms.filter((v) => v.container);
        const vm = placed[pick % placed.length] as Vm;
        const other = site.containers.find((c) => c.domain === vm.domain && c.name !== vm.container);
        if (!other) return;
        let inv = withHost(inventoryOf(site), vm.container as string, (vms) =>
          vms.filter((d) => d.name !== vm.name),
        );
        inv = withHost(inv, other.name, (vms) => [...vms, liveOf(site, vm)]);
        const r = reconcile(site, inv);
        expect(r.items.map((i) => [i.kind, i.vm])).toEqual([['moved', vm.name]]);
        expect(r.items[0]?.containers).toEqual([vm.container, other.name]);
        const fixed = acceptAll(site, r);
        expect(reconcile(fixed, inv).items).toEqual([]);
      }),
    );
  });

  it('reports every kind of resource drift with a fix that clears it', () => {
    fc.assert(
      fc.property(
        arbSite.filter((s) => s.vms.some((v) => v.container && v.nics.length > 0)),
        fc.nat(),
        fc.constantFrom('vcpus', 'memory', 'state', 'mac', 'bridge'),
        (site, pick, what) => {
          const candidates = site.vms.filter((v) => v.container && v.nics.length > 0);
          const vm = candidates[pick % candidates.length] as Vm;
          const inv = withHost(inventoryOf(site), vm.container as string, (vms) =>
            vms.map((d) => {
              if (d.name !== vm.name) return d;
              const nic0 = d.nics[0];
              switch (what) {
                case 'vcpus':
                  return { ...d, vcpus: d.vcpus + 1, maxVcpus: d.vcpus + 1 };
                case 'memory':
                  return { ...d, memoryMiB: d.memoryMiB * 2, maxMemoryMiB: d.memoryMiB * 2 };
                case 'state':
                  return { ...d, state: d.state === 'running' ? ('stopped' as const) : ('running' as const) };
                case 'mac':
                  return {
                    ...d,
                    nics: [
                      { ...(nic0 as NonNullable<typeof nic0>), mac: '52:54:00:ff:ff:ff' },
                      ...d.nics.slice(1),
                    ],
                  };
                default:
                  return {
                    ...d,
                    nics: [
                      {
                        ...(nic0 as NonNullable<typeof nic0>),
                        bridge:
                          nic0?.bridge === `br-${vm.domain}` ? `br-${vm.domain}-pub` : `br-${vm.domain}`,
                      },
                      ...d.nics.slice(1),
                    ],
                  };
              }
            }),
          );
          const r = reconcile(site, inv);
          const kind = what === 'mac' || what === 'bridge' ? 'nics' : what;
          expect(r.items.map((i) => i.kind)).toEqual([kind]);
          expect(r.items[0]?.fixes?.length).toBeGreaterThan(0);
          expect(reconcile(acceptAll(site, r), inv).items).toEqual([]);
        },
      ),
    );
  });

  it('reports an unknown VM and imports it', () => {
    fc.assert(
      fc.property(arbSite, fc.nat(), (site, pick) => {
        const host = site.containers[pick % site.containers.length];
        if (!host) return;
        const stranger: Vm = {
          name: 'stranger',
          domain: host.domain,
          vcpus: 2,
          memoryMiB: 2048,
          disks: [],
          nics: [{ network: `${host.domain}-net`, mac: '52:54:00:aa:bb:cc' }],
          container: host.name,
          state: 'running',
          tags: [],
        };
        const inv = withHost(inventoryOf(site), host.name, (vms) => [...vms, liveOf(site, stranger)]);
        const r = reconcile(site, inv);
        expect(r.items.map((i) => [i.kind, i.vm])).toEqual([['unknown-vm', 'stranger']]);
        const fixed = acceptAll(site, r);
        expect(fixed.vms.find((v) => v.name === 'stranger')).toMatchObject({
          domain: host.domain,
          container: host.name,
          vcpus: 2,
          memoryMiB: 2048,
        });
        expect(reconcile(fixed, inv).items).toEqual([]);
      }),
    );
  });

  it('a recorded VM found nowhere is missing; accepting unplaces it', () => {
    fc.assert(
      fc.property(arbPlacedSite, (site) => {
        const vm = firstPlaced(site);
        const inv = withHost(inventoryOf(site), vm.container as string, (vms) =>
          vms.filter((d) => d.name !== vm.name),
        );
        const r = reconcile(site, inv);
        expect(r.items.map((i) => [i.kind, i.severity])).toEqual([
          ['missing', vm.state === 'running' ? 'error' : 'warning'],
        ]);
        const fixed = acceptAll(site, r);
        expect(fixed.vms.find((v) => v.name === vm.name)?.container).toBeNull();
        expect(reconcile(fixed, inv).items).toEqual([]);
      }),
    );
  });

  it('a failed host makes its VMs unverified, not missing', () => {
    fc.assert(
      fc.property(arbPlacedSite, (site) => {
        const vm = firstPlaced(site);
        const c = site.containers.find((x) => x.name === vm.container);
        if (!c) return;
        const inv = inventoryOf(site);
        inv.hosts[c.name] = snapshot(c, [], 'timeout');
        const r = reconcile(site, inv);
        expect(r.items.filter((i) => i.kind === 'missing')).toEqual([]);
        expect(r.unverified).toContain(vm.name);
        expect(r.failedHosts).toEqual([c.name]);
      }),
    );
  });

  it('a VM running on two hosts at once is an error; on another domain, isolation is broken', () => {
    fc.assert(
      fc.property(arbPlacedSite, (site) => {
        const vm = firstPlaced(site);
        const same = site.containers.find((c) => c.domain === vm.domain && c.name !== vm.container);
        const foreign = site.containers.find((c) => c.domain !== vm.domain);
        if (!same || !foreign) return;
        const running = { ...liveOf(site, vm), state: 'running' as const };
        let inv = withHost(inventoryOf(site), vm.container as string, (vms) =>
          vms.map((d) => (d.name === vm.name ? running : d)),
        );
        inv = withHost(inv, same.name, (vms) => [...vms, running]);
        const dup = reconcile(site, inv).items.find((i) => i.kind === 'duplicate');
        expect(dup).toMatchObject({ severity: 'error', vm: vm.name });
        expect(dup?.fixes).toBeUndefined();
        let moved = withHost(inventoryOf(site), vm.container as string, (vms) =>
          vms.filter((d) => d.name !== vm.name),
        );
        moved = withHost(moved, foreign.name, (vms) => [...vms, liveOf(site, vm)]);
        const wrong = reconcile(site, moved).items.find((i) => i.kind === 'wrong-domain');
        expect(wrong).toMatchObject({ severity: 'error', containers: [foreign.name] });
        expect(wrong?.fixes).toBeUndefined();
      }),
    );
  });

  it('compares nothing but name and state for partial details', () => {
    fc.assert(
      fc.property(arbPlacedSite, (site) => {
        const vm = firstPlaced(site);
        const inv = withHost(inventoryOf(site), vm.container as string, (vms) =>
          vms.map((d) =>
            d.name === vm.name
              ? {
                  ...d,
                  vcpus: 0,
                  maxVcpus: 0,
                  memoryMiB: 0,
                  maxMemoryMiB: 0,
                  nics: [],
                  disks: [],
                  partial: true,
                }
              : d,
          ),
        );
        expect(reconcile(site, inv).items).toEqual([]);
      }),
    );
  });
});
