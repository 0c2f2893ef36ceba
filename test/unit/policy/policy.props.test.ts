// Properties of the placement policy over random small sites (see ./arbitrary-site.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Site } from '../../../core/model/types';
import {
  PlacementContext,
  accepts,
  affinityOverloads,
  containerOverloads,
  mayRun,
  placedVmViolations,
  staticViolations,
  staticallyEligible,
} from '../../../core/policy';
import { siteArb } from './arbitrary-site';

const unplaced = (site: Site): Site => ({ ...site, vms: site.vms.map((v) => ({ ...v, container: null })) });
const rulesOf = (ctx: PlacementContext, vm: string, c: string) =>
  mayRun(ctx, vm, c)
    .violations.map((v) => v.rule)
    .sort();

describe('placement policy properties', () => {
  it('a placement built only from accepted moves never exceeds capacity or breaks a rule', () => {
    fc.assert(
      fc.property(siteArb, fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 80 }), (site, proposals) => {
        const ctx = PlacementContext.fromSite(unplaced(site));
        const containers = site.containers.map((c) => c.name);
        for (const [i, j] of proposals) {
          const vm = site.vms[i % Math.max(1, site.vms.length)];
          const c = containers[j % containers.length];
          if (!vm || !c) continue;
          if (accepts(ctx, vm.name, c)) ctx.move(vm.name, c);
        }
        for (const c of containers) {
          expect(containerOverloads(ctx, c)).toEqual([]);
          const used = ctx.used(c);
          const limits = ctx.limits(c);
          expect(used.vcpus).toBeLessThanOrEqual(limits.vcpus);
          expect(used.memoryMiB).toBeLessThanOrEqual(limits.memoryMiB);
        }
        expect(affinityOverloads(ctx)).toEqual([]);
        for (const vm of site.vms) expect(placedVmViolations(ctx, vm.name)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('accepts agrees with mayRun, and staticallyEligible with staticViolations', () => {
    fc.assert(
      fc.property(siteArb, (site) => {
        const ctx = PlacementContext.fromSite(site);
        for (const vm of site.vms) {
          for (const c of site.containers) {
            const verdict = mayRun(ctx, vm.name, c.name);
            expect(accepts(ctx, vm.name, c.name)).toBe(verdict.ok);
            expect(verdict.ok).toBe(verdict.violations.length === 0);
            expect(staticallyEligible(ctx, vm.name, c.name)).toBe(
              staticViolations(ctx, vm.name, c.name).length === 0,
            );
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('static violations are a subset of mayRun violations', () => {
    fc.assert(
      fc.property(siteArb, (site) => {
        const ctx = PlacementContext.fromSite(site);
        for (const vm of site.vms) {
          for (const c of site.containers) {
            const all = mayRun(ctx, vm.name, c.name).violations;
            for (const s of staticViolations(ctx, vm.name, c.name)) expect(all).toContainEqual(s);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('moving a VM away never creates a violation for another VM', () => {
    fc.assert(
      fc.property(siteArb, fc.nat(), (site, pick) => {
        const placed = site.vms.filter((v) => v.container !== null);
        const mover = placed[pick % Math.max(1, placed.length)];
        if (!mover) return;
        const ctx = PlacementContext.fromSite(site);
        const before = new Map(placed.map((v) => [v.name, rulesOf(ctx, v.name, v.container ?? '')]));
        ctx.move(mover.name, null);
        for (const v of placed) {
          if (v === mover) continue;
          const after = rulesOf(ctx, v.name, v.container ?? '');
          for (const rule of after) expect(before.get(v.name)).toContain(rule);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('verdicts do not depend on the order of VMs, containers or group members', () => {
    fc.assert(
      fc.property(siteArb, fc.nat(), (site, seed) => {
        const shuffle = <T>(xs: readonly T[]): T[] => {
          const out = [...xs];
          let s = seed + 1;
          for (let i = out.length - 1; i > 0; i--) {
            s = (s * 1103515245 + 12345) % 2147483648;
            const j = s % (i + 1);
            [out[i], out[j]] = [out[j] as T, out[i] as T];
          }
          return out;
        };
        const shuffled: Site = {
          ...site,
          vms: shuffle(site.vms),
          containers: shuffle(site.containers),
          antiAffinity: site.antiAffinity.map((g) => ({ ...g, vms: shuffle(g.vms) })),
        };
        const a = PlacementContext.fromSite(site);
        const b = PlacementContext.fromSite(shuffled);
        for (const vm of site.vms) {
          for (const c of site.containers)
            expect(rulesOf(b, vm.name, c.name)).toEqual(rulesOf(a, vm.name, c.name));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('moves are reversible and clones are independent', () => {
    fc.assert(
      fc.property(
        siteArb,
        fc.array(fc.tuple(fc.nat(), fc.option(fc.nat(), { nil: null })), { maxLength: 20 }),
        (site, moves) => {
          const ctx = PlacementContext.fromSite(site);
          const snapshot = () => site.containers.map((c) => [ctx.used(c.name), ctx.vmsOn(c.name).sort()]);
          const before = snapshot();
          const clone = ctx.clone();
          for (const [i, j] of moves) {
            const vm = site.vms[i % Math.max(1, site.vms.length)];
            if (!vm) continue;
            const to = j === null ? null : (site.containers[j % site.containers.length]?.name ?? null);
            clone.move(vm.name, to);
          }
          expect(snapshot()).toEqual(before);
          for (const vm of site.vms) clone.move(vm.name, vm.container);
          expect(site.containers.map((c) => [clone.used(c.name), clone.vmsOn(c.name).sort()])).toEqual(
            before,
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});
