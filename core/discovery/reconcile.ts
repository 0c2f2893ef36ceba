// Drift: where the live inventory and the site file disagree. Only hosts whose last refresh
// succeeded count as truth; a VM whose recorded host (or any host of its domain) could not be
// read is "unverified", never reported missing on a guess.
import type { DomainDetails, NicInfo } from '../drivers/types';
import type { Container, Network, Nic, Site, Vm } from '../model/types';
import { isValidName } from '../drivers/names';
import type { DriftFix, DriftItem, DriftReport, Inventory } from './types';

interface Found {
  container: string;
  d: DomainDetails;
}

const isUp = (f: Found): boolean => f.d.state === 'running' || f.d.state === 'paused';

/** The site network of a domain that has this bridge. */
export function networkForBridge(site: Site, domain: string, bridge: string | null): Network | undefined {
  return bridge === null ? undefined : site.networks.find((n) => n.domain === domain && n.bridge === bridge);
}

/** The pool of a domain whose mount path holds this file. */
function poolForPath(site: Site, domain: string, path: string | null): string | undefined {
  if (!path) return undefined;
  return site.pools.find(
    (p) =>
      p.domain === domain && (path === p.mountPath || path.startsWith(`${p.mountPath.replace(/\/+$/, '')}/`)),
  )?.name;
}

/** Live NICs as site NICs; undefined when a bridge maps to no network of the domain. */
function liveNics(
  site: Site,
  domain: string,
  nics: readonly NicInfo[],
  recorded: readonly Nic[],
): Nic[] | undefined {
  const out: Nic[] = [];
  for (const n of nics) {
    const net =
      networkForBridge(site, domain, n.bridge) ??
      (n.network ? site.networks.find((x) => x.domain === domain && x.name === n.network) : undefined);
    if (!net) return undefined;
    const ip = recorded.find((r) => r.mac && r.mac === n.mac)?.ip;
    out.push({ network: net.name, ...(ip ? { ip } : {}), ...(n.mac ? { mac: n.mac } : {}) });
  }
  return out;
}

/** Human differences between recorded and live NICs (empty when they agree). */
export function nicDifferences(site: Site, vm: Vm, live: readonly NicInfo[]): string[] {
  const diffs: string[] = [];
  const unmatched = [...live];
  const bridgeOf = (network: string): string | undefined =>
    site.networks.find((n) => n.name === network)?.bridge;
  const withMac = vm.nics.filter((n) => n.mac);
  for (const n of withMac) {
    const i = unmatched.findIndex((l) => l.mac === n.mac);
    if (i < 0) {
      diffs.push(`NIC ${n.mac} (${n.network}) is recorded but not on the host`);
      continue;
    }
    const [l] = unmatched.splice(i, 1);
    const want = bridgeOf(n.network);
    if (l && want !== undefined && l.bridge !== want) {
      diffs.push(
        `NIC ${n.mac} is on bridge ${l.bridge ?? '(none)'}, recorded on ${n.network} (bridge ${want})`,
      );
    }
  }
  for (const n of vm.nics.filter((x) => !x.mac)) {
    const i = unmatched.findIndex((l) => l.bridge === bridgeOf(n.network));
    if (i < 0)
      diffs.push(`a NIC on ${n.network} is recorded but none is on bridge ${bridgeOf(n.network) ?? '?'}`);
    else unmatched.splice(i, 1);
  }
  for (const l of unmatched)
    diffs.push(`NIC ${l.mac ?? '(no MAC)'} on bridge ${l.bridge ?? l.network ?? '(none)'} is not recorded`);
  return diffs;
}

function diskDifferences(site: Site, vm: Vm, live: DomainDetails): string[] {
  const disks = live.disks.filter((d) => d.device === 'disk');
  const diffs: string[] = [];
  if (disks.length !== vm.disks.length)
    diffs.push(`${disks.length} disk(s) on the host, ${vm.disks.length} recorded`);
  const livePools = disks
    .map(
      (d) =>
        poolForPath(site, vm.domain, d.source) ?? `(outside the domain's pools: ${d.source ?? 'no source'})`,
    )
    .sort();
  const recordedPools = vm.disks.map((d) => d.pool).sort();
  if (disks.length === vm.disks.length && livePools.join() !== recordedPools.join()) {
    diffs.push(`disks are on ${livePools.join(', ')}; recorded on ${recordedPools.join(', ')}`);
  }
  return diffs;
}

