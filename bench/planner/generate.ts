// A generated site-sized instance for the scale target: N VMs on M containers in several
// security domains (eligibility), vCPU (with overcommit) and memory, anti-affinity triples.
// Deterministic for a seed; total demand is about 70 % of capacity in every domain.
import { eligibilityFromLists, type ConflictGroup, type PackingProblem } from '../../core/planner/problem';
import { Rng } from '../../core/planner/rng';

export function generateSite(vms: number, containers: number, domains: number, seed: number): PackingProblem {
  const rng = new Rng(seed);
  const d = 2;
  const capacity = new Float64Array(containers * d);
  const binDomain = new Int32Array(containers);
  const domainCap = new Float64Array(domains * d);
  for (let b = 0; b < containers; b++) {
    const dom = b % domains;
    binDomain[b] = dom;
    const cores = [32, 48, 64][rng.int(3)] ?? 32;
    const overcommit = [2, 3, 4][rng.int(3)] ?? 2;
    const memGiB = [256, 384, 512][rng.int(3)] ?? 256;
    capacity[b * d] = cores * overcommit;
    capacity[b * d + 1] = (memGiB - 8) * 1024; // minus memory kept for the host
    domainCap[dom * d] = (domainCap[dom * d] ?? 0) + (capacity[b * d] ?? 0);
    domainCap[dom * d + 1] = (domainCap[dom * d + 1] ?? 0) + (capacity[b * d + 1] ?? 0);
  }
  const shapes = [
    [1, 2],
    [2, 4],
    [2, 8],
    [4, 8],
    [4, 16],
    [8, 32],
    [16, 64],
  ] as const;
  // Scale shapes so demand lands near 70 % of the memory capacity.
  const totalMem = domainCap.reduce((s, v, i) => (i % d === 1 ? s + v : s), 0);
  const meanShapeGiB = shapes.reduce((s, [, m]) => s + m, 0) / shapes.length;
  const factor = (0.7 * totalMem) / (vms * meanShapeGiB * 1024);
  const demand = new Float64Array(vms * d);
  const itemDomain: number[] = [];
  for (let i = 0; i < vms; i++) {
    const [cpu, mem] = shapes[rng.int(shapes.length)] ?? [1, 2];
    demand[i * d] = cpu;
    demand[i * d + 1] = Math.max(512, Math.round((mem * 1024 * factor) / 512) * 512);
    itemDomain.push(i % domains);
  }
  const binsOfDomain: number[][] = Array.from({ length: domains }, () => []);
  for (let b = 0; b < containers; b++) binsOfDomain[binDomain[b] ?? 0]?.push(b);
  const eligibility = eligibilityFromLists(itemDomain.map((dom) => binsOfDomain[dom] ?? []));
  // Anti-affinity: consecutive VMs of one domain in groups of three, fully spread.
  const groups: ConflictGroup[] = [];
  for (let g = 0; g < Math.floor(vms / 25); g++) {
    const first = g * 25;
    groups.push({
      name: `aa-${g}`,
      items: Int32Array.of(first, first + domains, first + 2 * domains),
      maxPerBin: 1,
    });
  }
  return {
    dims: d,
    dimNames: ['vcpus', 'memoryMiB'],
    itemCount: vms,
    binCount: containers,
    demand,
    capacity,
    cost: new Float64Array(containers).fill(1),
    eligibility,
    groups,
  };
}
