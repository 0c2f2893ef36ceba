// The real handlers (createAppHandlers, as Electron main and the loopback server build them)
// with a copy of the project's example site open, from a temporary folder of its own, so a test
// may write new versions beside it.
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SiteSnapshot } from '../../../core/ipc/contract';
import type { AppHandlers } from '../../../electron/handlers/app-handlers';
import { createAppHandlers } from '../../../electron/handlers/create';
import { MemorySettingsStore } from '../../../electron/handlers/settings-store';
import { noDialog } from '../../../electron/handlers/site-dialog';
import { EXAMPLE_SITE } from '../../../electron/shared/paths';

export interface ExampleSiteHandlers {
  dir: string;
  siteFile: string;
  handlers: AppHandlers;
  /** The site as the handlers opened it. */
  snapshot: SiteSnapshot;
  /** Close the handlers and remove the folder. */
  dispose(): Promise<void>;
}

/** `prefix` names the temporary folder (e.g. after the test file); `source` is the site copied. */
export async function openExampleSite(prefix: string, source = EXAMPLE_SITE): Promise<ExampleSiteHandlers> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  const siteFile = path.join(dir, path.basename(source));
  await copyFile(source, siteFile);
  const handlers = createAppHandlers({
    transport: 'loopback',
    version: 'test',
    settings: new MemorySettingsStore(),
    dialog: noDialog,
  });
  const snapshot = await handlers.openSite(siteFile, 'command-line');
  return {
    dir,
    siteFile,
    handlers,
    snapshot,
    async dispose() {
      await handlers.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
