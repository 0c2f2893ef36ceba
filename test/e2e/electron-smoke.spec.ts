// Smoke test of the real desktop app through Playwright's Electron driver. It runs wherever an
// Electron binary is present (found WITHOUT triggering Electron's lazy download) and is skipped,
// saying so, where it is not (as on CI machines, which cannot download it). Needs `npm run build`.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary, PROJECT_ROOT } from '../../electron/electron-binary.mjs';

const SCREENSHOTS = path.join(import.meta.dirname, 'output/screenshots');
const MAIN = path.join(PROJECT_ROOT, 'dist/electron/main.cjs');
const binary = findElectronBinary();

test('the desktop app opens a hardened window on the example site', async () => {
  if (binary.path === null) {
    const reason = `Electron binary not present on this machine: smoke test skipped (${binary.reason})`;
    console.log(reason);
    test.skip(true, reason);
    return;
  }
  expect(existsSync(MAIN), `${MAIN} is missing: run npm run build`).toBe(true);

  const args = [MAIN];
  // Chromium refuses to run as root with its sandbox; CI and lab machines run as root.
  if (process.platform === 'linux' && process.getuid?.() === 0) args.push('--no-sandbox');
  const app = await electron.launch({ executablePath: binary.path, args, cwd: PROJECT_ROOT });
  try {
    const page = await app.firstWindow();
    await page.waitForFunction(() => typeof window.paddock === 'object');
    expect(await page.title()).toBe('Paddock');

    // webPreferences hardening, as seen from inside the page.
    const seen = await page.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      origin: location.origin === 'null' ? location.href.split('/').slice(0, 3).join('/') : location.origin,
    }));
    expect(seen).toEqual({ require: 'undefined', process: 'undefined', origin: 'app://paddock' });

    // Only the contract's API crossed the context bridge: no raw IPC, nothing else.
    const exposed = await page.evaluate(() => ({
      keys: Object.keys(window.paddock ?? {}).sort(),
      ipc: typeof (window as unknown as { ipcRenderer?: unknown }).ipcRenderer,
    }));
    expect(exposed.ipc).toBe('undefined');
    expect(exposed.keys).toContain('app');
    expect(exposed.keys).toContain('onSiteChanged');

    const info = await page.evaluate(() => window.paddock?.app.info());
    expect(info?.transport).toBe('electron');

    // The example site is open and shown.
    await expect
      .poll(() => page.evaluate(() => window.paddock?.site.current().then((s) => s?.fileName)))
      .toBe('example-site.yaml');
    const opened = await page.evaluate(() => window.open('https://example.com'));
    expect(opened).toBeNull();

    // Navigation away from the app is refused.
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/paddock\//);

    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'electron-smoke.png') });
  } finally {
    await app.close();
  }
});
