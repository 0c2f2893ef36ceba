// Atomic, durable file writes: a crash at any point leaves either the old file or the new one,
// never a torn mix. Write a temporary file beside the target, fsync it, rename it over the
// target, then fsync the directory so the rename itself survives a power cut.
import { randomBytes } from 'node:crypto';
import { open, rename, unlink, stat } from 'node:fs/promises';
import path from 'node:path';

export interface AtomicWriteOptions {
  /** File mode of the new file (default 0o600: Paddock's files are private by default). */
  mode?: number;
}

export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx', options.mode ?? 0o600);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } catch (e) {
    await fh.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await fh.close();
  try {
    await rename(tmp, target);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  const dh = await open(dir, 'r');
  try {
    await dh.sync();
  } finally {
    await dh.close();
  }
}

export class FileTooLargeError extends Error {
  constructor(
    readonly file: string,
    readonly size: number,
    readonly limit: number,
  ) {
    super(`${file}: file is ${size} bytes, more than the limit of ${limit} bytes`);
    this.name = 'FileTooLargeError';
  }
}

/** Read a text file, refusing (before reading) anything larger than maxBytes. */
export async function readFileBounded(file: string, maxBytes: number): Promise<string> {
  return (await readBytesBounded(file, maxBytes)).toString('utf8');
}

/** Read a binary file, refusing (before reading) anything larger than maxBytes. */
export async function readBytesBounded(file: string, maxBytes: number): Promise<Buffer> {
  const st = await stat(file);
  if (!st.isFile()) throw new Error(`${file}: not a regular file`);
  if (st.size > maxBytes) throw new FileTooLargeError(file, st.size, maxBytes);
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    // The file may have grown between stat and read.
    if (bytesRead > maxBytes) throw new FileTooLargeError(file, bytesRead, maxBytes);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}
