// Writing an accepted site file: only if the file on disk is still the text the drift was
// computed from (someone may have edited it meanwhile), and atomically.
import { readFileBounded, writeFileAtomic } from '../storage/atomic-file';
import { MAX_FILE_BYTES } from '../site';

export class SiteChangedError extends Error {
  constructor(readonly file: string) {
    super(`${file} changed on disk since it was loaded; reload it and review the drift again`);
    this.name = 'SiteChangedError';
  }
}

export async function saveSiteText(file: string, expectedCurrent: string, next: string): Promise<void> {
  const current = await readFileBounded(file, MAX_FILE_BYTES);
  if (current !== expectedCurrent) throw new SiteChangedError(file);
  await writeFileAtomic(file, next, { mode: 0o644 });
}
