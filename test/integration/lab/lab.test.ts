// The lab itself, against the real machine: guard route, hosts with their own sshd (strict
// host keys), hostname, libvirtd with distinct host UUIDs, per-domain pools, running guests,
// peer-to-peer SSH for migration, a site file that loads cleanly and vaults that unlock.
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasErrors, loadSite } from '../../../core/site';
import { VaultManager } from '../../../core/vault/vault-manager';
import { LAB_BRIDGE } from '../../lab/config';
import { inHost, run, tryRun } from '../../lab/exec';
import { guardRoutePresent } from '../../lab/guard-route';
import { doneWithLab, useLab, type LabHandle } from '../../lab/use-lab';
import { LAB_CREDENTIAL_NAME, LAB_VAULT_PASSPHRASE } from '../../lab/paddock-material';

let lab: LabHandle;
beforeAll(async () => {
  lab = await useLab();
});
afterAll(() => doneWithLab());

const ssh = (address: string, ...cmd: string[]): string[] => [
  'ssh',
  '-i',
  lab.state.files?.key ?? '',
  '-o',
  `UserKnownHostsFile=${lab.state.files?.knownHosts ?? ''}`,
  '-o',
  'StrictHostKeyChecking=yes',
  '-o',
  'BatchMode=yes',
  '-o',
  'ConnectTimeout=10',
  `root@${address}`,
  '--',
  ...cmd,
];

describe('lab', () => {
  it('keeps lab traffic on the machine', async () => {
    expect(await guardRoutePresent()).toBe(true);
    for (const h of lab.hosts)
      expect(await run(['ip', 'route', 'get', h.address])).toContain(`dev ${LAB_BRIDGE}`);
    const outside = await tryRun(['ip', 'route', 'get', '10.200.255.254']);
    expect(outside.code !== 0 || /unreachable/.test(outside.stdout)).toBe(true);
  });

  it('each host answers over SSH with its own name and a host key from known_hosts', async () => {
    for (const h of lab.hosts)
      expect((await run(ssh(h.address, 'hostname'), { timeoutMs: 30_000 })).trim()).toBe(h.name);
  });

  it('each libvirtd has its own host UUID', async () => {
    const uuids = await Promise.all(
      lab.hosts.map(async (h) => /<uuid>([^<]+)<\/uuid>/.exec(await lab.virsh(h.name, 'capabilities'))?.[1]),
    );
    expect(new Set(uuids).size).toBe(lab.hosts.length);
    expect(uuids.every(Boolean)).toBe(true);
  });

  it('runs the planned guests and mounts each domain pool only in its hosts', async () => {
    for (const h of lab.hosts) {
      const running = (await lab.virsh(h.name, 'list', '--name')).split('\n').filter(Boolean);
      expect(running.length).toBe(lab.state.options.guestsPerHost);
    }
    const [h1, , h3] = lab.hosts;
    if (!h1?.anchorPid || !h3?.anchorPid) throw new Error('expected 3 hosts');
    expect(await run(inHost(h1.anchorPid, ['ls', '/srv/paddock-lab/research/images']))).toContain('vmlinuz');
    expect((await run(inHost(h3.anchorPid, ['ls', '-A', '/srv/paddock-lab/research']))).trim()).toBe('');
  });

  it('lets a host reach its peers over SSH, as libvirtd does for p2p migration', async () => {
    const [h1, h2] = lab.hosts;
    if (!h1?.anchorPid || !h2) throw new Error('expected 2 hosts');
    const out = await run(inHost(h1.anchorPid, ['ssh', '-o', 'BatchMode=yes', h2.address, 'hostname']), {
      timeoutMs: 30_000,
    });
    expect(out.trim()).toBe(h2.name);
  });

  it('writes a site file that loads without errors and matches the hosts', () => {
    const r = loadSite(readFileSync(lab.sitePath, 'utf8'), 'site.yaml');
    expect(hasErrors(r.diagnostics)).toBe(false);
    expect(r.site?.containers.map((c) => c.address)).toEqual(lab.hosts.map((h) => h.address));
  });

  it('writes a vault per domain that unlocks with the documented passphrase and holds the lab key', async () => {
    const dir = lab.state.files?.vault ?? '';
    expect(readdirSync(dir).sort()).toEqual(['research.vault', 'teaching.vault']);
    const pub = readFileSync(`${lab.state.files?.key ?? ''}.pub`, 'utf8').split(' ')[1];
    const vault = new VaultManager({ dir }).vault('research');
    await vault.unlock(LAB_VAULT_PASSPHRASE);
    try {
      const cred = vault.list().find((c) => c.name === LAB_CREDENTIAL_NAME);
      expect(cred?.kind).toBe('private-key');
      expect(JSON.stringify(cred)).toContain(pub);
    } finally {
      vault.lock('user');
    }
  });
});
