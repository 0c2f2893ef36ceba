// The scale line: a generated site of 50,000 VMs on 5,000 containers (test/fixtures/generate-
// site.ts: several security domains, pools, networks, teaching clusters, anti-affinity), every
// VM unplaced, placed by the planner through the placement policy. "seconds" is the whole
// call: building the problem from the site, searching, and replaying all 50,000 steps through
// mayRun. FFD runs on the same problem; the MILP is not built (250 million variables).
import { planSync } from '../../core/planner';
import { checkAssignment } from '../../core/planner/check-assignment';
import { buildSiteProblem } from '../../core/planner/site-problem';
import { generateSite } from '../../test/fixtures/generate-site';
import type { Comparison } from './compare';
import { firstFitDecreasing } from './ffd';

const SCALE_VMS = 50_000;
const SCALE_CONTAINERS = 5_000;

const round = (s: number): number => Math.round(s * 1000) / 1000;

export function scaleComparison(searchSeconds: number, seed: number): Comparison {
  const site = generateSite({ vms: SCALE_VMS, containers: SCALE_CONTAINERS, seed });
  for (const vm of site.vms) vm.container = null;
  let t = performance.now();
  let firstFeasibleMs: number | null = null;
  const plan = planSync(
    site,
    { kind: 'place' },
    {
      timeLimitMs: searchSeconds * 1000,
      seed,
      onProgress: (p) => {
        if (firstFeasibleMs === null && p.best !== null && p.phase !== 'construct')
          firstFeasibleMs = p.elapsedMs;
      },
    },
  );
  const paddockSeconds = (performance.now() - t) / 1000;

  const sp = buildSiteProblem(site, { movable: () => true });
  t = performance.now();
  const ffd = checkAssignment(sp.problem, firstFitDecreasing(sp.problem));
  const ffdSeconds = (performance.now() - t) / 1000;
  return {
    line: {
      instance: `generated-site-${SCALE_VMS}vms-${SCALE_CONTAINERS}containers`,
      family: 'generated',
      paddock: {
        objective: plan.feasible ? plan.value : null,
        feasible: plan.feasible,
        seconds: round(paddockSeconds),
      },
      ffd: { objective: ffd.feasible ? ffd.cost : null, feasible: ffd.feasible, seconds: round(ffdSeconds) },
      highs: { objective: null, feasible: false, seconds: 0 },
      bestKnown: null,
    },
    paddockBound: plan.bound,
    paddockStop: plan.stop,
    highsNote: `not run: ${SCALE_VMS * SCALE_CONTAINERS} assignment variables; paddock's first complete placement after ${firstFeasibleMs ?? '?'} ms of search`,
  };
}
