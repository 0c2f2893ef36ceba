// Per-container use before and after a plan, as the charts draw it: one group per security
// domain, one row per container with its vCPU and memory use as percentages of what the policy
// allows there. Containers the scenario adds are marked new, removed ones gone; a domain with
// very many containers shows the changed ones first, up to a limit.
import type { ContainerUse, Plan } from '../../../../core/planner';

export interface UseRow {
  container: string;
  domain: string;
  /** Added by the scenario (not in the site before). */
  isNew: boolean;
  /** Not in the site after (removed by the scenario). */
  isGone: boolean;
  /** Its VMs, vCPUs or memory change. */
  changed: boolean;
  /** Percent of the limit, rounded to 0.1 (may exceed 100 on an overfull container). */
  cpuBefore: number;
  cpuAfter: number;
  memBefore: number;
  memAfter: number;
  before: ContainerUse | null;
  after: ContainerUse | null;
}

export interface DomainChart {
  domain: string;
  rows: UseRow[];
  /** Containers of the domain not drawn (beyond the limit; changed ones are drawn first). */
  hidden: number;
  changed: number;
}

/** Load over limit as a percentage with one decimal; no limit counts as 0%. */
export function percent(load: number, limit: number): number {
  if (!(limit > 0) || !Number.isFinite(load)) return 0;
  return Math.round((load / limit) * 1000) / 10;
}

const sameUse = (a: ContainerUse | null, b: ContainerUse | null): boolean =>
  a !== null && b !== null && a.vms === b.vms && a.vcpus === b.vcpus && a.memoryMiB === b.memoryMiB;

/** A container of the site as it is (to tell what a what-if scenario adds or removes). */
export interface BaseContainer {
  name: string;
  domain: string;
}

/**
 * One row per container the plan knows (before or after), plus containers of `base` the
 * scenario removed. Without `base`, "new" means "not in the plan's before".
 */
export function containerRows(
  plan: Pick<Plan, 'before' | 'after'>,
  base?: readonly BaseContainer[],
): UseRow[] {
  const before = new Map(plan.before.map((u) => [u.container, u]));
  const after = new Map(plan.after.map((u) => [u.container, u]));
  const known = base ? new Map(base.map((c) => [c.name, c.domain])) : null;
  const names = [
    ...new Set([
      ...(base ?? []).map((c) => c.name),
      ...plan.before.map((u) => u.container),
      ...plan.after.map((u) => u.container),
    ]),
  ];
  return names.map((container) => {
    const b = before.get(container) ?? null;
    const a = after.get(container) ?? null;
    const isNew = known ? !known.has(container) : b === null;
    return {
      container,
      domain: a?.domain ?? b?.domain ?? known?.get(container) ?? '',
      isNew,
      isGone: a === null,
      changed: isNew || !sameUse(b, a),
      cpuBefore: b && !isNew ? percent(b.vcpus, b.vcpuLimit) : 0,
      cpuAfter: a ? percent(a.vcpus, a.vcpuLimit) : 0,
      memBefore: b && !isNew ? percent(b.memoryMiB, b.memoryLimitMiB) : 0,
      memAfter: a ? percent(a.memoryMiB, a.memoryLimitMiB) : 0,
      before: isNew ? null : b,
      after: a,
    };
  });
}

/** Rows grouped by domain (in the site's order), at most `maxPerDomain` drawn per domain. */
export function domainCharts(
  plan: Pick<Plan, 'before' | 'after'>,
  base?: readonly BaseContainer[],
  maxPerDomain = 40,
): DomainChart[] {
  const groups = new Map<string, UseRow[]>();
  for (const r of containerRows(plan, base)) {
    const g = groups.get(r.domain);
    if (g) g.push(r);
    else groups.set(r.domain, [r]);
  }
  return [...groups].map(([domain, rows]) => {
    const changed = rows.filter((r) => r.changed).length;
    if (rows.length <= maxPerDomain) return { domain, rows, hidden: 0, changed };
    // Changed containers first, then the others, each in site order; drawn back in site order.
    const keep = new Set(
      [...rows.filter((r) => r.changed), ...rows.filter((r) => !r.changed)].slice(0, maxPerDomain),
    );
    return { domain, rows: rows.filter((r) => keep.has(r)), hidden: rows.length - keep.size, changed };
  });
}

/** Domains with something changed first; the others after, in site order. */
export function orderCharts(charts: readonly DomainChart[]): DomainChart[] {
  return [...charts.filter((c) => c.changed > 0), ...charts.filter((c) => c.changed === 0)];
}
