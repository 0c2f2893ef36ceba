// VPSolver .vbp vector bin packing: line 1 d; line 2 the d capacities; line 3 the number m
// of item types; then m lines of d sizes and a demand (copies of that item). A file may hold
// several problems one after another; each becomes one instance.
import path from 'node:path';
import type { PackingProblem } from '../../core/planner/problem';
import { FormatError, numberedLines, numbersOf, type BenchInstance } from './instance';

const MAX_ITEMS = 5_000_000;

export function parseVbp(file: string, text: string): BenchInstance[] {
  const lines = numberedLines(text);
  const out: BenchInstance[] = [];
  const base = path.basename(file).replace(/\.vbp$/i, '');
  let at = 0;
  const next = (what: string): { line: number; text: string } => {
    const l = lines[at++];
    if (!l) throw new FormatError(file, null, `unexpected end of file: expected ${what}`);
    return l;
  };
  while (at < lines.length) {
    const dl = next('the number of dimensions');
    const [d = 0, ...extra] = numbersOf(file, dl, 'dimensions');
    if (!Number.isInteger(d) || d < 1 || extra.length > 0) {
      throw new FormatError(
        file,
        dl.line,
        `expected one positive integer (the number of dimensions), got "${dl.text}"`,
      );
    }
    const cl = next('the bin capacities');
    const caps = numbersOf(file, cl, 'capacities');
    if (caps.length !== d || caps.some((c) => c < 0)) {
      throw new FormatError(file, cl.line, `expected ${d} non-negative capacities, got "${cl.text}"`);
    }
    const ml = next('the number of item types');
    const [m = -1, ...mExtra] = numbersOf(file, ml, 'item types');
    if (!Number.isInteger(m) || m < 0 || mExtra.length > 0) {
      throw new FormatError(file, ml.line, `expected the number of item types, got "${ml.text}"`);
    }
    const sizes: number[] = [];
    let count = 0;
    for (let t = 0; t < m; t++) {
      const il = next(`item type ${t + 1} of ${m}`);
      const v = numbersOf(file, il, 'item');
      if (v.length !== d + 1)
        throw new FormatError(file, il.line, `expected ${d} sizes and a demand, got "${il.text}"`);
      const copies = v[d] ?? 0;
      if (!Number.isInteger(copies) || copies < 0)
        throw new FormatError(file, il.line, `demand ${copies} is not a non-negative integer`);
      if (v.slice(0, d).some((x) => x < 0)) throw new FormatError(file, il.line, 'negative size');
      count += copies;
      if (count > MAX_ITEMS) throw new FormatError(file, il.line, `more than ${MAX_ITEMS} items`);
      for (let c = 0; c < copies; c++) sizes.push(...v.slice(0, d));
    }
    // Bins needed: at most one per item, but never more than that.
    const bins = Math.max(1, count);
    const capacity = new Float64Array(bins * d);
    for (let b = 0; b < bins; b++) capacity.set(caps, b * d);
    const problem: PackingProblem = {
      dims: d,
      dimNames: Array.from({ length: d }, (_, k) => `dim${k + 1}`),
      itemCount: count,
      binCount: bins,
      demand: Float64Array.from(sizes),
      capacity,
      cost: new Float64Array(bins).fill(1),
      eligibility: null,
      groups: [],
    };
    out.push({
      name: out.length === 0 ? base : `${base}#${out.length + 1}`,
      family: 'vbp',
      problem,
      objectiveOf: (c) => c,
    });
  }
  if (out.length === 0) throw new FormatError(file, null, 'no problem in file');
  return out;
}
