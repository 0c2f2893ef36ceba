// xl parsers on outputs of real xl runs published by others; where each file comes from is in
// test/fixtures/recorded/xl/README.md (erred/uva-sne lab notes, the Xen man page, libvirt's
// libxl JSON test data; list-l-composite-two-guests.json is a labelled composite).
import { describe, expect, it } from 'vitest';
import { parseXlInfo } from '../../../core/drivers/xl/parse-info';
import { parseXlList, xlState } from '../../../core/drivers/xl/parse-list';
import { parseXlListLong } from '../../../core/drivers/xl/parse-list-long';
import { xlFixture } from './fixtures';

describe('xl list', () => {
  it('reads a real table with a tab-separated header (uva-sne, Xen 4.9)', () => {
    expect(parseXlList(xlFixture('list-uva-sne-restore.txt'))).toEqual([
      { name: 'Domain-0', domid: 0, memoryMiB: 13036, vcpus: 8, flags: 'r-----', state: 'running' },
      { name: 'guest-01', domid: 1, memoryMiB: 1024, vcpus: 2, flags: '-b----', state: 'running' },
      { name: 'Avignon-02', domid: 5, memoryMiB: 1024, vcpus: 2, flags: '-b----', state: 'running' },
    ]);
    expect(parseXlList(xlFixture('list-uva-sne-live-migration.txt'))[2]).toMatchObject({
      name: 'Avignon-live-mig',
      domid: 18,
    });
  });
  it('reads the man page example (space-separated header)', () => {
    expect(parseXlList(xlFixture('list-xen-man.txt')).map((e) => [e.name, e.domid, e.memoryMiB])).toEqual([
      ['Domain-0', 0, 750],
      ['win', 1, 1019],
      ['linux', 2, 2048],
    ]);
  });
  it('maps the six state letters', () => {
    expect(xlState('--p---')).toBe('paused');
    expect(xlState('------')).toBe('running');
    expect(xlState('---s--')).toBe('stopped');
    expect(xlState('---sc-')).toBe('crashed');
    expect(xlState('-----d')).toBe('unknown');
  });
  it('refuses a row whose columns are wrong, naming the line', () => {
    expect(() => parseXlList('Name ID Mem VCPUs State Time(s)\nweb 1 abc 1 r----- 0.1\n')).toThrow(
      /xl list` output line 2: not a domain row/,
    );
    expect(() => parseXlList('garbage only\n')).toThrow(/not a domain row/);
  });
});

describe('xl info', () => {
  it('reads the host capacity from the man page sample (Xen 4.2)', () => {
    expect(parseXlInfo(xlFixture('info-xen-man.txt'))).toEqual({
      cpus: 4,
      cpuModel: null,
      mhz: 2266,
      sockets: 1,
      coresPerSocket: 4,
      threadsPerCore: 1,
      numaCells: 1,
      memoryMiB: 6141,
      freeMemoryMiB: 4274,
      xenVersion: '4.2-unstable',
      host: 'scarlett',
    });
  });
  it('joins wrapped values and reads decimal MHz', () => {
    const info = parseXlInfo(
      'nr_cpus : 6\ncpu_mhz : 1689.603\ntotal_memory : 12287\nxen_commandline : a b\n                         c d\n',
    );
    expect(info.mhz).toBe(1690);
  });
  it('names the missing key', () => {
    expect(() => parseXlInfo('host : x\n')).toThrow(/xl info` output: missing "nr_cpus"/);
  });
});

describe('xl list -l', () => {
  it('reads the libxl configurations (libvirt test data, composite wrapper)', () => {
    const [pv, hvm] = parseXlListLong(xlFixture('list-l-composite-two-guests.json'));
    expect(pv).toEqual({
      domid: 1,
      name: 'test-pv',
      uuid: '039e9ee6-4a84-3055-4c81-8ba426ae2656',
      type: 'pv',
      maxVcpus: 4,
      vcpus: 4,
      maxMemoryKiB: 524288,
      memoryKiB: 524288,
      disks: [
        {
          target: 'xvda',
          source: '/var/lib/xen/images/test-pv.img',
          device: 'disk',
          format: 'raw',
          readonly: false,
        },
      ],
      nics: [{ mac: '00:16:3e:3e:86:60', bridge: 'br0', network: null, type: 'vif', model: null }],
    });
    expect(hvm?.disks.map((d) => [d.target, d.device, d.readonly])).toEqual([
      ['hda', 'disk', false],
      ['hdb', 'cdrom', true],
    ]);
    expect(hvm?.nics[0]).toMatchObject({ mac: '00:16:3e:7a:35:ce', model: 'netfront' });
  });
  it('reads a bare libxl configuration wrapped as xl prints it', () => {
    const cfg = xlFixture('libxl-config-moredevs-hvm.json');
    expect(parseXlListLong(`[{"domid": null, "config": ${cfg}}]`)[0]).toMatchObject({
      domid: null,
      name: 'test-hvm',
      type: 'hvm',
    });
  });
  it('explains S-expression output and names bad members', () => {
    expect(() => parseXlListLong('(domain (domid 1))')).toThrow(/output_format="json"/);
    expect(() =>
      parseXlListLong('[{"domid": 1, "config": {"c_info": {"name": "a"}, "b_info": {"max_memkb": "lots"}}}]'),
    ).toThrow(/entry 0 \("a"\): b_info.max_memkb is not a non-negative whole number/);
    expect(() => parseXlListLong('{"domid": 1}')).toThrow(/top level is not an array/);
    expect(() => parseXlListLong('[{"domid": 1,')).toThrow(/not valid JSON/);
  });
});
