// The one kind of window Paddock opens: sandboxed, context-isolated, no Node, web security on,
// loaded only from app://paddock/, unable to navigate elsewhere or open other windows.
import { BrowserWindow } from 'electron';
import type { WebContents } from 'electron';
import { APP_INDEX_URL, isAppUrl } from '../shared/app-origin';
import type { ElectronSettings, WindowBounds } from './settings';

export interface WindowOptions {
  preload: string;
  icon?: string;
  settings: ElectronSettings;
  devTools: boolean;
}

/** Refuse navigation, new windows and <webview>; main.ts applies it to every web contents created. */
export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (e, url) => {
    // A reload of our own page is fine; anything else is refused.
    if (!isAppUrl(url)) e.preventDefault();
  });
  contents.on('will-redirect', (e) => e.preventDefault());
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function createMainWindow(o: WindowOptions): BrowserWindow {
  const saved = o.settings.windowBounds();
  const win = new BrowserWindow({
    width: saved?.width ?? 1440,
    height: saved?.height ?? 900,
    ...(saved?.x !== undefined && saved.y !== undefined ? { x: saved.x, y: saved.y } : {}),
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Paddock',
    ...(o.icon ? { icon: o.icon } : {}),
    webPreferences: {
      preload: o.preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: o.devTools,
    },
  });
  // hardenContents already ran for win.webContents: main.ts applies it to every web contents
  // as it is created (app 'web-contents-created').
  if (saved?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const b = win.getNormalBounds();
    const bounds: WindowBounds = {
      x: b.x,
      y: b.y,
      width: b.width,
      height: b.height,
      maximized: win.isMaximized(),
    };
    o.settings.setWindowBounds(bounds);
  });
  void win.loadURL(APP_INDEX_URL);
  return win;
}
