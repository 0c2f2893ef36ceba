// One lab container host: a network namespace on the lab bridge, an anchor process holding its
// private mount and UTS namespaces (own hostname, own /etc/libvirt, /run/libvirt,
// /var/lib/libvirt, the domain's pool), and its own sshd, virtlogd and libvirtd.
import { existsSync } from 'node:fs';
import { appendFile, cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LAB_BRIDGE, type LabDomainPlan, type LabHostPlan } from './config';
import { alive, inHost, run, spawnDetached, startDaemon, waitFor } from './exec';
import { sshdConfig, type LabKeys } from './keys';
import type { HostState } from './state';

export interface HostSetup {
  host: LabHostPlan;
  domain: LabDomainPlan;
  hs: HostState;
  keys: LabKeys;
  /** Folder on this machine holding the domain's shared pool. */
  poolBacking: string;
  /** Persist the state file (called before each thing is created). */
  record: () => Promise<void>;
}

/** Host paths (left in place after teardown: other labs on this machine may mount over them in
 * their own namespaces) that the bind mounts need as mount points. */
const MOUNT_POINTS = [
  '/run/libvirt',
  '/var/lib/libvirt',
  '/var/cache/libvirt',
  '/var/log/libvirt',
  '/run/sshd',
];

async function readPid(file: string): Promise<number | undefined> {
  if (!existsSync(file)) return undefined;
  const n = Number.parseInt((await readFile(file, 'utf8')).trim(), 10);
  return Number.isInteger(n) && n > 1 ? n : undefined;
}

async function writeLibvirtConfig(dir: string, hostUuid: string): Promise<void> {
  const etc = path.join(dir, 'etc-libvirt');
  await cp('/etc/libvirt', etc, { recursive: true });
  // A unique host_uuid per host, or libvirt refuses to migrate "to the same host".
  await appendFile(
    path.join(etc, 'libvirtd.conf'),
    `\n# Paddock lab\nhost_uuid = "${hostUuid}"\nlog_outputs = "3:file:/var/log/libvirt/libvirtd.log"\n`,
  );
  // Guests run as root without relabelling: their kernel and disks live in shared folders.
  await appendFile(
    path.join(etc, 'qemu.conf'),
    '\n# Paddock lab\nuser = "root"\ngroup = "root"\ndynamic_ownership = 0\nremember_owner = 0\nsecurity_driver = "none"\n',
  );
  // No libvirt "default" NAT network (and no dnsmasq) in lab hosts.
  const autostart = path.join(etc, 'qemu', 'networks', 'autostart');
  if (existsSync(autostart)) {
    for (const f of await readdir(autostart)) await rm(path.join(autostart, f), { force: true });
  }
}

/** Create the namespace, its link to the lab bridge and the guests' bridge. */
async function createNetwork(s: HostSetup): Promise<void> {
  const { host, hs } = s;
  await run(['ip', 'netns', 'add', host.netns]);
  await run(['ip', 'link', 'add', host.veth, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', host.netns]);
  await run(['ip', 'link', 'set', host.veth, 'master', LAB_BRIDGE, 'up']);
  const n = ['ip', '-n', host.netns];
  await run([...n, 'addr', 'add', `${host.address}/24`, 'dev', 'eth0']);
  await run([...n, 'link', 'set', 'eth0', 'up']);
  await run([...n, 'link', 'set', 'lo', 'up']);
  await run([...n, 'link', 'add', s.domain.bridge, 'type', 'bridge']);
  await run([...n, 'link', 'set', s.domain.bridge, 'up']);
  hs.veth = host.veth;
}

/** Start the anchor process: `sleep` in the namespace with private mount + UTS namespaces. */
async function startAnchor(s: HostSetup): Promise<number> {
  const { host, hs } = s;
  const pid = spawnDetached([
    'ip',
    'netns',
    'exec',
    host.netns,
    'unshare',
    '--mount',
    '--uts',
    '--propagation',
    'private',
    'sleep',
    'infinity',
  ]);
  hs.anchorPid = pid;
  await s.record();
  // `ip netns exec` and `unshare` exec in place: the PID becomes `sleep` once both are done.
  await waitFor(`${host.name}'s anchor process`, 10_000, async () => {
    if (!alive(pid)) throw new Error(`lab: ${host.name}'s anchor process (pid ${pid}) died at start`);
    return (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim() === 'sleep';
  });
  return pid;
}

export async function startHost(s: HostSetup): Promise<void> {
  const { host, hs, domain } = s;
  const dir = hs.dir;
  for (const d of ['run', 'varlib', 'cache', 'log/qemu']) await mkdir(path.join(dir, d), { recursive: true });
  await writeLibvirtConfig(dir, host.hostUuid);
  await writeFile(
    path.join(dir, 'sshd_config'),
    sshdConfig(
      host.address,
      s.keys.hostKeys[host.name] ?? '',
      s.keys.authorizedKeys,
      path.join(dir, 'sshd.pid'),
    ),
  );
  for (const m of MOUNT_POINTS) await mkdir(m, { recursive: true });

  await s.record();
  await createNetwork(s);
  const anchor = await startAnchor(s);
  const inside = (cmd: readonly string[]): string[] => inHost(anchor, cmd);
  await run(inside(['hostname', host.name]));
  const binds: [string, string][] = [
    [path.join(dir, 'run'), '/run/libvirt'],
    [path.join(dir, 'varlib'), '/var/lib/libvirt'],
    [path.join(dir, 'cache'), '/var/cache/libvirt'],
    [path.join(dir, 'log'), '/var/log/libvirt'],
    [path.join(dir, 'etc-libvirt'), '/etc/libvirt'],
    [s.keys.sshConfig, '/etc/ssh/ssh_config'],
    [s.poolBacking, domain.poolPath],
  ];
  for (const [from, to] of binds) {
    hs.mounts.push(to);
    await run(inside(['mount', '--bind', from, to]));
  }
  await s.record();

  const log = (name: string): string => path.join(dir, `${name}.start.log`);
  await Promise.all([
    startDaemon(
      inside(['/usr/sbin/sshd', '-f', path.join(dir, 'sshd_config'), '-E', path.join(dir, 'sshd.log')]),
      log('sshd'),
    ),
    startDaemon(inside(['virtlogd', '-d', '-p', path.join(dir, 'virtlogd.pid')]), log('virtlogd')),
  ]);
  await startDaemon(inside(['libvirtd', '-d', '-p', path.join(dir, 'libvirtd.pid')]), log('libvirtd'));
  for (const d of ['sshd', 'virtlogd', 'libvirtd'] as const) {
    await waitFor(`${host.name}'s ${d} pid file`, 15_000, async () => {
      hs.pids[d] = await readPid(path.join(dir, `${d}.pid`));
      return hs.pids[d] !== undefined;
    });
  }
  await s.record();
  await waitFor(`${host.name}'s libvirtd socket`, 20_000, () =>
    existsSync(path.join(dir, 'run', 'libvirt-sock')),
  );
  await run(inside(['virsh', '-q', '-c', 'qemu:///system', 'version']), { timeoutMs: 20_000 });
}
