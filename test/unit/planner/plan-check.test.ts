// The plan checker replays steps through the placement policy and catches every kind of bad
// plan: unknown names, wrong "from", breaking a rule at the step it happens (even if a later
// step would make the end state fine), VMs left on temporary hosts, containers not emptied,
// VMs not placed, wrong memory accounting.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Site } from '../../../core/model/types';
import { checkPlan, type PlanStep } from '../../../core/planner';
import { loadSite } from '../../../core/site';

function example(): Site {
  const file = path.resolve(import.meta.dirname, '../../../assets/example-site.yaml');
  const { site } = loadSite(readFileSync(file, 'utf8'), 'example-site.yaml');
  if (!site) throw new Error('example site does not load');
  return site;
}

const site = example();
const mem = (vm: string): number => site.vms.find((v) => v.name === vm)?.memoryMiB ?? -1;
const step = (vm: string, from: string | null, to: string, temporary = false): PlanStep => ({
  vm,
  from,
  to,
  temporary,
  memoryMiB: mem(vm),
});

describe('checkPlan', () => {
  it('accepts a valid evacuation of mgmt-x1', () => {
    const r = checkPlan(site, [step('ldap1', 'mgmt-x1', 'mgmt-k1'), step('dns1', 'mgmt-x1', 'mgmt-x2')], {
      mustEmpty: ['mgmt-x1'],
    });
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.ctx.vmsOn('mgmt-x1')).toEqual([]);
  });

  it.each<[string, PlanStep[], RegExp]>([
    [
      'an unknown VM',
      [{ vm: 'ghost', from: null, to: 'mgmt-k1', temporary: false, memoryMiB: 1 }],
      /no vm named "ghost"/,
    ],
    ['an unknown container', [step('ldap1', 'mgmt-x1', 'mgmt-zz')], /no container named "mgmt-zz"/],
    ['a wrong "from"', [step('ldap1', 'mgmt-x2', 'mgmt-k1')], /is on mgmt-x1 at this point, not on mgmt-x2/],
    ['a move to where it already is', [step('ldap1', 'mgmt-x1', 'mgmt-x1')], /already on mgmt-x1/],
    ['another domain', [step('ldap1', 'mgmt-x1', 'ext-k1')], /security domain mgmt/],
    ['a container in maintenance', [step('sgw-mono', 'grid-k1', 'grid-k3')], /maintenance/],
    ['an anti-affinity pair together', [step('ldap1', 'mgmt-x1', 'mgmt-x2')], /ldap-pair/],
    ['a dedicated container', [step('course-web', 'edu-s1', 'edu-c01')], /dedicated to virtual cluster lab1/],
    ['wrong memory accounting', [{ ...step('ldap1', 'mgmt-x1', 'mgmt-k1'), memoryMiB: 1 }], /moves 1 MiB/],
  ])('catches %s', (_what, steps, message) => {
    const r = checkPlan(site, steps);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.message).join('\n')).toMatch(message);
    expect(r.problems[0]?.step).toBe(0);
  });

  it('catches capacity broken mid-sequence even when the end state would be fine', () => {
    // Fill edu-c02 (lab1's other dedicated host) past its vCPU limit by moving lab1 nodes in
    // before any leaves: each step is judged in order.
    const c02 = site.vms.filter((v) => v.container === 'edu-c02').length;
    const c01 = site.vms.filter((v) => v.container === 'edu-c01').map((v) => v.name);
    const steps = c01.map((vm) => step(vm, 'edu-c01', 'edu-c02'));
    const r = checkPlan(site, steps);
    expect(c02 + c01.length).toBeGreaterThan(3);
    expect(r.ok).toBe(false);
    expect(r.problems.some((p) => /vCPU|anti-affinity|virtual cluster lab1 allows/.test(p.message))).toBe(
      true,
    );
  });

  it('catches a VM left on a temporary host, a container not emptied and a VM not placed', () => {
    const r = checkPlan(site, [step('dns1', 'mgmt-x1', 'mgmt-k1', true)], {
      mustEmpty: ['mgmt-x1'],
      mustPlace: ['portal-dev'],
    });
    const text = r.problems.map((p) => p.message).join('\n');
    expect(text).toMatch(/dns1 is left on mgmt-k1, a temporary host/);
    expect(text).toMatch(/container mgmt-x1 still hosts ldap1/);
    expect(text).toMatch(/portal-dev is not placed/);
  });
});
