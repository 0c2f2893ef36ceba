// Pickers of the site's containers, VMs, clusters and domains, grouped by security domain
// (<optgroup>), as plain <select>s: keyboard and screen-reader friendly without extra code.
import { Fragment, memo } from 'react';
import type { Site } from '../../../../core/model/types';
import { plural } from '../../view-model/format';
import type { ControlProps } from './FormRow';

export interface OptionGroup {
  /** null: options outside any group. */
  label: string | null;
  options: { value: string; text: string }[];
}

function byDomain<T extends { domain: string }>(
  site: Site,
  items: readonly T[],
  option: (t: T) => { value: string; text: string },
): OptionGroup[] {
  return site.domains
    .map((d) => ({
      label: `Domain ${d.name}`,
      options: items.filter((i) => i.domain === d.name).map(option),
    }))
    .filter((g) => g.options.length > 0);
}

/** Options per site and kind, built once: a large site has tens of thousands of VMs. */
const cache = new WeakMap<Site, Map<string, OptionGroup[]>>();
function cached(site: Site, kind: string, build: () => OptionGroup[]): OptionGroup[] {
  let perSite = cache.get(site);
  if (!perSite) cache.set(site, (perSite = new Map()));
  let groups = perSite.get(kind);
  if (!groups) perSite.set(kind, (groups = build()));
  return groups;
}

const build = {
  containers(site: Site): OptionGroup[] {
    const count = new Map<string, number>();
    for (const v of site.vms) if (v.container) count.set(v.container, (count.get(v.container) ?? 0) + 1);
    return byDomain(site, site.containers, (c) => ({
      value: c.name,
      text: `${c.name} · ${plural(count.get(c.name) ?? 0, 'VM')}${c.maintenance ? ' · maintenance' : ''}`,
    }));
  },
  vms(site: Site): OptionGroup[] {
    return byDomain(site, site.vms, (v) => ({
      value: v.name,
      text: `${v.name} · ${v.vcpus} vCPU, ${Math.round((v.memoryMiB / 1024) * 10) / 10} GiB`,
    }));
  },
  clusters(site: Site): OptionGroup[] {
    return [
      {
        label: null,
        options: site.clusters.map((k) => ({
          value: k.name,
          text: `${k.name} · 1+${k.computes.length} nodes on ${plural(k.containers.length, 'container')}`,
        })),
      },
    ];
  },
  domains(site: Site): OptionGroup[] {
    return [{ label: null, options: site.domains.map((d) => ({ value: d.name, text: d.name })) }];
  },
};

export const pickFrom: { [K in keyof typeof build]: (site: Site) => OptionGroup[] } = {
  containers: (site) => cached(site, 'containers', () => build.containers(site)),
  vms: (site) => cached(site, 'vms', () => build.vms(site)),
  clusters: (site) => cached(site, 'clusters', () => build.clusters(site)),
  domains: (site) => cached(site, 'domains', () => build.domains(site)),
};

/** The options, re-rendered only when the site (hence the groups) changes. */
const Options = memo(function Options({ groups }: { groups: readonly OptionGroup[] }) {
  const options = (g: OptionGroup) =>
    g.options.map((o) => (
      <option key={o.value} value={o.value}>
        {o.text}
      </option>
    ));
  return groups.map((g, i) =>
    g.label === null ? (
      <Fragment key={i}>{options(g)}</Fragment>
    ) : (
      <optgroup key={g.label} label={g.label}>
        {options(g)}
      </optgroup>
    ),
  );
});

export function Picker({
  groups,
  empty,
  value,
  onChange,
  ...control
}: {
  groups: readonly OptionGroup[];
  /** The first option ('' value), e.g. "Choose a container". */
  empty: string;
  value: string;
  onChange(v: string): void;
} & ControlProps) {
  return (
    <select className="input" value={value} onChange={(e) => onChange(e.target.value)} {...control}>
      <option value="">{empty}</option>
      <Options groups={groups} />
    </select>
  );
}
