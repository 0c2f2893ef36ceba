// `npm start [-- --site FILE]`: build, then launch Electron on the bundled example site (or
// FILE). Electron's binary is downloaded lazily on first use; where that cannot happen (no
// network, as on CI machines) say so plainly and name the command that serves the same UI to
// a local browser instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { downloadElectronBinary, findElectronBinary, PROJECT_ROOT } from './electron-binary.mjs';

const DOWNLOAD_TIMEOUT_MS = 180_000;

// npm runs scripts from the project root, and Electron is started there too; a relative
// --site means relative to where the user typed the command (INIT_CWD).
const userCwd = process.env.INIT_CWD ?? process.cwd();
const args = process.argv.slice(2).map((a, i, all) => {
  if (all[i - 1] === '--site') return path.resolve(userCwd, a);
  if (a.startsWith('--site=')) return `--site=${path.resolve(userCwd, a.slice('--site='.length))}`;
  return a;
});

const siteArg = args.find((a, i) => args[i - 1] === '--site' || a.startsWith('--site='));
const siteFile = siteArg?.startsWith('--site=') ? siteArg.slice('--site='.length) : siteArg;
if (siteFile !== undefined && !existsSync(siteFile)) {
  console.error(`paddock: the site file ${siteFile} does not exist.`);
  process.exit(2);
}

/** The error line of an installer's output, without its stack frames. */
function firstMessage(output) {
  const lines = output.split('\n').map((l) => l.trim());
  return lines.find((l) => l && !l.startsWith('at ')) ?? 'unknown';
}

function missing(reason, detail) {
  const siteArgs = args.length ? ` -- ${args.join(' ')}` : '';
  console.error(`
Paddock cannot start the desktop app: the Electron binary is missing.
  Why: ${reason}.
${detail ? `  Download error: ${firstMessage(detail)}\n` : ''}
The same UI, driven by the same main-process handlers, runs in a local browser:

  npm run serve${siteArgs}

(it serves on 127.0.0.1 only and prints a URL with a one-time token).
${
  process.env.ELECTRON_SKIP_BINARY_DOWNLOAD
    ? 'With network access, unset ELECTRON_SKIP_BINARY_DOWNLOAD and npm start downloads Electron (once);'
    : 'With network access, npm start downloads Electron by itself (once);'
} or run
node node_modules/electron/install.js, then npm start again.
`);
  process.exit(1);
}

let bin = findElectronBinary();
if (bin.path === null) {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    missing(`${bin.reason}, and ELECTRON_SKIP_BINARY_DOWNLOAD is set, so it is not downloaded`);
  }
  console.error(`Electron binary not found (${bin.reason}); downloading it once...`);
  const got = await downloadElectronBinary(DOWNLOAD_TIMEOUT_MS);
  bin = findElectronBinary();
  if (!got.ok || bin.path === null) {
    missing(
      'the download of the Electron binary failed (no network access to its release server?)',
      got.output,
    );
  }
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const built = spawnSync(npm, ['run', 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
if (built.status !== 0) {
  console.error('paddock: the build failed (see above); not starting Electron.');
  process.exit(built.status ?? 1);
}

// Chromium refuses to run as root with its sandbox on; say so rather than fail obscurely.
const extra = [];
if (process.platform === 'linux' && process.getuid?.() === 0) {
  console.error(
    "paddock: running as root, so Chromium's OS sandbox is off (--no-sandbox). Run as a normal user for full isolation.",
  );
  extra.push('--no-sandbox');
}

const child = spawn(bin.path, ['.', ...extra, ...args], { cwd: PROJECT_ROOT, stdio: 'inherit' });
child.on('error', (e) => {
  console.error(`paddock: could not launch ${bin.path}: ${e.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
