// The vault's file dialogs: main asks the user which private key to add, where to write an
// export and which export to import, so the renderer never names a path.
import { dialog } from 'electron';
import type { BrowserWindow, OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { KeyFileAccess } from '../handlers/fleet/key-files';

export function electronKeyFiles(parent: () => BrowserWindow | null): KeyFileAccess {
  const openOne = async (options: OpenDialogOptions) => {
    const win = parent();
    const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return r.canceled ? null : (r.filePaths[0] ?? null);
  };
  const saveOne = async (options: SaveDialogOptions) => {
    const win = parent();
    const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return r.canceled ? null : (r.filePath ?? null);
  };
  return {
    mode: 'dialog',
    chooseKeyFile: (domain) =>
      openOne({
        title: `Add a private key to the vault of ${domain}`,
        properties: ['openFile', 'showHiddenFiles'],
      }),
    chooseExportFile: (domain) =>
      saveOne({
        title: `Export the vault of ${domain} (encrypted)`,
        defaultPath: `${domain}.paddock-export`,
        filters: [{ name: 'Paddock vault exports', extensions: ['paddock-export'] }],
      }),
    chooseImportFile: (domain) =>
      openOne({
        title: `Import credentials into the vault of ${domain}`,
        properties: ['openFile'],
        filters: [
          { name: 'Paddock vault exports', extensions: ['paddock-export'] },
          { name: 'All files', extensions: ['*'] },
        ],
      }),
  };
}
