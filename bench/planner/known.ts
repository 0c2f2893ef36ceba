// Best known results from the known.tsv beside each benchmark family (see
// ../shared/planning/README.md). A missing file or instance simply means "unknown".
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface KnownResult {
  /** Proven optimum (bins, or cloud-balancing score), when known. */
  optimum: number | null;
  /** Proven bound: fewest bins possible, or (cloud balancing) the best score possible. */
  bound: number | null;
  /** The best objective known: the optimum when proven, else the best found by anyone. */
  bestKnown: number | null;
  /** Cloud balancing: OptaPlanner's best in its 2013 benchmark report. */
  optaPlanner2013: number | null;
}

const num = (s: string | undefined): number | null => {
  if (s === undefined || s.trim() === '') return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
};

export function readKnown(dir: string): Map<string, KnownResult> {
  const file = path.join(dir, 'known.tsv');
  const out = new Map<string, KnownResult>();
  if (!existsSync(file)) return out;
  const lines = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim());
  const header = (lines.shift() ?? '').split('\t');
  for (const line of lines) {
    const f = line.split('\t');
    const get = (c: string): number | null => (header.indexOf(c) >= 0 ? num(f[header.indexOf(c)]) : null);
    let optimum = get('optimum');
    if (optimum !== null && optimum < 0) optimum = null; // -1 = unknown (vbp)
    const bound = get('lower_bound');
    const best = get('best_known');
    // Cloud balancing lists no optimum column: a bound equal to the best known is a proof.
    if (optimum === null && best !== null && bound !== null && best === bound) optimum = best;
    out.set(f[0] ?? '', {
      optimum,
      bound,
      bestKnown: optimum ?? best,
      optaPlanner2013: get('optaplanner_2013_best'),
    });
  }
  return out;
}
