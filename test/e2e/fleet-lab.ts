// Real OpenSSH servers for the fleet end-to-end specs, and a site file that points at them.
// Two security domains: "mgmt" (c1: key login only; hang: a TCP port that never speaks SSH, so a
// connection test stays stuck until cancelled) and "teach" (c2: password login). Started and
// stopped per test with the integration harness (test/integration/harness/sshd.ts); needs root.
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SshdInstance } from '../integration/harness/sshd';
import { startSshd, stopAll } from '../integration/harness/sshd';

/** The password c2 accepts for root (a test value; the sshd runs with its own shadow file). */
export const C2_PASSWORD = 'Teach-Login-Pw-58213';

export interface FleetLab {
  dir: string;
  siteFile: string;
  /** Paddock's data folder for this test (vaults, known hosts, audit log). */
  dataDir: string;
  c1: SshdInstance;
  c2: SshdInstance;
  hangPort: number;
  /** Allow a public key line to log in as root on a host. */
  authorize(host: SshdInstance, publicLine: string): Promise<void>;
  /** Restart c1 on its port with NEW host keys (a re-installed host, or a man in the middle). */
  rekeyC1(): Promise<SshdInstance>;
  stop(): Promise<void>;
}

function siteYaml(c1: number, c2: number, hang: number): string {
  const box = (name: string, domain: string, port: number) =>
    `  - { name: ${name}, domain: ${domain}, address: 127.0.0.1, ssh: { port: ${port} }, hypervisor: libvirt, cpu: { cores: 4 }, memoryGiB: 8, pools: [], networks: [] }`;
  return [
    'version: 1',
    'site: { name: Fleet lab }',
    'domains:',
    '  - { name: mgmt, trust: internal, ssh: { user: root } }',
    '  - { name: teach, trust: education, ssh: { user: root } }',
    'containers:',
    box('c1', 'mgmt', c1),
    box('hang', 'mgmt', hang),
    box('c2', 'teach', c2),
    '',
  ].join('\n');
}

async function silentPort(): Promise<{ server: Server; port: number; socks: Set<Socket> }> {
  const socks = new Set<Socket>();
  const server = createServer((s) => {
    socks.add(s);
    s.on('close', () => socks.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, socks };
}

export async function startFleetLab(): Promise<FleetLab> {
  const dir = await mkdtemp(path.join(tmpdir(), 'paddock-e2e-fleet-'));
  const started: SshdInstance[] = [];
  const hang = await silentPort();
  try {
    const c1 = await startSshd({ name: 'e2e-c1' });
    started.push(c1);
    const c2 = await startSshd({ name: 'e2e-c2', password: C2_PASSWORD, publickey: false });
    started.push(c2);
    const siteFile = path.join(dir, 'site.yaml');
    await writeFile(siteFile, siteYaml(c1.port, c2.port, hang.port));
    const lab: FleetLab = {
      dir,
      siteFile,
      dataDir: path.join(dir, 'paddock-data'),
      c1,
      c2,
      hangPort: hang.port,
      authorize: (host, line) => appendFile(path.join(host.dir, 'authorized_keys'), `${line}\n`),
      async rekeyC1() {
        const old = lab.c1;
        await old.stop();
        const fresh = await startSshd({ name: 'e2e-c1-rekeyed', port: old.port });
        started.push(fresh);
        // Same clients may log in as before: the authorized keys move along.
        await writeFile(
          path.join(fresh.dir, 'authorized_keys'),
          await readFile(path.join(old.dir, 'authorized_keys')),
        );
        lab.c1 = fresh;
        return fresh;
      },
      async stop() {
        for (const s of hang.socks) s.destroy();
        await new Promise<void>((resolve) => hang.server.close(() => resolve()));
        await stopAll(started);
        await rm(dir, { recursive: true, force: true });
      },
    };
    return lab;
  } catch (e) {
    hang.server.close();
    await stopAll(started);
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}
