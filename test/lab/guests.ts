// The lab's guests: libvirt domain XML for a tiny TCG guest booting the cached kernel and
// initramfs from the domain's shared pool (so every host of the domain sees the same paths and
// live migration works), with a small disk in the pool and a NIC on the domain's bridge.
// The disk is read-only: libvirt 9.0 cannot tell that a bind-mounted folder is shared storage
// (it knows GPFS, NFS, Ceph...) and refuses live migration of writable disks on it as
// "unsafe"; read-only disks it accepts. The guests run from their initramfs anyway.
import { copyFile, mkdir, open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LabDomainPlan, LabGuestPlan } from './config';
import { existsSync, readFileSync } from 'node:fs';
import { inHost, run, waitFor } from './exec';

export const GUEST_DISK_MIB = 16;

export interface GuestPaths {
  kernel: string;
  initrd: string;
  disk: string;
}

/** Paths as the hosts of the domain see them (inside the pool's mount path). */
export function guestPaths(domain: LabDomainPlan, guest: LabGuestPlan): GuestPaths {
  return {
    kernel: `${domain.poolPath}/images/vmlinuz`,
    initrd: `${domain.poolPath}/images/initrd.gz`,
    disk: `${domain.poolPath}/disks/${guest.name}.img`,
  };
}

const esc = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/'/g, '&apos;')
    .replace(/"/g, '&quot;');

export function domainXml(domain: LabDomainPlan, guest: LabGuestPlan, memoryMiB: number): string {
  const p = guestPaths(domain, guest);
  return `<domain type='qemu'>
  <name>${esc(guest.name)}</name>
  <uuid>${esc(guest.uuid)}</uuid>
  <title>Paddock lab guest</title>
  <memory unit='MiB'>${memoryMiB}</memory>
  <currentMemory unit='MiB'>${memoryMiB}</currentMemory>
  <vcpu placement='static'>1</vcpu>
  <os>
    <type arch='x86_64'>hvm</type>
    <kernel>${esc(p.kernel)}</kernel>
    <initrd>${esc(p.initrd)}</initrd>
    <cmdline>console=ttyS0 quiet paddock.name=${esc(guest.name)}</cmdline>
  </os>
  <features><acpi/></features>
  <cpu mode='custom' match='exact'><model fallback='allow'>qemu64</model></cpu>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='raw'/>
      <source file='${esc(p.disk)}'/>
      <target dev='vda' bus='virtio'/>
      <readonly/>
    </disk>
    <interface type='bridge'>
      <mac address='${esc(guest.mac)}'/>
      <source bridge='${esc(domain.bridge)}'/>
      <model type='virtio'/>
    </interface>
    <serial type='pty'>
      <log file='/var/log/libvirt/qemu/${esc(guest.name)}.serial.log' append='on'/>
      <target port='0'/>
    </serial>
    <console type='pty'><target type='serial' port='0'/></console>
    <controller type='usb' model='none'/>
    <memballoon model='none'/>
  </devices>
</domain>
`;
}

/** Lay out a domain's pool: the guest image and one sparse disk per guest. */
export async function preparePool(
  backing: string,
  image: { kernel: string; initrd: string },
  guests: readonly LabGuestPlan[],
): Promise<void> {
  await mkdir(path.join(backing, 'images'), { recursive: true });
  await mkdir(path.join(backing, 'disks'), { recursive: true });
  await copyFile(image.kernel, path.join(backing, 'images', 'vmlinuz'));
  await copyFile(image.initrd, path.join(backing, 'images', 'initrd.gz'));
  for (const g of guests) {
    const fh = await open(path.join(backing, 'disks', `${g.name}.img`), 'w');
    await fh.truncate(GUEST_DISK_MIB * 1024 * 1024);
    await fh.close();
  }
}

/** Define and start the guests of one host (through its anchor process). */
export async function defineAndStart(
  anchorPid: number,
  xmlDir: string,
  domain: LabDomainPlan,
  guests: readonly LabGuestPlan[],
  memoryMiB: number,
): Promise<void> {
  await mkdir(xmlDir, { recursive: true });
  const virsh = (...args: string[]): string[] =>
    inHost(anchorPid, ['virsh', '-q', '-c', 'qemu:///system', ...args]);
  for (const g of guests) {
    const file = path.join(xmlDir, `${g.name}.xml`);
    await writeFile(file, domainXml(domain, g, memoryMiB));
    await run(virsh('define', file), { timeoutMs: 30_000 });
    await run(virsh('start', g.name), { timeoutMs: 60_000 });
  }
}

/** Serial console log of a guest, as the host folder sees it (libvirt writes it via virtlogd). */
const serialLog = (hostDir: string, guest: string): string =>
  path.join(hostDir, 'log', 'qemu', `${guest}.serial.log`);

/** Wait until a guest's init says it is ready: its shell is up and it obeys the ACPI power
 * button (a button pressed before acpid runs is lost, so shutdown tests need this). */
export async function waitReady(hostDir: string, guest: string, timeoutMs: number): Promise<void> {
  const file = serialLog(hostDir, guest);
  await waitFor(`guest ${guest} to boot (see ${file})`, timeoutMs, () =>
    existsSync(file) ? readFileSync(file, 'utf8').includes(`paddock-guest ${guest}: ready`) : false,
  );
}
