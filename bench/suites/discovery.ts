// `npm run bench -- discovery [--hosts N] [--vms M] [--runs K]` (heavy: root, starts the lab).
// Inventory refresh time, Paddock's way (all hosts at once over pooled SSH connections) beside
// the baseline a shell script would do in the same run: a sequential loop of
// `ssh host virsh ...` (nodeinfo, list, then dumpxml per VM), one fresh connection per call.
//   1. the lab: 3 hosts x 2 real guests;
//   2. N hosts x M VMs: N containers with M domains each, served by libvirt's test:/// driver
//      (one fixture file per container) on a lab host, reached over the same SSH pool.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { refreshInventory } from '../../core/discovery/refresh';
import { createDriver } from '../../core/drivers/factory';
import type { CommandRunner } from '../../core/exec/types';
import type { Container, Site } from '../../core/model/types';
import { loadSite } from '../../core/site';
import { readFileBounded } from '../../core/storage/atomic-file';
import { run as runLocal } from '../../test/lab/exec';
import { openLabFleet, type LabFleet } from '../../test/lab/fleet';
import { acquireLab, releaseLab } from '../../test/lab/shared';
import type { LabState } from '../../test/lab/state';
import { median } from '../stats';

export const heavy = true;

interface Args {
  hosts: number;
  vms: number;
  runs: number;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { hosts: 8, vms: 10, runs: 3 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = Number(argv[i + 1]);
    if ((k === '--hosts' || k === '--vms' || k === '--runs') && Number.isInteger(v) && v > 0) {
      a[k.slice(2) as keyof Args] = v;
      i++;
    } else
      throw new Error(
        `bench discovery: unknown or bad argument ${JSON.stringify(k)} (use --hosts N --vms M --runs K)`,
      );
  }
  return a;
}

const secs = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

async function time(runs: number, fn: () => Promise<void>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** The shell-script baseline: one `ssh host virsh ...` after another. */
async function sequentialSsh(state: LabState, targets: { address: string; uri: string }[]): Promise<number> {
  const files = state.files;
  if (!files) throw new Error('lab has no key files');
  const ssh = (address: string, ...cmd: string[]) =>
    runLocal(
      [
        'ssh',
        '-i',
        files.key,
        '-o',
        `UserKnownHostsFile=${files.knownHosts}`,
        '-o',
        'BatchMode=yes',
        `root@${address}`,
        ...cmd,
      ],
      { timeoutMs: 60_000 },
    );
  let calls = 0;
  for (const t of targets) {
    await ssh(t.address, 'virsh', '-c', t.uri, 'nodeinfo');
    const names = (await ssh(t.address, 'virsh', '-c', t.uri, 'list', '--all', '--name'))
      .split('\n')
      .filter(Boolean);
    calls += 2;
    for (const n of names) {
      await ssh(t.address, 'virsh', '-c', t.uri, 'dumpxml', n);
      calls++;
    }
  }
  return calls;
}

async function compare(
  label: string,
  runs: number,
  state: LabState,
  site: Site,
  fleet: LabFleet,
  runnerFor: (c: Container) => CommandRunner,
): Promise<void> {
  const driverFor = (c: Container) => createDriver(c, runnerFor(c));
  const vmCount = async () =>
    Object.values((await refreshInventory(site, driverFor)).hosts).reduce((n, h) => n + h.vms.length, 0);
  const total = await vmCount(); // also warms the pool
  const warm = await time(runs, async () => {
    const inv = await refreshInventory(site, driverFor, { timeoutMs: 120_000 });
    const bad = Object.values(inv.hosts).filter((h) => h.status !== 'ok');
    if (bad.length) throw new Error(`refresh failed: ${bad.map((h) => h.error).join('; ')}`);
  });
  const cold = await time(runs, async () => {
    fleet.pool.closeAll();
    await refreshInventory(site, driverFor, { timeoutMs: 120_000 });
  });
  let calls = 0;
  const seq = await time(Math.max(1, Math.min(runs, 2)), async () => {
    calls = await sequentialSsh(
      state,
      site.containers.map((c) => ({ address: c.address, uri: c.uri ?? 'qemu:///system' })),
    );
  });
  console.log(`\n${label}: ${site.containers.length} hosts, ${total} VMs`);
  console.log(
    `  paddock refresh, pooled connections (concurrent)  median ${secs(median(warm))}  (${runs} runs)`,
  );
  console.log(
    `  paddock refresh, new connections (concurrent)     median ${secs(median(cold))}  (${runs} runs)`,
  );
  console.log(
    `  sequential \`ssh host virsh ...\` loop              median ${secs(median(seq))}  (${seq.length} runs, ${calls} ssh calls each)`,
  );
  console.log(
    `  ratio sequential / paddock pooled: ${(median(seq) / median(warm)).toFixed(1)}x; sequential / paddock new connections: ${(median(seq) / median(cold)).toFixed(1)}x`,
  );
}

/** A libvirt test-driver node file with M domains (one "container" of the synthetic fleet). */
function testNode(host: number, vms: number): string {
  const doms = Array.from({ length: vms }, (_, i) => {
    const mac = `52:54:00:7${host.toString(16)}:${(i >> 8).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`;
    return `<domain type='test'><name>syn-h${host}-vm${i}</name><memory unit='MiB'>${512 * (1 + (i % 4))}</memory><vcpu>${1 + (i % 4)}</vcpu><os><type>hvm</type></os><devices><disk type='file' device='disk'><source file='/gpfs/syn/h${host}-vm${i}.img'/><target dev='vda' bus='virtio'/></disk><interface type='bridge'><mac address='${mac}'/><source bridge='br-syn'/></interface></devices></domain>`;
  });
  return `<node><cpu><mhz>2100</mhz><model>x86_64</model><active>32</active><nodes>1</nodes><sockets>2</sockets><cores>16</cores><threads>1</threads></cpu><memory>268435456</memory>${doms.join('')}</node>\n`;
}

export async function run(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const holder = process.pid;
  const state = await acquireLab({}, holder);
  const fleet = await openLabFleet(state);
  try {
    const text = await readFileBounded(state.files?.site ?? '', 1024 * 1024);
    const lab = loadSite(text, 'site.yaml').site;
    if (!lab) throw new Error('the lab site file does not load');
    console.log(`# discovery: lab started in ${secs(state.startupMs ?? 0)} (this run or an earlier one)`);
    await compare('lab (real libvirtd + QEMU guests)', args.runs, state, lab, fleet, (c) =>
      fleet.runner(c.name),
    );

    const h1 = state.hosts[0];
    if (!h1) throw new Error('lab has no host');
    const containers: Container[] = Array.from({ length: args.hosts }, (_, k) => {
      const file = path.join(state.options.stateDir, `bench-node-${k + 1}.xml`);
      writeFileSync(file, testNode(k + 1, args.vms));
      return {
        ...(lab.containers[0] as Container),
        name: `syn-h${k + 1}`,
        address: h1.address,
        uri: `test://${file}`,
      };
    });
    const synthetic: Site = { ...lab, containers, vms: [] };
    await compare(
      `synthetic ${args.hosts} hosts x ${args.vms} VMs (libvirt test:/// driver, over SSH to ${h1.name})`,
      args.runs,
      state,
      synthetic,
      fleet,
      (c) => fleet.runnerTo('research', c.name, c.address),
    );
  } finally {
    await fleet.dispose();
    await releaseLab(state.options.stateDir, holder);
  }
}
