// `npm run bench -- render [--vms N] [--containers N] [--runs N]`: the renderer in Debian's
// Chromium (playwright-core) against the real handlers over the loopback transport, on a
// generated site (default 2,000 VMs on 200 containers) and, as the baseline measured in the
// same run, the example site. Reports, per site: time to first render of the topology (from
// navigation start, so it includes fetching the site snapshot), selecting a VM until the
// details panel shows it, a search until the tree shows only its match, clearing it, and
// frame times while scrolling the whole tree. Medians of several runs; ratios against the
// baseline. The renderer is built first, so the numbers are for the current source.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build as esbuild } from 'esbuild';
import { build } from 'vite';
import { createAppHandlers } from '../../electron/handlers/create';
import { MemorySettingsStore } from '../../electron/handlers/settings-store';
import { noDialog } from '../../electron/handlers/site-dialog';
import { bundleBridge } from '../../electron/loopback/bridge-bundle';
import { startLoopbackServer } from '../../electron/loopback/server';
import { EXAMPLE_SITE, PROJECT_ROOT, RENDERER_DIST, projectVersion } from '../../electron/shared/paths';
import { CHROMIUM_ARGS } from '../../test/e2e/playwright.config';
import { generateSiteYaml } from '../../test/fixtures/generate-site';

interface Options {
  vms: number;
  containers: number;
  runs: number;
}

interface SiteResult {
  label: string;
  vms: number;
  containers: number;
  /** Tree items in the DOM after the first render, against nodes in the tree. */
  domItems: number;
  firstRender: number;
  select: number;
  selectPainted: number;
  search: number;
  clear: number;
  /** Frame times (ms) scrolling like a wheel or trackpad (120 px per frame). */
  smooth: { p50: number; p95: number; max: number };
  /** Frame times (ms) jumping one screen per frame. */
  jump: { p50: number; p95: number; max: number };
  /** Median frame interval with nothing happening: the browser's own pace, for scale. */
  idle: number;
}

function parseArgs(args: string[]): Options {
  const o: Options = { vms: 2000, containers: 200, runs: 5 };
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], Number(args[i + 1])];
    const key = flag?.replace(/^--/, '');
    if ((key !== 'vms' && key !== 'containers' && key !== 'runs') || !Number.isInteger(value) || value < 1) {
      throw new Error(
        `render bench: bad argument "${flag ?? ''} ${args[i + 1] ?? ''}": use --vms N, --containers N, --runs N`,
      );
    }
    o[key] = value;
  }
  return o;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : (s[Math.floor((s.length - 1) / 2)] ?? Number.NaN);
};
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};
const frameStats = (xs: number[]) => ({
  p50: quantile(xs, 0.5),
  p95: quantile(xs, 0.95),
  max: Math.max(...xs),
});
const frames = (f: SiteResult['jump']) =>
  `p50=${f.p50.toFixed(1)} p95=${f.p95.toFixed(1)} max=${f.max.toFixed(1)}`;

// --- in-page probes (bench/render/page-probes.ts, bundled for the page) ---------------------

const PROBES = path.join(PROJECT_ROOT, 'bench/render/page-probes.ts');

async function bundleProbes(): Promise<string> {
  const out = await esbuild({
    entryPoints: [PROBES],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    logLevel: 'silent',
  });
  const file = out.outputFiles[0];
  if (!file) throw new Error(`render bench: esbuild produced nothing for ${PROBES}`);
  return file.text;
}

/** Call one probe in the page (the probes' types live with the DOM code, not here). */
function probe<T>(page: Page, call: string): Promise<T> {
  return page.evaluate(`(async () => {
    const p = window.__paddockProbes;
    if (!p) throw new Error('the page probes are not installed');
    return p.${call};
  })()`) as Promise<T>;
}

type Timing = [number, number];

// --- one site --------------------------------------------------------------------------------

