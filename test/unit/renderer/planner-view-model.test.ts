// The planner view's data: chart rows from a plan's per-container use (before / after, grouped
// by domain, new and removed containers marked), the ordered step rows with temporary hops, the
// policy's reasons for blocked moves, and what is sent to main to apply a plan.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Site } from '../../../core/model/types';
import {
  applyScenario,
  planSync,
  type ContainerUse,
  type Plan,
  type PlanRequest,
} from '../../../core/planner';
import { loadSite } from '../../../core/site';
import { EXAMPLE_SITE } from '../../../electron/shared/paths';
import { previewPayload, scenarioOf } from '../../../renderer/src/views/planner/plan-application';
import {
  containerRows,
  domainCharts,
  orderCharts,
  percent,
} from '../../../renderer/src/views/planner/plan-charts';
import { blockedRows, stepRows } from '../../../renderer/src/views/planner/plan-rows';
import {
  formatElapsed,
  formatGap,
  formatObjective,
  verdict,
} from '../../../renderer/src/views/planner/plan-text';

const SITE = loadSite(readFileSync(EXAMPLE_SITE, 'utf8'), 'example-site.yaml').site as Site;

const use = fc.record({
  container: fc.constantFrom('a1', 'a2', 'a3', 'b1', 'b2', 'c1'),
  vcpus: fc.integer({ min: 0, max: 64 }),
  vcpuLimit: fc.integer({ min: 0, max: 64 }),
  memoryMiB: fc.integer({ min: 0, max: 65536 }),
  memoryLimitMiB: fc.integer({ min: 0, max: 65536 }),
  vms: fc.integer({ min: 0, max: 9 }),
});
const uses = fc
  .uniqueArray(use, { selector: (u) => u.container, maxLength: 6 })
  .map((us): ContainerUse[] => us.map((u) => ({ ...u, domain: u.container.charAt(0) })));

describe('chart rows', () => {
  it('one row per container of the base, before or after; new, gone and changed exactly when they are', () => {
    fc.assert(
      fc.property(uses, uses, fc.subarray(['a1', 'a2', 'b1', 'c1']), (before, after, baseNames) => {
        const base = baseNames.map((name) => ({ name, domain: name.charAt(0) }));
        const rows = containerRows({ before, after }, base);
        const all = new Set([
          ...baseNames,
          ...before.map((u) => u.container),
          ...after.map((u) => u.container),
        ]);
        expect(new Set(rows.map((r) => r.container))).toEqual(all);
        expect(rows).toHaveLength(all.size);
        for (const r of rows) {
          const b = before.find((u) => u.container === r.container);
          const a = after.find((u) => u.container === r.container);
          expect(r.isNew).toBe(!baseNames.includes(r.container));
          expect(r.isGone).toBe(a === undefined);
          expect(r.domain).toBe(r.container.charAt(0));
          expect(r.cpuAfter).toBe(a ? percent(a.vcpus, a.vcpuLimit) : 0);
          expect(r.memBefore).toBe(b && !r.isNew ? percent(b.memoryMiB, b.memoryLimitMiB) : 0);
          const same = !!a && !!b && a.vms === b.vms && a.vcpus === b.vcpus && a.memoryMiB === b.memoryMiB;
          expect(r.changed).toBe(r.isNew || !same);
          for (const p of [r.cpuBefore, r.cpuAfter, r.memBefore, r.memAfter]) {
            expect(Number.isFinite(p)).toBe(true);
            expect(p).toBeGreaterThanOrEqual(0);
          }
        }
      }),
    );
  });

  it('groups by domain, draws at most the limit per domain, and never hides a changed container that fits', () => {
    fc.assert(
      fc.property(uses, uses, fc.integer({ min: 1, max: 4 }), (before, after, max) => {
        const charts = domainCharts({ before, after }, undefined, max);
        const rows = containerRows({ before, after });
        for (const c of charts) {
          const mine = rows.filter((r) => r.domain === c.domain);
          expect(c.rows.length + c.hidden).toBe(mine.length);
          expect(c.rows.length).toBeLessThanOrEqual(max);
          const changed = mine.filter((r) => r.changed);
          expect(c.changed).toBe(changed.length);
          const drawn = new Set(c.rows.map((r) => r.container));
          changed.slice(0, max).forEach((r) => expect(drawn.has(r.container)).toBe(true));
          // Drawn in the site's order.
          expect(c.rows.map((r) => r.container)).toEqual(
            mine.filter((r) => drawn.has(r.container)).map((r) => r.container),
          );
        }
        const ordered = orderCharts(charts);
        const firstUnchanged = ordered.findIndex((c) => c.changed === 0);
        if (firstUnchanged >= 0)
          expect(ordered.slice(firstUnchanged).every((c) => c.changed === 0)).toBe(true);
      }),
    );
  });

  it('percent: rounded to 0.1, over 100 when overfull, 0 without a limit', () => {
    expect(percent(3, 32)).toBe(9.4);
    expect(percent(40, 32)).toBe(125);
    expect(percent(5, 0)).toBe(0);
  });

  it('on the example site: evacuating mgmt-x1 empties it and changes only domain mgmt', () => {
    const plan = planSync(SITE, { kind: 'evacuate', container: 'mgmt-x1' }, { seed: 1 });
    const charts = orderCharts(domainCharts(plan, SITE.containers));
    expect(charts.map((c) => c.domain)).toEqual(['mgmt', 'ext', 'grid', 'edu']);
    expect(charts.map((c) => c.changed)).toEqual([3, 0, 0, 0]);
    const x1 = charts[0]?.rows.find((r) => r.container === 'mgmt-x1');
    expect(x1).toMatchObject({ cpuAfter: 0, memAfter: 0, isNew: false, isGone: false, changed: true });
    expect(x1?.cpuBefore).toBeGreaterThan(0);
  });

  it('on the example site: a what-if with extra containers marks exactly those as new', () => {
    const req: PlanRequest = {
      kind: 'whatif',
      ops: [{ kind: 'add-clusters', count: 2, like: 'lab1' }],
      containerType: 'edu-c01',
    };
    const plan = planSync(SITE, req, { seed: 1 });
    const extra = plan.whatIf?.extraContainers?.count ?? 0;
    expect(extra).toBeGreaterThan(0);
    const rows = containerRows(plan, SITE.containers);
    expect(rows.filter((r) => r.isNew)).toHaveLength(extra);
    expect(rows.filter((r) => r.isNew).every((r) => r.cpuBefore === 0 && r.cpuAfter > 0)).toBe(true);
  });
});

