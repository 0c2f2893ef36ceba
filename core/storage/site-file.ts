// Site files on disk: read with a size bound (checked before reading), load with the pure
// loader; write atomically, and only text that loads without errors (so a bad edit never
// replaces a good site). Failures to read or write are errors naming the file and the reason;
// problems with the content come back as diagnostics.
import type { Diagnostic, Site } from '../model/types';
import { hasErrors, loadSite } from '../site/load';
import type { LoadResult } from '../site/load';
import { MAX_FILE_BYTES } from '../site/limits';
import { serialiseSite } from '../site/serialise';
import { FileTooLargeError, readFileBounded, writeFileAtomic } from './atomic-file';

export class SiteFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`site file ${file}: ${reason}`);
    this.name = 'SiteFileError';
  }
}

/** Why `file` could not be read or written, in words (without the file name, which the
 * caller's message carries: readFileBounded's own messages start with it). */
export function fileErrorReason(file: string, e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  const msg = e instanceof Error ? e.message : String(e);
  return msg.startsWith(`${file}: `) ? msg.slice(file.length + 2) : msg;
}

export interface SiteFile extends LoadResult {
  file: string;
  /** The text as read (for editors and for re-writing). */
  text: string;
}

export async function readSiteFile(file: string): Promise<SiteFile> {
  let text: string;
  try {
    text = await readFileBounded(file, MAX_FILE_BYTES);
  } catch (e) {
    if (e instanceof FileTooLargeError) {
      const d: Diagnostic = {
        file,
        line: 1,
        column: 1,
        path: '',
        code: 'file-too-large',
        message: `the file is ${e.size} bytes, more than the ${MAX_FILE_BYTES} bytes a site file may have; it was not read`,
        severity: 'error',
      };
      return { file, text: '', site: null, diagnostics: [d] };
    }
    throw new SiteFileError(file, fileErrorReason(file, e));
  }
  return { file, text, ...loadSite(text, file) };
}

/**
 * Write site file text atomically if it loads without errors; otherwise leave the file as it
 * was and return the errors. Returns every diagnostic (warnings included).
 */
export async function writeSiteText(
  file: string,
  text: string,
): Promise<{ written: boolean; diagnostics: Diagnostic[] }> {
  const { diagnostics } = loadSite(text, file);
  if (hasErrors(diagnostics)) return { written: false, diagnostics };
  try {
    await writeFileAtomic(file, text, { mode: 0o644 });
  } catch (e) {
    throw new SiteFileError(file, fileErrorReason(file, e));
  }
  return { written: true, diagnostics };
}

/** Serialise a site model and write it (same checks as writeSiteText). */
export function writeSite(file: string, site: Site, header?: string) {
  return writeSiteText(file, serialiseSite(site, header));
}
