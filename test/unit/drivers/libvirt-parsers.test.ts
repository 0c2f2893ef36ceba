// libvirt parsers on real virsh outputs recorded from the lab (test/fixtures/recorded/virsh).
import { describe, expect, it } from 'vitest';
import { OutputError } from '../../../core/drivers/errors';
import { parseDomainXml } from '../../../core/drivers/libvirt/parse-dumpxml';
import { parseDomstats } from '../../../core/drivers/libvirt/parse-domstats';
import { parseDominfo, parseDomjobinfo, parseNodeinfo } from '../../../core/drivers/libvirt/parse-info';
import { parseDomstate, parseVirshList, parseVirshNames } from '../../../core/drivers/libvirt/parse-list';
import { virshFixture } from './fixtures';

describe('virsh list', () => {
  it('reads the recorded list with a running and a shut-off domain', () => {
    expect(parseVirshList(virshFixture('list-all-one-off.txt'))).toEqual([
      { name: 'research-vm1', id: 1, state: 'running', rawState: 'running' },
      { name: 'research-vm2', id: null, state: 'stopped', rawState: 'shut off' },
    ]);
  });
  it('reads names (--name) and the quiet form without a header', () => {
    expect(parseVirshNames(virshFixture('list-all-name.txt'))).toEqual(['research-vm1', 'research-vm2']);
    expect(
      parseVirshList(' 3    web 1   in shutdown\n -    x   pmsuspended\n').map((e) => [e.name, e.state]),
    ).toEqual([
      ['web 1', 'running'],
      ['x', 'paused'],
    ]);
  });
  it('refuses a row without a known state, naming the line', () => {
    expect(() => parseVirshList(' Id Name State\n----\n 1  vm  exploded\n')).toThrow(
      /virsh list --all` output line 3: not a domain row/,
    );
  });
  it('refuses a domain listed twice', () => {
    expect(() => parseVirshList(' 1 a running\n 2 a running\n')).toThrow(/listed twice/);
  });
  it('reads domstate', () => {
    expect(parseDomstate(virshFixture('domstate-running.txt'))).toEqual({
      state: 'running',
      rawState: 'running',
    });
    expect(parseDomstate(virshFixture('domstate-shutoff.txt'))).toEqual({
      state: 'stopped',
      rawState: 'shut off',
    });
    expect(parseDomstate('paused (user)\n').state).toBe('paused');
    expect(() => parseDomstate('melting\n')).toThrow(OutputError);
  });
});

describe('virsh dominfo / nodeinfo / domjobinfo', () => {
  it('reads a running and a shut-off domain', () => {
    const on = parseDominfo(virshFixture('dominfo-running.txt'));
    expect(on).toMatchObject({
      id: 1,
      name: 'research-vm1',
      state: 'running',
      vcpus: 1,
      maxMemoryKiB: 98304,
      usedMemoryKiB: 98304,
      persistent: true,
      autostart: false,
    });
    expect(on.uuid).toBe('5ad0c0c0-0000-4000-8000-000000000011');
    const off = parseDominfo(virshFixture('dominfo-shutoff.txt'));
    expect(off).toMatchObject({ id: null, state: 'stopped', rawState: 'shut off' });
  });
  it('reads nodeinfo as capacity in MiB', () => {
    const n = parseNodeinfo(virshFixture('nodeinfo.txt'));
    expect(n).toMatchObject({
      cpus: 2,
      mhz: 2100,
      sockets: 1,
      coresPerSocket: 2,
      threadsPerCore: 1,
      numaCells: 1,
      cpuModel: 'x86_64',
    });
    expect(n.memoryMiB).toBe(Math.floor(8218836 / 1024));
  });
  it('names the missing key', () => {
    expect(() => parseNodeinfo('CPU model: x86_64\n')).toThrow(/virsh nodeinfo` output: missing "CPU\(s\)"/);
    expect(() =>
      parseNodeinfo(virshFixture('nodeinfo.txt').replace('8218836 KiB', '8218836 parsecs')),
    ).toThrow(/"Memory size" is not a whole number/);
  });
  it('reads a migration job in flight and its completion', () => {
    const j = parseDomjobinfo(virshFixture('domjobinfo-migrating.txt'));
    expect(j).toMatchObject({
      active: true,
      type: 'Unbounded',
      operation: 'Outgoing migration',
      elapsedMs: 2646,
    });
    expect(j.dataTotalBytes).toBe(Math.round(96.758 * 1024 * 1024));
    expect(j.progress).toBeCloseTo(2.378 / 96.758, 5);
    const done = parseDomjobinfo(virshFixture('domjobinfo-completed.txt'));
    expect(done).toMatchObject({
      active: false,
      type: 'Completed',
      operation: 'Incoming migration',
      dataRemainingBytes: 0,
    });
    expect(done.raw['Total downtime']).toBe('108          ms');
  });
  it('reads "no job"', () => {
    expect(parseDomjobinfo(virshFixture('domjobinfo-none.txt'))).toMatchObject({
      active: false,
      type: 'None',
      progress: null,
    });
  });
});

