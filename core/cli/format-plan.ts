// A plan for people: what was asked and whether it can be done, the ordered steps, what could
// not be done and why, the containers whose use changes, notes, and the replay check.
import type { ContainerUse, Plan } from '../planner';
import { gib, percent, table } from './table';

const STOP: Record<Plan['stop'], string> = {
  optimal: 'proven best possible',
  time: 'time limit reached',
  cancelled: 'interrupted',
  iterations: 'iteration limit reached',
  exhausted: 'search finished',
};

function objectiveLine(p: Plan): string {
  const bound = Number.isFinite(p.bound) ? p.bound : null;
  if (p.objective === 'balance') {
    return `objective balance: fullest container at ${percent(p.value)}, lower bound ${bound === null ? 'n/a' : percent(bound)}, gap ${percent(p.gap)}`;
  }
  return `objective consolidate: ${p.value} container(s) in use, lower bound ${bound ?? 'n/a'}, gap ${percent(p.gap)}`;
}

function useCell(u: ContainerUse | undefined): string {
  if (!u) return '-';
  return `${u.vcpus}/${u.vcpuLimit} vCPU, ${gib(u.memoryMiB)}/${gib(u.memoryLimitMiB)}, ${u.vms} VM(s)`;
}

export function formatPlan(p: Plan, siteLabel: string): string {
  const out: string[] = [];
  const title = {
    place: 'place unplaced VMs',
    rebalance: 'rebalance',
    evacuate: 'evacuate',
    whatif: 'what-if',
  }[p.kind];
  out.push(`paddock plan ${p.kind} (${title}) for ${siteLabel}`);
  if (p.whatIf) {
    out.push('scenario:');
    for (const s of p.whatIf.scenario) out.push(`  - ${s}`);
    const extra = p.whatIf.extraContainers;
    out.push(`fits as it is: ${p.whatIf.fits ? 'yes' : 'no'}`);
    if (extra) {
      out.push(
        extra.count === null
          ? `more containers like ${extra.type} needed: not found (tried ${extra.tried.join(', ')})`
          : `more containers like ${extra.type} needed: ${extra.count}${extra.count > 0 ? ' (the steps below include them)' : ''}`,
      );
    }
  }
  out.push(`result: ${p.feasible ? 'FEASIBLE' : 'NOT FEASIBLE'}`);
  out.push(`${objectiveLine(p)}  (lower bound by ${p.boundMethod})`);
  out.push(
    `search: ${STOP[p.stop]} after ${(p.elapsedMs / 1000).toFixed(2)} s; containers in use ${p.containersInUse.before} -> ${p.containersInUse.after}; memory moved ${gib(p.memoryMovedMiB)}`,
  );
  out.push('');
  if (p.steps.length) {
    out.push(`steps, in order (${p.steps.length}):`);
    out.push(
      table(
        ['#', 'VM', 'FROM', 'TO', 'MEMORY', 'NOTE'],
        p.steps.map((s, i) => [
          String(i + 1),
          s.vm,
          s.from ?? '(unplaced)',
          s.to,
          gib(s.memoryMiB),
          s.temporary ? 'temporary host' : '',
        ]),
        new Set([0, 4]),
      ),
    );
  } else out.push('steps: none');
  if (p.unplaced.length) {
    out.push('', `could not be placed (${p.unplaced.length}):`);
    for (const u of p.unplaced) out.push(`  - ${u.summary}`);
  }
  if (p.blocked.length) {
    out.push('', `moves that cannot be ordered validly (${p.blocked.length}):`);
    for (const b of p.blocked) out.push(`  - ${b.vm}: ${b.from ?? '(unplaced)'} -> ${b.to}`);
  }
  const before = new Map(p.before.map((u) => [u.container, u]));
  const changed = p.after.filter((a) => {
    const b = before.get(a.container);
    return !b || b.vcpus !== a.vcpus || b.memoryMiB !== a.memoryMiB || b.vms !== a.vms;
  });
  if (changed.length) {
    out.push('', 'containers whose use changes:');
    out.push(
      table(
        ['CONTAINER', 'DOMAIN', 'BEFORE', 'AFTER'],
        changed.map((a) => [a.container, a.domain, useCell(before.get(a.container)), useCell(a)]),
      ),
    );
  }
  if (p.notes.length) {
    out.push('', 'notes:');
    for (const n of p.notes) out.push(`  - ${n}`);
  }
  out.push('');
  out.push(
    p.check.ok
      ? 'check: every step replayed through the placement policy: no rule broken at any point'
      : `check: replaying the steps through the placement policy found ${p.check.problems.length} problem(s):`,
  );
  for (const pr of p.check.problems) out.push(`  - ${pr.message}`);
  return out.join('\n');
}
