// OR-Library binpack files (Falkenauer u and t classes): the number of problems, then per
// problem its name, a line "capacity item_count best", then one weight per line. Weights may
// have decimals (t classes: 100.0 and 36.6): everything is scaled to integers so capacity
// checks stay exact.
import type { PackingProblem } from '../../core/planner/problem';
import { FormatError, numberedLines, numbersOf, type BenchInstance } from './instance';

const decimals = (s: string): number => {
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
};

export function parseOrLib(file: string, text: string): BenchInstance[] {
  const lines = numberedLines(text);
  const first = lines[0];
  if (!first) throw new FormatError(file, null, 'empty file');
  const [problems = -1] = numbersOf(file, first, 'number of problems');
  if (!Number.isInteger(problems) || problems < 1) {
    throw new FormatError(file, first.line, `expected the number of problems, got "${first.text}"`);
  }
  let at = 1;
  const out: BenchInstance[] = [];
  for (let n = 0; n < problems; n++) {
    const nameLine = lines[at++];
    if (!nameLine) throw new FormatError(file, null, `file ends before problem ${n + 1} of ${problems}`);
    const name = nameLine.text;
    const head = lines[at++];
    if (!head) throw new FormatError(file, null, `problem "${name}": missing "capacity count best" line`);
    const [cap = -1, count = -1] = numbersOf(file, head, `problem "${name}" header`);
    if (!(cap > 0) || !Number.isInteger(count) || count < 0) {
      throw new FormatError(
        file,
        head.line,
        `problem "${name}": expected "capacity item_count best", got "${head.text}"`,
      );
    }
    const raw: string[] = [];
    let scaleDigits = decimals(head.text.split(/\s+/)[0] ?? '');
    for (let i = 0; i < count; i++) {
      const l = lines[at++];
      if (!l)
        throw new FormatError(
          file,
          null,
          `problem "${name}": expected ${count} weights, file ends after ${i}`,
        );
      const [w = -1, ...rest] = numbersOf(file, l, `problem "${name}" weight ${i + 1}`);
      if (w < 0 || rest.length > 0)
        throw new FormatError(file, l.line, `problem "${name}": expected one weight, got "${l.text}"`);
      raw.push(l.text);
      scaleDigits = Math.max(scaleDigits, decimals(l.text));
    }
    const factor = 10 ** scaleDigits;
    const demand = Float64Array.from(raw, (t) => Math.round(Number(t) * factor));
    const bins = Math.max(1, count);
    const problem: PackingProblem = {
      dims: 1,
      dimNames: ['size'],
      itemCount: count,
      binCount: bins,
      demand,
      capacity: new Float64Array(bins).fill(Math.round(cap * factor)),
      cost: new Float64Array(bins).fill(1),
      eligibility: null,
      groups: [],
    };
    out.push({ name, family: 'binpack1d', problem, objectiveOf: (c) => c });
  }
  return out;
}
