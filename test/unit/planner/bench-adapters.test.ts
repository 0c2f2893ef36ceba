// The benchmark's format adapters: each public format becomes the planner's model, several
// problems per file give several instances, and malformed files are refused with file:line.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCloudBalancing } from '../../../bench/planner/cloudbalancing';
import { firstFitDecreasing } from '../../../bench/planner/ffd';
import { loadInstances } from '../../../bench/planner/load';
import { parseOrLib } from '../../../bench/planner/orlib';
import { parseVbp } from '../../../bench/planner/vbp';
import { checkAssignment } from '../../../core/planner/check-assignment';

describe('cloud balancing JSON', () => {
  const text = JSON.stringify({
    computerList: [
      { id: 0, cpuPower: 4, memory: 8, networkBandwidth: 2, cost: 100 },
      { id: 1, cpuPower: 2, memory: 4, networkBandwidth: 2, cost: 30 },
    ],
    processList: [
      { id: 0, requiredCpuPower: 2, requiredMemory: 3, requiredNetworkBandwidth: 1, computer: null },
      { id: 1, requiredCpuPower: 1, requiredMemory: 1, requiredNetworkBandwidth: 1, computer: null },
    ],
  });

  it('becomes 3-dimensional bins with costs; the objective is minus the cost', () => {
    const inst = parseCloudBalancing('/x/tiny.json', text);
    expect(inst.name).toBe('tiny');
    expect(inst.problem.dims).toBe(3);
    expect(Array.from(inst.problem.capacity)).toEqual([4, 8, 2, 2, 4, 2]);
    expect(Array.from(inst.problem.cost)).toEqual([100, 30]);
    expect(inst.objectiveOf(130)).toBe(-130);
    const c = checkAssignment(inst.problem, firstFitDecreasing(inst.problem));
    expect(c.feasible).toBe(true);
  });

  it.each([
    ['{', /tiny.json: not valid JSON/],
    ['{"computerList": 3, "processList": []}', /computerList: expected an array/],
    [
      '{"computerList": [{"cpuPower": -1, "memory": 1, "networkBandwidth": 1, "cost": 1}], "processList": []}',
      /computerList\[0\]\.cpuPower/,
    ],
  ])('refuses %s', (bad, message) => {
    expect(() => parseCloudBalancing('tiny.json', bad)).toThrow(message);
  });
});

describe('VPSolver .vbp', () => {
  it('expands item types by their demand', () => {
    const [inst] = parseVbp('/d/a.vbp', '2\n10 20\n2\n3 4 2\n5 6 1\n');
    expect(inst?.name).toBe('a');
    expect(inst?.problem.itemCount).toBe(3);
    expect(Array.from(inst?.problem.demand ?? [])).toEqual([3, 4, 3, 4, 5, 6]);
    expect(Array.from(inst?.problem.capacity.slice(0, 2) ?? [])).toEqual([10, 20]);
  });

  it('gives one instance per problem in a file', () => {
    const two = parseVbp('b.vbp', '1\n10\n1\n5 2\n1\n8\n1\n3 1\n');
    expect(two.map((i) => i.name)).toEqual(['b', 'b#2']);
  });

  it.each([
    ['2\n10\n', /b.vbp:2: expected 2 non-negative capacities/],
    ['1\n10\n2\n5 1\n', /unexpected end of file: expected item type 2 of 2/],
    ['1\n10\n1\n5 x\n', /b.vbp:4: item: "x" is not a number/],
    ['1\n10\n1\n5 1.5\n', /b.vbp:4: demand 1.5/],
  ])('refuses %j', (bad, message) => {
    expect(() => parseVbp('b.vbp', bad)).toThrow(message);
  });
});

describe('OR-Library binpack', () => {
  it('reads several problems and scales decimal weights to integers', () => {
    const insts = parseOrLib('t.txt', '2\n p1\n 100.0 3 2\n36.6\n26.8\n50\n p2\n 10 2 1\n4\n5\n');
    expect(insts.map((i) => i.name)).toEqual(['p1', 'p2']);
    expect(Array.from(insts[0]?.problem.demand ?? [])).toEqual([366, 268, 500]);
    expect(insts[0]?.problem.capacity[0]).toBe(1000);
    expect(insts[1]?.problem.capacity[0]).toBe(10);
  });

  it.each([
    ['', /empty file/],
    ['x\n', /number of problems: "x" is not a number/],
    ['1\n p1\n 100 3 2\n1\n2\n', /problem "p1": expected 3 weights, file ends after 2/],
    ['2\n p1\n 100 1 1\n5\n', /file ends before problem 2 of 2/],
  ])('refuses %j', (bad, message) => {
    expect(() => parseOrLib('t.txt', bad)).toThrow(message);
  });
});

describe('loadInstances', () => {
  it('names a file it cannot read, with the reason', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'paddock-bench-load-'));
    try {
      const missing = path.join(dir, 'missing.vbp');
      await expect(loadInstances(missing)).rejects.toThrow(`${missing}: no such file`);
      await expect(loadInstances(dir)).rejects.toThrow(`${dir}: not a regular file`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