describe('step rows', () => {
  it('numbers the steps and marks places, moves, temporary hops and onward moves', () => {
    const steps: Plan['steps'] = [
      { vm: 'a', from: null, to: 'x', temporary: false, memoryMiB: 1 },
      { vm: 'b', from: 'x', to: 'y', temporary: true, memoryMiB: 2 },
      { vm: 'c', from: 'y', to: 'x', temporary: false, memoryMiB: 3 },
      { vm: 'b', from: 'y', to: 'z', temporary: false, memoryMiB: 2 },
      { vm: 'b', from: 'z', to: 'x', temporary: false, memoryMiB: 2 },
    ];
    expect(stepRows({ steps }).map((r) => [r.step, r.vm, r.kind])).toEqual([
      [1, 'a', 'place'],
      [2, 'b', 'aside'],
      [3, 'c', 'move'],
      [4, 'b', 'onward'],
      [5, 'b', 'move'],
    ]);
  });

  it("blocked moves get the policy's reasons in the state the plan leaves", () => {
    const plan = planSync(SITE, { kind: 'evacuate', container: 'mgmt-x1' }, { seed: 1 });
    const blocked = [{ vm: 'sgw-mono', from: 'grid-k1', to: 'mgmt-x1' }];
    const rows = blockedRows(SITE, { kind: 'evacuate', container: 'mgmt-x1' }, { ...plan, blocked });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.reasons.join(' ')).toMatch(/domain/);
    expect(blockedRows(SITE, { kind: 'place' }, { ...plan, blocked: [] })).toEqual([]);
  });
});

describe('what is sent to apply a plan', () => {
  it('steps without their memory; the what-if scenario with the extra containers the plan needed', () => {
    const req: PlanRequest = {
      kind: 'whatif',
      ops: [{ kind: 'add-clusters', count: 1, like: 'lab1' }],
      containerType: 'edu-c01',
    };
    const plan = planSync(SITE, req, { seed: 1 });
    const payload = previewPayload(req, plan);
    const extra = plan.whatIf?.extraContainers;
    expect(payload).toEqual({
      kind: 'whatif',
      scenario: req.ops,
      ...(extra?.count ? { extraContainers: { type: 'edu-c01', count: extra.count } } : {}),
      steps: plan.steps.map((s) => ({ vm: s.vm, from: s.from, to: s.to })),
    });
    // The scenario rebuilt from it is the one the steps were computed on: every target exists.
    const built = applyScenario(SITE, scenarioOf(req, plan)).site;
    for (const s of plan.steps) expect(built.containers.some((c) => c.name === s.to)).toBe(true);
    const evac = previewPayload(
      { kind: 'evacuate', container: 'mgmt-x1' },
      { steps: [{ vm: 'v', from: 'a', to: 'b', temporary: true, memoryMiB: 9 }] },
    );
    expect(evac).toEqual({ kind: 'evacuate', steps: [{ vm: 'v', from: 'a', to: 'b', temporary: true }] });
  });
});

describe('words and numbers', () => {
  it('objective, gap, elapsed', () => {
    expect(formatObjective('consolidate', 19)).toBe('19');
    expect(formatObjective('balance', 0.755)).toBe('75.5%');
    expect(formatObjective('consolidate', Number.POSITIVE_INFINITY)).toBe('—');
    expect(formatGap(0)).toBe('0%');
    expect(formatGap(0.125)).toBe('12.5%');
    expect(formatGap(Number.POSITIVE_INFINITY)).toBe('—');
    expect(formatElapsed(85)).toBe('85 ms');
    expect(formatElapsed(3250)).toBe('3.3 s');
    expect(formatElapsed(65_000)).toBe('1 min 05 s');
  });

  it('the verdict on the example site: evacuations that work and one that cannot, a what-if that needs more', () => {
    expect(verdict(planSync(SITE, { kind: 'evacuate', container: 'mgmt-x1' }, { seed: 1 }))).toEqual({
      tone: 'ok',
      text: 'Plan found: everything asked is done',
    });
    const k1 = verdict(planSync(SITE, { kind: 'evacuate', container: 'grid-k1' }, { seed: 1 }));
    expect(k1.tone).toBe('danger');
    expect(k1.text).toMatch(/^Not everything can be done: 1 VM could not be placed/);
    const w = planSync(
      SITE,
      { kind: 'whatif', ops: [{ kind: 'add-clusters', count: 5, like: 'lab1' }], containerType: 'edu-c01' },
      { seed: 1 },
    );
    expect(verdict(w)).toEqual({
      tone: 'warn',
      text: `Does not fit: needs ${w.whatIf?.extraContainers?.count ?? -1} more containers like edu-c01`,
    });
  });
});
