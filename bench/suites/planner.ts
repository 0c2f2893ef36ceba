// `npm run --silent bench -- planner [--time SECONDS] [--seed N] [FILE...]`
// The capacity planner against public benchmark data (../shared/planning, see its README):
// every instance solved by the planner, by first-fit decreasing and by the HiGHS MILP with
// the same time budget, each answer checked independently. stdout: one JSON object per
// instance (a .vbp or OR-Library file with several problems gives one line per problem).
// stderr: progress and, for a full run (no FILE), the summary table and targets.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { compare, type Comparison } from '../planner/compare';
import type { BenchInstance } from '../planner/instance';
import { readKnown, type KnownResult } from '../planner/known';
import { benchmarkFiles, loadInstances } from '../planner/load';
import { scaleComparison } from '../planner/scale';
import { summaryTable, type SummaryRow } from '../planner/summary';

export const heavy = true;

const DATA_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'planning');
/** The scale line's search time: with building and replaying the plan, the call stays near 5 s. */
const SCALE_SECONDS = 3;

interface Args {
  time: number;
  seed: number;
  files: string[];
  scale: boolean;
}

function usage(message: string): never {
  console.error(`planner benchmark: ${message}`);
  console.error(
    'usage: npm run --silent bench -- planner [--time SECONDS] [--seed N] [--no-scale] [FILE...]',
  );
  process.exit(2);
}

function parseArgs(args: string[]): Args {
  const out: Args = { time: 10, seed: 1, files: [], scale: true };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--time' || a === '--seed') {
      const v = Number(args[++i]);
      if (!Number.isFinite(v) || v <= 0) usage(`${a} needs a positive number, got "${args[i] ?? ''}"`);
      if (a === '--time') out.time = v;
      else out.seed = Math.floor(v);
    } else if (a === '--no-scale') out.scale = false;
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else out.files.push(a);
  }
  return out;
}

export async function run(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const full = args.files.length === 0;
  if (full && !existsSync(DATA_DIR)) usage(`no FILE given and no benchmark data at ${DATA_DIR}`);
  const files = full ? benchmarkFiles(DATA_DIR) : args.files;
  const rows: SummaryRow[] = [];
  const knownByDir = new Map<string, Map<string, KnownResult>>();
  const report = (c: Comparison, known: KnownResult | null): void => {
    process.stdout.write(`${JSON.stringify(c.line)}\n`);
    console.error(
      `# ${c.line.instance}: paddock ${c.line.paddock.objective} (bound ${c.paddockBound}, ${c.paddockStop}, ${c.line.paddock.seconds} s)` +
        ` ffd ${c.line.ffd.objective} highs ${c.line.highs.objective} (${c.highsNote}) best known ${c.line.bestKnown}`,
    );
    rows.push({ line: c.line, known });
  };
  const emit = async (inst: BenchInstance, known: KnownResult | null, seconds: number): Promise<void> => {
    report(await compare(inst, seconds, known?.bestKnown ?? null, args.seed), known);
  };
  for (const file of files) {
    let instances: BenchInstance[];
    try {
      instances = await loadInstances(file);
    } catch (e) {
      console.error(`planner benchmark: ${(e as Error).message}`);
      process.exitCode = 1;
      continue;
    }
    const dir = path.dirname(path.resolve(file));
    let known = knownByDir.get(dir);
    if (!known) {
      known = readKnown(dir);
      knownByDir.set(dir, known);
    }
    for (const inst of instances) await emit(inst, known.get(inst.name) ?? null, args.time);
  }
  if (full && args.scale) report(scaleComparison(Math.min(args.time, SCALE_SECONDS), args.seed), null);
  if (full) console.error(`\n${summaryTable(rows)}`);
}