describe('virsh domstats', () => {
  it('reads states, vCPUs and memory of each domain', () => {
    const s = parseDomstats(virshFixture('domstats.txt'));
    expect(s.map((d) => [d.name, d.state, d.vcpus, d.memoryKiB])).toEqual([
      ['research-vm2', 'stopped', 1, 98304],
      ['research-vm1', 'running', 1, 98304],
    ]);
    expect(s[1]?.fields['balloon.rss']).toBe('97196');
  });
  it('refuses a field before any domain and unknown states', () => {
    expect(() => parseDomstats('  state.state=1\n')).toThrow(/line 1/);
    expect(() => parseDomstats("Domain: 'a'\n  state.state=42\n")).toThrow(/unknown state.state 42/);
  });
});

describe('virsh dumpxml', () => {
  it('reads identity, vCPUs, memory, the disk and the NIC of a running guest', () => {
    const d = parseDomainXml(virshFixture('dumpxml-running.xml'));
    expect(d).toMatchObject({
      name: 'research-vm1',
      uuid: '5ad0c0c0-0000-4000-8000-000000000011',
      hypervisor: 'qemu',
      vcpus: 1,
      maxVcpus: 1,
      memoryKiB: 98304,
      maxMemoryKiB: 98304,
    });
    expect(d.disks).toEqual([
      {
        target: 'vda',
        source: '/srv/paddock-lab/research/disks/research-vm1.img',
        device: 'disk',
        format: 'raw',
        readonly: true,
      },
    ]);
    expect(d.nics).toEqual([
      { mac: '52:54:00:40:01:01', bridge: 'br-research', network: null, type: 'bridge', model: 'virtio' },
    ]);
  });
  it('reads an inactive definition the same way', () => {
    const d = parseDomainXml(virshFixture('dumpxml-shutoff.xml'));
    expect(d.name).toBe('research-vm2');
    expect(d.nics[0]?.mac).toBe('52:54:00:40:01:02');
  });
  it('honours units and vcpu current', () => {
    const xml = `<domain type='kvm'><name>a</name><memory unit='GiB'>2</memory><currentMemory unit='MiB'>512</currentMemory><vcpu current='2'>4</vcpu><devices><interface type='network'><mac address='52:54:00:AA:bb:cc'/><source network='default'/></interface></devices></domain>`;
    expect(parseDomainXml(xml)).toMatchObject({
      maxMemoryKiB: 2 * 1024 * 1024,
      memoryKiB: 512 * 1024,
      vcpus: 2,
      maxVcpus: 4,
      nics: [{ mac: '52:54:00:aa:bb:cc', network: 'default', bridge: null }],
    });
  });
  it('refuses DOCTYPE/ENTITY declarations (no entity expansion) and leaves entities unexpanded', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><domain><name>&b;</name></domain>`;
    expect(() => parseDomainXml(bomb)).toThrow(/DOCTYPE or ENTITY declaration/);
    const d = parseDomainXml(`<domain><name>x&amp;y</name><memory>1024</memory><vcpu>1</vcpu></domain>`);
    expect(d.name).toBe('x&amp;y');
  });
  it('refuses malformed XML with the line, and missing parts by name', () => {
    expect(() => parseDomainXml('<domain>\n<name>a</name>\n<vcpu>1</domain>')).toThrow(
      /not well-formed XML.*|line 3/,
    );
    expect(() => parseDomainXml('<domain><name>a</name><vcpu>1</vcpu></domain>')).toThrow(/no <memory>/);
    expect(() => parseDomainXml('<domain><name>a</name><memory>1</memory><vcpu>0</vcpu></domain>')).toThrow(
      /<vcpu> is not a positive whole number/,
    );
    expect(() => parseDomainXml('<notadomain/>')).toThrow(/no <domain> root/);
  });
});
