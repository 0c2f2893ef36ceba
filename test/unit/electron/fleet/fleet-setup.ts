// Shared set-up for the fleet handler tests: the real handlers (createAppHandlers, as Electron
// main and the loopback server build them) over a temporary data folder and a small site with
// two security domains, every event recorded, and requests sent through `dispatch` exactly as a
// transport sends them. A TCP listener stands in for a container where a test must prove that
// nothing ever connected.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AppHandlers } from '../../../../electron/handlers/app-handlers';
import { createAppHandlers } from '../../../../electron/handlers/create';
import type { AnyEvent } from '../../../../electron/handlers/event-bus';
import type { FleetOptions } from '../../../../electron/handlers/fleet/fleet';
import { pathKeyFiles } from '../../../../electron/handlers/fleet/key-files';
import { MemorySettingsStore } from '../../../../electron/handlers/settings-store';
import { noDialog } from '../../../../electron/handlers/site-dialog';
import { wireClient, type WireClient } from '../wire-client';

export const PASS_MGMT = 'mgmt vault passphrase 1';
export const PASS_TEACH = 'teach vault passphrase 2';

/** Accepts TCP connections and counts them (a container that must never be reached). */
export async function countingListener(): Promise<{
  port: number;
  connections: () => number;
  close(): Promise<void>;
}> {
  let n = 0;
  const server: Server = createServer((sock) => {
    n++;
    sock.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => n,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Accepts TCP connections and never answers (a host that hangs mid-handshake). */
export async function silentListener(): Promise<{ port: number; close(): Promise<void> }> {
  const socks = new Set<Socket>();
  const server: Server = createServer((sock) => {
    socks.add(sock);
    sock.on('close', () => socks.delete(sock));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of socks) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export function siteYaml(ports: { mgmt: number; teach: number }): string {
  return [
    'version: 1',
    'site: { name: fleet-test }',
    'domains:',
    '  - { name: mgmt, ssh: { user: root } }',
    '  - { name: teach, ssh: { user: root } }',
    'containers:',
    `  - { name: mgmt-c1, domain: mgmt, address: 127.0.0.1, ssh: { port: ${ports.mgmt} }, hypervisor: libvirt, cpu: { cores: 4 }, memoryGiB: 8, pools: [], networks: [] }`,
    `  - { name: teach-c1, domain: teach, address: 127.0.0.1, ssh: { port: ${ports.teach} }, hypervisor: libvirt, cpu: { cores: 4 }, memoryGiB: 8, pools: [], networks: [] }`,
    '',
  ].join('\n');
}

export interface FleetSetup extends WireClient {
  dir: string;
  handlers: AppHandlers;
  events: AnyEvent[];
  /** Every wire result sent back, as JSON (what a transport would carry). */
  wire: string[];
  dispose(): Promise<void>;
}

export async function fleetSetup(
  o: { ports?: { mgmt: number; teach: number }; fleet?: Partial<Omit<FleetOptions, 'events' | 'site'>> } = {},
): Promise<FleetSetup> {
  const dir = await mkdtemp(path.join(tmpdir(), 'paddock-fleet-test-'));
  const siteFile = path.join(dir, 'site.yaml');
  await writeFile(siteFile, siteYaml(o.ports ?? { mgmt: 9, teach: 9 }));
  const handlers = createAppHandlers({
    transport: 'loopback',
    version: 'test',
    settings: new MemorySettingsStore(),
    dialog: noDialog,
    fleet: {
      dataDir: path.join(dir, 'data'),
      keyFiles: pathKeyFiles,
      homeDir: dir,
      monitorAutoStart: false,
      pool: { connectTimeoutMs: 3_000 },
      ...o.fleet,
    },
  });
  const events: AnyEvent[] = [];
  const wire: string[] = [];
  handlers.events.subscribe((e) => events.push(e));
  await handlers.openSite(siteFile, 'command-line');
  return {
    dir,
    handlers,
    events,
    wire,
    ...wireClient(
      (name, payload) => handlers.dispatch(name, payload),
      (r) => wire.push(JSON.stringify(r)),
    ),
    async dispose() {
      await handlers.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
