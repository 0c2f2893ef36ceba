// The requests of live discovery, drift and lifecycle actions (inventory.*, drift.*, vm.*),
// built over the fleet's jobs, events and SSH pool. Hosts plug `impl` into AppHandlers beside
// the fleet's requests (../create.ts).
import type { SiteSnapshot } from '../../../core/ipc/contract';
import type { JobManager } from '../../../core/jobs/job-manager';
import type { InventoryRequest, ServiceImpl } from '../app-handlers';
import type { EventBus } from '../event-bus';
import { DriftService } from './drift-service';
import type { DriverSource } from './live-inventory';
import { LiveInventory } from './live-inventory';
import { startVmAction } from './vm-actions';

export interface InventoryOptions {
  events: EventBus;
  jobs: JobManager;
  snapshot(): SiteSnapshot | null;
  reloadSite(): Promise<SiteSnapshot>;
  drivers(): Promise<DriverSource>;
  /** Per-host deadline of a refresh (default 30 s). */
  refreshTimeoutMs?: number;
  /** How long a guest may take to power off (default 120 s). */
  shutdownTimeoutMs?: number;
  pollMs?: number;
}

export interface InventoryModule {
  readonly impl: Pick<ServiceImpl, InventoryRequest>;
  readonly inventory: LiveInventory;
  close(): void;
}

export function createInventory(o: InventoryOptions): InventoryModule {
  const inventory = new LiveInventory({
    events: o.events,
    jobs: o.jobs,
    snapshot: o.snapshot,
    drivers: o.drivers,
    ...(o.refreshTimeoutMs !== undefined ? { timeoutMs: o.refreshTimeoutMs } : {}),
  });
  const drift = new DriftService({ inventory, snapshot: o.snapshot, reloadSite: o.reloadSite });
  let lastPath: string | null = o.snapshot()?.path ?? null;
  const off = o.events.subscribe((e) => {
    if (e.name !== 'site.changed') return;
    if (e.payload.path !== lastPath) drift.clear();
    lastPath = e.payload.path;
    inventory.siteChanged(e.payload);
  });
  const actions = {
    jobs: o.jobs,
    inventory,
    snapshot: o.snapshot,
    drivers: o.drivers,
    ...(o.shutdownTimeoutMs !== undefined ? { shutdownTimeoutMs: o.shutdownTimeoutMs } : {}),
    ...(o.pollMs !== undefined ? { pollMs: o.pollMs } : {}),
  };
  return {
    inventory,
    impl: {
      'inventory.refresh': ({ containers }) => inventory.refresh(containers),
      'inventory.status': async () => inventory.view(),
      'drift.get': async () => drift.report(),
      'drift.preview': ({ accept }) => drift.preview(accept),
      'drift.apply': ({ previewId }) => drift.apply(previewId),
      'vm.action': ({ vm, action }) => startVmAction(actions, vm, action),
    },
    close() {
      off();
      drift.clear();
    },
  };
}
