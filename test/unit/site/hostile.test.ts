// Hostile site files: every one must end in clear diagnostics, never a crash, a hang or a
// runaway allocation. (No timing assertions here: the bounds are structural, and a test that
// did hang would hit vitest's timeout.)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { Diagnostic } from '../../../core/model/types';
import { MAX_DIAGNOSTICS, MAX_FILE_BYTES, loadSite } from '../../../core/site';
import { formatPath } from '../../../core/site/findings';

const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);
const baseText = readFileSync(path.join(import.meta.dirname, 'valid-small.yaml'), 'utf8');

function load(text: string) {
  const r = loadSite(text, 'hostile.yaml');
  expect(codes(r.diagnostics)).not.toContain('internal-error');
  return r;
}

describe('hostile site files', { timeout: 120_000 }, () => {
  it('refuses a full "billion laughs" alias bomb without expanding it', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const r = load(`version: 1\n${levels.join('\n')}\n`);
    expect(r.site).toBeNull();
    expect(codes(r.diagnostics)).toEqual(['alias-limit']);
    expect(r.diagnostics[0]?.message).toContain('billion laughs');
  });

  it('refuses an alias that refers to its own anchor', () => {
    const r = load('version: 1\nsite: &s { name: x, loop: *s }\n');
    expect(r.site).toBeNull();
    expect(r.diagnostics.length).toBeGreaterThan(0);
  });

  it.each([
    ['flow sequences', `version: 1\nsite: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`],
    ['flow mappings', `version: 1\nsite: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`],
    ['block sequences', `version: 1\nsite:\n${'- '.repeat(10_000)}x\n`],
    // Each level indents one more column, so 3,000 levels already take 4.5 MB of spaces.
    [
      'block mappings',
      `version: 1\n${Array.from({ length: 3_000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')}\n`,
    ],
    ['unclosed brackets', `version: 1\nsite: ${'['.repeat(200_000)}`],
  ])('refuses thousands of levels of nesting of %s', (_, text) => {
    const r = load(text);
    expect(r.site).toBeNull();
    expect(codes(r.diagnostics)).toEqual(['too-deep']);
    expect(r.diagnostics[0]?.line).toBeGreaterThanOrEqual(2);
  });

  it('refuses nesting built through aliases', () => {
    const lines = ['version: 1', 'x0: &x0 [1]'];
    for (let i = 1; i < 40; i++) lines.push(`x${i}: &x${i} [*x${i - 1}]`);
    const r = load(`${lines.join('\n')}\n`);
    expect(codes(r.diagnostics)).toEqual(['too-deep']);
  });

  it('refuses files over the size limit before parsing, counting UTF-8 bytes', () => {
    const ascii = load(`version: 1\n# ${'x'.repeat(MAX_FILE_BYTES)}\n`);
    expect(codes(ascii.diagnostics)).toEqual(['file-too-large']);
    // 3 million "€" are 3 million UTF-16 units but 9 million bytes.
    const euros = load(`version: 1\n# ${'€'.repeat(3_000_000)}\n`);
    expect(codes(euros.diagnostics)).toEqual(['file-too-large']);
  });

  it('reports a huge string without echoing it back', () => {
    const doc = parse(baseText) as { site: { description?: string } };
    doc.site.description = 'x'.repeat(6_000_000);
    const r = load(stringify(doc));
    expect(codes(r.diagnostics)).toEqual(['too-long']);
    expect(r.diagnostics[0]?.path).toBe('site.description');
    expect(r.diagnostics[0]?.message.length).toBeLessThan(300);
  });

  it(
    'handles a mapping with 100,000 keys (checks stay linear) and caps the report',
    { timeout: 60_000 },
    () => {
      const keys = Array.from({ length: 100_000 }, (_, i) => `k${i}: ${i}`).join('\n');
      const r = load(`${baseText}${keys}\n`);
      expect(r.site).toBeNull();
      expect(r.diagnostics.length).toBe(MAX_DIAGNOSTICS + 1);
      expect(r.diagnostics[MAX_DIAGNOSTICS]?.code).toBe('too-many-diagnostics');
    },
  );

  it('reports a duplicate key found among 100,000 others', { timeout: 60_000 }, () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => `  k${i}: ${i}`).join('\n');
    const r = load(`version: 1\nsite:\n  name: big\n${keys}\n  name: again\n`);
    expect(codes(r.diagnostics)).toEqual(['duplicate-key']);
    expect(r.diagnostics[0]?.line).toBe(100_004);
  });

  it('handles keys that look like object internals as ordinary (unknown) keys', () => {
    const r = load(`${baseText}__proto__: { polluted: true }\nconstructor: 1\n`);
    expect(codes(r.diagnostics)).toEqual(['unknown-key', 'unknown-key']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses sections longer than their limits', () => {
    const doc = parse(baseText) as Record<string, unknown>;
    doc.domains = Array.from({ length: 300 }, (_, i) => ({ name: `d${i}` }));
    const r = load(stringify(doc));
    expect(codes(r.diagnostics)).toContain('too-many');
    expect(r.site).toBeNull();
  });
});

// Every subtree of a small valid site replaced by every wrong kind of value: the loader must
// answer with diagnostics that point at (or around) the replaced value, never throw.
describe('wrong types at every level', { timeout: 120_000 }, () => {
  type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
  const base = parse(baseText) as Json;
  const paths: (string | number)[][] = [];
  const walk = (v: Json, p: (string | number)[]) => {
    if (p.length) paths.push(p);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
  };
  walk(base, []);
  const replacements: Json[] = [null, 7, -1.5, 'x y', [], {}, true];

  const valueAt = (v: Json, p: (string | number)[]): Json | undefined => {
    let cur: Json | undefined = v;
    for (const seg of p) cur = (cur as Record<string | number, Json> | null)?.[seg];
    return cur;
  };

  const replaced = (p: (string | number)[], value: Json): Json => {
    const copy = structuredClone(base);
    let cur = copy as Record<string | number, Json>;
    for (const seg of p.slice(0, -1)) cur = cur[seg] as Record<string | number, Json>;
    const last = p[p.length - 1];
    if (last !== undefined) cur[last] = value;
    return copy;
  };

  it(`covers every one of the ${paths.length} paths`, () => {
    expect(paths.length).toBeGreaterThan(100);
    expect(load(baseText).diagnostics).toEqual([]);
  });

  it.each(replacements.map((r) => [JSON.stringify(r), r] as const))(
    'replacing each value with %s',
    (_, value) => {
      for (const p of paths) {
        const text = stringify(replaced(p, value));
        const r = loadSite(text, 'typed.yaml');
        const lines = text.split('\n').length;
        for (const d of r.diagnostics) {
          expect(d.code).not.toBe('internal-error');
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.line).toBeLessThanOrEqual(lines + 1);
          expect(d.column).toBeGreaterThanOrEqual(1);
          expect(d.message.length).toBeGreaterThan(10);
        }
        const before = valueAt(base, p);
        const sameKind = Array.isArray(before) === Array.isArray(value) && typeof before === typeof value;
        if (!sameKind && r.diagnostics.some((d) => d.severity === 'error')) {
          // A value of the wrong kind is reported on itself, inside it or on what holds it.
          const target = formatPath(p);
          const related = r.diagnostics.some(
            (d) => d.path === '' || d.path.startsWith(target) || target.startsWith(d.path),
          );
          expect(related, `${target} := ${JSON.stringify(value)}: ${JSON.stringify(r.diagnostics)}`).toBe(
            true,
          );
        }
      }
    },
  );
});
