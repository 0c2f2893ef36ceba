// `npm run bench -- site [--runs N] [--vms N]`: site loading and placement-policy speed.
// Loads the example site and generated sites (2,000 VMs on 200 containers and, by default,
// 10,000 VMs) with loadSite, against the baseline measured in the same run: the bare YAML
// parse of the same text (yaml's parseDocument), so the ratio says what validation adds on
// top of parsing. Then the policy: accepts() and mayRun() over every (VM, container) pair of
// one domain of the big site, against a baseline loop doing the same Map lookups. Prints one
// line per measurement (median of the runs; wall and CPU time, since the machine may be shared).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { PlacementContext, accepts, mayRun } from '../../core/policy';
import { loadSite } from '../../core/site';
import { generateSiteYaml } from '../../test/fixtures/generate-site';
import { median } from '../stats';

interface Options {
  runs: number;
  vms: number;
}

function parseArgs(args: string[]): Options {
  const out: Options = { runs: 3, vms: 10_000 };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = Number(args[i + 1]);
    if ((flag === '--runs' || flag === '--vms') && Number.isInteger(value) && value > 0) {
      out[flag === '--runs' ? 'runs' : 'vms'] = value;
      i++;
    } else {
      console.error(
        `site benchmark: unknown or bad argument "${flag}"; usage: npm run bench -- site [--runs N] [--vms N]`,
      );
      process.exit(2);
    }
  }
  return out;
}

interface Timing {
  wallMs: number;
  cpuMs: number;
}

function time(f: () => void): Timing {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  f();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function measure(runs: number, f: () => void): Timing {
  f(); // warm-up: JIT and lazily built schemas are not what we measure
  const ts = Array.from({ length: runs }, () => time(f));
  return { wallMs: median(ts.map((t) => t.wallMs)), cpuMs: median(ts.map((t) => t.cpuMs)) };
}

const fmt = (t: Timing) => `${t.wallMs.toFixed(1)} ms (cpu ${t.cpuMs.toFixed(1)} ms)`;

function benchLoad(label: string, text: string, runs: number): void {
  const check = loadSite(text, label);
  const errors = check.diagnostics.filter((d) => d.severity === 'error').length;
  if (!check.site || errors > 0) throw new Error(`${label} does not load cleanly (${errors} errors)`);
  const load = measure(runs, () => loadSite(text, label));
  const base = measure(runs, () => parseDocument(text, { uniqueKeys: false }));
  const kb = (text.length / 1024).toFixed(0);
  console.log(
    `site-load ${label}: ${check.site.vms.length} VMs, ${check.site.containers.length} containers, ${kb} KiB: ` +
      `loadSite ${fmt(load)}; baseline yaml parse ${fmt(base)}; ratio ${(load.cpuMs / base.cpuMs).toFixed(2)}x cpu`,
  );
}

function benchPolicy(text: string, runs: number): void {
  const { site } = loadSite(text, 'policy');
  if (!site) throw new Error('generated site did not load');
  const ctx = PlacementContext.fromSite(site);
  const domain = site.domains[0]?.name;
  const vms = site.vms.filter((v) => v.domain === domain);
  const containers = site.containers.filter((c) => c.domain === domain);
  const pairs = vms.length * containers.length;
  let accepted = 0;
  const acc = measure(runs, () => {
    accepted = 0;
    for (const v of vms) for (const c of containers) if (accepts(ctx, v, c)) accepted++;
  });
  const may = measure(runs, () => {
    for (const v of vms) for (const c of containers) mayRun(ctx, v, c);
  });
  // Baseline: the same loop doing the lookups any check needs (VM, container, current load).
  let found = 0;
  const base = measure(runs, () => {
    found = 0;
    for (const v of vms) {
      for (const c of containers) {
        if (ctx.vm(v.name) && ctx.container(c.name) && ctx.used(c.name).vcpus >= 0) found++;
      }
    }
  });
  const perSec = (t: Timing) => `${((pairs / t.cpuMs) * 1000).toFixed(0)}/s`;
  console.log(
    `policy ${vms.length} VMs x ${containers.length} containers (${pairs} pairs, ${accepted} accepted): ` +
      `accepts ${fmt(acc)} = ${perSec(acc)}; mayRun ${fmt(may)} = ${perSec(may)}; ` +
      `baseline lookups (${found}) ${fmt(base)}; ratio accepts ${(acc.cpuMs / base.cpuMs).toFixed(1)}x, mayRun ${(may.cpuMs / base.cpuMs).toFixed(1)}x cpu`,
  );
}

export async function run(args: string[]): Promise<void> {
  const opts = parseArgs(args);
  const example = readFileSync(path.join(import.meta.dirname, '../../assets/example-site.yaml'), 'utf8');
  benchLoad('example-site.yaml', example, Math.max(opts.runs, 10));
  const medium = generateSiteYaml({ vms: 2_000, containers: 200, clusters: 5 });
  benchLoad('generated 2000/200', medium, opts.runs);
  const big = generateSiteYaml({ vms: opts.vms });
  benchLoad(`generated ${opts.vms}`, big, opts.runs);
  benchPolicy(big, opts.runs);
}
