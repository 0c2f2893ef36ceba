// The renderer never receives secret material. (1) Every message main sends the page during a
// full session with real keys and passwords is recorded (each /rpc response body, every
// Server-Sent Event as Chromium received it, and every event as the handlers emitted it) and
// scanned for every secret of the session. (2) After a session in a Chromium profile of our
// own, the profile folder and Paddock's data folder are scanned for the same secrets in clear:
// the vault files must hold only ciphertext.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import type { Page } from '@playwright/test';
import { leaks, leaksInBytes } from '../unit/electron/fleet/secret-needles';
import { expect, test } from './fleet-fixtures';
import { CHROMIUM_ARGS } from './playwright.config';
import { runSecretSession } from './secret-session';

test.describe.configure({ timeout: 240_000 });

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

async function openIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => typeof window.paddock === 'object');
}

test('no response or event sent to the renderer contains a secret', async ({ page, paddock, lab }) => {
  const rpc: Promise<string>[] = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname === '/rpc') rpc.push(r.text());
  });
  const sse: string[] = [];
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.eventSourceMessageReceived', (m) => sse.push(`${m.eventName}\n${m.data}`));
  const emitted: string[] = [];
  paddock.handlers.events.subscribe((e) => emitted.push(`${e.name}\n${JSON.stringify(e.payload)}`));

  await paddock.open(page);
  const needles = await runSecretSession(page, lab);
  const bodies = await Promise.all(rpc);

  // The recording saw the session: many answers, and the events that carry fleet state.
  expect(bodies.length).toBeGreaterThan(30);
  for (const name of [
    'vault.changed',
    'hostkey.prompt',
    'job.updated',
    'audit.appended',
    'monitor.changed',
  ]) {
    expect(sse.some((m) => m.startsWith(`${name}\n`))).toBe(true);
  }
  expect(needles.length).toBeGreaterThan(20);
  expect(leaks(bodies.join('\n'), needles)).toEqual([]);
  expect(leaks(sse.join('\n'), needles)).toEqual([]);
  expect(leaks(emitted.join('\n'), needles)).toEqual([]);
  // Nor is any secret left in the page itself once the forms were sent.
  expect(leaks(await page.content(), needles)).toEqual([]);
  expect(paddock.pageErrors()).toEqual([]);
});

test('after a session, neither the Chromium profile nor the data folder holds a secret in clear', async ({
  paddock,
  lab,
}) => {
  const profile = await mkdtemp(path.join(tmpdir(), 'paddock-e2e-profile-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1440, height: 900 },
    });
    let needles;
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await openIn(page, paddock.url);
      needles = await runSecretSession(page, lab);
      await paddock.screenshot(page, 'secrets-session-end');
    } finally {
      // Closing flushes the profile (storage, caches) to disk.
      await context.close();
    }
    const profileFiles = await filesUnder(profile);
    const dataFiles = await filesUnder(lab.dataDir);
    expect(profileFiles.length).toBeGreaterThan(10);
    expect(dataFiles.map((f) => path.relative(lab.dataDir, f)).sort()).toEqual(
      expect.arrayContaining(['vaults/mgmt.vault', 'vaults/teach.vault', 'audit/audit.log']),
    );
    const found: { file: string; leaks: string[] }[] = [];
    for (const f of [...profileFiles, ...dataFiles]) {
      const l = leaksInBytes(await readFile(f), needles);
      if (l.length) found.push({ file: f, leaks: l });
    }
    expect(found).toEqual([]);
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});
