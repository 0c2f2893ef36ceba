// Plans on sites: on the example site (known answers) and on arbitrary small sites (every plan
// replays cleanly through the placement policy, step by step).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Site } from '../../../core/model/types';
import { checkPlan, planSync, type Plan } from '../../../core/planner';
import { loadSite } from '../../../core/site';
import { siteArb } from '../policy/arbitrary-site';

const EXAMPLE = path.resolve(import.meta.dirname, '../../../assets/example-site.yaml');

function example(): Site {
  const { site, diagnostics } = loadSite(readFileSync(EXAMPLE, 'utf8'), 'example-site.yaml');
  if (!site) throw new Error(`example site does not load: ${diagnostics[0]?.message}`);
  return site;
}

const quick = { timeLimitMs: 2000, seed: 1 };
const RUNS = Number(process.env.FC_RUNS ?? 60);

/** Plan invariants that hold whatever the site: replay clean, names real, accounting right. */
function expectSound(site: Site, plan: Plan): void {
  expect(plan.check.problems).toEqual([]);
  expect(plan.check.ok).toBe(true);
  const replay = checkPlan(site, plan.steps);
  expect(replay.problems).toEqual([]);
  const moved = plan.steps.reduce((s, st) => s + (st.from === null ? 0 : st.memoryMiB), 0);
  expect(plan.memoryMovedMiB).toBe(moved);
  if (plan.feasible) expect(plan.unplaced).toEqual([]);
}

