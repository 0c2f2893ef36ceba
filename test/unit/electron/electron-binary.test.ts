// Finding Electron without its lazy download, and what `npm start` says when it is missing.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, findElectronBinary } from '../../../electron/electron-binary.mjs';

const saved = process.env.ELECTRON_OVERRIDE_DIST_PATH;
afterEach(() => {
  if (saved === undefined) delete process.env.ELECTRON_OVERRIDE_DIST_PATH;
  else process.env.ELECTRON_OVERRIDE_DIST_PATH = saved;
});

describe('findElectronBinary', () => {
  it('honours ELECTRON_OVERRIDE_DIST_PATH, and says when it names nothing', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'paddock-electron-'));
    try {
      process.env.ELECTRON_OVERRIDE_DIST_PATH = dir;
      const missing = findElectronBinary();
      expect(missing.path).toBeNull();
      if (missing.path === null)
        expect(missing.reason).toMatch(/ELECTRON_OVERRIDE_DIST_PATH names .* does not exist/);
      await writeFile(path.join(dir, 'electron'), '');
      expect(findElectronBinary().path).toBe(path.join(dir, 'electron'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('gives a reason whenever it finds no binary', () => {
    delete process.env.ELECTRON_OVERRIDE_DIST_PATH;
    const r = findElectronBinary();
    if (r.path === null) expect(r.reason.length).toBeGreaterThan(10);
    else expect(path.isAbsolute(r.path)).toBe(true);
  });
});

/** Run electron/start.mjs as `npm start -- ARGS` would, never downloading anything. */
const runStart = (...args: string[]) =>
  spawnSync(process.execPath, ['electron/start.mjs', ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', INIT_CWD: PROJECT_ROOT },
    encoding: 'utf8',
    timeout: 30_000,
  });

describe('npm start without an Electron binary', () => {
  it.skipIf(findElectronBinary().path !== null)(
    'says so plainly, names npm run serve, and exits non-zero',
    () => {
      const r = runStart('--site', 'assets/example-site.yaml');
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/the Electron binary is missing/);
      expect(r.stderr).toContain(
        `npm run serve -- --site ${path.join(PROJECT_ROOT, 'assets/example-site.yaml')}`,
      );
    },
  );

  it('refuses a --site file that does not exist before building anything', () => {
    const r = runStart('--site', 'no/such/site.yaml');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no\/such\/site\.yaml does not exist/);
  });
});
