// OptaPlanner cloud balancing (JSON): computers with cpu/memory/network capacity and a cost,
// processes with the three demands. Cost is paid for every computer hosting a process; the
// soft score is minus that cost.
import path from 'node:path';
import type { PackingProblem } from '../../core/planner/problem';
import { FormatError, type BenchInstance } from './instance';

const FIELDS_COMPUTER = ['cpuPower', 'memory', 'networkBandwidth', 'cost'] as const;
const FIELDS_PROCESS = ['requiredCpuPower', 'requiredMemory', 'requiredNetworkBandwidth'] as const;

function numberField(file: string, where: string, obj: unknown, key: string): number {
  const v = typeof obj === 'object' && obj !== null ? (obj as Record<string, unknown>)[key] : undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw new FormatError(
      file,
      null,
      `${where}.${key}: expected a non-negative number, got ${JSON.stringify(v)}`,
    );
  }
  return v;
}

export function parseCloudBalancing(file: string, text: string): BenchInstance {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new FormatError(file, null, `not valid JSON (${(e as Error).message})`);
  }
  const obj = (typeof doc === 'object' && doc !== null ? doc : {}) as Record<string, unknown>;
  const computers = obj['computerList'];
  const processes = obj['processList'];
  if (!Array.isArray(computers)) throw new FormatError(file, null, 'computerList: expected an array');
  if (!Array.isArray(processes)) throw new FormatError(file, null, 'processList: expected an array');
  const d = 3;
  const capacity = new Float64Array(computers.length * d);
  const cost = new Float64Array(computers.length);
  computers.forEach((c, b) => {
    const [cpu, mem, net, price] = FIELDS_COMPUTER.map((k) => numberField(file, `computerList[${b}]`, c, k));
    capacity.set([cpu ?? 0, mem ?? 0, net ?? 0], b * d);
    cost[b] = price ?? 0;
  });
  const demand = new Float64Array(processes.length * d);
  processes.forEach((pr, i) => {
    demand.set(
      FIELDS_PROCESS.map((k) => numberField(file, `processList[${i}]`, pr, k)),
      i * d,
    );
  });
  const problem: PackingProblem = {
    dims: d,
    dimNames: ['cpu', 'memory', 'network'],
    itemCount: processes.length,
    binCount: computers.length,
    demand,
    capacity,
    cost,
    eligibility: null,
    groups: [],
  };
  return {
    name: path.basename(file).replace(/\.json$/i, ''),
    family: 'cloudbalancing',
    problem,
    objectiveOf: (c) => -c,
  };
}
