// Exports of a plan: CSV fields read back as written whatever they hold, Markdown cells never
// split a row, JSON carries infinite numbers as null; and the real example evacuation in each.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Site } from '../../../core/model/types';
import { planSync, type PlanRequest } from '../../../core/planner';
import { loadSite } from '../../../core/site';
import { EXAMPLE_SITE } from '../../../electron/shared/paths';
import {
  csvField,
  exportFileName,
  exportText,
  mdCell,
  planCsv,
  type ExportInput,
} from '../../../renderer/src/views/planner/plan-export';

const SITE = loadSite(readFileSync(EXAMPLE_SITE, 'utf8'), 'example-site.yaml').site as Site;

/** RFC 4180 reader: rows of fields (quoted fields may hold commas, quotes and line breaks). */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"' && text.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text.charAt(i + 1) === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

/** A Markdown table row's cells, split at pipes that are not escaped (a backslash escapes the next character). */
function mdCells(row: string): string[] {
  const inner = row.slice(2, -2);
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < inner.length; i++) {
    const ch = inner.charAt(i);
    if (ch === '\\') {
      cell += ch + inner.charAt(i + 1);
      i++;
    } else if (ch === '|') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  return [...cells, cell];
}

describe('CSV', () => {
  it('any fields read back exactly as written', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          const text = rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
          expect(readCsv(text)).toEqual(rows);
        },
      ),
    );
  });

  it('the example evacuation: a header and one line per step, in order', () => {
    const plan = planSync(SITE, { kind: 'evacuate', container: 'mgmt-x1' }, { seed: 1 });
    const rows = readCsv(planCsv(plan));
    expect(rows[0]).toEqual(['step', 'vm', 'from', 'to', 'memory_mib', 'kind', 'temporary']);
    expect(rows.slice(1)).toEqual(
      plan.steps.map((s, i) => [
        String(i + 1),
        s.vm,
        s.from ?? '',
        s.to,
        String(s.memoryMiB),
        'move',
        'false',
      ]),
    );
  });
});

describe('Markdown', () => {
  it('a cell never splits its row, whatever it holds', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 6 }), (cells) => {
        const row = `| ${cells.map(mdCell).join(' | ')} |`;
        expect(row).not.toContain('\n');
        expect(mdCells(row)).toHaveLength(cells.length);
      }),
    );
  });
});

describe('exports of a real plan', () => {
  const request: PlanRequest = { kind: 'evacuate', container: 'grid-k1' };
  const plan = planSync(SITE, request, { seed: 1 });
  const input: ExportInput = { siteFile: 'example-site.yaml', request, plan, timeLimitMs: 10_000, seed: 1 };

  it('JSON: everything, with the infinite gap as null', () => {
    expect(plan.gap).toBe(Number.POSITIVE_INFINITY);
    const back = JSON.parse(exportText('json', input)) as {
      site: string;
      plan: { gap: unknown; steps: unknown; unplaced: unknown };
    };
    expect(back.site).toBe('example-site.yaml');
    expect(back.plan.gap).toBeNull();
    expect(back.plan.steps).toEqual(plan.steps);
    expect(back.plan.unplaced).toEqual(plan.unplaced);
  });

  it('Markdown: the answer, the bound and gap, the steps, and why a VM could not be placed', () => {
    const md = exportText('markdown', input);
    expect(md).toContain('# Paddock plan: Evacuate container grid-k1');
    expect(md).toContain('**Not everything can be done: 1 VM could not be placed**');
    expect(md).toMatch(/\| Lower bound \(.+\) \| \d+ \|/);
    expect(md).toContain('| Gap | — (no finite bound (not everything fits)) |');
    for (const s of plan.steps) expect(md).toContain(`| ${s.vm} | ${s.from ?? '(unplaced)'} | ${s.to} |`);
    for (const u of plan.unplaced) expect(md).toContain(`- ${u.summary}`);
  });

  it('file names say the site and the question', () => {
    expect(exportFileName('example-site.yaml', request, 'csv')).toBe(
      'example-site.evacuate-grid-k1.plan.csv',
    );
    expect(exportFileName('lab.yml', { kind: 'place' }, 'markdown')).toBe('lab.place.plan.md');
  });
});
