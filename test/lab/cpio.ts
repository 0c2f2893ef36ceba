// A minimal writer for the "newc" cpio format the Linux kernel unpacks as an initramfs.
// Written here (rather than piping `find | cpio`) so the archive is deterministic: fixed
// owners and times make its bytes, and so the guest image's cache key, depend only on content.

export type CpioEntry =
  | { kind: 'dir'; path: string; mode?: number }
  | { kind: 'file'; path: string; data: Uint8Array; mode?: number }
  | { kind: 'char'; path: string; major: number; minor: number; mode?: number };

const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFCHR = 0o020000;

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');
const pad4 = (n: number): number => (4 - (n % 4)) % 4;

function header(ino: number, mode: number, size: number, nameLen: number, rmaj = 0, rmin = 0): string {
  // magic, ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor, namesize, check
  return '070701' + [ino, mode, 0, 0, 1, 0, size, 0, 0, rmaj, rmin, nameLen, 0].map(hex8).join('');
}

/** Build a newc archive from entries (paths relative, without a leading slash). */
export function buildCpio(entries: readonly CpioEntry[]): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  const push = (b: Buffer): void => {
    parts.push(b);
    offset += b.length;
  };
  const entry = (ino: number, mode: number, name: string, data: Uint8Array, rmaj = 0, rmin = 0): void => {
    const nameBuf = Buffer.from(`${name}\0`, 'utf8');
    push(Buffer.from(header(ino, mode, data.length, nameBuf.length, rmaj, rmin), 'ascii'));
    push(nameBuf);
    push(Buffer.alloc(pad4(offset)));
    push(Buffer.from(data));
    push(Buffer.alloc(pad4(offset)));
  };
  let ino = 1;
  for (const e of entries) {
    if (e.path.startsWith('/') || e.path.split('/').includes('..')) {
      throw new Error(`cpio: entry path must be relative and inside the archive: "${e.path}"`);
    }
    if (e.kind === 'dir') entry(ino++, S_IFDIR | (e.mode ?? 0o755), e.path, new Uint8Array());
    else if (e.kind === 'file') entry(ino++, S_IFREG | (e.mode ?? 0o644), e.path, e.data);
    else entry(ino++, S_IFCHR | (e.mode ?? 0o600), e.path, new Uint8Array(), e.major, e.minor);
  }
  entry(0, 0, 'TRAILER!!!', new Uint8Array());
  return Buffer.concat(parts);
}
