// The fixtures of the lab spec: everything of ./fixtures.ts, plus `labWorld` (worker scope): the
// real lab of test/lab (network-namespaced hosts with sshd, libvirtd and QEMU guests), started
// once for the spec file through the shared lab holder (a lab a person started with `npm run
// lab` is used and left running), and a private scratch folder with:
//   - a COPY of the lab's site file (the spec accepts drift into it; the lab's own stays as is),
//   - a Paddock data folder holding copies of the lab's vaults (locked: the spec unlocks them in
//     the UI with the lab passphrase) and of the research domain's known hosts only. The
//     teaching host's key is NOT pre-seeded: the spec trusts it in the host-key dialog.
// The handlers (./fixtures.ts `paddock`) open that site with that data folder.
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { domainFile } from '../../core/vault/domain-files';
import { fleetPaths } from '../../electron/handlers/fleet/data-dir';
import { knownHostsDir } from '../lab/paddock-material';
import { doneWithLab, useLab, type LabHandle } from '../lab/use-lab';
import { test as base } from './fixtures';

export interface LabWorld {
  lab: LabHandle;
  /** The copy of the lab's site file that Paddock opens. */
  siteFile: string;
  /** Its text as copied, before the spec changes anything. */
  originalSite: string;
  dataDir: string;
  /** Security domains whose known hosts were copied from the lab. */
  seededDomains: string[];
  /** Remove the scratch folder and release the lab (stopped unless someone else holds it or
   * a person started it). Called by the spec when it is done, and again (harmlessly) when the
   * worker ends. */
  release(): Promise<void>;
}

const SEEDED_DOMAINS = ['research'];

async function prepare(lab: LabHandle): Promise<{ dir: string; world: Omit<LabWorld, 'lab' | 'release'> }> {
  const vaults = lab.state.files?.vault;
  if (!lab.sitePath || !vaults) throw new Error('the lab state names no site file or vault folder');
  const dir = await mkdtemp(path.join(tmpdir(), 'paddock-e2e-lab-'));
  const siteFile = path.join(dir, 'site.yaml');
  await copyFile(lab.sitePath, siteFile);
  const paths = fleetPaths(path.join(dir, 'data'));
  await mkdir(paths.vaults, { recursive: true, mode: 0o700 });
  await mkdir(paths.knownHosts, { recursive: true, mode: 0o700 });
  for (const f of await readdir(vaults)) await copyFile(path.join(vaults, f), path.join(paths.vaults, f));
  for (const d of SEEDED_DOMAINS) {
    await copyFile(
      domainFile(knownHostsDir(lab.stateDir), d, '.json'),
      domainFile(paths.knownHosts, d, '.json'),
    );
  }
  return {
    dir,
    world: {
      siteFile,
      originalSite: await readFile(siteFile, 'utf8'),
      dataDir: paths.root,
      seededDomains: [...SEEDED_DOMAINS],
    },
  };
}

export const test = base.extend<object, { labWorld: LabWorld }>({
  labWorld: [
    // Playwright requires the first argument to be destructured, even when empty.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const lab = await useLab();
      let dir: string | null = null;
      let released: Promise<void> | null = null;
      const release = () =>
        (released ??= (async () => {
          if (dir) await rm(dir, { recursive: true, force: true });
          await doneWithLab();
        })());
      try {
        const shape = lab.hosts.map((h) => h.name).join(',');
        if (shape !== 'lab-h1,lab-h2,lab-h3' || lab.state.options.guestsPerHost !== 2) {
          throw new Error(
            `lab.spec needs the default lab (3 hosts with 2 guests each); the running lab has hosts ${shape} with ${lab.state.options.guestsPerHost} guests each: stop it (npm run lab -- stop) or restart it with the defaults`,
          );
        }
        const p = await prepare(lab);
        dir = p.dir;
        await use({ lab, ...p.world, release });
      } finally {
        await release();
      }
    },
    // Start-up is ~40 s with a cached guest image; the first run also builds the image.
    { scope: 'worker', timeout: 600_000 },
  ],
  siteFile: async ({ labWorld }, use) => use(labWorld.siteFile),
  fleetOptions: async ({ labWorld }, use) =>
    use({ dataDir: labWorld.dataDir, monitorAutoStart: false, pool: { connectTimeoutMs: 20_000 } }),
});

export { expect } from './fixtures';
