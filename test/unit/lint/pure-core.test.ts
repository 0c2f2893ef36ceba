// The pure parts of core are named twice, by the lint layer rule (no Node built-ins, no core
// I/O) and by tsconfig.pure.json (no Node types, no DOM): the two lists must stay the same, or a
// folder is checked by one and not the other.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

describe('pure core', () => {
  it('is the same list of folders for ESLint and for tsconfig.pure.json', async () => {
    const rule = pathToFileURL(path.join(root, 'eslint-rules', 'layers.js')).href;
    const { PURE_CORE } = (await import(rule)) as { PURE_CORE: readonly string[] };
    const read = ts.readConfigFile(path.join(root, 'tsconfig.pure.json'), ts.sys.readFile);
    expect(read.error).toBeUndefined();
    const include = (read.config as { include: string[] }).include;
    expect([...include].sort()).toEqual(PURE_CORE.map((d) => `core/${d}`).sort());
    for (const d of include) expect(existsSync(path.join(root, d)), d).toBe(true);
  });
});
