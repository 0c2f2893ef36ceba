// Lab start-up: preflight, guest image, guard route, bridge, pools, keys, hosts (in parallel),
// guests, site file. Every created thing is recorded in the state file first; on any failure
// the half-built lab is torn down before the error is rethrown.
import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LibvirtDriver } from '../../core/drivers/libvirt/driver';
import { writeFileAtomic } from '../../core/storage/atomic-file';
import {
  DEFAULT_OPTIONS,
  LAB_BRIDGE,
  LAB_BRIDGE_ADDRESS,
  planLab,
  POOL_ROOT,
  type LabOptions,
  type LabPlan,
} from './config';
import { run, tryRun } from './exec';
import { ensureGuestImage } from './guest-image';
import { defineAndStart, preparePool, waitReady } from './guests';
import { installGuardRoute, verifyGuardRoute } from './guard-route';
import { startHost } from './host';
import { makeKeys } from './keys';
import { NamespaceRunner } from './ns-runner';
import { preflight } from './preflight';
import { labSiteYaml } from './site-file';
import { newState, readState, writeState, type HostState, type LabState } from './state';
import { teardown } from './teardown';
import { LAB_VAULT_PASSPHRASE, knownHostsDir, writeLabKnownHosts, writeLabVaults } from './paddock-material';

export interface StartOptions extends Partial<LabOptions> {
  /** `npm run lab`: shared test runs reuse it but never stop it. */
  persistent?: boolean;
  /** Progress lines for people (the CLI prints them). */
  log?: (line: string) => void;
}

/** Serialises state-file writes coming from hosts that start in parallel. */
function recorder(stateDir: string, state: LabState): () => Promise<void> {
  let chain: Promise<void> = Promise.resolve();
  return () => {
    chain = chain.then(() => writeState(stateDir, state));
    return chain;
  };
}

async function mkdirRecorded(dir: string, state: LabState, record: () => Promise<void>): Promise<void> {
  if (existsSync(dir)) return;
  state.dirs.push(dir);
  await record();
  await mkdir(dir);
}

/** Ask for fast `virsh start`: libvirt re-probes QEMU for every start unless /dev/kvm is
 * group kvm (see lab notes). Guests still run under TCG (type='qemu'). */
async function kvmPermissions(): Promise<void> {
  if (!existsSync('/dev/kvm')) return;
  await tryRun(['chgrp', 'kvm', '/dev/kvm']);
  await tryRun(['chmod', '660', '/dev/kvm']);
}

/** Names this lab is about to use must be free, or another lab (not ours) is running. */
function checkNamesFree(plan: LabPlan): void {
  const taken = [
    ...plan.hosts.filter((h) => existsSync(`/run/netns/${h.netns}`)).map((h) => `netns ${h.netns}`),
    ...plan.hosts.filter((h) => existsSync(`/sys/class/net/${h.veth}`)).map((h) => `link ${h.veth}`),
    ...(existsSync(`/sys/class/net/${LAB_BRIDGE}`) ? [`bridge ${LAB_BRIDGE}`] : []),
  ];
  if (taken.length) {
    throw new Error(
      `lab: ${taken.join(', ')} already exist but no lab state file records them; another lab is running on this machine with another state folder (stop it there, or remove them by hand)`,
    );
  }
}

