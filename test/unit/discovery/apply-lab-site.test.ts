// The lab's generated site file loads cleanly, and drift edits work on its layout too
// (block maps written by the yaml library, keys that may be missing).
import { describe, expect, it } from 'vitest';
import { applyDrift } from '../../../core/discovery/apply';
import { hasErrors, loadSite } from '../../../core/site';
import { DEFAULT_OPTIONS, planLab } from '../../lab/config';
import { labSiteYaml } from '../../lab/site-file';

const TEXT = labSiteYaml(planLab({ ...DEFAULT_OPTIONS }), { cpus: 2, memoryMiB: 8000 });

describe('lab site file', () => {
  it('loads without findings and matches the lab plan', () => {
    const r = loadSite(TEXT, 'site.yaml');
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.site?.containers.map((c) => [c.name, c.domain, c.address])).toEqual([
      ['lab-h1', 'research', '10.200.40.11'],
      ['lab-h2', 'research', '10.200.40.12'],
      ['lab-h3', 'teaching', '10.200.40.13'],
    ]);
    expect(r.site?.vms.map((v) => `${v.name}@${v.container}`)).toEqual([
      'research-vm1@lab-h1',
      'research-vm2@lab-h1',
      'research-vm3@lab-h2',
      'research-vm4@lab-h2',
      'teaching-vm1@lab-h3',
      'teaching-vm2@lab-h3',
    ]);
    expect(r.site?.vms[0]?.memoryMiB).toBe(96);
  });

  it('inserts a missing container key as one line', () => {
    const without = TEXT.replace(
      /\n {4}container: lab-h1(\n {4}state: running\n {4}tags:\n {6}- lab\n {2}- name: research-vm2)/,
      '$1',
    );
    expect(without).not.toBe(TEXT);
    const r = applyDrift(without, 'site.yaml', [
      { op: 'set-container', vm: 'research-vm1', container: 'lab-h2' },
    ]);
    expect(loadSite(r.text, 'site.yaml').site?.vms[0]?.container).toBe('lab-h2');
    expect(r.diff.split('\n').filter((l) => /^[-+][^-+]/.test(l))).toEqual(
      ['+      - lab', '+    container: lab-h2'].slice(1),
    );
  });

  it('appends an unknown VM in the file’s own layout', () => {
    const r = applyDrift(TEXT, 'site.yaml', [
      {
        op: 'add-vm',
        vm: {
          name: 'stray',
          domain: 'teaching',
          vcpus: 1,
          memoryMiB: 64,
          disks: [],
          nics: [{ network: 'teaching-net', mac: '52:54:00:99:00:01' }],
          container: 'lab-h3',
          state: 'running',
          tags: [],
        },
      },
    ]);
    const loaded = loadSite(r.text, 'site.yaml');
    expect(hasErrors(loaded.diagnostics)).toBe(false);
    expect(loaded.site?.vms.at(-1)).toMatchObject({
      name: 'stray',
      memoryMiB: 64,
      nics: [{ network: 'teaching-net', mac: '52:54:00:99:00:01' }],
    });
  });
});
