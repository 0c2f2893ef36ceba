// The guard route keeps lab traffic on this machine: with `unreachable 10.200.0.0/16` in the
// main table, a packet for a lab address whose bridge is missing is dropped instead of leaving
// by the default route. The more specific route of the lab bridge still wins while it exists.
import { LAB_BRIDGE, LAB_RANGE } from './config';
import { run, tryRun } from './exec';

/** An address inside the lab range that no lab ever assigns: must always be unreachable. */
const PROBE_OUTSIDE = '10.200.255.254';

interface RouteEntry {
  type?: string;
  dst?: string;
  dev?: string;
}

async function routesFor(prefix: string): Promise<RouteEntry[]> {
  const out = await run(['ip', '-j', 'route', 'show', 'table', 'main', 'exact', prefix]);
  const parsed: unknown = JSON.parse(out.trim() || '[]');
  return Array.isArray(parsed) ? (parsed as RouteEntry[]) : [];
}

export async function guardRoutePresent(): Promise<boolean> {
  return (await routesFor(LAB_RANGE)).some((r) => r.type === 'unreachable');
}

/** Install the guard route if missing. Resolves `owned: true` when this call added it. */
export async function installGuardRoute(): Promise<{ owned: boolean }> {
  const existing = await routesFor(LAB_RANGE);
  if (existing.some((r) => r.type === 'unreachable')) return { owned: false };
  if (existing.length) {
    throw new Error(
      `lab: refusing to run: ${LAB_RANGE} already has a route that is not "unreachable" (${JSON.stringify(existing)}); lab traffic could leave the machine`,
    );
  }
  const add = await tryRun(['ip', 'route', 'add', 'unreachable', LAB_RANGE]);
  // Another lab may have added it between our check and our add: then it is not ours.
  if (add.code !== 0 && !/File exists/i.test(add.stderr)) {
    throw new Error(`lab: could not add the guard route "unreachable ${LAB_RANGE}": ${add.stderr.trim()}`);
  }
  await verifyGuardRoute();
  return { owned: add.code === 0 };
}

/** Refuse to go on unless the guard route is in place and the lab range does not leave by the
 * default route. With `bridgeUp`, also check lab addresses go to the lab bridge. */
export async function verifyGuardRoute(labAddress?: string): Promise<void> {
  if (!(await guardRoutePresent())) {
    throw new Error(`lab: refusing to run: the guard route "unreachable ${LAB_RANGE}" is missing`);
  }
  const probe = await tryRun(['ip', 'route', 'get', PROBE_OUTSIDE]);
  if (probe.code === 0 && !/unreachable/.test(probe.stdout)) {
    throw new Error(
      `lab: refusing to run: ${PROBE_OUTSIDE} is routable (${probe.stdout.trim()}); lab traffic could leave the machine`,
    );
  }
  if (labAddress) {
    const r = await run(['ip', 'route', 'get', labAddress]);
    if (!r.includes(`dev ${LAB_BRIDGE}`)) {
      throw new Error(`lab: ${labAddress} does not route through ${LAB_BRIDGE}: ${r.trim()}`);
    }
  }
}

/** Remove the guard route unless another lab on this machine still has routes inside the
 * range (it would then lose its protection). Resolves whether the route was removed. */
export async function removeGuardRoute(): Promise<boolean> {
  const out = await run(['ip', '-j', 'route', 'show', 'table', 'main', 'root', LAB_RANGE]);
  const inside = (JSON.parse(out.trim() || '[]') as RouteEntry[]).filter((r) => r.type !== 'unreachable');
  if (inside.length) return false;
  const r = await tryRun(['ip', 'route', 'del', 'unreachable', LAB_RANGE]);
  if (r.code !== 0 && !/No such process|not found/i.test(r.stderr)) {
    throw new Error(`lab: could not remove the guard route: ${r.stderr.trim()}`);
  }
  return true;
}
