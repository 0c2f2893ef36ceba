// The closing summary of a full benchmark run: per family, how each solver did against the
// best known results, and whether the issue's targets are met. Printed on stderr so stdout
// stays one JSON object per line.
import type { BenchLine, SolverResult } from './compare';
import type { KnownResult } from './known';

export interface SummaryRow {
  line: BenchLine;
  known: KnownResult | null;
}

/** Relative gap of an objective to a reference: bins over the optimum/bound, or cost over best known. */
export function gapTo(family: string, objective: number, reference: number): number {
  if (family === 'cloudbalancing') return (reference - objective) / Math.abs(reference);
  return (objective - reference) / reference;
}

/** What gaps are measured against: optimum, else lower bound (packing) or best known (cloud). */
export function referenceOf(family: string, k: KnownResult | null): number | null {
  if (!k) return null;
  if (family === 'cloudbalancing') return k.bestKnown;
  return k.optimum ?? k.bound ?? k.bestKnown;
}

const pct = (v: number | null): string => (v === null ? '-' : `${(v * 100).toFixed(2)}%`);

function meanGap(rows: SummaryRow[], pick: (l: BenchLine) => SolverResult): number | null {
  const gaps: number[] = [];
  for (const r of rows) {
    const ref = referenceOf(r.line.family, r.known);
    const s = pick(r.line);
    if (ref === null || s.objective === null) continue;
    gaps.push(gapTo(r.line.family, s.objective, ref));
  }
  return gaps.length ? gaps.reduce((a, b) => a + b, 0) / gaps.length : null;
}

function pad(cells: string[], widths: number[]): string {
  return cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
}

export function summaryTable(rows: SummaryRow[]): string {
  const families = [...new Set(rows.map((r) => r.line.family))];
  const header = [
    'family',
    'n',
    'paddock feasible',
    'paddock = best',
    'paddock gap',
    'ffd gap',
    'highs feasible',
    'highs gap',
  ];
  const table: string[][] = [header];
  const targets: string[] = [];
  for (const fam of families) {
    const rs = rows.filter((r) => r.line.family === fam);
    const feasible = rs.filter((r) => r.line.paddock.feasible).length;
    const atBest = rs.filter((r) => {
      const b = r.known?.bestKnown ?? null;
      const o = r.line.paddock.objective;
      return b !== null && o !== null && (fam === 'cloudbalancing' ? o >= b : o <= b);
    }).length;
    table.push([
      fam,
      String(rs.length),
      `${feasible}/${rs.length}`,
      `${atBest}/${rs.filter((r) => r.known?.bestKnown != null).length}`,
      pct(meanGap(rs, (l) => l.paddock)),
      pct(meanGap(rs, (l) => l.ffd)),
      `${rs.filter((r) => r.line.highs.feasible).length}/${rs.length}`,
      pct(meanGap(rs, (l) => l.highs)),
    ]);
    targets.push(...familyTargets(fam, rs));
  }
  const widths = header.map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length)));
  const gapNote =
    'gap: packing = (bins - optimum or lower bound) / that; cloud balancing = (cost - best known cost) / best known cost (negative = better than best known)';
  return [
    ...table.map((r) => pad(r, widths)),
    '',
    gapNote,
    '',
    'targets:',
    ...targets.map((t) => `  ${t}`),
  ].join('\n');
}

function familyTargets(fam: string, rs: SummaryRow[]): string[] {
  const out: string[] = [];
  const mark = (ok: boolean): string => (ok ? 'MET    ' : 'NOT MET');
  if (fam === 'cloudbalancing') {
    const allFeasible = rs.every((r) => r.line.paddock.feasible);
    out.push(
      `${mark(allFeasible)} cloud balancing: feasible on every instance (${rs.filter((r) => r.line.paddock.feasible).length}/${rs.length})`,
    );
    const small = rs.filter((r) => /^[234]computers/.test(r.line.instance));
    const smallOpt = small.filter(
      (r) => r.known?.optimum != null && r.line.paddock.objective === r.known.optimum,
    );
    if (small.length)
      out.push(
        `${mark(smallOpt.length === small.length)} cloud balancing: optimum on the 2/3/4-computer instances (${smallOpt.length}/${small.length})`,
      );
    const withOpta = rs.filter((r) => r.known?.optaPlanner2013 != null);
    const beat = withOpta.filter(
      (r) => (r.line.paddock.objective ?? Number.NEGATIVE_INFINITY) > (r.known?.optaPlanner2013 ?? 0),
    );
    if (withOpta.length) {
      out.push(
        `${mark(beat.length === withOpta.length)} cloud balancing: better than OptaPlanner's 2013 best (${beat.length}/${withOpta.length}: ${withOpta
          .map((r) => `${r.line.instance} ${r.line.paddock.objective} vs ${r.known?.optaPlanner2013}`)
          .join(', ')})`,
      );
    }
  } else if (fam === 'vbp') {
    const g = meanGap(rs, (l) => l.paddock);
    out.push(`${mark(g !== null && g <= 0.02)} vbp: mean gap to optimum (or lower bound) <= 2% (${pct(g)})`);
    const withOpt = rs.filter((r) => r.known?.optimum != null);
    const g2 = meanGap(withOpt, (l) => l.paddock);
    out.push(`        vbp: mean gap where the optimum is known (${withOpt.length} instances): ${pct(g2)}`);
  } else if (fam === 'binpack1d') {
    const opt = rs.filter(
      (r) => r.known?.optimum != null && r.line.paddock.objective === r.known.optimum,
    ).length;
    const share = rs.length ? opt / rs.length : 0;
    out.push(`${mark(share >= 0.95)} binpack1d: optimum on >= 95% (${opt}/${rs.length} = ${pct(share)})`);
  } else if (fam === 'generated') {
    for (const r of rs) {
      const ok = r.line.paddock.feasible && r.line.paddock.seconds <= 5;
      out.push(
        `${mark(ok)} ${r.line.instance}: feasible in <= 5 s (feasible ${r.line.paddock.feasible}, ${r.line.paddock.seconds} s)`,
      );
    }
  }
  return out;
}
