// The tiny guest: a Debian kernel plus a busybox initramfs whose /init gives a root shell on the
// serial console (ttyS0) and powers off on the ACPI power button (so `virsh shutdown` and
// `virsh reboot` work). Built once and cached under cacheDir, keyed by a hash of everything
// that goes into it.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildCpio, type CpioEntry } from './cpio';
import { run } from './exec';
import { which } from './preflight';

/** Bump when the recipe below changes in a way the hash does not see. */
const BUILDER_VERSION = 3;

const INIT = `#!/bin/busybox sh
# Paddock lab guest: a shell on the serial console, power off on the ACPI power button.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1
echo 1 > /proc/sys/kernel/printk
for w in $(cat /proc/cmdline); do
  case "$w" in paddock.name=*) hostname "\${w#paddock.name=}" ;; esac
done
insmod /lib/modules/button.ko
insmod /lib/modules/evdev.ko
i=0
while [ ! -e /dev/input/event0 ] && [ $i -lt 20 ]; do sleep 0.1; i=$((i+1)); done
mkdir -p /var/log /var/run
acpid -c /etc/acpi
echo "paddock-guest $(hostname): ready"
while :; do setsid cttyhack sh -l; sleep 1; done
`;

const POWER_BUTTON = `#!/bin/sh
echo "paddock-guest: power button, powering off"
sync
poweroff -f
`;

const PROFILE = `PS1='\\h:\\w# '
export PATH=/bin
`;

/** Files of the kernel package the guest needs, as tar wildcards. */
const KERNEL_MEMBERS = [
  './boot/vmlinuz-*',
  './lib/modules/*/kernel/drivers/acpi/button.ko',
  './lib/modules/*/kernel/drivers/input/evdev.ko',
];

export interface GuestImage {
  key: string;
  dir: string;
  kernel: string;
  initrd: string;
  kernelPackage: string;
}

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** A cached kernel package, or download the one `linux-image-amd64` depends on. */
async function kernelDeb(cacheDir: string): Promise<string> {
  const debs = path.join(cacheDir, 'debs');
  await mkdir(debs, { recursive: true });
  const pick = (dir: string): string | undefined =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => /^linux-image-6\.1[.0-9]*-\d+-amd64_.*\.deb$/.test(f))
          .sort()
          .map((f) => path.join(dir, f))
          .pop()
      : undefined;
  const cached = pick(debs);
  if (cached) return cached;
  const deps = await run(['apt-cache', 'depends', 'linux-image-amd64']);
  const name = /Depends:\s*(linux-image-6\.1\.\d+-\d+-amd64)\b/.exec(deps)?.[1];
  if (name) {
    try {
      await run(['apt-get', 'download', name], { cwd: debs, timeoutMs: 300_000 });
    } catch (e) {
      const local = pick('/var/cache/apt/archives');
      if (!local)
        throw new Error(`lab: could not download the guest kernel ${name}: ${(e as Error).message}`);
    }
  }
  const got = pick(debs) ?? pick('/var/cache/apt/archives');
  if (!got) {
    throw new Error(
      'lab: no Debian 6.1 kernel package for the guest: `apt-cache depends linux-image-amd64` names none and none is cached (run apt-get update)',
    );
  }
  return got;
}

function pipe(a: readonly string[], b: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const [fa, ...aa] = a;
    const [fb, ...ab] = b;
    if (!fa || !fb) return reject(new Error('pipe: empty command'));
    const p1 = spawn(fa, aa, { stdio: ['ignore', 'pipe', 'pipe'] });
    const p2 = spawn(fb, ab, { stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    p1.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p2.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p1.stdout.pipe(p2.stdin);
    let pending = 2;
    const failures: string[] = [];
    const done = (argv: readonly string[]) => (code: number | null) => {
      if (code !== 0) failures.push(`\`${argv.join(' ')}\` exited ${String(code)}`);
      if (--pending === 0) {
        if (failures.length) reject(new Error(`lab: ${failures.join(', ')}: ${err.trim().slice(0, 500)}`));
        else resolve();
      }
    };
    p1.on('error', reject).on('close', done(a));
    p2.on('error', reject).on('close', done(b));
  });
}

