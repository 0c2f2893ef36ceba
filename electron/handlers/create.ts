// The handlers as both hosts build them: Electron main (transport "electron") and the loopback
// server (transport "loopback") differ only in their settings store, dialogs, data folder and
// keyring.
import type { AppInfo } from '../../core/ipc/contract';
import { AppHandlers } from './app-handlers';
import { EventBus } from './event-bus';
import type { FleetOptions } from './fleet/fleet';
import { createFleet } from './fleet/fleet';
import { fleetDrivers } from './inventory/fleet-drivers';
import type { InventoryOptions } from './inventory/inventory-handlers';
import { createInventory } from './inventory/inventory-handlers';
import { createPlanner } from './planner/planner-handlers';
import type { SettingsStore } from './settings-store';
import type { SiteDialog } from './site-dialog';
import { readSiteFile } from './site-reader';

export interface HostOptions {
  transport: AppInfo['transport'];
  version: string;
  settings: SettingsStore;
  dialog: SiteDialog;
  /** Fleet access (vaults, SSH, audit, monitoring): data folder, keyring, key-file dialogs. */
  fleet?: Omit<FleetOptions, 'events' | 'site'>;
  /** Live discovery and lifecycle actions: timeouts (tests use short ones). */
  inventory?: Pick<InventoryOptions, 'refreshTimeoutMs' | 'shutdownTimeoutMs' | 'pollMs'>;
}

export function createAppHandlers(o: HostOptions): AppHandlers {
  const events = new EventBus();
  // The fleet reads the site the handlers have open; `handlers` exists by the time it asks.
  let handlers: AppHandlers | null = null;
  const fleet = createFleet({
    onWarning: (message) => events.emit('app.error', { message }),
    ...o.fleet,
    events,
    site: () => handlers?.site?.site ?? null,
  });
  const inventory = createInventory({
    ...o.inventory,
    events,
    jobs: fleet.context.jobs,
    snapshot: () => handlers?.site ?? null,
    reloadSite: () =>
      handlers ? handlers.reloadSite() : Promise.reject(new Error('the handlers are not ready')),
    drivers: fleetDrivers(fleet.context),
  });
  const planner = createPlanner({
    events,
    snapshot: () => handlers?.site ?? null,
    // A version the planner wrote: main chose the path, as with the open dialog.
    openSite: (file) =>
      handlers ? handlers.openSite(file, 'dialog') : Promise.reject(new Error('the handlers are not ready')),
  });
  handlers = new AppHandlers({
    info: { version: o.version, transport: o.transport, platform: process.platform },
    settings: o.settings,
    dialog: o.dialog,
    readSite: readSiteFile,
    events,
    services: { ...fleet.impl, ...inventory.impl, ...planner.impl },
    onUserAction: () => fleet.noteUserActivity(),
    onClose: () => {
      planner.close();
      inventory.close();
      return fleet.close();
    },
  });
  return handlers;
}
