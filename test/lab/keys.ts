// SSH material of the lab: one client key (Paddock's and the hosts' libvirtd use it for
// root on every lab host), a host key per host, and a known_hosts file listing them all, so
// both Paddock and peer-to-peer migration between hosts connect with strict host key checks.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LabPlan } from './config';
import { run } from './exec';

export interface LabKeys {
  /** Private key of the lab's client identity (root on every lab host). */
  key: string;
  publicKey: string;
  authorizedKeys: string;
  knownHosts: string;
  /** ssh_config used inside the hosts (bind-mounted over /etc/ssh/ssh_config there). */
  sshConfig: string;
  /** Host key file of each host, by host name. */
  hostKeys: Record<string, string>;
}

async function keygen(file: string, comment: string): Promise<string> {
  await run(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
  return (await readFile(`${file}.pub`, 'utf8')).trim();
}

export async function makeKeys(
  plan: LabPlan,
  sshDir: string,
  hostDirs: Record<string, string>,
): Promise<LabKeys> {
  const key = path.join(sshDir, 'id_ed25519');
  const publicKey = await keygen(key, 'paddock-lab');
  const authorizedKeys = path.join(sshDir, 'authorized_keys');
  await writeFile(authorizedKeys, `${publicKey}\n`, { mode: 0o600 });
  const hostKeys: Record<string, string> = {};
  const known: string[] = [];
  await Promise.all(
    plan.hosts.map(async (h) => {
      const dir = hostDirs[h.name];
      if (!dir) throw new Error(`lab: no folder for host ${h.name}`);
      const file = path.join(dir, 'ssh_host_ed25519_key');
      const pub = await keygen(file, `root@${h.name}`);
      const [type, body] = pub.split(/\s+/);
      hostKeys[h.name] = file;
      // Both the address and the name, so URIs with either verify.
      known.push(`${h.address},${h.name} ${type} ${body}`);
    }),
  );
  const knownHosts = path.join(sshDir, 'known_hosts');
  await writeFile(knownHosts, `${known.sort().join('\n')}\n`, { mode: 0o644 });
  const sshConfig = path.join(sshDir, 'ssh_config');
  await writeFile(
    sshConfig,
    [
      '# Paddock lab: ssh client settings inside the lab hosts (libvirtd p2p migration uses them).',
      'Host *',
      '  User root',
      `  IdentityFile ${key}`,
      `  UserKnownHostsFile ${knownHosts}`,
      '  GlobalKnownHostsFile /dev/null',
      '  StrictHostKeyChecking yes',
      '  BatchMode yes',
      '  ConnectTimeout 5',
      '',
    ].join('\n'),
    { mode: 0o644 },
  );
  return { key, publicKey, authorizedKeys, knownHosts, sshConfig, hostKeys };
}

export function sshdConfig(
  address: string,
  hostKey: string,
  authorizedKeys: string,
  pidFile: string,
): string {
  return [
    '# Paddock lab host sshd',
    'Port 22',
    `ListenAddress ${address}`,
    `HostKey ${hostKey}`,
    `PidFile ${pidFile}`,
    `AuthorizedKeysFile ${authorizedKeys}`,
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'StrictModes no',
    'PrintMotd no',
    'MaxSessions 64',
    'MaxStartups 64:30:128',
    'Subsystem sftp internal-sftp',
    '',
  ].join('\n');
}
