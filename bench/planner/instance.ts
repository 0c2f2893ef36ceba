// One benchmark problem, converted from a public file format to the planner's model.
import type { PackingProblem } from '../../core/planner/problem';

export type Family = 'cloudbalancing' | 'vbp' | 'binpack1d' | 'generated';

export interface BenchInstance {
  /** Instance name as in the family's known.tsv (e.g. "u250_03", "class2_60_3_0"). */
  name: string;
  family: Family;
  problem: PackingProblem;
  /**
   * Turn the planner's cost (bins in use, or summed computer cost) into the family's
   * objective: the number of bins, or the cloud-balancing soft score (negative cost).
   */
  objectiveOf(cost: number): number;
}

/** A parse error naming the file, the line and what was expected. */
export class FormatError extends Error {
  constructor(file: string, line: number | null, message: string) {
    super(`${file}${line === null ? '' : `:${line}`}: ${message}`);
    this.name = 'FormatError';
  }
}

/** Lines of a text file with their 1-based numbers, blank lines dropped. */
export function numberedLines(text: string): { line: number; text: string }[] {
  return text
    .split(/\r?\n/)
    .map((t, i) => ({ line: i + 1, text: t.trim() }))
    .filter((l) => l.text.length > 0);
}

/** Parse whitespace-separated numbers of one line, or throw naming file and line. */
export function numbersOf(file: string, l: { line: number; text: string }, what: string): number[] {
  const parts = l.text.split(/\s+/);
  const out = parts.map(Number);
  const bad = out.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new FormatError(file, l.line, `${what}: "${parts[bad]}" is not a number`);
  return out;
}
