// Refresh the live inventory: every container is asked at once (capacity + domains with their
// details); each has its own deadline, so a slow or dead host never holds up the others. A
// failed host keeps its previous data with its age, and says why it failed.
import type { HypervisorDriver } from '../drivers/types';
import type { Container, Site } from '../model/types';
import type { HostSnapshot, Inventory } from './types';

export interface RefreshOptions {
  /** Deadline per host (default 20 s). */
  timeoutMs?: number;
  /** Only these containers (default: all of the site). */
  containers?: readonly string[];
  /** The previous inventory: failed hosts keep its data. */
  previous?: Inventory;
  /** Called as each host finishes, for progress in the UI. */
  onHost?: (snapshot: HostSnapshot) => void;
  now?: () => number;
}

class Deadline extends Error {}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Deadline(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export async function refreshHost(
  container: Container,
  driver: HypervisorDriver,
  previous: HostSnapshot | undefined,
  timeoutMs: number,
  now: () => number = Date.now,
): Promise<HostSnapshot> {
  const t0 = now();
  try {
    const [capacity, vms] = await withDeadline(
      Promise.all([driver.capacity(), driver.inventory()]),
      timeoutMs,
    );
    const t1 = now();
    return {
      container: container.name,
      domain: container.domain,
      status: 'ok',
      error: null,
      refreshedAt: t1,
      attemptedAt: t1,
      durationMs: t1 - t0,
      capacity,
      vms,
    };
  } catch (e) {
    const t1 = now();
    const message = e instanceof Error ? e.message : String(e);
    return {
      container: container.name,
      domain: container.domain,
      status: e instanceof Deadline ? 'timeout' : 'error',
      error: `${container.name}: ${message}`,
      refreshedAt: previous?.refreshedAt ?? null,
      attemptedAt: t1,
      durationMs: t1 - t0,
      capacity: previous?.capacity ?? null,
      vms: previous?.vms ?? [],
    };
  }
}

export async function refreshInventory(
  site: Site,
  driverFor: (container: Container) => HypervisorDriver,
  options: RefreshOptions = {},
): Promise<Inventory> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const wanted = options.containers ? new Set(options.containers) : null;
  const containers = site.containers.filter((c) => !wanted || wanted.has(c.name));
  // Previous data of containers still in the site (removed containers are dropped).
  const hosts: Record<string, HostSnapshot> = Object.fromEntries(
    Object.entries(options.previous?.hosts ?? {}).filter(([name]) =>
      site.containers.some((c) => c.name === name),
    ),
  );
  await Promise.all(
    containers.map(async (c) => {
      let driver: HypervisorDriver;
      const previous = options.previous?.hosts[c.name];
      try {
        driver = driverFor(c);
      } catch (e) {
        const t = now();
        hosts[c.name] = {
          container: c.name,
          domain: c.domain,
          status: 'error',
          error: `${c.name}: ${e instanceof Error ? e.message : String(e)}`,
          refreshedAt: previous?.refreshedAt ?? null,
          attemptedAt: t,
          durationMs: 0,
          capacity: previous?.capacity ?? null,
          vms: previous?.vms ?? [],
        };
        options.onHost?.(hosts[c.name] as HostSnapshot);
        return;
      }
      const snap = await refreshHost(c, driver, previous, options.timeoutMs ?? 20_000, now);
      hosts[c.name] = snap;
      options.onHost?.(snap);
    }),
  );
  return { hosts, startedAt, finishedAt: now() };
}
