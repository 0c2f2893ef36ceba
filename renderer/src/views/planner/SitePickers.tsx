// Pickers of the site's containers, VMs, clusters and domains, grouped by security domain
// (<optgroup>), as plain <select>s: keyboard and screen-reader friendly without extra code.
import { Fragment } from 'react';
import type { Site } from '../../../../core/model/types';
import { plural } from '../../view-model/format';

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

export const pickFrom = {
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
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}) {
  const options = (g: OptionGroup) =>
    g.options.map((o) => (
      <option key={o.value} value={o.value}>
        {o.text}
      </option>
    ));
  return (
    <select className="input" value={value} onChange={(e) => onChange(e.target.value)} {...control}>
      <option value="">{empty}</option>
      {groups.map((g, i) =>
        g.label === null ? (
          <Fragment key={i}>{options(g)}</Fragment>
        ) : (
          <optgroup key={g.label} label={g.label}>
            {options(g)}
          </optgroup>
        ),
      )}
    </select>
  );
}
