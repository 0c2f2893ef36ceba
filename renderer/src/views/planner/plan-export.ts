// A plan as a file to keep or share: JSON (everything, infinite numbers as null, as the CLI's
// --json writes them), CSV (the ordered steps, RFC 4180 quoting) or Markdown (the answer, the
// bound and gap, the steps as a table, what could not be placed and why).
import type { Plan, PlanRequest } from '../../../../core/planner';
import { formatMiB } from '../../view-model/format';
import { STEP_LABEL, stepRows } from './plan-rows';
import {
  describeRequest,
  formatGap,
  gapNote,
  formatObjective,
  OBJECTIVE_LABEL,
  STOP_TEXT,
  verdict,
} from './plan-text';

export type ExportFormat = 'json' | 'csv' | 'markdown';

export interface ExportInput {
  /** The site file the plan was made on. */
  siteFile: string;
  request: PlanRequest;
  plan: Plan;
  timeLimitMs: number;
  seed: number;
}

export const EXPORT_TYPES: Readonly<Record<ExportFormat, { ext: string; mime: string; label: string }>> = {
  json: { ext: 'json', mime: 'application/json', label: 'JSON' },
  csv: { ext: 'csv', mime: 'text/csv', label: 'CSV' },
  markdown: { ext: 'md', mime: 'text/markdown', label: 'Markdown' },
};

/** "example-site.evacuate-mgmt-x1.plan.csv" */
export function exportFileName(siteFile: string, request: PlanRequest, format: ExportFormat): string {
  const stem = siteFile.replace(/\.(ya?ml)$/i, '') || 'site';
  const what = request.kind === 'evacuate' ? `evacuate-${request.container}` : request.kind;
  return `${stem}.${what}.plan.${EXPORT_TYPES[format].ext}`;
}

const finite = (_key: string, v: unknown): unknown =>
  typeof v === 'number' && !Number.isFinite(v) ? null : v;

function planJson(x: ExportInput): string {
  return `${JSON.stringify(
    { site: x.siteFile, request: x.request, timeLimitMs: x.timeLimitMs, seed: x.seed, plan: x.plan },
    finite,
    2,
  )}\n`;
}

/** One CSV field: quoted when it holds a comma, a quote or a line break (quotes doubled). */
export function csvField(v: string | number | boolean | null): string {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const CSV_HEADER = ['step', 'vm', 'from', 'to', 'memory_mib', 'kind', 'temporary'] as const;

export function planCsv(plan: Pick<Plan, 'steps'>): string {
  const rows = stepRows(plan).map((r) => [
    r.step,
    r.vm,
    r.from,
    r.to,
    r.memoryMiB,
    r.kind,
    r.kind === 'aside',
  ]);
  return [[...CSV_HEADER], ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** A Markdown table cell: pipes escaped, line breaks as spaces. */
export function mdCell(v: string | number | null): string {
  return String(v ?? '—')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
}

const mdRow = (cells: readonly (string | number | null)[]): string => `| ${cells.map(mdCell).join(' | ')} |`;

function planMarkdown(x: ExportInput): string {
  const p = x.plan;
  const v = verdict(p);
  const out = [
    `# Paddock plan: ${describeRequest(x.request)}`,
    '',
    `Site file: ${x.siteFile} · time budget ${x.timeLimitMs / 1000} s · seed ${x.seed}`,
    '',
    `**${v.text}**`,
    '',
    mdRow(['', 'value']),
    mdRow(['---', '---']),
    mdRow([OBJECTIVE_LABEL[p.objective], formatObjective(p.objective, p.value)]),
    mdRow([`Lower bound (${p.boundMethod})`, formatObjective(p.objective, p.bound)]),
    mdRow(['Gap', `${formatGap(p.gap)} (${gapNote(p.gap)})`]),
    mdRow(['Containers in use', `${p.containersInUse.before} → ${p.containersInUse.after}`]),
    mdRow(['Memory moved', formatMiB(p.memoryMovedMiB)]),
    mdRow(['Search', STOP_TEXT[p.stop]]),
    mdRow([
      'Replay check',
      p.check.ok ? 'passed' : `failed: ${p.check.problems.map((q) => q.message).join('; ')}`,
    ]),
    '',
    '## Ordered steps',
    '',
  ];
  const rows = stepRows(p);
  if (rows.length === 0) out.push('No step.');
  else {
    out.push(
      mdRow(['#', 'VM', 'from', 'to', 'memory', 'step']),
      mdRow(['---:', '---', '---', '---', '---:', '---']),
    );
    for (const r of rows)
      out.push(
        mdRow([r.step, r.vm, r.from ?? '(unplaced)', r.to, formatMiB(r.memoryMiB), STEP_LABEL[r.kind]]),
      );
  }
  if (p.blocked.length) {
    out.push('', '## Blocked moves', '');
    for (const b of p.blocked) out.push(`- ${b.vm}: ${b.from ?? '(unplaced)'} → ${b.to}`);
  }
  if (p.unplaced.length) {
    out.push('', '## Could not be placed', '');
    for (const u of p.unplaced) out.push(`- ${u.summary.replace(/\r?\n/g, ' ')}`);
  }
  if (p.whatIf?.scenario.length) {
    out.push('', '## Scenario', '');
    for (const s of p.whatIf.scenario) out.push(`- ${s}`);
  }
  if (p.notes.length) {
    out.push('', '## Notes', '');
    for (const n of p.notes) out.push(`- ${n}`);
  }
  return `${out.join('\n')}\n`;
}

export function exportText(format: ExportFormat, x: ExportInput): string {
  switch (format) {
    case 'json':
      return planJson(x);
    case 'csv':
      return planCsv(x.plan);
    case 'markdown':
      return planMarkdown(x);
  }
}
