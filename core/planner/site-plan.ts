// Turning the engine's answer for a site into a Plan: steps with container names, the replay
// check, per-container use before and after, and reasons for every VM left unplaced (the
// policy's own sentences, per container of the VM's domain).
import type { Name, Site } from '../model/types';
import { mayRun, type PlacementContext } from '../policy';
import type { StopReason } from './budget';
import { checkPlan, type PlanCheckOptions } from './plan-check';
import type { ContainerUse, Plan, PlanKind, PlanStep, Unplaceable } from './plan';
import type { Objective } from './pack-result';
import { sequenceMoves, type SequencedMove } from './sequence';
import type { SiteProblem } from './site-problem';
import { PackingState } from './state';

export function containerUse(ctx: PlacementContext): ContainerUse[] {
  const out: ContainerUse[] = [];
  for (const c of ctx.containers()) {
    const used = ctx.used(c.name);
    const lim = ctx.limits(c.name);
    out.push({
      container: c.name,
      domain: c.domain,
      vcpus: used.vcpus,
      vcpuLimit: lim.vcpus,
      memoryMiB: used.memoryMiB,
      memoryLimitMiB: lim.memoryMiB,
      vms: ctx.vmsOn(c.name).length,
    });
  }
  return out;
}

const inUse = (use: ContainerUse[]): number => use.filter((u) => u.vms > 0).length;

/** Why each VM fits nowhere, container by container (containers of its domain first). */
export function explainUnplaced(
  ctx: PlacementContext,
  vms: readonly Name[],
  exclude: ReadonlySet<Name> = new Set(),
): Unplaceable[] {
  return vms.map((name) => {
    const vm = ctx.vm(name);
    if (!vm) return { vm: name, summary: `vm ${name} is not in the site`, reasons: [] };
    const all = [...ctx.containers()];
    const own = all.filter((c) => c.domain === vm.domain);
    const reasons: Unplaceable['reasons'] = [];
    for (const c of own.length ? own : all.slice(0, 1)) {
      if (exclude.has(c.name)) {
        reasons.push({
          container: c.name,
          violations: [
            {
              rule: 'maintenance',
              vm: name,
              container: c.name,
              message: `container ${c.name} is being emptied by this plan`,
            },
          ],
        });
        continue;
      }
      const v = mayRun(ctx, vm, c);
      if (!v.ok) reasons.push({ container: c.name, violations: v.violations });
    }
    const rules = [...new Set(reasons.flatMap((r) => r.violations.map((v) => v.rule)))];
    const summary =
      own.length === 0
        ? `vm ${name} fits nowhere: no container is in its domain ${vm.domain}`
        : `vm ${name} fits on none of the ${own.length} containers of domain ${vm.domain} (${rules.join(', ') || 'no rule named'}): ${distinctMessages(reasons)}`;
    return { vm: name, summary, reasons };
  });
}

/** The first few different sentences among the reasons (many containers often give the same one). */
function distinctMessages(reasons: Unplaceable['reasons'], max = 3): string {
  const seen: string[] = [];
  for (const r of reasons) {
    for (const v of r.violations) if (!seen.includes(v.message)) seen.push(v.message);
  }
  return seen.slice(0, max).join('; ') + (seen.length > max ? `; and ${seen.length - max} more` : '');
}

/** Engine moves (item/bin indices) as named steps, each VM's first move from where the site has it. */
export function toSteps(sp: SiteProblem, moves: readonly SequencedMove[]): PlanStep[] {
  const where = new Map<Name, Name | null>();
  return moves.map((m) => {
    const vm = sp.vms[m.item];
    const to = sp.containers[m.to];
    if (!vm || !to) throw new Error(`planner: move of item ${m.item} to bin ${m.to} is out of range`);
    const from = where.has(vm.name) ? (where.get(vm.name) ?? null) : sp.ctx.placementOf(vm.name);
    where.set(vm.name, to.name);
    return { vm: vm.name, from, to: to.name, temporary: m.temporary, memoryMiB: vm.memoryMiB };
  });
}

export interface PlanParts {
  kind: PlanKind;
  objective: Objective;
  site: Site;
  sp: SiteProblem;
  /** The engine's moves, in execution order. */
  moves: SequencedMove[];
  blocked: SequencedMove[];
  /** VMs that should be placed at the end but the solver could not place. */
  unplaced: Name[];
  value: number;
  bound: number;
  boundMethod: string;
  gap: number;
  stop: StopReason;
  elapsedMs: number;
  notes: string[];
  check: PlanCheckOptions;
  exclude?: ReadonlySet<Name>;
}

export function assemblePlan(x: PlanParts): Plan {
  const before = containerUse(x.sp.ctx);
  const steps = toSteps(x.sp, x.moves);
  const replay = checkPlan(x.site, steps, x.check);
  const after = containerUse(replay.ctx);
  const blocked = x.blocked.map((m) => ({
    vm: x.sp.vms[m.item]?.name ?? `item ${m.item}`,
    from: m.from >= 0 ? (x.sp.containers[m.from]?.name ?? null) : null,
    to: x.sp.containers[m.to]?.name ?? `bin ${m.to}`,
  }));
  const unplaced = explainUnplaced(replay.ctx, x.unplaced, x.exclude);
  const notes = [...x.notes];
  if (x.sp.strays.length)
    notes.push(`treated as unplaced (their container is not in the site): ${x.sp.strays.join(', ')}`);
  return {
    kind: x.kind,
    objective: x.objective,
    feasible: replay.ok && unplaced.length === 0 && blocked.length === 0,
    steps,
    unplaced,
    blocked,
    value: x.value,
    bound: x.bound,
    boundMethod: x.boundMethod,
    gap: x.gap,
    before,
    after,
    containersInUse: { before: inUse(before), after: inUse(after) },
    memoryMovedMiB: steps.reduce((s, st) => s + (st.from === null ? 0 : st.memoryMiB), 0),
    stop: x.stop,
    elapsedMs: x.elapsedMs,
    notes,
    check: { ok: replay.ok, problems: replay.problems },
  };
}

export interface OrderedTarget {
  moves: SequencedMove[];
  /** Moves that could not be ordered, as (item, where it is, where it should go). */
  blocked: SequencedMove[];
  /** The state the ordered moves reach (blocked moves not made). */
  reached: PackingState;
}

/** Order the moves from the site's placement to `target` (sequenceMoves) and evaluate the result. */
export function orderTarget(sp: SiteProblem, target: Int32Array): OrderedTarget {
  const p = sp.problem;
  const init = p.initial ?? new Int32Array(p.itemCount).fill(-1);
  const seq = sequenceMoves(p, init, target);
  const reachedAssign = Int32Array.from(init);
  for (const m of seq.moves) reachedAssign[m.item] = m.to;
  const reached = new PackingState(p);
  reached.restore(reachedAssign);
  const blocked = seq.blocked.map((i) => ({
    item: i,
    from: reachedAssign[i] ?? -1,
    to: target[i] ?? -1,
    temporary: false,
  }));
  return { moves: seq.moves, blocked, reached };
}