function findFile(dir: string, re: RegExp): string | undefined {
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && re.test(e.name)) return path.join(e.parentPath, e.name);
  }
  return undefined;
}

/** The cached guest image, building it first when needed. */
export async function ensureGuestImage(cacheDir: string): Promise<GuestImage> {
  const deb = await kernelDeb(cacheDir);
  const busybox = which('busybox');
  if (!busybox) throw new Error('lab: busybox is missing (Debian package busybox-static)');
  const busyboxBytes = readFileSync(busybox);
  const key = sha256(
    JSON.stringify({
      v: BUILDER_VERSION,
      kernel: path.basename(deb),
      busybox: sha256(busyboxBytes),
      init: INIT,
      power: POWER_BUTTON,
      profile: PROFILE,
    }),
  ).slice(0, 16);
  const dir = path.join(cacheDir, `guest-${key}`);
  const image: GuestImage = {
    key,
    dir,
    kernel: path.join(dir, 'vmlinuz'),
    initrd: path.join(dir, 'initrd.gz'),
    kernelPackage: path.basename(deb),
  };
  if (existsSync(path.join(dir, 'manifest.json'))) return image;

  const work = path.join(cacheDir, `.build-${randomBytes(4).toString('hex')}`);
  await mkdir(work, { recursive: true });
  try {
    const x = path.join(work, 'x');
    await mkdir(x);
    await pipe(['dpkg-deb', '--fsys-tarfile', deb], ['tar', '-x', '-C', x, '--wildcards', ...KERNEL_MEMBERS]);
    const vmlinuz = findFile(path.join(x, 'boot'), /^vmlinuz-/);
    const button = findFile(path.join(x, 'lib'), /^button\.ko$/);
    const evdev = findFile(path.join(x, 'lib'), /^evdev\.ko$/);
    if (!vmlinuz || !button || !evdev)
      throw new Error(`lab: ${path.basename(deb)} lacks vmlinuz, button.ko or evdev.ko`);
    const enc = (s: string): Uint8Array => Buffer.from(s, 'utf8');
    const entries: CpioEntry[] = [
      ...[
        'bin',
        'dev',
        'etc',
        'etc/acpi',
        'etc/acpi/PWRF',
        'lib',
        'lib/modules',
        'proc',
        'sys',
        'tmp',
        'root',
        'var',
      ].map((p): CpioEntry => ({ kind: 'dir', path: p })),
      { kind: 'char', path: 'dev/console', major: 5, minor: 1 },
      { kind: 'file', path: 'bin/busybox', data: busyboxBytes, mode: 0o755 },
      { kind: 'file', path: 'init', data: enc(INIT), mode: 0o755 },
      { kind: 'file', path: 'etc/acpi/PWRF/00000080', data: enc(POWER_BUTTON), mode: 0o755 },
      { kind: 'file', path: 'etc/profile', data: enc(PROFILE) },
      { kind: 'file', path: 'lib/modules/button.ko', data: await readFile(button) },
      { kind: 'file', path: 'lib/modules/evdev.ko', data: await readFile(evdev) },
    ];
    const out = path.join(work, 'out');
    await mkdir(out);
    await writeFile(path.join(out, 'initrd.gz'), gzipSync(buildCpio(entries), { level: 6 }));
    await writeFile(path.join(out, 'vmlinuz'), await readFile(vmlinuz));
    await writeFile(
      path.join(out, 'manifest.json'),
      `${JSON.stringify({ key, kernelPackage: path.basename(deb), builtAt: new Date().toISOString() }, null, 2)}\n`,
    );
    await rm(dir, { recursive: true, force: true });
    await rename(out, dir);
    // Older builds are dead weight once a new recipe exists.
    for (const old of readdirSync(cacheDir).filter(
      (f) => f.startsWith('guest-') && f !== path.basename(dir),
    )) {
      await rm(path.join(cacheDir, old), { recursive: true, force: true });
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return image;
}
