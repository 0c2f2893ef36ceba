// The handlers' file reader against real files: readable sites load, unreadable ones are clear
// errors naming the file and the reason, and oversized ones are refused before being read.
import { mkdtemp, rm, truncate, writeFile, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../../core/site/limits';
import { createAppHandlers } from '../../../electron/handlers/create';
import { MemorySettingsStore } from '../../../electron/handlers/settings-store';
import { noDialog } from '../../../electron/handlers/site-dialog';
import { readSiteFile } from '../../../electron/handlers/site-reader';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'paddock-site-reader-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readSiteFile', () => {
  it('loads a valid site file', async () => {
    const f = path.join(dir, 'ok.yaml');
    await writeFile(f, 'version: 1\nsite:\n  name: Reader test\n');
    const r = await readSiteFile(f);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.site?.site.name).toBe('Reader test');
  });

  it('returns diagnostics with positions for a file that reads but does not validate', async () => {
    const f = path.join(dir, 'bad.yaml');
    await writeFile(f, 'version: 1\nsite:\n  name: [oops\n');
    const r = await readSiteFile(f);
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics[0]?.line).toBeGreaterThanOrEqual(1);
  });

  it('names the file and the reason when it cannot be read', async () => {
    await expect(readSiteFile(path.join(dir, 'missing.yaml'))).rejects.toThrow(
      /Cannot open site file ".*missing\.yaml": no such file/,
    );
    await expect(readSiteFile(dir)).rejects.toThrow(/Cannot open site file ".*": not a regular file/);
  });

  it.skipIf(process.getuid?.() === 0)('reports permission problems', async () => {
    const f = path.join(dir, 'locked.yaml');
    await writeFile(f, 'version: 1\n');
    await chmod(f, 0o000);
    await expect(readSiteFile(f)).rejects.toThrow(/permission denied/);
  });

  it('refuses a file over the size limit without reading it', async () => {
    const f = path.join(dir, 'huge.yaml');
    await writeFile(f, '');
    await truncate(f, MAX_FILE_BYTES + 1);
    await expect(readSiteFile(f)).rejects.toThrow(/more than the limit/);
  });
});

describe('createAppHandlers with the real reader', () => {
  it('opens a file from disk and keeps the current site when a later open fails', async () => {
    const f = path.join(dir, 'first.yaml');
    await writeFile(f, 'version: 1\nsite:\n  name: First\n');
    const h = createAppHandlers({
      transport: 'loopback',
      version: '1.2.3',
      settings: new MemorySettingsStore(),
      dialog: noDialog,
    });
    const snap = await h.openSite(f, 'command-line');
    expect(snap.site?.site.name).toBe('First');
    const r = await h.dispatch('site.openDialog', {});
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'unsupported', message: /npm run serve -- --site/ },
    });
    expect(await h.dispatch('site.openRecent', { path: path.join(dir, 'missing.yaml') })).toMatchObject({
      ok: false,
      error: { code: 'not-offered' },
    });
    expect(h.site?.path).toBe(f);
  });
});
