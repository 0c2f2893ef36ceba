// Reads a site file from disk for the handlers: bounded in size before it is read, then
// handed to the pure loader. A file that cannot be read is an error naming the file and the
// reason; a file that reads but does not validate comes back with its diagnostics.
import { PaddockError } from '../../core/ipc/contract';
import { loadSite } from '../../core/site/load';
import { MAX_FILE_BYTES } from '../../core/site/limits';
import { readFileBounded, FileTooLargeError } from '../../core/storage/atomic-file';
import { fileErrorReason } from '../../core/storage/site-file';
import type { SiteReader } from './app-handlers';

export const readSiteFile: SiteReader = async (file) => {
  let text: string;
  try {
    text = await readFileBounded(file, MAX_FILE_BYTES);
  } catch (e) {
    if (e instanceof FileTooLargeError) throw new PaddockError('site-load', `Cannot open site: ${e.message}`);
    throw new PaddockError('site-load', `Cannot open site file "${file}": ${fileErrorReason(file, e)}`);
  }
  return loadSite(text, file);
};
