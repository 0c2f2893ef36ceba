// Checks before the lab touches anything: root, and every program it runs, each named with the
// Debian package that provides it, so a missing piece gives one clear line instead of a
// half-built lab.
import { accessSync, constants, openSync, readSync, closeSync } from 'node:fs';
import path from 'node:path';

/** Program -> Debian package that installs it. */
export const REQUIRED_PROGRAMS: Readonly<Record<string, string>> = {
  ip: 'iproute2',
  nsenter: 'util-linux',
  unshare: 'util-linux',
  mount: 'mount',
  sshd: 'openssh-server',
  'ssh-keygen': 'openssh-client',
  ssh: 'openssh-client',
  libvirtd: 'libvirt-daemon-system',
  virtlogd: 'libvirt-daemon-system',
  virsh: 'libvirt-clients',
  'qemu-system-x86_64': 'qemu-system-x86',
  busybox: 'busybox-static',
  'dpkg-deb': 'dpkg',
  'apt-get': 'apt',
  tar: 'tar',
  gzip: 'gzip',
};

const SEARCH_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** Absolute path of a program, or undefined. */
export function which(program: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(':').filter(Boolean), ...SEARCH_PATH];
  for (const d of dirs) {
    const p = path.join(d, program);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** True when an ELF file has no program interpreter, i.e. is statically linked. The guest's
 * initramfs has no libc, so busybox must be the static build. */
export function isStaticElf(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(64);
    if (readSync(fd, head, 0, 64, 0) < 64 || head.readUInt32BE(0) !== 0x7f454c46 || head[4] !== 2)
      return false;
    const phoff = Number(head.readBigUInt64LE(0x20));
    const phentsize = head.readUInt16LE(0x36);
    const phnum = head.readUInt16LE(0x38);
    if (phnum > 256 || phentsize < 4) return false;
    const ph = Buffer.alloc(phentsize * phnum);
    readSync(fd, ph, 0, ph.length, phoff);
    for (let i = 0; i < phnum; i++) {
      if (ph.readUInt32LE(i * phentsize) === 3 /* PT_INTERP */) return false;
    }
    return true;
  } finally {
    closeSync(fd);
  }
}

export interface PreflightEnv {
  which: (program: string) => string | undefined;
  uid: number | null;
  isStatic: (file: string) => boolean;
}

const REAL_ENV: PreflightEnv = {
  which,
  uid: typeof process.getuid === 'function' ? process.getuid() : null,
  isStatic: isStaticElf,
};

/** Throws one error listing everything missing (with `apt-get install` hints). */
export function preflight(env: PreflightEnv = REAL_ENV): void {
  const problems: string[] = [];
  if (process.platform !== 'linux') problems.push('the lab needs Linux (network namespaces, libvirtd, QEMU)');
  if (env.uid !== null && env.uid !== 0) {
    problems.push('the lab must run as root (it creates network namespaces, a bridge and a route)');
  }
  const missing = new Map<string, string[]>();
  for (const [program, pkg] of Object.entries(REQUIRED_PROGRAMS)) {
    if (!env.which(program)) missing.set(pkg, [...(missing.get(pkg) ?? []), program]);
  }
  const bb = env.which('busybox');
  if (bb && !env.isStatic(bb)) {
    problems.push(
      `${bb} is dynamically linked; the guest initramfs needs the static build (Debian package busybox-static)`,
    );
  }
  for (const [pkg, programs] of missing) {
    problems.push(`missing ${programs.join(', ')} (Debian package ${pkg})`);
  }
  try {
    accessSync('/dev/net/tun', constants.R_OK | constants.W_OK);
  } catch {
    problems.push('/dev/net/tun is missing or not accessible (guests need tap devices)');
  }
  if (problems.length) {
    const pkgs = [...missing.keys()];
    const hint = pkgs.length ? `\n  fix: apt-get install -y ${pkgs.join(' ')}` : '';
    throw new Error(`lab: cannot start:\n  - ${problems.join('\n  - ')}${hint}`);
  }
}
