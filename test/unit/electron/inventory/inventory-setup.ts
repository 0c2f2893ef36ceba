// Shared set-up for the inventory handler tests: the lab's own site file (as test/lab writes
// it) in a temporary folder, opened by real AppHandlers whose inventory requests are served by
// createInventory over fake hypervisors and a real job manager; requests go through `dispatch`
// exactly as a transport sends them (so the contract's validation runs), every event recorded.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { JobView } from '../../../../core/ipc/contract';
import { JobManager } from '../../../../core/jobs/job-manager';
import type { Site } from '../../../../core/model/types';
import { AppHandlers } from '../../../../electron/handlers/app-handlers';
import type { ServiceImpl } from '../../../../electron/handlers/app-handlers';
import type { AnyEvent } from '../../../../electron/handlers/event-bus';
import { EventBus } from '../../../../electron/handlers/event-bus';
import { jobView } from '../../../../electron/handlers/fleet/views';
import type {
  InventoryModule,
  InventoryOptions,
} from '../../../../electron/handlers/inventory/inventory-handlers';
import { createInventory } from '../../../../electron/handlers/inventory/inventory-handlers';
import { readSiteFile } from '../../../../electron/handlers/site-reader';
import { MemorySettingsStore } from '../../../../electron/handlers/settings-store';
import { noDialog } from '../../../../electron/handlers/site-dialog';
import { DEFAULT_OPTIONS, planLab } from '../../../lab/config';
import { labSiteYaml } from '../../../lab/site-file';
import { wireClient, type WireClient } from '../wire-client';
import { FakeHypervisors } from './fake-hypervisors';

export const LAB_SITE_TEXT = labSiteYaml(planLab({ ...DEFAULT_OPTIONS }), { cpus: 2, memoryMiB: 8000 });

export interface InventorySetup extends WireClient {
  dir: string;
  siteFile: string;
  site: Site;
  fake: FakeHypervisors;
  handlers: AppHandlers;
  module: InventoryModule;
  jobs: JobManager;
  events: AnyEvent[];
  /** The job's last state once it has ended. */
  finished(jobId: string, timeoutMs?: number): Promise<JobView>;
  dispose(): Promise<void>;
}

export async function inventorySetup(
  o: Partial<Pick<InventoryOptions, 'refreshTimeoutMs' | 'shutdownTimeoutMs' | 'pollMs'>> & {
    text?: string;
  } = {},
): Promise<InventorySetup> {
  const dir = await mkdtemp(path.join(tmpdir(), 'paddock-inventory-test-'));
  const siteFile = path.join(dir, 'site.yaml');
  await writeFile(siteFile, o.text ?? LAB_SITE_TEXT);
  const loaded = await readSiteFile(siteFile);
  if (!loaded.site) throw new Error(`test site does not load: ${JSON.stringify(loaded.diagnostics[0])}`);
  const fake = new FakeHypervisors(loaded.site);
  const events = new EventBus();
  const jobs = new JobManager();
  const seen: AnyEvent[] = [];
  events.subscribe((e) => seen.push(e));
  jobs.onUpdate((j) => events.emit('job.updated', jobView(j)));
  let handlers: AppHandlers | null = null;
  const module = createInventory({
    events,
    jobs,
    snapshot: () => handlers?.site ?? null,
    reloadSite: () => (handlers ? handlers.reloadSite() : Promise.reject(new Error('not ready'))),
    drivers: async () => fake.source,
    refreshTimeoutMs: o.refreshTimeoutMs ?? 2_000,
    shutdownTimeoutMs: o.shutdownTimeoutMs ?? 2_000,
    pollMs: o.pollMs ?? 20,
  });
  // Only the inventory's requests are served here; the others answer "unsupported".
  const services = module.impl as Partial<ServiceImpl> as ServiceImpl;
  handlers = new AppHandlers({
    info: { version: 'test', transport: 'loopback', platform: 'test' },
    settings: new MemorySettingsStore(),
    dialog: noDialog,
    readSite: readSiteFile,
    events,
    services,
  });
  const h = handlers;
  await h.openSite(siteFile, 'command-line');
  return {
    dir,
    siteFile,
    site: loaded.site,
    fake,
    handlers: h,
    module,
    jobs,
    events: seen,
    ...wireClient((name, payload) => h.dispatch(name, payload)),
    async finished(jobId, timeoutMs = 10_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const j = jobs.get(jobId);
        if (j && (j.state === 'succeeded' || j.state === 'failed' || j.state === 'cancelled'))
          return jobView(j);
        if (Date.now() > end)
          throw new Error(`job ${jobId} did not end within ${timeoutMs} ms: ${JSON.stringify(j)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async dispose() {
      module.close();
      for (const j of jobs.list()) jobs.cancel(j.id);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
