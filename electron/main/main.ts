// Electron main: app lifecycle. `paddock [--site FILE]` opens FILE, else the bundled example
// site. Main owns all state through the handlers (electron/handlers); windows only reach it
// through the contract (ipc.ts) and load only app://paddock/ (protocol.ts).
import { Menu, app, session } from 'electron';
import type { BrowserWindow } from 'electron';
import { createAppHandlers } from '../handlers/create';
import { parseHostArgs } from '../shared/args';
import { electronSiteDialog, reportError } from './dialogs';
import { registerIpc } from './ipc';
import { buildMenu } from './menu';
import { lockDownSession, registerAppScheme, serveRenderer } from './protocol';
import { appResources } from './resources';
import { ElectronSettings } from './settings';
import { createMainWindow, hardenContents } from './window';
import { electronKeyFiles } from './key-file-dialog';
import { electronKeyring } from './safe-storage';

// Every renderer sandboxed, whatever a BrowserWindow asks for.
app.enableSandbox();
registerAppScheme();

const devTools = !app.isPackaged;
let mainWindow: BrowserWindow | null = null;
const ourWindows = (): BrowserWindow[] => (mainWindow && !mainWindow.isDestroyed() ? [mainWindow] : []);

// Any web contents created anywhere (including ones we did not expect) gets the same limits.
app.on('web-contents-created', (_e, contents) => hardenContents(contents));

async function start(): Promise<void> {
  const res = appResources();
  let site: string;
  try {
    site = parseHostArgs(process.argv.slice(1), false).site ?? res.exampleSite;
  } catch (e) {
    console.error(`paddock: ${(e as Error).message}`);
    site = res.exampleSite;
  }

  lockDownSession(session.defaultSession);
  serveRenderer(res.rendererDir);

  const settings = new ElectronSettings();
  const handlers = createAppHandlers({
    transport: 'electron',
    version: app.getVersion(),
    settings,
    dialog: electronSiteDialog(() => mainWindow),
    // Vaults, known hosts and the audit log live with the user's other Paddock data.
    fleet: {
      dataDir: app.getPath('userData'),
      keyring: electronKeyring(),
      keyFiles: electronKeyFiles(() => mainWindow),
    },
  });
  // Connections closed, monitoring stopped and every vault locked before Paddock exits.
  let closing = false;
  app.on('will-quit', (e) => {
    if (closing) return;
    closing = true;
    e.preventDefault();
    void handlers
      .close()
      .catch((err: unknown) => console.error('paddock: shutting down fleet access failed:', err))
      .finally(() => app.quit());
  });
  registerIpc(handlers, ourWindows);

  const refreshMenu = () => Menu.setApplicationMenu(buildMenu({ handlers, devTools }));
  handlers.events.subscribe((e) => {
    if (e.name === 'site.changed') refreshMenu();
  });
  refreshMenu();

  const openWindow = () => {
    mainWindow = createMainWindow({ preload: res.preload, icon: res.icon, settings, devTools });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };
  openWindow();
  app.on('activate', () => {
    if (!mainWindow) openWindow();
  });

  // The site is opened once the window exists, so a load error can be shown in it as well.
  await handlers
    .openSite(site, 'command-line')
    .catch((e: unknown) => reportError(handlers, 'Cannot open the site', e));
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app
  .whenReady()
  .then(start, (e: unknown) => {
    console.error('paddock: Electron failed to start:', e);
    app.exit(1);
  })
  .catch((e: unknown) => {
    console.error('paddock: start-up failed:', e);
    app.exit(1);
  });
