// The `paddock` command run as a real subprocess (node + tsx, as `npx paddock` does from a
// source checkout): on the example site, on broken site files and on bad command lines, with
// the documented exit codes and messages.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const MAIN = path.join(ROOT, 'core/cli/main.ts');
const EXAMPLE = path.join(ROOT, 'assets/example-site.yaml');
const BROKEN = path.join(ROOT, 'test/fixtures/broken-sites');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'paddock-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function paddock(...args: string[]): Run {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const T = { timeout: 180_000 };

describe('paddock validate', () => {
  it('exit 0 on the example site', T, () => {
    const r = paddock('validate', EXAMPLE);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/example-site.yaml: valid .*21 containers, 48 VMs/);
  });

  it('exit 1 with file:line:column findings on a broken site, and JSON on request', T, () => {
    const file = path.join(BROKEN, 'anti-affinity.yaml');
    const r = paddock('validate', file);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/anti-affinity\.yaml:\d+:\d+: error \[anti-affinity\]/);
    const j = paddock('validate', file, '--json');
    expect(j.code).toBe(1);
    const doc = JSON.parse(j.out) as { valid: boolean; errors: number; diagnostics: { code: string }[] };
    expect(doc.valid).toBe(false);
    expect(doc.errors).toBeGreaterThan(0);
    expect(doc.diagnostics[0]?.code).toBe('anti-affinity');
  });

  it('exit 3 when the file cannot be read', T, () => {
    const r = paddock('validate', path.join(tmp, 'missing.yaml'));
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/missing\.yaml: no such file/);
    const dir = path.join(tmp, 'a-folder.yaml');
    mkdirSync(dir);
    expect(paddock('validate', dir).code).toBe(3);
  });
});

describe('paddock plan', () => {
  it('evacuate: ordered steps as a table, exit 0 when every VM finds a home', T, () => {
    const r = paddock('plan', 'evacuate', '--site', EXAMPLE, '--container', 'mgmt-x1', '--time', '2');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/result: FEASIBLE/);
    expect(r.out).toMatch(/1 +ldap1 +mgmt-x1 +mgmt-k1/);
    expect(r.out).toMatch(/check: every step replayed through the placement policy/);
  });

  it('evacuate --json: exit 1 and the reason when a VM cannot move', T, () => {
    const r = paddock('plan', 'evacuate', 'grid-k1', '--site', EXAMPLE, '--json', '--time', '2');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as {
      plan: { feasible: boolean; gap: number | null; unplaced: { vm: string; summary: string }[] };
    };
    expect(doc.plan.feasible).toBe(false);
    expect(doc.plan.gap).toBeNull();
    expect(doc.plan.unplaced[0]?.vm).toBe('gridftp1');
    expect(doc.plan.unplaced[0]?.summary).toMatch(/anti-affinity group gridftp-pair/);
  });

  it('place, rebalance and what-if on the example site', T, () => {
    const place = paddock('plan', 'place', '--site', EXAMPLE, '--time', '1', '--json');
    expect(place.code).toBe(0);
    expect((JSON.parse(place.out) as { plan: { steps: unknown[] } }).plan.steps).toHaveLength(4);
    const reb = paddock(
      'plan',
      'rebalance',
      '--site',
      EXAMPLE,
      '--objective',
      'consolidate',
      '--budget',
      '16',
      '--time',
      '1',
    );
    expect(reb.code).toBe(0);
    expect(reb.out).toMatch(/containers in use 20 -> 1\d/);
    const what = paddock(
      'plan',
      'whatif',
      '--site',
      EXAMPLE,
      '--add-clusters',
      '5',
      '--cluster',
      'lab1',
      '--container-type',
      'edu-c01',
      '--time',
      '6',
    );
    expect(what.code).toBe(1);
    expect(what.out).toMatch(/fits as it is: no/);
    expect(what.out).toMatch(/more containers like edu-c01 needed: 10/);
  });

  it('plans on a site whose only errors are placement problems', T, () => {
    const r = paddock(
      'plan',
      'rebalance',
      '--site',
      path.join(BROKEN, 'memory-over-capacity.yaml'),
      '--time',
      '1',
    );
    expect([0, 1]).toContain(r.code);
    expect(r.out).toMatch(/paddock plan rebalance/);
  });

  it('exit 3 on a site with other errors, naming them', T, () => {
    const r = paddock('plan', 'place', '--site', path.join(BROKEN, 'unknown-pool.yaml'));
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/cannot be planned on until these errors are fixed/);
    expect(r.err).toMatch(/unknown-pool\.yaml:\d+:\d+: error/);
    const yaml = path.join(tmp, 'bad.yaml');
    writeFileSync(yaml, 'version: 1\nsite: [unclosed\n');
    expect(paddock('plan', 'place', '--site', yaml).code).toBe(3);
  });

  it.each([
    [['plan'], /say what to plan/],
    [['plan', 'shuffle', '--site', EXAMPLE], /unknown plan "shuffle"/],
    [['plan', 'place'], /--site SITE is required/],
    [['plan', 'place', '--site', EXAMPLE, '--time', 'soon'], /--time needs a positive number, got "soon"/],
    [['plan', 'place', '--site', EXAMPLE, '--frobnicate'], /Unknown option '--frobnicate'/],
    [['plan', 'evacuate', '--site', EXAMPLE], /say which container/],
    [['plan', 'evacuate', '--site', EXAMPLE, '--container', 'nope'], /no container named "nope"/],
    [['plan', 'whatif', '--site', EXAMPLE], /give a scenario/],
    [['plan', 'whatif', '--site', EXAMPLE, '--vcpus', '2'], /--vcpus must follow --add-vms N/],
    [
      ['plan', 'whatif', '--site', EXAMPLE, '--add-vms', '2'],
      /needs --like VM, or --domain D --vcpus N --memory GIB/,
    ],
    [['plan', 'place', '--site', EXAMPLE, '--add-vms', '2'], /what-if option/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('exit 2 on %j', T, (args, message) => {
    const r = paddock(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('--help lists the commands and exit codes', T, () => {
    const r = paddock('--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/paddock plan evacuate/);
    expect(r.out).toMatch(/130 interrupted/);
  });
});