async function measureSite(
  browser: Browser,
  probes: string,
  label: string,
  file: string,
  runs: number,
): Promise<SiteResult> {
  const handlers = createAppHandlers({
    transport: 'loopback',
    version: projectVersion(),
    settings: new MemorySettingsStore(),
    dialog: noDialog,
  });
  const snapshot = await handlers.openSite(file, 'command-line');
  const site = snapshot.site;
  if (!site)
    throw new Error(`render bench: ${file} did not load: ${snapshot.diagnostics[0]?.message ?? 'no site'}`);
  const server = await startLoopbackServer({
    host: handlers,
    rendererDir: RENDERER_DIST,
    bridgeScript: await bundleBridge(),
  });
  try {
    const firsts: number[] = [];
    let page: Page | undefined;
    for (let i = 0; i < runs; i++) {
      await page?.close();
      page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.addInitScript({ content: probes });
      await page.goto(server.url);
      firsts.push(await probe<number>(page, 'firstRender'));
    }
    if (!page) throw new Error('render bench: --runs must be at least 1');
    const domItems = (await page.evaluate(
      "document.querySelectorAll('[role=tree] [role=treeitem]').length",
    )) as number;
    const selects: [number, number][] = [];
    for (let i = 0; i < runs * 2; i++) selects.push(await probe<Timing>(page, `selectVm(${i * 3 + 1})`));
    const target = site.vms[Math.floor(site.vms.length / 2)]?.name ?? '';
    const searches: number[] = [];
    const clears: number[] = [];
    for (let i = 0; i < runs; i++) {
      searches.push(
        (await probe<Timing>(page, `search(${JSON.stringify(`name:${target}`)}, 'one-chip')`))[1],
      );
      clears.push((await probe<Timing>(page, "search('', 'restored')"))[1]);
    }
    const idle = median(await probe<number[]>(page, 'idle(60)'));
    const smooth = frameStats(await probe<number[]>(page, 'scroll(120)'));
    const jump = frameStats(await probe<number[]>(page, 'scroll(0)'));
    await page.close();
    return {
      label,
      vms: site.vms.length,
      containers: site.containers.length,
      domItems,
      firstRender: median(firsts),
      select: median(selects.map((s) => s[0])),
      selectPainted: median(selects.map((s) => s[1])),
      search: median(searches),
      clear: median(clears),
      smooth,
      jump,
      idle,
    };
  } finally {
    await server.close();
  }
}

// --- the suite -------------------------------------------------------------------------------

export async function run(args: string[]): Promise<void> {
  const o = parseArgs(args);
  await build({ configFile: path.join(PROJECT_ROOT, 'renderer/vite.config.ts'), logLevel: 'warn' });
  const dir = mkdtempSync(path.join(tmpdir(), 'paddock-bench-render-'));
  const generated = path.join(dir, 'generated-site.yaml');
  writeFileSync(generated, generateSiteYaml({ vms: o.vms, containers: o.containers, clusters: 5, seed: 1 }));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const probes = await bundleProbes();
    const base = await measureSite(browser, probes, 'example', EXAMPLE_SITE, o.runs);
    const big = await measureSite(browser, probes, 'generated', generated, o.runs);
    for (const r of [base, big]) {
      console.log(
        `render site=${r.label} vms=${r.vms} containers=${r.containers} dom-tree-items=${r.domItems} ` +
          `first-render-ms=${r.firstRender.toFixed(0)} select-ms=${r.select.toFixed(1)} select-painted-ms=${r.selectPainted.toFixed(1)} ` +
          `search-ms=${r.search.toFixed(1)} clear-search-ms=${r.clear.toFixed(1)} ` +
          `scroll-120px-frame-ms ${frames(r.smooth)} scroll-screen-frame-ms ${frames(r.jump)}`,
      );
    }
    const ratio = (name: string, f: (r: SiteResult) => number) => `${name}=${(f(big) / f(base)).toFixed(2)}x`;
    console.log(
      `render ratio generated/example (${(big.vms / base.vms).toFixed(0)}x the VMs): ` +
        [
          ratio('first-render', (r) => r.firstRender),
          ratio('select', (r) => r.select),
          ratio('select-painted', (r) => r.selectPainted),
          ratio('search', (r) => r.search),
          ratio('clear-search', (r) => r.clear),
          ratio('scroll-120px-p95', (r) => r.smooth.p95),
        ].join(' '),
    );
    console.log(
      `render idle-frame-ms p50=${big.idle.toFixed(1)} (frame pace of this headless browser with nothing to do)`,
    );
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
