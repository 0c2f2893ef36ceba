// Bundle the `paddock` command into one ES module file, dist/cli/paddock.mjs, which
// bin/paddock.js runs. `npm run build` calls it: node core/cli/build.mjs
// Packages stay external (they are installed dependencies); only our TypeScript is bundled.
import { build } from 'esbuild';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

await build({
  entryPoints: [path.join(root, 'core/cli/main.ts')],
  outfile: path.join(root, 'dist/cli/paddock.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
process.stdout.write(`built ${path.join('dist', 'cli', 'paddock.mjs')}\n`);
