#!/usr/bin/env node
// Launcher of the `paddock` command (package.json "bin"). Runs the bundled CLI built by
// `node core/cli/build.mjs` (dist/cli/paddock.mjs); in a source checkout that has not been
// built, runs core/cli/main.ts through tsx instead. Exit codes: see `paddock --help`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/cli/paddock.mjs', import.meta.url);
const source = fileURLToPath(new URL('../core/cli/main.ts', import.meta.url));

if (existsSync(built)) {
  await import(built.href);
} else if (existsSync(source)) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', source, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  if (r.error) {
    process.stderr.write(
      `paddock: cannot run ${source} through tsx (${r.error.message}); build the CLI with: node core/cli/build.mjs\n`,
    );
    process.exit(4);
  }
  process.exit(r.status ?? (r.signal === 'SIGINT' ? 130 : 4));
} else {
  process.stderr.write(
    'paddock: the CLI is not built; run: node core/cli/build.mjs (part of npm run build)\n',
  );
  process.exit(4);
}
