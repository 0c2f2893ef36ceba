// Finding the Electron binary WITHOUT triggering a download. Electron's npm package fetches its
// binary lazily: `require('electron')` downloads it when it is missing, which hangs or fails on
// machines without network (as on CI here). `npm start` and the Electron smoke test ask this
// module instead, and only `npm start` ever asks for a download, explicitly and time-bounded.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');
const PKG_DIR = path.join(PROJECT_ROOT, 'node_modules', 'electron');

/**
 * @returns {{ path: string } | { path: null, reason: string }}
 */
export function findElectronBinary() {
  if (!existsSync(path.join(PKG_DIR, 'package.json'))) {
    return { path: null, reason: 'the electron npm package is not installed (run `npm install`)' };
  }
  let rel = null;
  try {
    rel = readFileSync(path.join(PKG_DIR, 'path.txt'), 'utf8').trim();
  } catch {
    // Absent until the binary has been downloaded once.
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const full = path.join(override, rel || 'electron');
    return existsSync(full)
      ? { path: full }
      : { path: null, reason: `ELECTRON_OVERRIDE_DIST_PATH names ${full}, which does not exist` };
  }
  if (!rel) {
    return {
      path: null,
      reason: 'node_modules/electron/path.txt is missing: the Electron binary has never been downloaded',
    };
  }
  const full = path.join(PKG_DIR, 'dist', rel);
  return existsSync(full) ? { path: full } : { path: null, reason: `${full} is missing` };
}

/**
 * Run Electron's own installer once (it downloads the binary for this platform), bounded in
 * time so a machine without network gets an answer, not a hang.
 * @param {number} timeoutMs
 * @returns {Promise<{ ok: boolean, output: string }>}
 */
export function downloadElectronBinary(timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(PKG_DIR, 'install.js')], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (/** @type {Buffer} */ c) => {
      output = (output + c.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      output += `\n(gave up after ${Math.round(timeoutMs / 1000)} s)`;
      child.kill('SIGTERM');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, output: `${output}\n${e.message}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0 && findElectronBinary().path !== null, output });
    });
  });
}