describe('plans on the example site', () => {
  const site = example();

  it('place: every unplaced VM finds a container, on the fewest containers possible', () => {
    const plan = planSync(site, { kind: 'place' }, quick);
    expectSound(site, plan);
    expect(plan.feasible).toBe(true);
    const unplaced = site.vms
      .filter((v) => v.container === null)
      .map((v) => v.name)
      .sort();
    expect(plan.steps.map((s) => s.vm).sort()).toEqual(unplaced);
    expect(plan.steps.every((s) => s.from === null)).toBe(true);
    expect(plan.gap).toBe(0);
    expect(plan.value).toBe(plan.bound);
  });

  it('place with balance: the peak utilisation reported is what the containers show after', () => {
    const plan = planSync(site, { kind: 'place', objective: 'balance' }, quick);
    expectSound(site, plan);
    const peak = Math.max(
      ...plan.after
        .filter((u) => u.vms > 0)
        .map((u) => Math.max(u.vcpus / u.vcpuLimit, u.memoryMiB / u.memoryLimitMiB)),
    );
    expect(plan.value).toBeCloseTo(peak, 9);
    expect(plan.value).toBeGreaterThanOrEqual(plan.bound - 1e-9);
  });

  it('evacuate mgmt-x1: both VMs move within domain mgmt, and the container ends empty', () => {
    const plan = planSync(site, { kind: 'evacuate', container: 'mgmt-x1' }, quick);
    expectSound(site, plan);
    expect(plan.feasible).toBe(true);
    expect(plan.steps.map((s) => s.vm).sort()).toEqual(['dns1', 'ldap1']);
    for (const st of plan.steps) expect(st.to.startsWith('mgmt-')).toBe(true);
    expect(plan.after.find((u) => u.container === 'mgmt-x1')?.vms).toBe(0);
  });

  it('evacuate grid-k1: says that gridftp1 cannot go, because of the anti-affinity pair and the maintenance host', () => {
    const plan = planSync(site, { kind: 'evacuate', container: 'grid-k1' }, quick);
    expectSound(site, plan);
    expect(plan.feasible).toBe(false);
    expect(plan.unplaced.map((u) => u.vm)).toEqual(['gridftp1']);
    const rules = plan.unplaced[0]?.reasons.flatMap((r) => r.violations.map((v) => v.rule)) ?? [];
    expect(rules).toContain('anti-affinity');
    expect(rules).toContain('maintenance');
    expect(plan.unplaced[0]?.summary).toContain('gridftp-pair');
  });

  it('evacuate ext-x1: bt-data cannot move, its disk is on a pool only ext-x1 mounts', () => {
    const plan = planSync(site, { kind: 'evacuate', container: 'ext-x1' }, quick);
    expectSound(site, plan);
    expect(plan.unplaced.map((u) => u.vm)).toContain('bt-data');
    expect(plan.unplaced.find((u) => u.vm === 'bt-data')?.summary).toContain('ext-x1-local');
  });

  it('equal seeds give equal plans (an iteration limit, not the clock, ends the search)', () => {
    const opts = { timeLimitMs: 60_000, maxIterations: 400, seed: 7 };
    for (const req of [{ kind: 'place', objective: 'balance' }, { kind: 'rebalance' }] as const) {
      const a = planSync(site, req, opts);
      const b = planSync(site, req, opts);
      expect(b.steps).toEqual(a.steps);
      expect(b.value).toBe(a.value);
    }
  });

  it('evacuate an unknown container is a clear error', () => {
    expect(() => planSync(site, { kind: 'evacuate', container: 'nope' }, quick)).toThrow(
      /no container named "nope"/,
    );
  });

  it('rebalance for consolidation within a budget frees containers and stays within the budget', () => {
    const budgetMiB = 16 * 1024;
    const plan = planSync(site, { kind: 'rebalance', objective: 'consolidate', budgetMiB }, quick);
    expectSound(site, plan);
    expect(plan.memoryMovedMiB).toBeLessThanOrEqual(budgetMiB);
    expect(plan.containersInUse.after).toBeLessThan(plan.containersInUse.before);
    const none = planSync(site, { kind: 'rebalance', objective: 'consolidate', budgetMiB: 0 }, quick);
    expect(none.steps).toEqual([]);
  });

  it('what-if: five more 1+4 teaching clusters do not fit as is, and need ten more containers like edu-c01', () => {
    const plan = planSync(
      site,
      { kind: 'whatif', ops: [{ kind: 'add-clusters', count: 5, like: 'lab1' }], containerType: 'edu-c01' },
      { timeLimitMs: 8000, seed: 1 },
    );
    expect(plan.whatIf?.fits).toBe(false);
    expect(plan.whatIf?.extraContainers?.count).toBe(10);
    expect(plan.check.ok).toBe(true);
  });

  it('what-if: the same clusters with their own new dedicated containers fit, never oversubscribed', () => {
    const plan = planSync(
      site,
      { kind: 'whatif', ops: [{ kind: 'add-clusters', count: 5, like: 'lab1', containerType: 'edu-c01' }] },
      quick,
    );
    expect(plan.feasible).toBe(true);
    expect(plan.whatIf?.fits).toBe(true);
    for (const u of plan.after.filter((x) => x.container.startsWith('lab')))
      expect(u.vcpus).toBeLessThanOrEqual(u.vcpuLimit);
    expect(plan.steps.filter((s) => /^lab(6|7|8|9|10)-/.test(s.vm))).toHaveLength(25);
  });

  it('what-if: failing grid-k2 puts its VMs elsewhere in grid or says why not', () => {
    const plan = planSync(
      site,
      { kind: 'whatif', ops: [{ kind: 'fail-container', container: 'grid-k2' }] },
      quick,
    );
    expect(plan.check.ok).toBe(true);
    const onK2 = site.vms.filter((v) => v.container === 'grid-k2').map((v) => v.name);
    const handled = new Set([...plan.steps.map((s) => s.vm), ...plan.unplaced.map((u) => u.vm)]);
    for (const vm of onK2) expect(handled.has(vm)).toBe(true);
    for (const st of plan.steps) expect(st.to).not.toBe('grid-k2');
  });
});

describe('plans on arbitrary sites never break a rule at any step', () => {
  it('property: place, rebalance and evacuate replay cleanly through the policy', () => {
    fc.assert(
      fc.property(siteArb, fc.nat(), (site, pick) => {
        const opts = { timeLimitMs: 500, maxIterations: 200, seed: 1 };
        expectSound(site, planSync(site, { kind: 'place' }, opts));
        expectSound(site, planSync(site, { kind: 'place', objective: 'balance' }, opts));
        expectSound(site, planSync(site, { kind: 'rebalance' }, opts));
        expectSound(
          site,
          planSync(site, { kind: 'rebalance', objective: 'consolidate', budgetMiB: 4096 }, opts),
        );
        const c = site.containers[pick % site.containers.length];
        if (c) {
          const plan = planSync(site, { kind: 'evacuate', container: c.name }, opts);
          expectSound(site, plan);
          // What stays on the container is exactly what the plan says it could not move.
          const stays = plan.after.find((u) => u.container === c.name)?.vms ?? 0;
          if (plan.blocked.length === 0) expect(stays).toBe(plan.unplaced.length);
        }
      }),
      { numRuns: RUNS },
    );
  }, 600_000);
});
