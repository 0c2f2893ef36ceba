// Accepting drift into a real site file (assets/example-site.yaml): only the accepted lines
// change, comments and layout stay, the result loads, and impossible edits are refused.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyDrift, DriftApplyError } from '../../../core/discovery/apply';
import { hasErrors, loadSite } from '../../../core/site';

const FILE = path.resolve(import.meta.dirname, '..', '..', '..', 'assets', 'example-site.yaml');
const TEXT = readFileSync(FILE, 'utf8');
const load = (text: string) => loadSite(text, 'example-site.yaml');

const changedLines = (a: string, b: string): [string | undefined, string | undefined][] => {
  const x = a.split('\n');
  const y = b.split('\n');
  const out: [string | undefined, string | undefined][] = [];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) out.push([x[i], y[i]]);
  return out;
};

describe('applyDrift', () => {
  it('moves a VM by changing exactly its container line, keeping comments', () => {
    expect(hasErrors(load(TEXT).diagnostics)).toBe(false);
    const r = applyDrift(TEXT, 'example-site.yaml', [
      { op: 'set-container', vm: 'ldap2', container: 'mgmt-k1' },
    ]);
    expect(changedLines(TEXT, r.text)).toEqual([['    container: mgmt-x2', '    container: mgmt-k1']]);
    expect(r.text).toContain('# Public addresses use the documentation ranges');
    expect(load(r.text).site?.vms.find((v) => v.name === 'ldap2')?.container).toBe('mgmt-k1');
    expect(r.diff).toContain('-    container: mgmt-x2');
    expect(r.diff).toContain('+    container: mgmt-k1');
    expect(r.diff.split('\n').filter((l) => /^[-+][^-+]/.test(l))).toHaveLength(2);
  });

  it('applies state, vCPUs, memory and NICs together', () => {
    const r = applyDrift(TEXT, 'example-site.yaml', [
      { op: 'set-state', vm: 'ldap1', state: 'stopped' },
      { op: 'set-vcpus', vm: 'ldap1', vcpus: 4 },
      { op: 'set-memory', vm: 'ldap1', memoryMiB: 6144 },
      {
        op: 'set-nics',
        vm: 'ldap1',
        nics: [{ network: 'mgmt-priv', ip: '10.10.0.21', mac: '00:16:3e:10:00:99' }],
      },
    ]);
    const vm = load(r.text).site?.vms.find((v) => v.name === 'ldap1');
    expect(vm).toMatchObject({
      state: 'stopped',
      vcpus: 4,
      memoryMiB: 6144,
      nics: [{ network: 'mgmt-priv', ip: '10.10.0.21', mac: '00:16:3e:10:00:99' }],
    });
    expect(changedLines(TEXT, r.text)).toHaveLength(4);
    expect(r.text).toContain(
      "    nics: [{ network: mgmt-priv, ip: 10.10.0.21, mac: '00:16:3e:10:00:99' }]\n",
    );
  });

  it('adds an unknown VM at the end of the list with a note', () => {
    const r = applyDrift(TEXT, 'example-site.yaml', [
      {
        op: 'add-vm',
        note: 'disks not imported',
        vm: {
          name: 'found1',
          domain: 'mgmt',
          vcpus: 1,
          memoryMiB: 512,
          disks: [],
          nics: [{ network: 'mgmt-priv', mac: '52:54:00:01:02:03' }],
          container: 'mgmt-k1',
          state: 'running',
          tags: [],
        },
      },
    ]);
    const loaded = load(r.text);
    expect(hasErrors(loaded.diagnostics)).toBe(false);
    expect(loaded.site?.vms.find((v) => v.name === 'found1')).toMatchObject({
      memoryMiB: 512,
      container: 'mgmt-k1',
    });
    expect(r.text).toContain('# Added from live discovery: disks not imported.');
    expect(r.diff.split('\n').filter((l) => l.startsWith('-') && !l.startsWith('---'))).toEqual([]);
  });

  it('refuses edits that cannot be made or would break the site', () => {
    expect(() => applyDrift(TEXT, 'f.yaml', [{ op: 'set-state', vm: 'nope', state: 'running' }])).toThrow(
      /VM nope is not in the file/,
    );
    expect(() =>
      applyDrift(TEXT, 'f.yaml', [{ op: 'set-container', vm: 'ldap1', container: 'no-such-host' }]),
    ).toThrow(DriftApplyError);
    expect(() => applyDrift('vms: [\n', 'f.yaml', [])).toThrow(/YAML errors/);
    expect(() =>
      applyDrift(TEXT, 'f.yaml', [
        {
          op: 'add-vm',
          vm: {
            name: 'ldap1',
            domain: 'mgmt',
            vcpus: 1,
            memoryMiB: 1024,
            disks: [],
            nics: [],
            container: null,
            state: 'stopped',
            tags: [],
          },
        },
      ]),
    ).toThrow(/already in the file/);
  });
});
