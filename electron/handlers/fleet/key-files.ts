// How main gets at files for the vault (a private key to add, an export to write or read).
// Electron shows native dialogs, so the renderer never names a path (electron/main/key-file-dialog.ts).
// The loopback transport has no dialogs: it refuses, except in tests, which pass paths they made.
import { PaddockError } from '../../../core/ipc/contract';

export interface KeyFileAccess {
  /** 'dialog': main asks the user; 'path': the request names the file (tests only); 'unsupported'. */
  readonly mode: 'dialog' | 'path' | 'unsupported';
  /** 'dialog' mode: the chosen file, or null when the user cancelled. */
  chooseKeyFile(domain: string): Promise<string | null>;
  chooseExportFile(domain: string): Promise<string | null>;
  chooseImportFile(domain: string): Promise<string | null>;
}

const refuse = (): Promise<never> =>
  Promise.reject(
    new PaddockError(
      'unsupported',
      'Reading or writing vault files needs the desktop app (its file dialogs); in the browser, paste the key instead',
    ),
  );

export const noKeyFiles: KeyFileAccess = {
  mode: 'unsupported',
  chooseKeyFile: refuse,
  chooseExportFile: refuse,
  chooseImportFile: refuse,
};

/** Tests only: the request's `path` is used as given. */
export const pathKeyFiles: KeyFileAccess = {
  mode: 'path',
  chooseKeyFile: refuse,
  chooseExportFile: refuse,
  chooseImportFile: refuse,
};

/** The file a vault request works on: from the dialog, or the request's path where allowed. */
export async function resolveFile(
  access: KeyFileAccess,
  given: string | undefined,
  choose: () => Promise<string | null>,
): Promise<string | null> {
  if (access.mode === 'dialog') {
    if (given !== undefined) {
      throw new PaddockError(
        'invalid-request',
        'Main chooses vault files with its own dialog: do not send a path',
      );
    }
    return choose();
  }
  if (access.mode === 'path') {
    if (given === undefined)
      throw new PaddockError('invalid-request', 'This host needs the file path in the request');
    return given;
  }
  return refuse();
}
