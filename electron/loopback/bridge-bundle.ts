// Bundles renderer/bridge/loopback.ts (and the contract it uses) into the one classic script the
// loopback server injects into index.html. Built on demand with esbuild, a dev dependency:
// the loopback transport only exists in development and tests.
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const BRIDGE_ENTRY = path.join(ROOT, 'renderer/bridge/loopback.ts');

let cached: Promise<string> | undefined;

export function bundleBridge(): Promise<string> {
  cached ??= build({
    entryPoints: [BRIDGE_ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: false,
    legalComments: 'none',
    logLevel: 'silent',
  }).then((r) => {
    const out = r.outputFiles[0];
    if (!out) throw new Error(`esbuild produced no output for ${BRIDGE_ENTRY}`);
    return out.text;
  });
  return cached;
}
