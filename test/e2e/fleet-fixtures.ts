// The fixture of the fleet specs: everything of ./fixtures.ts, plus `lab` (real sshd hosts and a
// site pointing at them, per test; ./fleet-lab.ts). The handlers open that site, keep their data
// in the lab's data folder (specs scan it), read key files by path (tests only) and do not
// start access monitoring by themselves (specs start it when they look at it).
import type { HostOptions } from '../../electron/handlers/create';
import { pathKeyFiles } from '../../electron/handlers/fleet/key-files';
import type { FleetLab } from './fleet-lab';
import { startFleetLab } from './fleet-lab';
import { test as base } from './fixtures';

/** Fleet access of the handlers for specs against sshd servers they start (also otp.spec). */
export const sshdFleetOptions = (dataDir: string): HostOptions['fleet'] => ({
  dataDir,
  keyFiles: pathKeyFiles,
  monitorAutoStart: false,
  pool: { connectTimeoutMs: 15_000 },
});

export const test = base.extend<{ lab: FleetLab }>({
  // Playwright requires the first argument to be destructured, even when empty.
  // eslint-disable-next-line no-empty-pattern
  lab: async ({}, use) => {
    const lab = await startFleetLab();
    try {
      await use(lab);
    } finally {
      await lab.stop();
    }
  },
  siteFile: async ({ lab }, use) => use(lab.siteFile),
  fleetOptions: async ({ lab }, use) => use(sshdFleetOptions(lab.dataDir)),
});

export { expect } from './fixtures';
