// The handlers as both hosts build them: Electron main (transport "electron") and the loopback
// server (transport "loopback") differ only in their settings store and dialog.
import type { AppInfo } from '../../core/ipc/contract';
import { AppHandlers } from './app-handlers';
import type { SettingsStore } from './settings-store';
import type { SiteDialog } from './site-dialog';
import { readSiteFile } from './site-reader';

export interface HostOptions {
  transport: AppInfo['transport'];
  version: string;
  settings: SettingsStore;
  dialog: SiteDialog;
}

export function createAppHandlers(o: HostOptions): AppHandlers {
  return new AppHandlers({
    info: { version: o.version, transport: o.transport, platform: process.platform },
    settings: o.settings,
    dialog: o.dialog,
    readSite: readSiteFile,
  });
}
