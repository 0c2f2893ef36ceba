// The benchmark's verdicts: the known results read from known.tsv, the gaps and the targets the
// summary marks MET or NOT MET (README and docs/planner.md quote them).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BenchLine } from '../../../bench/planner/compare';
import { readKnown, type KnownResult } from '../../../bench/planner/known';
import { gapTo, referenceOf, summaryTable, type SummaryRow } from '../../../bench/planner/summary';

const solver = (objective: number | null, seconds = 1) => ({
  objective,
  feasible: objective !== null,
  seconds,
});

function row(
  family: string,
  instance: string,
  paddock: number | null,
  known: Partial<KnownResult> | null,
  seconds = 1,
): SummaryRow {
  const line: BenchLine = {
    instance,
    family,
    paddock: solver(paddock, seconds),
    ffd: solver(paddock),
    highs: solver(null),
    bestKnown: known?.bestKnown ?? null,
  };
  const k = known && { optimum: null, bound: null, bestKnown: null, optaPlanner2013: null, ...known };
  return { line, known: k };
}

const targets = (rows: SummaryRow[]) =>
  summaryTable(rows)
    .split('\n')
    .filter((l) => /^ {2}(MET|NOT MET)/.test(l))
    .map((l) => l.trim());

describe('known results', () => {
  it('reads optimum, bound and best known; -1 is unknown; a bound equal to the best known proves it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'paddock-bench-known-'));
    try {
      await writeFile(
        path.join(dir, 'known.tsv'),
        [
          'instance\tlower_bound\toptimum\tbest_known\toptaplanner_2013_best',
          'open\t64\t-1\t78\t',
          'solved\t20\t20\t\t',
          'cloud\t-5460\t\t-5460\t-5500',
          '',
        ].join('\n'),
      );
      const k = readKnown(dir);
      expect(k.get('open')).toEqual({ optimum: null, bound: 64, bestKnown: 78, optaPlanner2013: null });
      expect(k.get('solved')).toEqual({ optimum: 20, bound: 20, bestKnown: 20, optaPlanner2013: null });
      expect(k.get('cloud')).toEqual({
        optimum: -5460,
        bound: -5460,
        bestKnown: -5460,
        optaPlanner2013: -5500,
      });
      expect(readKnown(path.join(dir, 'none')).size).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('gaps', () => {
  it('packing: extra bins over the optimum, else the lower bound; cloud: cost over the best known', () => {
    expect(gapTo('vbp', 66, 64)).toBeCloseTo(2 / 64);
    expect(gapTo('cloudbalancing', -105_340, -103_240)).toBeCloseTo(2_100 / 103_240);
    expect(gapTo('cloudbalancing', -416_110, -441_870)).toBeLessThan(0);
    const k: KnownResult = { optimum: null, bound: 64, bestKnown: 78, optaPlanner2013: null };
    expect(referenceOf('vbp', k)).toBe(64);
    expect(referenceOf('cloudbalancing', { ...k, bestKnown: -7410 })).toBe(-7410);
    expect(referenceOf('vbp', null)).toBeNull();
  });
});

describe('targets', () => {
  it('binpack1d: the optimum on at least 95% of the instances', () => {
    const at = (n: number, of: number) =>
      Array.from({ length: of }, (_, i) =>
        row('binpack1d', `u${i}`, i < n ? 20 : 21, { optimum: 20, bestKnown: 20 }),
      );
    expect(targets(at(19, 20))).toEqual(['MET     binpack1d: optimum on >= 95% (19/20 = 95.00%)']);
    expect(targets(at(18, 20))).toEqual(['NOT MET binpack1d: optimum on >= 95% (18/20 = 90.00%)']);
  });

  it('vbp: mean gap to the optimum or lower bound at most 2%', () => {
    const met = [row('vbp', 'a', 50, { optimum: 50, bound: 50 }), row('vbp', 'b', 101, { bound: 100 })];
    expect(targets(met)).toEqual(['MET     vbp: mean gap to optimum (or lower bound) <= 2% (0.50%)']);
    const missed = [row('vbp', 'a', 50, { optimum: 50 }), row('vbp', 'b', 110, { bound: 100 })];
    expect(targets(missed)).toEqual(['NOT MET vbp: mean gap to optimum (or lower bound) <= 2% (5.00%)']);
  });

  it("cloud balancing: feasible, optimal on the small instances, better than OptaPlanner's 2013 best", () => {
    const rows = [
      row('cloudbalancing', '2computers-6processes', -5460, { optimum: -5460, bestKnown: -5460 }),
      row('cloudbalancing', '3computers-9processes', -5470, { optimum: -5460, bestKnown: -5460 }),
      row('cloudbalancing', '100computers-300processes', -105_340, {
        bestKnown: -103_240,
        optaPlanner2013: -112_400,
      }),
      row('cloudbalancing', '400computers-1200processes', null, {
        bestKnown: -441_870,
        optaPlanner2013: -441_870,
      }),
    ];
    expect(targets(rows)).toEqual([
      'NOT MET cloud balancing: feasible on every instance (3/4)',
      'NOT MET cloud balancing: optimum on the 2/3/4-computer instances (1/2)',
      "NOT MET cloud balancing: better than OptaPlanner's 2013 best (1/2: 100computers-300processes -105340 vs -112400, 400computers-1200processes null vs -441870)",
    ]);
  });

  it('generated: feasible within 5 s', () => {
    expect(targets([row('generated', 'big', 1469, null, 3.77)])).toEqual([
      'MET     big: feasible in <= 5 s (feasible true, 3.77 s)',
    ]);
    expect(targets([row('generated', 'big', 1469, null, 5.2)])).toEqual([
      'NOT MET big: feasible in <= 5 s (feasible true, 5.2 s)',
    ]);
  });
});
