// The HiGHS MILP baseline (npm `highs`, HiGHS compiled to WebAssembly): the compact
// assignment model, solved with the same time budget as the planner.
//   min sum_j c_j y_j
//   sum_j x_ij = 1                      every item on one bin
//   sum_i d_ik x_ij - C_jk y_j <= 0      capacity of every used bin, every dimension
//   x_ij - y_j <= 0                      (only when the model stays small: tighter LP)
//   y_j - y_j+1 >= 0                     (identical bins: symmetry breaking)
// With identical bins (bin packing) the model offers as many bins as first-fit decreasing
// used, the usual upper bound; otherwise every bin of the instance.
import highsLoader from 'highs';
import { identicalBins } from '../../core/planner/consolidate';
import type { PackingProblem } from '../../core/planner/problem';

export interface MilpOutcome {
  /** Bin per item from the best integer solution HiGHS reported, or null if it has none. */
  assign: Int32Array | null;
  status: string;
  /** HiGHS' proven lower bound on the cost (mip_dual_bound), when available. */
  dualBound: number | null;
  seconds: number;
}

type Highs = Awaited<ReturnType<typeof highsLoader>>;
let runtime: Promise<Highs> | null = null;
const loadRuntime = (): Promise<Highs> => (runtime ??= highsLoader());

const LINKING_LIMIT = 60_000;

export async function solveMilp(
  p: PackingProblem,
  timeLimitSeconds: number,
  binLimit: number,
): Promise<MilpOutcome> {
  const highs = await loadRuntime();
  const t0 = performance.now();
  const d = p.dims;
  const sym = identicalBins(p);
  const m = sym ? Math.max(1, Math.min(p.binCount, binLimit)) : p.binCount;
  const n = p.itemCount;
  const e = p.eligibility;
  const allowed = (i: number, j: number): boolean =>
    !e || (e.classBins[e.classOf[i] ?? 0]?.includes(j) ?? false);
  // Columns: x for allowed (item, bin) pairs, then y per bin.
  const xItem: number[] = [];
  const xBin: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      if (!allowed(i, j)) continue;
      xItem.push(i);
      xBin.push(j);
    }
  }
  const nx = xItem.length;
  const numCols = nx + m;
  const rows: { cols: number[]; vals: number[]; lo: number; hi: number }[] = [];
  const byItem: number[][] = Array.from({ length: n }, () => []);
  const byBin: number[][] = Array.from({ length: m }, () => []);
  for (let c = 0; c < nx; c++) {
    byItem[xItem[c] ?? 0]?.push(c);
    byBin[xBin[c] ?? 0]?.push(c);
  }
  for (let i = 0; i < n; i++)
    rows.push({ cols: byItem[i] ?? [], vals: (byItem[i] ?? []).map(() => 1), lo: 1, hi: 1 });
  for (let j = 0; j < m; j++) {
    for (let k = 0; k < d; k++) {
      const cols: number[] = [];
      const vals: number[] = [];
      for (const c of byBin[j] ?? []) {
        const v = p.demand[(xItem[c] ?? 0) * d + k] ?? 0;
        if (v === 0) continue;
        cols.push(c);
        vals.push(v);
      }
      cols.push(nx + j);
      vals.push(-(p.capacity[j * d + k] ?? 0));
      rows.push({ cols, vals, lo: -highs.infinity, hi: 0 });
    }
  }
  if (nx <= LINKING_LIMIT) {
    for (let c = 0; c < nx; c++)
      rows.push({ cols: [c, nx + (xBin[c] ?? 0)], vals: [1, -1], lo: -highs.infinity, hi: 0 });
  }
  if (sym)
    for (let j = 0; j + 1 < m; j++)
      rows.push({ cols: [nx + j, nx + j + 1], vals: [1, -1], lo: 0, hi: highs.infinity });

  const starts = new Int32Array(rows.length + 1);
  rows.forEach((r, at) => (starts[at + 1] = (starts[at] ?? 0) + r.cols.length));
  const nnz = starts[rows.length] ?? 0;
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  rows.forEach((r, at) => {
    indices.set(r.cols, starts[at] ?? 0);
    values.set(r.vals, starts[at] ?? 0);
  });
  const colCost = new Float64Array(numCols);
  for (let j = 0; j < m; j++) colCost[nx + j] = p.cost[j] ?? 0;
  const model = highs.createModel({
    numCols,
    numRows: rows.length,
    colCost,
    colLower: new Float64Array(numCols),
    colUpper: new Float64Array(numCols).fill(1),
    rowLower: Float64Array.from(rows, (r) => r.lo),
    rowUpper: Float64Array.from(rows, (r) => r.hi),
    matrix: { format: 'csr', numRows: rows.length, numCols, starts, indices, values },
    integrality: new Int32Array(numCols).fill(highs.constants.variableType.integer),
  });
  try {
    const remaining = Math.max(0.1, timeLimitSeconds - (performance.now() - t0) / 1000);
    model.options.set({ output_flag: false, time_limit: remaining, mip_rel_gap: 0 });
    model.run();
    const status =
      Object.entries(highs.constants.modelStatus).find(([, v]) => v === model.getModelStatus())?.[0] ??
      'unknown';
    const primal = Number(model.info.get('primal_solution_status'));
    let dualBound: number | null = null;
    try {
      const v = Number(model.info.get('mip_dual_bound'));
      dualBound = Number.isFinite(v) ? v : null;
    } catch {
      dualBound = null;
    }
    let assign: Int32Array | null = null;
    if (primal === highs.constants.solutionStatus.feasible) {
      const x = model.getSolution().colValue;
      assign = new Int32Array(n).fill(-1);
      for (let c = 0; c < nx; c++) if ((x[c] ?? 0) > 0.5) assign[xItem[c] ?? 0] = xBin[c] ?? 0;
    }
    return { assign, status, dualBound, seconds: (performance.now() - t0) / 1000 };
  } finally {
    model.dispose();
  }
}
