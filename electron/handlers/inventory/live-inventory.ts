// The live inventory main keeps for the open site: each container's last refresh (status, age,
// error, capacity, domains), refreshed concurrently through core/discovery. A refresh runs as a
// job (progress per container, cancel); a container already being read is not asked twice, one
// slow or dead host never holds up the others, and each host's answer is announced as it lands
// (inventory.updated), so the UI shows "updated 3 s ago" or the host's own error per container.
import { refreshInventory } from '../../../core/discovery/refresh';
import type { HostSnapshot, Inventory } from '../../../core/discovery/types';
import type { HypervisorDriver } from '../../../core/drivers/types';
import type { InventoryView, LiveHostView, SiteSnapshot } from '../../../core/ipc/contract';
import { PaddockError } from '../../../core/ipc/contract';
import type { JobContext, JobManager } from '../../../core/jobs/job-manager';
import type { Container, Site, VmState } from '../../../core/model/types';
import type { EventBus } from '../event-bus';
import { liveHostView, neverSnapshot } from './live-views';

/** The driver of a container, over the fleet pool with its domain's credential; throws (e.g.
 * "vault locked") when the container cannot be reached at all. */
export type DriverSource = (container: Container) => HypervisorDriver;

export interface LiveInventoryDeps {
  events: EventBus;
  jobs: JobManager;
  snapshot(): SiteSnapshot | null;
  /** Drivers for the open site's containers (opens the fleet on first use). */
  drivers(): Promise<DriverSource>;
  /** Deadline per host (default 30 s). */
  timeoutMs?: number;
  now?: () => number;
}

/** Where a VM was found, on hosts whose last refresh succeeded. */
export interface LiveLocation {
  container: string;
  state: VmState;
}

export const DEFAULT_REFRESH_TIMEOUT_MS = 30_000;

/** The open site's model, or a clear error when there is none or it did not load. */
export function requireSiteModel(snap: SiteSnapshot | null): { snap: SiteSnapshot; site: Site } {
  if (!snap) throw new PaddockError('no-site', 'No site is open, so there are no containers to read');
  if (!snap.site) {
    throw new PaddockError(
      'site-invalid',
      `${snap.fileName} did not load (see its problems), so its containers are not known`,
    );
  }
  return { snap, site: snap.site };
}

const sameMachine = (a: Container, b: Container): boolean =>
  a.domain === b.domain && a.address === b.address && a.ssh.port === b.ssh.port && a.uri === b.uri;

