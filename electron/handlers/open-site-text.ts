// The open site file's text, for an edit (drift accepted, a plan's new version) that must start
// from exactly the site main has open: read with the size bound, and refused ("site-changed")
// when it no longer loads as that site, because someone edited the file since it was opened.
import path from 'node:path';
import type { SiteSnapshot } from '../../core/ipc/contract';
import { PaddockError } from '../../core/ipc/contract';
import type { Site } from '../../core/model/types';
import { loadSite, MAX_FILE_BYTES } from '../../core/site';
import { readFileBounded } from '../../core/storage/atomic-file';

/** A site file's text (bounded), or a "site-load" error naming it. */
export async function readSiteText(file: string, fileName: string): Promise<string> {
  try {
    return await readFileBounded(file, MAX_FILE_BYTES);
  } catch (e) {
    throw new PaddockError(
      'site-load',
      `Cannot read ${fileName}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

/** The open file's text, if it still loads as `site`; `again` says what to do when it does not. */
export async function readOpenSiteText(snap: SiteSnapshot, site: Site, again: string): Promise<string> {
  const text = await readSiteText(snap.path, snap.fileName);
  const onDisk = loadSite(text, path.basename(snap.path)).site;
  if (onDisk === null || JSON.stringify(onDisk) !== JSON.stringify(site)) {
    throw new PaddockError(
      'site-changed',
      `${snap.fileName} changed on disk since it was opened: reload it and ${again}`,
    );
  }
  return text;
}
