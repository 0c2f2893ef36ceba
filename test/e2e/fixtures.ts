// The end-to-end harness. Import `test` and `expect` from here instead of @playwright/test:
//
//   import { test, expect } from './fixtures';
//
//   test('shows the example site', async ({ page, paddock }) => {
//     await paddock.open(page);                 // loads the app, waits for window.paddock
//     ...
//     await paddock.screenshot(page, 'topology'); // test/e2e/output/screenshots/topology.png
//     expect(paddock.pageErrors()).toEqual([]);   // uncaught errors, console errors, CSP violations
//   });
//
// Fixtures:
// - `siteFile` (option, default assets/example-site.yaml): the site main opens at start, as with
//   `--site FILE`. Override per file or describe block: `test.use({ siteFile: '/abs/file.yaml' })`.
// - `fleetOptions` (option, default none): fleet access of the handlers (data folder, key-file
//   access, timeouts; see electron/handlers/fleet/fleet.ts). Without it, vaults, known hosts and
//   the audit log go to a temporary folder removed after the test.
// - `paddock` (per test): a fresh loopback server hosting the REAL handlers (electron/handlers)
//   on 127.0.0.1 with a new token, serving dist/renderer. Fields:
//     url        the tokenised URL to open (`paddock.open(page)` does it for you)
//     origin     http://127.0.0.1:PORT, for raw requests
//     token      the per-run token (the x-paddock-token header of /rpc)
//     handlers   the AppHandlers instance itself: e.g. `await paddock.handlers.openSite(f, 'dialog')`
//                to change the site from "main" and watch the page follow the site.changed event
//     main       requests to those handlers as the transport sends them, typed
//                (test/unit/electron/wire-client.ts): `await paddock.main.ok('vault.create', {...})`
//                for set-up from main's side (throws naming the request if it fails)
//     snapshot   the SiteSnapshot main opened at start (throws in set-up if the file is unreadable)
//     open(page) navigate and wait until window.paddock exists
//     screenshot(page, name)  save a full-page PNG under test/e2e/output/screenshots/, returns its path
//     pageErrors()  page errors and console errors seen so far (CSP violations land here)
// The server (and the handlers' fleet access: connections, monitoring, vaults) is closed after
// each test. Run with `npm run test:e2e` (it builds first).
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { SiteSnapshot } from '../../core/ipc/contract';
import type { AppHandlers } from '../../electron/handlers/app-handlers';
import { createAppHandlers } from '../../electron/handlers/create';
import type { HostOptions } from '../../electron/handlers/create';
import { MemorySettingsStore } from '../../electron/handlers/settings-store';
import { noDialog } from '../../electron/handlers/site-dialog';
import { bundleBridge } from '../../electron/loopback/bridge-bundle';
import { startLoopbackServer } from '../../electron/loopback/server';
import { EXAMPLE_SITE, RENDERER_DIST, projectVersion } from '../../electron/shared/paths';
import { wireClient, type WireClient } from '../unit/electron/wire-client';

export const SCREENSHOT_DIR = path.join(import.meta.dirname, 'output/screenshots');

export interface PaddockFixture {
  url: string;
  origin: string;
  token: string;
  handlers: AppHandlers;
  main: WireClient;
  snapshot: SiteSnapshot;
  open(page: Page): Promise<void>;
  screenshot(page: Page, name: string): Promise<string>;
  pageErrors(): string[];
}

interface TestFixtures {
  siteFile: string;
  fleetOptions: HostOptions['fleet'];
  paddock: PaddockFixture;
}
interface WorkerFixtures {
  bridgeScript: string;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  siteFile: [EXAMPLE_SITE, { option: true }],
  fleetOptions: [undefined, { option: true }],

  bridgeScript: [
    // Playwright requires the first argument to be destructured, even when empty.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      await use(await bundleBridge());
    },
    { scope: 'worker' },
  ],

  paddock: async ({ siteFile, fleetOptions, bridgeScript, page }, use) => {
    if (!existsSync(path.join(RENDERER_DIST, 'index.html'))) {
      throw new Error(
        `${RENDERER_DIST}/index.html is missing: run \`npm run build\` (npm run test:e2e does).`,
      );
    }
    const handlers = createAppHandlers({
      transport: 'loopback',
      version: projectVersion(),
      settings: new MemorySettingsStore(),
      dialog: noDialog,
      ...(fleetOptions ? { fleet: fleetOptions } : {}),
    });
    const snapshot = await handlers.openSite(siteFile, 'command-line');
    const server = await startLoopbackServer({ host: handlers, rendererDir: RENDERER_DIST, bridgeScript });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
    });
    try {
      await use({
        url: server.url,
        origin: server.origin,
        token: server.token,
        handlers,
        main: wireClient((name, payload) => handlers.dispatch(name, payload)),
        snapshot,
        async open(p) {
          await p.goto(server.url);
          await p.waitForFunction(() => typeof window.paddock === 'object');
        },
        async screenshot(p, name) {
          await mkdir(SCREENSHOT_DIR, { recursive: true });
          const file = path.join(SCREENSHOT_DIR, `${name}.png`);
          await p.screenshot({ path: file, fullPage: true });
          return file;
        },
        pageErrors: () => [...errors],
      });
    } finally {
      await server.close();
      await handlers.close();
    }
  },
});

export { expect };
