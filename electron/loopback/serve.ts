// `npm run serve [-- --site FILE] [-- --port N] [-- --data-dir DIR]`: the desktop app's UI in a
// local browser. Hosts the same handlers as Electron main in plain Node, serves the built
// renderer over the loopback transport and prints the URL (with its per-run token) to open.
// Vaults, known hosts and the audit log live in DIR (default: a new temporary folder).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAppHandlers } from '../handlers/create';
import { MemorySettingsStore } from '../handlers/settings-store';
import { noDialog } from '../handlers/site-dialog';
import { toWireError } from '../handlers/wire';
import { parseHostArgs } from '../shared/args';
import { EXAMPLE_SITE, RENDERER_DIST, projectVersion } from '../shared/paths';
import { bundleBridge } from './bridge-bundle';
import { startLoopbackServer } from './server';

async function main(): Promise<number> {
  let args;
  try {
    args = parseHostArgs(process.argv.slice(2), true);
  } catch (e) {
    console.error(
      `paddock serve: ${(e as Error).message}\nUsage: npm run serve [-- --site FILE] [--port N] [--data-dir DIR]`,
    );
    return 2;
  }
  const dataDir = args.dataDir
    ? path.resolve(process.env.INIT_CWD ?? process.cwd(), args.dataDir)
    : await mkdtemp(path.join(tmpdir(), 'paddock-serve-'));
  // A temporary folder is kept after exit on purpose: it holds this run's audit log.
  console.log(
    `Data folder (vaults, known hosts, audit log${args.dataDir ? '' : '; kept after exit, --data-dir DIR reuses one'}): ${dataDir}`,
  );
  const handlers = createAppHandlers({
    transport: 'loopback',
    version: projectVersion(),
    settings: new MemorySettingsStore(),
    dialog: noDialog,
    fleet: { dataDir },
  });
  // npm runs scripts from the project root; INIT_CWD is where the user typed the command, which
  // is what a relative --site means to them.
  const site = args.site ? path.resolve(process.env.INIT_CWD ?? process.cwd(), args.site) : EXAMPLE_SITE;
  try {
    const snap = await handlers.openSite(site, 'command-line');
    const errors = snap.diagnostics.filter((d) => d.severity === 'error').length;
    console.log(`Site ${snap.path}: ${snap.site ? 'loaded' : 'not loaded'}, ${errors} error(s)`);
  } catch (e) {
    console.error(`paddock serve: ${toWireError(e).message}`);
    return 1;
  }
  const server = await startLoopbackServer({
    host: handlers,
    rendererDir: RENDERER_DIST,
    bridgeScript: await bundleBridge(),
    ...(args.port !== undefined ? { port: args.port } : {}),
  });
  console.log(
    `Paddock is served on the loopback interface only. Open this URL in a browser:\n\n  ${server.url}\n`,
  );
  console.log('The URL carries a secret token for this run. Press Ctrl+C to stop.');
  const stop = () => {
    void server
      .close()
      .then(() => handlers.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}

main().then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (e: unknown) => {
    console.error('paddock serve:', e);
    process.exit(1);
  },
);
