import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Container, Vm } from '../../../core/model/types';
import {
  containerLoad,
  cpuMeter,
  formatLoadRatio,
  memoryMeter,
  meterLevel,
  sumLoads,
} from '../../../renderer/src/view-model/capacity';
import { buildSite, defined } from './site-builder';

const base = buildSite({ domains: 1, containersPerDomain: 1, vmsPerContainer: 0 });
const container = (
  cores: number,
  overcommit: number,
  memoryMiB: number,
  reservedMemoryMiB: number,
): Container => ({
  ...defined(base.containers[0], 'container'),
  cpu: { cores, overcommit },
  memoryMiB,
  reservedMemoryMiB,
});
const vm = (vcpus: number, memoryMiB: number): Vm => ({
  ...defined(buildSite({ domains: 1, containersPerDomain: 1, vmsPerContainer: 1 }).vms[0], 'vm'),
  vcpus,
  memoryMiB,
});

describe('containerLoad', () => {
  it('sums the VMs and takes limits from the policy (overcommit, reserved memory)', () => {
    const l = containerLoad(container(16, 2, 65536, 4096), [vm(4, 8192), vm(8, 16384)], false);
    expect(l).toEqual({
      vmCount: 2,
      vcpus: 12,
      cores: 16,
      overcommit: 2,
      dedicated: false,
      vcpuLimit: 32,
      memUsedMiB: 24576,
      memTotalMiB: 65536,
      memReservedMiB: 4096,
      memCapacityMiB: 61440,
    });
  });

  it('does not overcommit a container dedicated to a virtual cluster', () => {
    const l = containerLoad(container(16, 2, 65536, 4096), [], true);
    expect([l.vcpuLimit, l.overcommit]).toEqual([16, 1]);
    expect(cpuMeter(l).valueText).toContain('no overcommit');
  });
});

describe('meters', () => {
  it('marks overcommit beyond the cores and the reserved memory at the end of the track', () => {
    const l = containerLoad(container(16, 2, 65536, 16384), [vm(20, 40960)], false);
    const cpu = cpuMeter(l);
    expect(cpu).toMatchObject({
      value: 20,
      max: 32,
      softLimit: 16,
      hardLimit: 32,
      level: 'soft',
      summary: '20 / 16 cores (≤ 32)',
    });
    expect(cpu.zones).toEqual([{ from: 0.5, to: 1, kind: 'overcommit' }]);
    const mem = memoryMeter(l);
    expect(mem).toMatchObject({
      value: 40960,
      max: 65536,
      hardLimit: 49152,
      level: 'ok',
      summary: '40 GiB / 48 GiB',
    });
    expect(mem.zones).toEqual([{ from: 0.75, to: 1, kind: 'reserved' }]);
    expect(mem.valueText).toBe(
      '40 GiB allocated of 48 GiB available to guests (83%; 16 GiB of 64 GiB reserved for the host)',
    );
  });

  it('says when a container is over its limits', () => {
    const l = containerLoad(container(4, 1, 8192, 1024), [vm(6, 8192)], false);
    expect(cpuMeter(l)).toMatchObject({ level: 'over', max: 6, zones: [] });
    expect(cpuMeter(l).valueText).toContain('over the limit');
    expect(memoryMeter(l).level).toBe('over');
  });

  it('grades levels consistently: over exactly when above the hard limit', () => {
    fc.assert(
      fc.property(
        fc.nat(1000),
        fc.nat(1000),
        fc.option(fc.nat(1000), { nil: undefined }),
        (value, hard, soft) => {
          const level = meterLevel(value, hard, soft);
          expect(level === 'over').toBe(value > hard);
          if (level === 'soft') expect(soft !== undefined && value > soft).toBe(true);
        },
      ),
    );
  });

  it('keeps zones and the fill on the track for any container', () => {
    const arb = fc.record({
      cores: fc.integer({ min: 1, max: 256 }),
      overcommit: fc.double({ min: 1, max: 8, noNaN: true }),
      mem: fc.integer({ min: 1, max: 4_000_000 }),
      reservedShare: fc.double({ min: 0, max: 1, noNaN: true }),
      vms: fc.array(
        fc.record({ vcpus: fc.integer({ min: 1, max: 64 }), mem: fc.integer({ min: 1, max: 1_000_000 }) }),
        { maxLength: 20 },
      ),
      dedicated: fc.boolean(),
    });
    fc.assert(
      fc.property(arb, (a) => {
        const l = containerLoad(
          container(a.cores, a.overcommit, a.mem, Math.floor(a.mem * a.reservedShare)),
          a.vms.map((v) => vm(v.vcpus, v.mem)),
          a.dedicated,
        );
        for (const m of [cpuMeter(l), memoryMeter(l)]) {
          expect(m.max).toBeGreaterThanOrEqual(m.value);
          expect(m.max).toBeGreaterThan(0);
          for (const z of m.zones) {
            expect(z.from).toBeGreaterThanOrEqual(0);
            expect(z.to).toBeLessThanOrEqual(1 + 1e-9);
            expect(z.from).toBeLessThanOrEqual(z.to);
          }
        }
        expect(l.vcpuLimit).toBe(a.dedicated ? a.cores : Math.floor(a.cores * a.overcommit + 1e-9));
      }),
    );
  });
});

describe('sumLoads and formatLoadRatio', () => {
  it('adds containers up', () => {
    const a = containerLoad(container(16, 2, 65536, 4096), [vm(4, 8192)], false);
    const b = containerLoad(container(8, 1, 32768, 0), [vm(2, 1024)], true);
    const s = sumLoads([a, b]);
    expect(s).toMatchObject({
      vmCount: 2,
      vcpus: 6,
      cores: 24,
      vcpuLimit: 40,
      memUsedMiB: 9216,
      memCapacityMiB: 61440 + 32768,
    });
    expect(sumLoads([])).toMatchObject({ vcpus: 0, cores: 0, overcommit: 1 });
    expect(formatLoadRatio(1, 4)).toBe('25%');
    expect(formatLoadRatio(0, 0)).toBe('—');
    expect(formatLoadRatio(3, 0)).toBe('over');
  });
});
