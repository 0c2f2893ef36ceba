// In-memory hypervisors for the inventory handler tests: one per container of a site, holding
// domains as a driver reports them (built from the site's VMs, so a fresh fake has no drift).
// Tests move, start and stop domains "behind Paddock's back", make hosts slow, failing or
// unreachable (locked vault), and count the commands each host was asked.
import { waitUntilOff } from '../../../../core/drivers/wait-off';
import type { DomainDetails, HypervisorDriver, NodeCapacity } from '../../../../core/drivers/types';
import { PaddockError } from '../../../../core/ipc/contract';
import type { Container, Site } from '../../../../core/model/types';
import type { DriverSource } from '../../../../electron/handlers/inventory/live-inventory';
import { liveOf } from '../../discovery/site-gen';

export type Behaviour = 'ok' | 'slow' | 'fail';

export interface FakeHost {
  domain: string;
  vms: Map<string, DomainDetails>;
  behaviour: Behaviour;
  /** Every call, e.g. "inventory", "start research-vm1". */
  calls: string[];
}

const CAPACITY: NodeCapacity = {
  cpus: 2,
  cpuModel: 'x86_64',
  mhz: 2000,
  sockets: 1,
  coresPerSocket: 2,
  threadsPerCore: 1,
  numaCells: 1,
  memoryMiB: 8000,
  freeMemoryMiB: null,
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class FakeHypervisors {
  readonly hosts = new Map<string, FakeHost>();
  /** Domains whose vault is "locked": building their driver fails as the fleet's does. */
  readonly locked = new Set<string>();
  /** Guests that ignore the ACPI power button. */
  readonly ignoreShutdown = new Set<string>();
  slowMs = 60_000;
  shutdownDelayMs = 30;

  constructor(site: Site) {
    for (const c of site.containers) {
      const vms = site.vms.filter((v) => v.container === c.name).map((v) => liveOf(site, v));
      this.hosts.set(c.name, {
        domain: c.domain,
        vms: new Map(vms.map((d) => [d.name, d])),
        behaviour: 'ok',
        calls: [],
      });
    }
  }

  host(name: string): FakeHost {
    const h = this.hosts.get(name);
    if (!h) throw new Error(`no fake host ${name}`);
    return h;
  }

  /** Move a domain between hosts, as `virsh migrate --undefinesource` would. */
  move(vm: string, from: string, to: string): void {
    const d = this.host(from).vms.get(vm);
    if (!d) throw new Error(`${vm} is not on ${from}`);
    this.host(from).vms.delete(vm);
    this.host(to).vms.set(vm, d);
  }

  setState(host: string, vm: string, state: DomainDetails['state']): void {
    const d = this.host(host).vms.get(vm);
    if (!d) throw new Error(`${vm} is not on ${host}`);
    d.state = state;
    d.rawState = state === 'stopped' ? 'shut off' : state;
  }

  readonly source: DriverSource = (c: Container) => {
    if (this.locked.has(c.domain)) {
      throw new PaddockError(
        'vault-locked',
        `The vault of security domain "${c.domain}" is locked: unlock it to reach ${c.name}`,
      );
    }
    return this.driver(c.name);
  };

  driver(name: string): HypervisorDriver {
    const h = this.host(name);
    const answer = async <T>(call: string, v: () => T): Promise<T> => {
      h.calls.push(call);
      if (h.behaviour === 'slow') await sleep(this.slowMs);
      if (h.behaviour === 'fail') throw new Error(`ssh: connect to ${name} refused`);
      return v();
    };
    const vm = (n: string): DomainDetails => {
      const d = h.vms.get(n);
      if (!d) throw new Error(`error: failed to get domain '${n}'`);
      return d;
    };
    const unsupported = () => Promise.reject(new Error('not in the fake'));
    return {
      kind: 'libvirt',
      target: `${h.domain}/${name}`,
      list: () =>
        answer('list', () =>
          [...h.vms.values()].map((d) => ({ name: d.name, id: d.id, state: d.state, rawState: d.rawState })),
        ),
      inspect: (n) => answer(`inspect ${n}`, () => structuredClone(vm(n))),
      inventory: () => answer('inventory', () => [...h.vms.values()].map((d) => structuredClone(d))),
      capacity: () => answer('capacity', () => ({ ...CAPACITY })),
      start: (n) =>
        answer(`start ${n}`, () => {
          if (vm(n).state === 'running') throw new Error('error: Domain is already active');
          this.setState(name, n, 'running');
        }),
      shutdown: async (n, o) => {
        await answer(`shutdown ${n}`, () => {
          if (vm(n).state !== 'running') throw new Error('error: domain is not running');
          if (!this.ignoreShutdown.has(n)) {
            setTimeout(() => this.setState(name, n, 'stopped'), this.shutdownDelayMs);
          }
        });
        return waitUntilOff(n, async () => vm(n).state, o);
      },
      reboot: (n) => answer(`reboot ${n}`, () => void vm(n)),
      forceOff: (n) =>
        answer(`forceOff ${n}`, () => {
          if (vm(n).state !== 'running') throw new Error('error: domain is not running');
          this.setState(name, n, 'stopped');
        }),
      define: unsupported,
      undefine: unsupported,
      migrate: unsupported,
      console: () => {
        throw new Error('not in the fake');
      },
      jobInfo: unsupported,
      abortJob: unsupported,
    };
  }
}
