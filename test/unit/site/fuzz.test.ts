// Fuzzing the loader with fast-check: random text, randomly damaged site files, random
// YAML structures and random values dropped into a valid site. Whatever comes in, loadSite
// answers with well-formed diagnostics and never throws.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadSite } from '../../../core/site';

const baseText = readFileSync(path.join(import.meta.dirname, 'valid-small.yaml'), 'utf8');

function checkWellFormed(text: string): void {
  const r = loadSite(text, 'fuzz.yaml');
  const lines = text.split('\n').length;
  for (const d of r.diagnostics) {
    expect(d.code).not.toBe('internal-error');
    expect(d.code).toMatch(/^[a-z][a-z-]+$/);
    expect(d.file).toBe('fuzz.yaml');
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(lines + 1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.message.length).toBeGreaterThan(5);
  }
  // A site comes back only when nothing was wrong with its shape.
  if (r.site) expect(r.site.version).toBe(1);
  // Sorted by position.
  for (let i = 1; i < r.diagnostics.length; i++) {
    const a = r.diagnostics[i - 1];
    const b = r.diagnostics[i];
    if (a && b) expect(a.line < b.line || (a.line === b.line && a.column <= b.column)).toBe(true);
  }
}

const yamlish = fc.constantFrom(
  ':',
  ' ',
  '  ',
  '\n',
  '- ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '&a ',
  '*a',
  '!!str ',
  '!x ',
  '#',
  '"',
  "'",
  '|',
  '>',
  '\t',
  '---\n',
  '...',
  '? ',
  'name',
  'vms',
  '0',
  '1.5',
  'null',
  '~',
  'true',
  '\u00e9',
  '\ud83d\ude00',
  '\r',
  '\\',
);

// Generous timeouts: the machine running the suite may be shared; the bounds are structural.
describe('loader fuzzing', { timeout: 120_000 }, () => {
  it('handles arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), checkWellFormed), { numRuns: 200 });
  });

  it('handles YAML-ish token soup', () => {
    fc.assert(
      fc.property(fc.array(yamlish, { maxLength: 120 }), (parts) => checkWellFormed(parts.join(''))),
      { numRuns: 200 },
    );
  });

  it('handles a valid site file damaged at random places', () => {
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 30 }) }),
      fc.record({
        kind: fc.constant('insert' as const),
        at: fc.nat(),
        text: fc.array(yamlish, { maxLength: 6 }).map((a) => a.join('')),
      }),
      fc.record({ kind: fc.constant('dupLine' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('swapLines' as const), at: fc.nat(), with: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 5 }), (edits) => {
        let text = baseText;
        for (const e of edits) {
          if (e.kind === 'delete') {
            const at = e.at % text.length;
            text = text.slice(0, at) + text.slice(at + e.len);
          } else if (e.kind === 'insert') {
            const at = e.at % (text.length + 1);
            text = text.slice(0, at) + e.text + text.slice(at);
          } else {
            const lines = text.split('\n');
            const i = e.at % lines.length;
            if (e.kind === 'dupLine') lines.splice(i, 0, lines[i] ?? '');
            else {
              const j = e.with % lines.length;
              [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
            }
            text = lines.join('\n');
          }
        }
        checkWellFormed(text);
      }),
      { numRuns: 200 },
    );
  });

  it('handles arbitrary YAML structures', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => checkWellFormed(stringify(value))),
      { numRuns: 200 },
    );
  });

  it('handles random values dropped anywhere into a valid site', () => {
    const base = parse(baseText) as Record<string, unknown>;
    const sections = ['site', 'domains', 'pools', 'networks', 'containers', 'images', 'vms', 'antiAffinity'];
    fc.assert(
      fc.property(
        fc.constantFrom(...sections),
        fc.array(
          fc.oneof(fc.nat(5), fc.constantFrom('name', 'domain', 'nics', 'disks', 'cpu', 'ip', 'pools')),
          {
            maxLength: 3,
          },
        ),
        fc.jsonValue({ maxDepth: 3 }),
        (section, trail, value) => {
          const doc = structuredClone(base);
          let cur = doc as Record<string | number, unknown>;
          let key: string | number = section;
          for (const seg of trail) {
            const next = cur[key];
            if (next === null || typeof next !== 'object') break;
            cur = next as Record<string | number, unknown>;
            key = seg;
          }
          cur[key] = value;
          checkWellFormed(stringify(doc));
        },
      ),
      { numRuns: 200 },
    );
  });
});
