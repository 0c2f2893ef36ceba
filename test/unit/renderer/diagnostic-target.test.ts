import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../core/model/types';
import {
  diagnosticLocation,
  diagnosticsByNode,
  diagnosticTarget,
} from '../../../renderer/src/view-model/diagnostic-target';
import { buildSite } from './site-builder';

const site = buildSite({ domains: 1, containersPerDomain: 2, vmsPerContainer: 2, clusters: 1 });
const diag = (path: string): Diagnostic => ({
  file: 'site.yaml',
  line: 3,
  column: 9,
  path,
  code: 'x',
  message: 'm',
  severity: 'error',
});

describe('diagnosticTarget', () => {
  it('maps paths into vms, containers, domains and clusters to their node keys', () => {
    expect(diagnosticTarget(site, 'vms[1].nics[0].ip')).toBe('v:mgmt-vm0001');
    expect(diagnosticTarget(site, 'containers[0]')).toBe('c:mgmt-c001');
    expect(diagnosticTarget(site, 'domains[0].ssh.user')).toBe('d:mgmt');
    expect(diagnosticTarget(site, 'clusters[0].computes[2]')).toBe('k:lab1');
  });

  it('returns null for other collections, out-of-range indexes, odd paths and no site', () => {
    expect(diagnosticTarget(site, 'pools[0].capacityGiB')).toBeNull();
    expect(diagnosticTarget(site, 'vms[99]')).toBeNull();
    expect(diagnosticTarget(site, '')).toBeNull();
    expect(diagnosticTarget(site, 'version')).toBeNull();
    expect(diagnosticTarget(site, 'toString[0]')).toBeNull();
    expect(diagnosticTarget(null, 'vms[0]')).toBeNull();
  });

  it('groups diagnostics by node and formats locations as file:line:column', () => {
    const list = [
      diag('vms[0].memoryMiB'),
      diag('vms[0].disks[0].pool'),
      diag('containers[1]'),
      diag('networks[0]'),
    ];
    const byNode = diagnosticsByNode(site, list);
    expect([...byNode.keys()]).toEqual(['v:mgmt-vm0000', 'c:mgmt-c002']);
    expect(byNode.get('v:mgmt-vm0000')).toHaveLength(2);
    expect(diagnosticLocation(diag('x'))).toBe('site.yaml:3:9');
  });
});
