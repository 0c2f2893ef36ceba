// End-to-end tests: the real renderer (dist/renderer, built by `npm run test:e2e`) in Debian's
// Chromium, against the real main-process handlers over the loopback transport (see
// fixtures.ts). The Electron smoke test is its own project: it runs only where an Electron
// binary exists and says so when skipped.
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const here = import.meta.dirname;

/** Flags known to work with Debian chromium here (shared/lab-notes.md, "Browsers"). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: here,
  outputDir: path.join(here, 'output/test-results'),
  // Two cores shared with other work: one browser at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { outputFolder: path.join(here, 'output/report'), open: 'never' }]],
  use: {
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: /electron-smoke\.spec\.ts$/,
      use: {
        browserName: 'chromium',
        headless: true,
        // A fresh profile per run: Playwright launches with a new temporary user-data-dir.
        launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
      },
    },
    { name: 'electron', testMatch: /electron-smoke\.spec\.ts$/ },
  ],
});
