// loadSite: normalisation to the model, what comes back when, and where findings point.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasErrors, loadSite } from '../../../core/site';

const baseText = readFileSync(path.join(import.meta.dirname, 'valid-small.yaml'), 'utf8');
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('loadSite normalisation', () => {
  const text = `version: 1
site: { name: norm }
domains:
  - { name: d, ssh: { user: admin } }
pools:
  - { name: p, domain: d, kind: nfs, mountPath: /p, capacityGiB: 100 }
networks:
  - { name: n, domain: d, bridge: br0, cidr: 10.0.0.0/24 }
containers:
  - { name: c, domain: d, address: c.example.org, hypervisor: xen-xl, cpu: { cores: 4 }, memoryGiB: 8.5, pools: [p], networks: [n] }
vms:
  - name: v
    domain: d
    vcpus: 1
    memoryGiB: 0.5
    disks: [{ pool: p, sizeGiB: 1 }, { name: data, pool: p, sizeGiB: 2 }]
    nics: [{ network: n, mac: 52-54-00-AB-CD-EF }]
`;
  const { site, diagnostics } = loadSite(text, 'norm.yaml');

  it('converts GiB to whole MiB and fills defaults', () => {
    expect(diagnostics).toEqual([]);
    const c = site?.containers[0];
    expect(c).toMatchObject({
      memoryMiB: 8704,
      reservedMemoryMiB: 0,
      cpu: { cores: 4, overcommit: 1 },
      ssh: { port: 22, user: 'admin' },
      maintenance: false,
      tags: [],
    });
    expect(site?.networks[0]?.public).toBe(false);
    expect(site?.vms[0]).toEqual({
      name: 'v',
      domain: 'd',
      vcpus: 1,
      memoryMiB: 512,
      disks: [
        { name: 'disk0', pool: 'p', sizeGiB: 1 },
        { name: 'data', pool: 'p', sizeGiB: 2 },
      ],
      nics: [{ network: 'n', mac: '52:54:00:ab:cd:ef' }],
      container: null,
      state: 'unknown',
      tags: [],
    });
  });
});

describe('what loadSite returns', () => {
  it('returns the site with reference and placement errors, so the UI can show it', () => {
    const r = loadSite(baseText.replace('    container: edu-c2\n', '    container: edu-c9\n'), 'x.yaml');
    expect(hasErrors(r.diagnostics)).toBe(true);
    expect(r.site?.vms.find((v) => v.name === 'db')?.container).toBe('edu-c9');
  });

  it('returns no site when the shape is wrong, yet still checks the rest', () => {
    const text = baseText
      .replace('    vcpus: 1\n', '    vcpus: many\n')
      .replace('container: edu-c2', 'container: edu-c9');
    const r = loadSite(text, 'x.yaml');
    expect(r.site).toBeNull();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['unknown-container', 'wrong-type']);
  });

  it('does not cascade: references to a broken element are not reported as unknown', () => {
    // ops-c1 loses its hypervisor; vm mon (placed on it) must not get "unknown container".
    const r = loadSite(baseText.replace('    hypervisor: xen-xl\n', ''), 'x.yaml');
    expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([['missing-key', 'containers[2]']]);
  });

  it('points unknown keys at the key and missing keys at the mapping that lacks them', () => {
    const text = baseText.replace('    vcpus: 1\n', '    vpcus: 1\n');
    const r = loadSite(text, 'x.yaml');
    const line = lineOf(text, 'vpcus: 1');
    const mon = lineOf(text, '- name: mon');
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column, d.path])).toEqual([
      ['missing-key', mon, 5, 'vms[2]'],
      ['unknown-key', line, 5, 'vms[2].vpcus'],
    ]);
    expect(r.diagnostics[1]?.message).toBe('unknown key "vpcus" in vm mon (did you mean "vcpus"?)');
  });

  it('orders findings by position, whatever check found them', () => {
    const text = baseText
      .replace('cidr: 10.9.0.0/24', 'cidr: 10.9.0.9/24')
      .replace("mac: '52:54:00:00:00:20'", "mac: '52:54:00:00:00:10'")
      .replace('vms: [web, db]', 'vms: [web, dbx]');
    const r = loadSite(text, 'x.yaml');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['cidr-host-bits', 'duplicate-mac', 'unknown-vm']);
    const positions = r.diagnostics.map((d) => d.line * 1000 + d.column);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('names the file in every diagnostic and the first occurrence of a duplicate', () => {
    const text = baseText
      .replace('  - name: db\n', '  - name: web\n')
      .replace('vms: [web, db]', 'vms: [web, mon]');
    const r = loadSite(text, 'sites/dup.yaml');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({
      file: 'sites/dup.yaml',
      code: 'duplicate-name',
      path: 'vms[1].name',
    });
    expect(r.diagnostics[0]?.message).toContain(`(at line ${lineOf(text, '- name: web')})`);
  });
});
