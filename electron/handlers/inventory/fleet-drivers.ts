// Drivers for the open site's containers over the fleet's one SSH pool: each container is
// reached with the credentials of the vault of its own security domain (locked vault: a clear
// error for that container only; refused credential: the next one is tried), through its
// domain's jump host, with host keys checked against the domain's known hosts (unknown keys
// are asked about in the UI). The pool writes every command to the audit log.
import { createDriver } from '../../../core/drivers/factory';
import { credentialRunner } from '../fleet/credential-runner';
import type { FleetContext } from '../fleet/fleet-context';
import { findContainer, vaultFor } from '../fleet/fleet-targets';
import type { DriverSource } from './live-inventory';

export function fleetDrivers(f: FleetContext): () => Promise<DriverSource> {
  return async () => {
    const core = await f.core();
    const site = f.site();
    return (c) => {
      const ref = findContainer(site, c.name);
      // Fails now, with the container's own error, when its vault is locked or empty.
      f.choice.loginHandles(vaultFor(core.vaults, ref));
      return createDriver(c, credentialRunner(core.pool, core.vaults, f.choice, ref));
    };
  };
}
