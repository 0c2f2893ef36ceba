// Cross-reference checks: every name a site element mentions must exist (in the right
// security domain), and names must be unique per kind.
import type { Name } from '../model/types';
import type { Indexed } from './check-shape';
import type { Parts, RefIndex } from './parts';
import { KIND_WORD } from './kinds';
import type { SectionName } from './shape';

function duplicates(refs: RefIndex, section: SectionName, list: Indexed<{ name: Name }>[]): void {
  const first = new Map<Name, number>();
  for (const { index, item } of list) {
    const earlier = first.get(item.name);
    if (earlier === undefined) {
      first.set(item.name, index);
      continue;
    }
    refs.add({
      code: 'duplicate-name',
      path: [section, index, 'name'],
      related: [section, earlier, 'name'],
      message: `there is already a ${KIND_WORD[section]} named ${item.name} (at {related}); names must be unique among ${section}`,
    });
  }
}

function checkDuplicates(refs: RefIndex, p: Parts): void {
  duplicates(refs, 'domains', p.domains);
  duplicates(refs, 'pools', p.pools);
  duplicates(refs, 'networks', p.networks);
  duplicates(refs, 'containers', p.containers);
  duplicates(refs, 'images', p.images);
  duplicates(refs, 'vms', p.vms);
  duplicates(refs, 'clusters', p.clusters);
  duplicates(refs, 'antiAffinity', p.antiAffinity);
  for (const { index, item } of p.vms) {
    const seen = new Map<string, number>();
    item.disks.forEach((d, j) => {
      const earlier = seen.get(d.name);
      if (earlier === undefined) seen.set(d.name, j);
      else
        refs.add({
          code: 'duplicate-name',
          path: ['vms', index, 'disks', j, 'name'],
          related: ['vms', index, 'disks', earlier, 'name'],
          message: `vm ${item.name} already has a disk named ${d.name} (at {related}); disk names must be unique within a VM`,
        });
    });
  }
}

function checkInfrastructure(refs: RefIndex, p: Parts): void {
  for (const { index, item } of p.pools)
    refs.ref('domains', item.domain, ['pools', index, 'domain'], `pool ${item.name}`);
  for (const { index, item } of p.networks) {
    refs.ref('domains', item.domain, ['networks', index, 'domain'], `network ${item.name}`);
  }
  for (const { index, item: c } of p.containers) {
    const who = `container ${c.name}`;
    refs.ref('domains', c.domain, ['containers', index, 'domain'], who);
    c.pools.forEach((pool, j) => refs.ref('pools', pool, ['containers', index, 'pools', j], who, c.domain));
    c.networks.forEach((n, j) =>
      refs.ref('networks', n, ['containers', index, 'networks', j], who, c.domain),
    );
    if (c.reservedMemoryMiB >= c.memoryMiB) {
      refs.add({
        code: 'reserved-exceeds-memory',
        path: ['containers', index, 'reservedMemoryGiB'],
        message: `container ${c.name} reserves ${c.reservedMemoryMiB / 1024} GiB for the host but has only ${c.memoryMiB / 1024} GiB, leaving nothing for guests`,
      });
    }
  }
  for (const { index, item: img } of p.images) {
    const who = `image ${img.name}`;
    refs.ref('domains', img.domain, ['images', index, 'domain'], who);
    refs.ref('pools', img.pool, ['images', index, 'pool'], who, img.domain);
  }
}

function checkVms(refs: RefIndex, p: Parts): void {
  for (const { index, item: vm } of p.vms) {
    const who = `vm ${vm.name}`;
    const at = ['vms', index];
    refs.ref('domains', vm.domain, [...at, 'domain'], who);
    if (vm.image !== undefined) refs.ref('images', vm.image, [...at, 'image'], who, vm.domain);
    vm.disks.forEach((d, j) => refs.ref('pools', d.pool, [...at, 'disks', j, 'pool'], who, vm.domain));
    vm.nics.forEach((n, j) => refs.ref('networks', n.network, [...at, 'nics', j, 'network'], who, vm.domain));
    // The container's domain is the policy's "domain" rule (./placement-checks.ts).
    if (vm.container !== null) refs.ref('containers', vm.container, [...at, 'container'], who);
  }
}

export function checkCrossRefs(refs: RefIndex): void {
  checkDuplicates(refs, refs.parts);
  checkInfrastructure(refs, refs.parts);
  checkVms(refs, refs.parts);
}