async function build(plan: LabPlan, state: LabState, log: (l: string) => void): Promise<void> {
  const { stateDir, cacheDir } = plan.options;
  const record = recorder(stateDir, state);
  log('guest image');
  const image = await ensureGuestImage(cacheDir);
  await kvmPermissions();

  log('guard route');
  state.routeOwned = true;
  await record();
  state.routeOwned = (await installGuardRoute()).owned;
  await record();

  log(`bridge ${LAB_BRIDGE}`);
  state.bridge = LAB_BRIDGE;
  await record();
  await run(['ip', 'link', 'add', LAB_BRIDGE, 'type', 'bridge']);
  await run(['ip', 'addr', 'add', `${LAB_BRIDGE_ADDRESS}/24`, 'dev', LAB_BRIDGE]);
  await run(['ip', 'link', 'set', LAB_BRIDGE, 'up']);
  const first = plan.hosts[0];
  await verifyGuardRoute(first?.address);

  log('pools');
  await mkdirRecorded(POOL_ROOT, state, record);
  const backing: Record<string, string> = {};
  for (const d of plan.domains) {
    await mkdirRecorded(d.poolPath, state, record);
    backing[d.name] = path.join(stateDir, 'pools', d.name);
    const guests = plan.hosts.filter((h) => h.domain === d.name).flatMap((h) => h.guests);
    await preparePool(backing[d.name] ?? '', image, guests);
  }

  log('keys');
  const hostDirs: Record<string, string> = {};
  for (const h of plan.hosts) {
    hostDirs[h.name] = path.join(stateDir, 'hosts', h.name);
    await mkdir(hostDirs[h.name] ?? '', { recursive: true });
  }
  const sshDir = path.join(stateDir, 'ssh');
  await mkdir(sshDir, { recursive: true, mode: 0o700 });
  const keys = await makeKeys(plan, sshDir, hostDirs);

  log(`hosts: ${plan.hosts.map((h) => h.name).join(', ')}`);
  await Promise.all(
    plan.hosts.map(async (h) => {
      const domain = plan.domains.find((d) => d.name === h.domain);
      if (!domain) throw new Error(`lab: host ${h.name} has no domain plan`);
      const hs: HostState = {
        name: h.name,
        netns: h.netns,
        veth: h.veth,
        address: h.address,
        dir: hostDirs[h.name] ?? '',
        pids: {},
        mounts: [],
      };
      state.hosts.push(hs);
      await startHost({ host: h, domain, hs, keys, poolBacking: backing[domain.name] ?? '', record });
      if (!hs.anchorPid) throw new Error(`lab: ${h.name} has no anchor process`);
      await defineAndStart(
        hs.anchorPid,
        path.join(hs.dir, 'xml'),
        domain,
        h.guests,
        plan.options.guestMemoryMiB,
      );
      log(
        `  ${h.name} (${h.address}, ${h.domain}): ${h.guests.map((g) => g.name).join(', ') || 'no guests'}`,
      );
    }),
  );

  log('waiting for the guests to boot');
  await Promise.all(
    state.hosts.flatMap((hs) =>
      (plan.hosts.find((h) => h.name === hs.name)?.guests ?? []).map((g) =>
        waitReady(hs.dir, g.name, 180_000),
      ),
    ),
  );

  // The site records what the hosts themselves report, so discovery sees no capacity drift.
  const h1 = state.hosts[0];
  if (!h1?.anchorPid) throw new Error('lab: no host to ask for capacity');
  const capacity = await new LibvirtDriver(new NamespaceRunner(h1.name, h1.anchorPid)).capacity();
  const site = path.join(stateDir, 'site.yaml');
  await writeFileAtomic(site, labSiteYaml(plan, capacity), { mode: 0o644 });
  await chmod(keys.key, 0o600);
  log('vaults');
  const vaults = path.join(stateDir, 'vaults');
  await writeLabVaults(plan, vaults, keys.key);
  await writeLabKnownHosts(plan, stateDir, keys.knownHosts);
  state.files = {
    site,
    key: keys.key,
    knownHosts: keys.knownHosts,
    vault: vaults,
    vaultPassphrase: LAB_VAULT_PASSPHRASE,
  };
  await writeFile(path.join(stateDir, 'README.txt'), readme(state));
}

export function readme(state: LabState): string {
  const f = state.files;
  return [
    'Paddock lab (generated; removed by `npm run lab -- stop`).',
    `site file:   ${f?.site ?? '-'}`,
    `ssh key:     ${f?.key ?? '-'} (root on every lab host)`,
    `known_hosts: ${f?.knownHosts ?? '-'}`,
    `vaults:      ${f?.vault ?? '-'} (one per domain, passphrase "${f?.vaultPassphrase ?? '-'}")`,
    `known hosts: ${knownHostsDir(state.options.stateDir)} (Paddock's per-domain stores)`,
    ...state.hosts.map(
      (h) =>
        `host ${h.name}: ssh -i ${f?.key ?? 'KEY'} -o UserKnownHostsFile=${f?.knownHosts ?? 'KNOWN'} root@${h.address}`,
    ),
    '',
  ].join('\n');
}

/** Start a lab. Refuses when one is already running in stateDir; clears a crashed one first. */
export async function startLab(opts: StartOptions = {}): Promise<LabState> {
  const { persistent = false, log = () => undefined, ...rest } = opts;
  const options: LabOptions = { ...DEFAULT_OPTIONS, ...rest };
  const plan = planLab(options);
  preflight();
  await mkdir(options.stateDir, { recursive: true });
  const previous = await readState(options.stateDir);
  if (previous?.ready) {
    throw new Error(
      `lab: a lab is already running from ${options.stateDir} (stop it with \`npm run lab -- stop\`)`,
    );
  }
  if (previous) {
    log('clearing the remains of a previous run');
    const r = await teardown(options.stateDir);
    if (r.problems.length) throw new Error(`lab: could not clear the previous run: ${r.problems.join('; ')}`);
  }
  checkNamesFree(plan);
  const t0 = Date.now();
  const state = newState(options, persistent);
  await writeState(options.stateDir, state);
  try {
    await build(plan, state, log);
  } catch (e) {
    log(`start-up failed, tearing down: ${(e as Error).message}`);
    const r = await teardown(options.stateDir).catch((te: unknown) => ({ problems: [String(te)] }));
    const extra = r.problems.length ? ` (teardown problems: ${r.problems.join('; ')})` : '';
    throw new Error(`${(e as Error).message}${extra}`, { cause: e });
  }
  state.ready = true;
  state.startupMs = Date.now() - t0;
  await writeState(options.stateDir, state);
  return state;
}
