// The broken-site corpus: each file in test/fixtures/broken-sites starts with a comment saying
// what is wrong, then one "# expect: CODE LINE:COLUMN MESSAGE" line per diagnostic the loader
// must report. The loader must report exactly those: no more, no fewer, nothing else.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSite } from '../../../core/site';

const dir = path.join(import.meta.dirname, '../../fixtures/broken-sites');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

interface Expected {
  code: string;
  line: number;
  column: number;
  message: string;
}

function expectations(text: string): Expected[] {
  const out: Expected[] = [];
  for (const line of text.split('\n')) {
    const m = /^# expect: (\S+) (\d+):(\d+) (.+)$/.exec(line);
    if (m) out.push({ code: m[1] ?? '', line: Number(m[2]), column: Number(m[3]), message: m[4] ?? '' });
  }
  return out;
}

describe('broken-site corpus', () => {
  it('holds at least 20 broken files, each with expectations', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
    for (const f of files)
      expect(expectations(readFileSync(path.join(dir, f), 'utf8')).length, f).toBeGreaterThan(0);
  });

  it.each(files)('%s reports exactly its expected diagnostics', (f) => {
    const text = readFileSync(path.join(dir, f), 'utf8');
    const { site, diagnostics } = loadSite(text, f);
    const got = diagnostics.map((d) => ({
      code: d.code,
      line: d.line,
      column: d.column,
      message: d.message,
    }));
    const want = expectations(text);
    expect(got.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(
      want.map((d) => `${d.code} ${d.line}:${d.column}`),
    );
    want.forEach((w, i) => expect(got[i]?.message).toContain(w.message));
    for (const d of diagnostics) {
      expect(d.file).toBe(f);
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
    }
    // Only a file whose faults are all warnings may still count as valid.
    if (diagnostics.some((d) => d.severity === 'error')) {
      const shapeCodes = new Set([
        'yaml-syntax',
        'yaml-tab',
        'duplicate-key',
        'too-deep',
        'alias-limit',
        'empty-file',
      ]);
      if (diagnostics.some((d) => shapeCodes.has(d.code))) expect(site).toBeNull();
    } else expect(site).not.toBeNull();
  });
});