export class LiveInventory {
  private readonly hosts = new Map<string, HostSnapshot>();
  private readonly inFlight = new Map<string, Promise<HostSnapshot>>();
  /** Bumped when another site is opened: late answers about the old site's hosts are dropped. */
  private generation = 0;
  private sitePath: string | null = null;
  private containers = new Map<string, Container>();
  private lastRefreshAt: number | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: LiveInventoryDeps) {
    this.now = deps.now ?? Date.now;
    this.siteChanged(deps.snapshot());
  }

  /** Follow the open site: another file drops everything; a reload keeps the data of
   * containers that are still the same machines. */
  siteChanged(snap: SiteSnapshot | null): void {
    const next = new Map((snap?.site?.containers ?? []).map((c) => [c.name, c]));
    if (snap?.path !== this.sitePath) {
      this.generation++;
      this.hosts.clear();
      this.inFlight.clear();
      this.lastRefreshAt = null;
    } else {
      for (const name of [...this.hosts.keys()]) {
        const before = this.containers.get(name);
        const after = next.get(name);
        if (!before || !after || !sameMachine(before, after)) this.hosts.delete(name);
      }
    }
    this.sitePath = snap?.path ?? null;
    this.containers = next;
    this.emit(this.hostViews(), true);
  }

  view(): InventoryView {
    return {
      hosts: this.hostViews(),
      refreshing: this.inFlight.size > 0,
      lastRefreshAt: this.lastRefreshAt === null ? null : new Date(this.lastRefreshAt).toISOString(),
    };
  }

  /** What core/discovery reconciles: the hosts that have been read at least once. */
  inventory(): Inventory {
    const hosts = Object.fromEntries([...this.hosts].filter(([, h]) => h.status !== 'never'));
    const t = this.lastRefreshAt ?? 0;
    return { hosts, startedAt: t, finishedAt: t };
  }

  /** Whether any container of the open site has been read (successfully or not). */
  get hasData(): boolean {
    return this.hosts.size > 0;
  }

  /** The containers whose last refresh succeeded and that list this VM. */
  locate(vm: string): LiveLocation[] {
    const out: LiveLocation[] = [];
    for (const h of this.hosts.values()) {
      if (h.status !== 'ok') continue;
      const d = h.vms.find((x) => x.name === vm);
      if (d) out.push({ container: h.container, state: d.state });
    }
    return out;
  }

  /** Read these containers (default all of the open site) as one job; resolves when every
   * host has answered, failed or timed out (or the job was cancelled). */
  async refresh(names?: readonly string[]): Promise<InventoryView> {
    const { site } = requireSiteModel(this.deps.snapshot());
    const wanted = names ? [...new Set(names)] : site.containers.map((c) => c.name);
    const unknown = wanted.filter((n) => !site.containers.some((c) => c.name === n));
    if (unknown.length) {
      throw new PaddockError(
        'not-found',
        `No container named ${unknown
          .slice(0, 5)
          .map((n) => `"${n}"`)
          .join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''} in the site`,
      );
    }
    if (wanted.length === 0) return this.view();
    const job = this.deps.jobs.start(
      {
        kind: 'inventory.refresh',
        title:
          wanted.length === 1
            ? `Read live state of ${wanted[0]}`
            : `Read live state of ${wanted.length} containers`,
      },
      (ctx) => this.runRefresh(site, wanted, ctx),
    );
    // The job records a failure (hosts that could not be read); the answer is the inventory.
    await job.done.catch(() => undefined);
    return this.view();
  }

  private async runRefresh(site: Site, names: readonly string[], ctx: JobContext): Promise<void> {
    const generation = this.generation;
    ctx.progress(0, 'Opening the vaults and connections…');
    const drivers = await this.deps.drivers();
    const failed: string[] = [];
    let done = 0;
    const answers = names.map((name) => {
      const running = this.inFlight.get(name);
      const p =
        running ??
        this.readHost(site, name, drivers).finally(() => {
          if (this.inFlight.get(name) === p) this.inFlight.delete(name);
        });
      if (!running) this.inFlight.set(name, p);
      return p.then((snap): HostSnapshot => {
        done++;
        if (snap.status !== 'ok') failed.push(snap.error ?? `${name}: ${snap.status}`);
        ctx.progress(
          done / names.length,
          snap.status === 'ok'
            ? `${name}: ${snap.vms.length} VM(s) in ${(snap.durationMs / 1000).toFixed(1)} s`
            : (snap.error ?? `${name}: ${snap.status}`),
        );
        if (generation === this.generation) this.emit([this.hostView(name)], false);
        return snap;
      });
    });
    this.emit(
      names.map((n) => this.hostView(n)),
      false,
    );
    const snaps = await untilAllOrAborted(Promise.all(answers), ctx.signal);
    if (failed.length) {
      throw new Error(
        `${failed.length} of ${names.length} container(s) could not be read: ${failed.slice(0, 3).join('; ')}${failed.length > 3 ? '; …' : ''}`,
      );
    }
    const vms = snaps.reduce((n, x) => n + x.vms.length, 0);
    ctx.progress(1, `Read ${names.length} container(s): ${vms} VM(s)`);
  }

  private async readHost(site: Site, name: string, drivers: DriverSource): Promise<HostSnapshot> {
    const generation = this.generation;
    const previous = this.hosts.get(name);
    const inv = await refreshInventory(site, drivers, {
      containers: [name],
      previous: previous ? { hosts: { [name]: previous }, startedAt: 0, finishedAt: 0 } : undefined,
      timeoutMs: this.deps.timeoutMs ?? DEFAULT_REFRESH_TIMEOUT_MS,
      now: this.now,
    });
    const snap = inv.hosts[name];
    if (!snap) throw new Error(`${name}: no answer from discovery`);
    if (generation === this.generation) {
      this.hosts.set(name, snap);
      this.lastRefreshAt = this.now();
    }
    return snap;
  }

  private hostView(name: string): LiveHostView {
    const c = this.containers.get(name);
    const snap = this.hosts.get(name) ?? neverSnapshot(name, c?.domain ?? '');
    return liveHostView(snap, this.inFlight.has(name));
  }

  private hostViews(): LiveHostView[] {
    return [...this.containers.keys()].map((n) => this.hostView(n));
  }

  private emit(hosts: LiveHostView[], replace: boolean): void {
    const v = this.view();
    this.deps.events.emit('inventory.updated', {
      hosts,
      replace,
      refreshing: v.refreshing,
      lastRefreshAt: v.lastRefreshAt,
    });
  }
}

/** Wait for the work, or stop waiting when the job is cancelled (hosts still answering are
 * recorded when they do: their answer is the truth). */
function untilAllOrAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
