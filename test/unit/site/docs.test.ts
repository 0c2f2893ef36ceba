// docs/site-file.md lists the diagnostic codes; keep it honest in both directions.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.join(import.meta.dirname, '../../..');
const doc = readFileSync(path.join(root, 'docs/site-file.md'), 'utf8');
const documented = new Set([...doc.matchAll(/^\| `([a-z-]+)`\s+\|/gm)].map((m) => m[1]));
const source = ['core/site', 'core/policy']
  .flatMap((d) => readdirSync(path.join(root, d)).map((f) => readFileSync(path.join(root, d, f), 'utf8')))
  .join('\n');

describe('docs/site-file.md', () => {
  it('documents every code the broken-site corpus expects', () => {
    const dir = path.join(root, 'test/fixtures/broken-sites');
    for (const f of readdirSync(dir)) {
      for (const m of readFileSync(path.join(dir, f), 'utf8').matchAll(/^# expect: (\S+)/gm)) {
        expect(documented.has(m[1] ?? ''), `${m[1]} (${f})`).toBe(true);
      }
    }
  });

  it('documents only codes the loader can produce', () => {
    expect(documented.size).toBeGreaterThan(50);
    for (const code of documented) expect(source.includes(`'${code}'`), code).toBe(true);
  });
});
