// Drivers for the open site's containers over the fleet's one SSH pool: each container is
// reached with a credential from the vault of its own security domain (locked vault: a clear
// error for that container only), through its domain's jump host, with host keys checked
// against the domain's known hosts (unknown keys are asked about in the UI). The pool writes
// every command to the audit log.
import { createDriver } from '../../../core/drivers/factory';
import type { FleetContext } from '../fleet/fleet-context';
import { findContainer, targetFor, vaultFor } from '../fleet/fleet-targets';
import type { DriverSource } from './live-inventory';

export function fleetDrivers(f: FleetContext): () => Promise<DriverSource> {
  return async () => {
    const core = await f.core();
    const site = f.site();
    return (c) => {
      const ref = findContainer(site, c.name);
      const vault = vaultFor(core.vaults, ref);
      const handle = f.choice.loginHandle(vault);
      return createDriver(c, core.pool.runner(targetFor(ref, vault.domain, handle), handle));
    };
  };
}
