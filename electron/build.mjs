// Bundles Electron main (dist/electron/main.cjs) and the preload (dist/electron/preload.cjs)
// with esbuild. `npm run build` runs the renderer's vite build first, then this.
// The preload must be ONE file: a sandboxed preload cannot require anything but `electron`.
// The loopback transport is for tests and development only: the build fails if it (or the
// dev-only tooling it uses) ever ends up in the main bundle.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'dist/electron');
const FORBIDDEN_IN_APP = [/^electron\/loopback\//, /^renderer\/bridge\//, /node_modules\/esbuild\//];

/** @param {import('esbuild').BuildOptions} options */
async function bundle(name, options) {
  const result = await build({
    bundle: true,
    format: 'cjs',
    external: ['electron'],
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
    absWorkingDir: root,
    ...options,
  });
  const leaked = Object.keys(result.metafile.inputs).filter((f) => FORBIDDEN_IN_APP.some((re) => re.test(f)));
  if (leaked.length > 0) {
    throw new Error(`${name} bundle must not contain dev-only code, but includes:\n  ${leaked.join('\n  ')}`);
  }
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  console.log(`built ${path.relative(root, options.outfile)} (${Math.round(bytes / 1024)} KiB with map)`);
}

/** ssh2's optional native add-ons (built for Node's ABI, not Electron's) stay out of the bundle:
 * ssh2 and cpu-features catch their absence and use their pure JavaScript code instead. */
const optionalNativeAddons = {
  name: 'optional-native-addons',
  setup(b) {
    b.onResolve({ filter: /\.node$/ }, (args) => ({ path: args.path, external: true }));
  },
};

await mkdir(out, { recursive: true });
try {
  await bundle('main', {
    entryPoints: ['electron/main/main.ts'],
    outfile: path.join(out, 'main.cjs'),
    platform: 'node',
    // Electron 45 runs Node 22.
    target: 'node22',
    plugins: [optionalNativeAddons],
  });
  await bundle('preload', {
    entryPoints: ['electron/preload/preload.ts'],
    outfile: path.join(out, 'preload.cjs'),
    // Sandboxed preloads have browser globals and `require('electron')`, not Node.
    platform: 'browser',
    target: 'chrome130',
  });
} catch (e) {
  console.error(`electron build failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