function importVm(site: Site, c: Container, d: DomainDetails): { vm?: Vm; note?: string } {
  if (!isValidName(d.name)) return { note: 'its name is not allowed in a site file' };
  if (d.partial) return { note: d.note ?? 'only its name and state are known' };
  const nics = liveNics(site, c.domain, d.nics, []);
  if (!nics) return { note: `a NIC is on a bridge that no network of domain ${c.domain} uses` };
  return {
    vm: {
      name: d.name,
      domain: c.domain,
      vcpus: Math.max(1, d.vcpus),
      memoryMiB: d.maxMemoryMiB || d.memoryMiB,
      disks: [],
      nics,
      container: c.name,
      state: d.state,
      tags: [],
    },
    note: d.disks.length
      ? 'disks not imported: their sizes are not known from the host; add them by hand'
      : undefined,
  };
}

export function reconcile(site: Site, inventory: Inventory): DriftReport {
  const containers = new Map(site.containers.map((c) => [c.name, c]));
  const ok = new Set(
    Object.values(inventory.hosts)
      .filter((h) => h.status === 'ok')
      .map((h) => h.container),
  );
  const failedHosts = site.containers.map((c) => c.name).filter((n) => !ok.has(n));
  const found = new Map<string, Found[]>();
  for (const h of Object.values(inventory.hosts)) {
    if (!ok.has(h.container) || !containers.has(h.container)) continue;
    for (const d of h.vms) found.set(d.name, [...(found.get(d.name) ?? []), { container: h.container, d }]);
  }
  const items: DriftItem[] = [];
  const unverified: string[] = [];
  const add = (item: Omit<DriftItem, 'id'>): void =>
    void items.push({ id: `${item.kind}:${item.vm}`, ...item });
  const siteVms = new Map(site.vms.map((v) => [v.name, v]));

  for (const [name, occ] of found) {
    if (siteVms.has(name)) continue;
    const best = occ.find(isUp) ?? occ[0];
    const c = best ? containers.get(best.container) : undefined;
    if (!best || !c) continue;
    const { vm, note } = importVm(site, c, best.d);
    add({
      kind: 'unknown-vm',
      vm: name,
      severity: 'warning',
      containers: occ.map((o) => o.container),
      message: `${name} is ${best.d.state} on ${occ.map((o) => o.container).join(', ')} but not in the site file${note ? ` (${note})` : ''}`,
      live: best.d,
      fixes: vm && occ.length === 1 ? [{ op: 'add-vm', vm, note }] : undefined,
    });
  }

  for (const vm of site.vms) {
    const occ = found.get(vm.name) ?? [];
    const domainHosts = site.containers.filter((c) => c.domain === vm.domain).map((c) => c.name);
    if (occ.length === 0) {
      if (vm.container === null) continue;
      if (!ok.has(vm.container) || domainHosts.some((h) => !ok.has(h))) {
        unverified.push(vm.name);
        continue;
      }
      add({
        kind: 'missing',
        vm: vm.name,
        severity: vm.state === 'running' ? 'error' : 'warning',
        containers: [vm.container],
        message: `${vm.name} is recorded on ${vm.container} but no host of domain ${vm.domain} has it`,
        recorded: { container: vm.container, state: vm.state },
        fixes: [
          { op: 'set-container', vm: vm.name, container: null },
          { op: 'set-state', vm: vm.name, state: 'stopped' },
        ],
      });
      continue;
    }
    const up = occ.filter(isUp);
    if (occ.length > 1) {
      add({
        kind: 'duplicate',
        vm: vm.name,
        severity: up.length > 1 ? 'error' : 'warning',
        containers: occ.map((o) => o.container),
        message:
          up.length > 1
            ? `${vm.name} is RUNNING on ${up.map((o) => o.container).join(' and ')} at once`
            : `${vm.name} is defined on ${occ.map((o) => `${o.container} (${o.d.state})`).join(', ')}`,
        live: occ.map((o) => ({ container: o.container, state: o.d.state })),
      });
    }
    const live = up.length === 1 ? up[0] : occ.length === 1 ? occ[0] : undefined;
    if (!live) continue;
    const host = containers.get(live.container);
    if (host && host.domain !== vm.domain) {
      add({
        kind: 'wrong-domain',
        vm: vm.name,
        severity: 'error',
        containers: [live.container],
        message: `${vm.name} (domain ${vm.domain}) is on ${live.container}, a container of domain ${host.domain}: security domains are broken`,
        recorded: { domain: vm.domain },
        live: { container: live.container, domain: host.domain },
      });
    } else if (live.container !== vm.container) {
      add({
        kind: 'moved',
        vm: vm.name,
        severity: 'warning',
        containers: [...(vm.container ? [vm.container] : []), live.container],
        message: vm.container
          ? `${vm.name} is on ${live.container}, recorded on ${vm.container}`
          : `${vm.name} is on ${live.container}, recorded as unplaced`,
        recorded: { container: vm.container },
        live: { container: live.container },
        fixes: [{ op: 'set-container', vm: vm.name, container: live.container }],
      });
    }
    // Differences in one value, each with the fix that records the live value.
    const scalar = (
      kind: DriftItem['kind'],
      severity: DriftItem['severity'],
      message: string,
      recorded: unknown,
      now: unknown,
      fix: DriftFix,
    ): void =>
      add({
        kind,
        vm: vm.name,
        severity,
        containers: [live.container],
        message,
        recorded,
        live: now,
        fixes: [fix],
      });
    if (live.d.state !== vm.state) {
      scalar(
        'state',
        'info',
        `${vm.name} is ${live.d.state}, recorded as ${vm.state}`,
        vm.state,
        live.d.state,
        { op: 'set-state', vm: vm.name, state: live.d.state },
      );
    }
    if (live.d.partial) continue;
    if (live.d.vcpus !== vm.vcpus) {
      scalar(
        'vcpus',
        'warning',
        `${vm.name} has ${live.d.vcpus} vCPU(s), recorded ${vm.vcpus}`,
        vm.vcpus,
        live.d.vcpus,
        { op: 'set-vcpus', vm: vm.name, vcpus: live.d.vcpus },
      );
    }
    const liveMiB = live.d.maxMemoryMiB || live.d.memoryMiB;
    if (Math.abs(liveMiB - vm.memoryMiB) > 1) {
      scalar(
        'memory',
        'warning',
        `${vm.name} has ${liveMiB} MiB of memory, recorded ${vm.memoryMiB} MiB`,
        vm.memoryMiB,
        liveMiB,
        { op: 'set-memory', vm: vm.name, memoryMiB: liveMiB },
      );
    }
    const nicDiffs = nicDifferences(site, vm, live.d.nics);
    if (nicDiffs.length) {
      const nics = liveNics(site, vm.domain, live.d.nics, vm.nics);
      add({
        kind: 'nics',
        vm: vm.name,
        severity: 'warning',
        containers: [live.container],
        message: `${vm.name}: ${nicDiffs.join('; ')}${nics ? '' : ' (a bridge matches no network of the domain: fix by hand)'}`,
        recorded: vm.nics,
        live: live.d.nics,
        fixes: nics ? [{ op: 'set-nics', vm: vm.name, nics } satisfies DriftFix] : undefined,
      });
    }
    const diskDiffs = diskDifferences(site, vm, live.d);
    if (diskDiffs.length) {
      add({
        kind: 'disks',
        vm: vm.name,
        severity: 'info',
        containers: [live.container],
        message: `${vm.name}: ${diskDiffs.join('; ')} (disk sizes are not known from the host: edit by hand)`,
        recorded: vm.disks,
        live: live.d.disks,
      });
    }
  }
  return { items, unverified, checkedHosts: [...ok].filter((h) => containers.has(h)), failedHosts };
}
