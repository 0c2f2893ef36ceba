// Native dialogs: the open-site file picker the handlers ask for, and error boxes for failures
// that have no request to answer (menu actions, start-up). Errors are shown, never swallowed.
import { BrowserWindow, dialog } from 'electron';
import type { OpenDialogOptions } from 'electron';
import type { AppHandlers } from '../handlers/app-handlers';
import type { SiteDialog } from '../handlers/site-dialog';
import { toWireError } from '../handlers/wire';

export function electronSiteDialog(parent: () => BrowserWindow | null): SiteDialog {
  return {
    async chooseSiteFile() {
      const options: OpenDialogOptions = {
        title: 'Open site',
        properties: ['openFile'],
        filters: [
          { name: 'Paddock site files', extensions: ['yaml', 'yml'] },
          { name: 'All files', extensions: ['*'] },
        ],
      };
      const win = parent();
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  };
}

/**
 * Show an error from a menu action or start-up. A loaded window shows it in context (app.error);
 * before that (or without a window) a native error box does, so it cannot go unseen.
 */
export function reportError(handlers: AppHandlers, title: string, e: unknown): void {
  const message = toWireError(e).message;
  console.error(`paddock: ${title}: ${message}`);
  const shown = BrowserWindow.getAllWindows().some((w) => !w.isDestroyed() && !w.webContents.isLoading());
  if (shown) handlers.events.emit('app.error', { message: `${title}: ${message}` });
  else dialog.showErrorBox(title, message);
}
