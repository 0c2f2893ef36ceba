// Saving an accepted site file: atomic, and refused when the file changed meanwhile.
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveSiteText, SiteChangedError } from '../../../core/discovery/save';

describe('saveSiteText', () => {
  it('writes the new text when the file is unchanged, leaving no temporary file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pdk-save-'));
    const file = path.join(dir, 'site.yaml');
    writeFileSync(file, 'version: 1\n');
    await saveSiteText(file, 'version: 1\n', 'version: 1\n# new\n');
    expect(readFileSync(file, 'utf8')).toBe('version: 1\n# new\n');
    expect(readdirSync(dir)).toEqual(['site.yaml']);
  });
  it('refuses when someone edited the file since it was loaded', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pdk-save-'));
    const file = path.join(dir, 'site.yaml');
    writeFileSync(file, 'version: 1\n# edited by hand\n');
    await expect(saveSiteText(file, 'version: 1\n', 'version: 1\n# new\n')).rejects.toBeInstanceOf(
      SiteChangedError,
    );
    expect(readFileSync(file, 'utf8')).toBe('version: 1\n# edited by hand\n');
  });
});
