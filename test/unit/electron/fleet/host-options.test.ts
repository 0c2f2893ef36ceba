// How hosts configure fleet access: `--data-dir` for `npm run serve`, and which hosts may name
// vault files in a request (only tests; Electron uses its dialogs; the browser is refused).
import { describe, expect, it } from 'vitest';
import type { KeyFileAccess } from '../../../../electron/handlers/fleet/key-files';
import { noKeyFiles, pathKeyFiles, resolveFile } from '../../../../electron/handlers/fleet/key-files';
import { parseHostArgs } from '../../../../electron/shared/args';

describe('--data-dir', () => {
  it('is read in both spellings and refused empty', () => {
    expect(parseHostArgs(['--data-dir', '/tmp/d'], true)).toEqual({ dataDir: '/tmp/d' });
    expect(parseHostArgs(['--data-dir=/tmp/e', '--port', '0'], true)).toEqual({ dataDir: '/tmp/e', port: 0 });
    expect(() => parseHostArgs(['--data-dir', ' '], true)).toThrow('--data-dir needs a folder name');
    expect(() => parseHostArgs(['--data-dir'], false)).toThrow('--data-dir needs a folder name');
  });
});

describe('vault file access per host', () => {
  const dialog = (answer: string | null): KeyFileAccess => ({
    mode: 'dialog',
    chooseKeyFile: async () => answer,
    chooseExportFile: async () => answer,
    chooseImportFile: async () => answer,
  });

  it('Electron: the dialog chooses; a path from the renderer is refused', async () => {
    const d = dialog('/home/u/.ssh/id_ed25519');
    await expect(resolveFile(d, undefined, () => d.chooseKeyFile('x'))).resolves.toBe(
      '/home/u/.ssh/id_ed25519',
    );
    await expect(resolveFile(d, '/etc/shadow', () => d.chooseKeyFile('x'))).rejects.toThrow(
      /do not send a path/,
    );
    const cancelled = dialog(null);
    await expect(resolveFile(cancelled, undefined, () => cancelled.chooseKeyFile('x'))).resolves.toBeNull();
  });

  it('the browser: refused with the reason; tests: the path as given', async () => {
    await expect(resolveFile(noKeyFiles, '/x', () => noKeyFiles.chooseKeyFile('x'))).rejects.toThrow(
      /needs the desktop app/,
    );
    await expect(resolveFile(pathKeyFiles, '/x', () => pathKeyFiles.chooseKeyFile('x'))).resolves.toBe('/x');
    await expect(resolveFile(pathKeyFiles, undefined, () => pathKeyFiles.chooseKeyFile('x'))).rejects.toThrow(
      /needs the file path/,
    );
  });
});
