// Clear refusals before the lab touches anything: not root, or programs missing (each named
// with its Debian package and one apt-get line), or a dynamic busybox.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { REPO_ROOT } from '../../lab/config';
import { tryRun } from '../../lab/exec';
import { preflight, which } from '../../lab/preflight';

describe('lab preflight', () => {
  it('names every missing program with its Debian package', () => {
    const hidden = new Set(['virsh', 'libvirtd', 'qemu-system-x86_64']);
    const env = {
      which: (p: string) => (hidden.has(p) ? undefined : which(p)),
      uid: 0,
      isStatic: () => true,
    };
    expect(() => preflight(env)).toThrow(/missing libvirtd \(Debian package libvirt-daemon-system\)/);
    expect(() => preflight(env)).toThrow(/missing virsh \(Debian package libvirt-clients\)/);
    expect(() => preflight(env)).toThrow(
      /fix: apt-get install -y libvirt-daemon-system libvirt-clients qemu-system-x86/,
    );
  });
  it('refuses a dynamically linked busybox', () => {
    expect(() => preflight({ which, uid: 0, isStatic: () => false })).toThrow(
      /needs the static build \(Debian package busybox-static\)/,
    );
  });
  it('refuses to start when not root, before creating anything', async () => {
    const r = await tryRun(
      [
        'setpriv',
        '--reuid=65534',
        '--regid=65534',
        '--clear-groups',
        'env',
        'HOME=/tmp',
        'PADDOCK_LAB_DIR=/tmp/paddock-lab-nobody',
        process.execPath,
        path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        path.join(REPO_ROOT, 'test', 'lab', 'cli.ts'),
        'start',
      ],
      { cwd: REPO_ROOT, timeoutMs: 60_000 },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the lab must run as root');
  });
});
