// The app shell over the loopback transport: the page gets window.paddock from the bridge,
// requests reach the real handlers (and bad ones are refused there), events flow back, and
// the page runs under the strict CSP.
import { existsSync } from 'node:fs';
import { CONTENT_SECURITY_POLICY } from '../../electron/shared/csp';
import { projectVersion } from '../../electron/shared/paths';
import { expect, test } from './fixtures';

test('the app loads with window.paddock backed by the real handlers', async ({ page, paddock }) => {
  const response = await page.goto(paddock.url);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  await page.waitForFunction(() => typeof window.paddock === 'object');

  // The token left the visible URL once the bridge had read it.
  expect(page.url()).not.toContain(paddock.token);

  const info = await page.evaluate(() => window.paddock?.app.info());
  const platform = process.platform;
  expect(info).toEqual({ version: projectVersion(), transport: 'loopback', platform });

  const current = await page.evaluate(() => window.paddock?.site.current());
  expect(current?.path).toBe(paddock.snapshot.path);
  expect(current?.fileName).toBe('example-site.yaml');
  expect(current?.diagnostics).toEqual(paddock.snapshot.diagnostics);

  const file = await paddock.screenshot(page, 'app-shell');
  expect(existsSync(file)).toBe(true);
  expect(paddock.pageErrors()).toEqual([]);
});

test('main refuses bad requests from the page with a clear message', async ({ page, paddock }) => {
  await paddock.open(page);
  const refusals = await page.evaluate(async () => {
    const api = window.paddock;
    if (!api) return ['no api'];
    const tries = [
      // A theme outside the contract's enum.
      () => api.settings.setTheme({ theme: 'neon' as 'dark' }),
      // A path main never offered.
      () => api.site.openRecent({ path: '/etc/passwd' }),
    ];
    const out: string[] = [];
    for (const t of tries) {
      try {
        await t();
        out.push('accepted');
      } catch (e) {
        out.push(e instanceof Error ? e.message : String(e));
      }
    }
    return out;
  });
  expect(refusals[0]).toMatch(/Invalid "settings\.setTheme" request: theme/);
  expect(refusals[1]).toMatch(/Refusing to open "\/etc\/passwd"/);
});

test('events from main reach the page, and unsubscribing stops them', async ({ page, paddock }) => {
  await paddock.open(page);
  type Seen = { first: string[]; second: string[]; stop: () => void };
  await page.evaluate(() => {
    const w = window as unknown as Seen;
    w.first = [];
    w.second = [];
    const api = window.paddock;
    w.stop = api?.onSiteChanged((s) => w.first.push(s.loadedAt)) ?? (() => undefined);
    api?.onSiteChanged((s) => w.second.push(s.loadedAt));
  });
  // The page's event stream is connected once the server has subscribed it to main's events.
  await expect.poll(() => paddock.handlers.events.size).toBeGreaterThan(0);
  const one = await paddock.handlers.reloadSite();
  const seen = () =>
    page.evaluate(() => ({
      first: (window as unknown as Seen).first,
      second: (window as unknown as Seen).second,
    }));
  await expect.poll(seen).toEqual({ first: [one.loadedAt], second: [one.loadedAt] });

  await page.evaluate(() => (window as unknown as Seen).stop());
  const two = await paddock.handlers.reloadSite();
  // The listener still subscribed hears the second event; the unsubscribed one must not have.
  await expect.poll(seen).toEqual({ first: [one.loadedAt], second: [one.loadedAt, two.loadedAt] });
});

test('the page runs under the strict CSP: no eval, no inline script', async ({ page, paddock }) => {
  await paddock.open(page);
  // Code run by page.evaluate itself is exempt from CSP (it comes from the driver), so the
  // attempts are made from a timer and an element. Each is reported once per policy (header and
  // <meta>), hence the Set.
  await page.evaluate(() => {
    const w = window as unknown as { violations: string[] };
    w.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.violations.push(e.effectiveDirective));
    // A string timer is eval: blocked without 'unsafe-eval'.
    (setTimeout as unknown as (code: string, ms: number) => void)('window.__evalRan = true', 0);
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.head.appendChild(s);
  });
  await page.waitForTimeout(300);
  const result = await page.evaluate(() => {
    const w = window as unknown as { __evalRan?: boolean; __inlineRan?: boolean; violations: string[] };
    return {
      evalRan: w.__evalRan === true,
      inlineRan: w.__inlineRan === true,
      violations: [...new Set(w.violations)].sort(),
    };
  });
  expect(result).toEqual({ evalRan: false, inlineRan: false, violations: ['script-src', 'script-src-elem'] });
  // window.paddock cannot be replaced by page script.
  const replaced = await page.evaluate(() => {
    try {
      (window as unknown as { paddock: unknown }).paddock = {};
    } catch {
      // Strict-mode assignment to a read-only property throws; either way it must not stick.
    }
    return typeof window.paddock?.app?.info;
  });
  expect(replaced).toBe('function');
});
