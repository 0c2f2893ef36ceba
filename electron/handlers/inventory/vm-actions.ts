// Lifecycle actions on a VM (start, shutdown, reboot, force off) as jobs. The VM's container is
// where live discovery last saw it (it may have moved behind Paddock's back), else where the
// site records it; every command goes through the fleet pool, which writes it to the audit
// log. Actions on one VM run one after another. Afterwards the container is read again, so
// the console shows the state the host reports, not the one hoped for.
import type { HypervisorDriver } from '../../../core/drivers/types';
import type { SiteSnapshot, VmAction } from '../../../core/ipc/contract';
import { PaddockError } from '../../../core/ipc/contract';
import type { JobContext, JobManager } from '../../../core/jobs/job-manager';
import type { Container, Site } from '../../../core/model/types';
import { toPaddockError } from '../fleet/fleet-errors';
import type { DriverSource, LiveInventory } from './live-inventory';
import { requireSiteModel } from './live-inventory';

export interface VmActionsDeps {
  jobs: JobManager;
  inventory: LiveInventory;
  snapshot(): SiteSnapshot | null;
  drivers(): Promise<DriverSource>;
  /** How long a guest may take to power off after `shutdown` (default 120 s). */
  shutdownTimeoutMs?: number;
  /** How often its state is asked meanwhile (default 1 s). */
  pollMs?: number;
}

export const ACTION_LABEL: Readonly<Record<VmAction, string>> = {
  start: 'Start',
  shutdown: 'Shut down',
  reboot: 'Reboot',
  forceOff: 'Force off',
};

const DEFAULT_SHUTDOWN_TIMEOUT_MS = 120_000;

/** The container to act on: live truth first (one host has it, or exactly one runs it). */
export function containerForVm(
  site: Site,
  inventory: LiveInventory,
  vm: string,
  action: VmAction,
): Container {
  const recorded = site.vms.find((v) => v.name === vm);
  const found = inventory.locate(vm);
  const up = found.filter((f) => f.state === 'running' || f.state === 'paused');
  let name: string | null;
  if (found.length === 1) name = found[0]?.container ?? null;
  else if (found.length > 1 && action !== 'start' && up.length === 1) name = up[0]?.container ?? null;
  else if (found.length > 1) {
    throw new PaddockError(
      'ambiguous',
      `${vm} is defined on ${found.map((f) => `${f.container} (${f.state})`).join(', ')}: resolve the drift before acting on it`,
    );
  } else if (recorded) name = recorded.container;
  else throw new PaddockError('not-found', `No VM named "${vm}" in the site or on any container read so far`);
  if (name === null) {
    throw new PaddockError(
      'unplaced',
      `${vm} is not placed on any container, so there is nowhere to ${action} it`,
    );
  }
  const c = site.containers.find((x) => x.name === name);
  if (!c)
    throw new PaddockError(
      'not-found',
      `${vm} is recorded on "${name}", which is not a container of the site`,
    );
  return c;
}

export async function startVmAction(
  deps: VmActionsDeps,
  vm: string,
  action: VmAction,
): Promise<{ jobId: string; container: string }> {
  const { site } = requireSiteModel(deps.snapshot());
  const c = containerForVm(site, deps.inventory, vm, action);
  // Built now, so a locked vault is the answer to this request rather than a failed job.
  let driver: HypervisorDriver;
  try {
    driver = (await deps.drivers())(c);
  } catch (e) {
    throw toPaddockError(e);
  }
  const job = deps.jobs.start(
    { kind: `vm.${action}`, title: `${ACTION_LABEL[action]} ${vm} on ${c.name}`, lockKey: `vm:${vm}` },
    (ctx) => runAction(deps, driver, c, vm, action, ctx),
  );
  return { jobId: job.id, container: c.name };
}

async function runAction(
  deps: VmActionsDeps,
  driver: HypervisorDriver,
  c: Container,
  vm: string,
  action: VmAction,
  ctx: JobContext,
): Promise<void> {
  if (ctx.signal.aborted) throw ctx.signal.reason;
  ctx.progress(0.05, `${ACTION_LABEL[action]}: asking ${c.name}…`);
  try {
    switch (action) {
      case 'start':
        await driver.start(vm);
        break;
      case 'reboot':
        await driver.reboot(vm);
        break;
      case 'forceOff':
        await driver.forceOff(vm);
        break;
      case 'shutdown':
        await shutdown(deps, driver, vm, ctx);
        break;
    }
  } catch (e) {
    if (ctx.signal.aborted) throw e;
    throw toPaddockError(e);
  }
  ctx.progress(0.9, `Reading the state of ${vm} on ${c.name}…`);
  await deps.inventory.refresh([c.name]).catch(() => undefined);
  const now = deps.inventory.locate(vm).find((l) => l.container === c.name);
  ctx.progress(1, now ? `${vm} is ${now.state} on ${c.name}` : `${ACTION_LABEL[action]} ${vm}: done`);
}

async function shutdown(
  deps: VmActionsDeps,
  driver: HypervisorDriver,
  vm: string,
  ctx: JobContext,
): Promise<void> {
  const timeoutMs = deps.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const t0 = Date.now();
  // The driver polls on its own; this only keeps the progress bar honest meanwhile.
  const ticker = setInterval(() => {
    const s = Math.round((Date.now() - t0) / 1000);
    ctx.progress(
      Math.min(0.85, 0.1 + (0.75 * (Date.now() - t0)) / timeoutMs),
      `Waiting for ${vm} to power off (${s} s of at most ${Math.round(timeoutMs / 1000)} s)…`,
    );
  }, 1000);
  try {
    const r = await driver
      .shutdown(vm, { timeoutMs, pollMs: deps.pollMs ?? 1000, signal: ctx.signal })
      .catch((e: unknown) => {
        if (ctx.signal.aborted)
          ctx.log(`Stopped waiting: ${vm} was asked to shut down and may still be doing so`);
        throw e;
      });
    if (r.timedOut) {
      throw new PaddockError(
        'timeout',
        `${vm} was still ${r.state} ${Math.round(r.elapsedMs / 1000)} s after the shutdown request: the guest may ignore it (force off if it must stop)`,
      );
    }
  } finally {
    clearInterval(ticker);
  }
}
