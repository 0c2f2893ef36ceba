// The application menu: File (open site, reload, recent sites, quit) and View (theme, find,
// devtools in development only). Menu actions have no request to answer, so their errors are
// reported with reportError (native box + app.error), never swallowed.
import { Menu, app } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import type { AppHandlers } from '../handlers/app-handlers';
import { reportError } from './dialogs';

export interface MenuOptions {
  handlers: AppHandlers;
  devTools: boolean;
}

export function buildMenu({ handlers, devTools }: MenuOptions): Menu {
  const run = (title: string, action: () => Promise<unknown>) => () => {
    action().catch((e: unknown) => reportError(handlers, title, e));
  };
  const recent = handlers.settings().recentSites;
  const isMac = process.platform === 'darwin';

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      {
        label: 'Open Site…',
        accelerator: 'CmdOrCtrl+O',
        click: run('Cannot open the site', () => handlers.openWithDialog()),
      },
      {
        label: 'Reload Site',
        accelerator: 'CmdOrCtrl+R',
        enabled: handlers.site !== null,
        click: run('Cannot reload the site', () => handlers.reloadSite()),
      },
      {
        label: 'Open Recent',
        enabled: recent.length > 0,
        submenu: recent.map((p) => ({
          label: p,
          click: run(`Cannot open ${p}`, () => handlers.openSite(p, 'recent')),
        })),
      },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit', label: 'Quit Paddock' },
    ],
  };

  const devItems: MenuItemConstructorOptions[] = devTools
    ? [{ type: 'separator' }, { role: 'toggleDevTools' }]
    : [];
  const macApp: MenuItemConstructorOptions[] = isMac
    ? [{ label: app.name, submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'quit' }] }]
    : [];

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      {
        label: 'Find',
        accelerator: 'CmdOrCtrl+F',
        click: () => handlers.events.emit('menu.command', { command: 'focus-search' }),
      },
      {
        label: 'Toggle Theme',
        accelerator: 'CmdOrCtrl+Shift+L',
        click: () => handlers.events.emit('menu.command', { command: 'toggle-theme' }),
      },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { role: 'togglefullscreen' },
      ...devItems,
    ],
  };

  const template: MenuItemConstructorOptions[] = [
    ...macApp,
    file,
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
