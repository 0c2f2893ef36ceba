// Reading and writing site files on disk (core/storage/site-file.ts).
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../../core/site';
import { SiteFileError, readSiteFile, writeSite, writeSiteText } from '../../../core/storage/site-file';
import { generateSite } from '../../fixtures/generate-site';

const valid = path.join(import.meta.dirname, 'valid-small.yaml');
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'paddock-site-file-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readSiteFile', () => {
  it('reads and loads a site, keeping the text', async () => {
    const r = await readSiteFile(valid);
    expect(r.diagnostics).toEqual([]);
    expect(r.site?.vms.map((v) => v.name)).toEqual(['web', 'db', 'mon']);
    expect(r.text).toBe(await readFile(valid, 'utf8'));
  });

  it('names the file and the reason when it cannot be read', async () => {
    const missing = path.join(dir, 'nope.yaml');
    await expect(readSiteFile(missing)).rejects.toThrow(new SiteFileError(missing, 'no such file'));
    await expect(readSiteFile(dir)).rejects.toThrow(/not a regular file|folder/);
    // The file is named once, not again inside the reason.
    await expect(readSiteFile(dir)).rejects.toThrow(`site file ${dir}: not a regular file`);
  });

  it('refuses an oversized file with a diagnostic, without reading it', async () => {
    const big = path.join(dir, 'big.yaml');
    await writeFile(big, Buffer.alloc(MAX_FILE_BYTES + 1, 0x20));
    const r = await readSiteFile(big);
    expect(r.site).toBeNull();
    expect(r.diagnostics.map((d) => [d.code, d.file])).toEqual([['file-too-large', big]]);
  });
});

describe('writing site files', () => {
  it('writes valid text atomically', async () => {
    const target = path.join(dir, 'site.yaml');
    const text = await readFile(valid, 'utf8');
    expect(await writeSiteText(target, text)).toEqual({ written: true, diagnostics: [] });
    expect(await readFile(target, 'utf8')).toBe(text);
    expect((await stat(target)).mode & 0o777).toBe(0o644);
  });

  it('keeps the old file when the new text has errors', async () => {
    const target = path.join(dir, 'site.yaml');
    const good = await readFile(valid, 'utf8');
    await writeFile(target, good);
    const r = await writeSiteText(target, good.replace('vcpus: 1', 'vcpus: none'));
    expect(r.written).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['wrong-type']);
    expect(await readFile(target, 'utf8')).toBe(good);
  });

  it('writes a site model that reads back identical', async () => {
    const site = generateSite({ vms: 40, containers: 8, clusters: 1, seed: 3 });
    const target = path.join(dir, 'generated.yaml');
    expect((await writeSite(target, site, ' generated for a test')).written).toBe(true);
    const back = await readSiteFile(target);
    expect(back.diagnostics).toEqual([]);
    expect(back.site).toEqual(site);
    expect(back.text.startsWith('# generated for a test\n')).toBe(true);
  });
});
