// Command-line arguments shared by Electron main and `npm run serve`: `--site FILE` (or
// `--site=FILE`) and, for the loopback server, `--port N` and `--data-dir DIR` (vaults, known
// hosts, audit log).
import { parseArgs } from 'node:util';

export interface HostArgs {
  site?: string;
  port?: number;
  dataDir?: string;
}

/**
 * Parse our options. `strict` rejects unknown ones (the serve CLI); Electron main is not strict
 * because Chromium and Electron add switches of their own to argv.
 */
export function parseHostArgs(argv: readonly string[], strict: boolean): HostArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: { site: { type: 'string' }, port: { type: 'string' }, 'data-dir': { type: 'string' } },
    strict,
    allowPositionals: !strict,
  });
  const out: HostArgs = {};
  // Not strict, a bare `--site` parses as `true`: still an error, not a silent default.
  if (values.site === true) throw new Error('--site needs a file name');
  if (values.port === true) throw new Error('--port needs a number');
  const dataDir = values['data-dir'];
  if (dataDir === true || (typeof dataDir === 'string' && dataDir.trim() === '')) {
    throw new Error('--data-dir needs a folder name');
  }
  if (typeof dataDir === 'string') out.dataDir = dataDir;
  if (typeof values.site === 'string') {
    if (values.site.trim() === '') throw new Error('--site needs a file name');
    out.site = values.site;
  }
  if (typeof values.port === 'string') {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new Error(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
    }
    out.port = port;
  }
  return out;
}
