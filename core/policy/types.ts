// What the placement policy answers: a verdict with every violated rule as a human sentence.
import type { Name } from '../model/types';

export type Rule =
  'domain' | 'storage' | 'network' | 'memory' | 'vcpu' | 'dedicated' | 'anti-affinity' | 'maintenance';

/** Every rule, in the order checks run and violations are listed. */
export const RULES: readonly Rule[] = [
  'domain',
  'maintenance',
  'dedicated',
  'storage',
  'network',
  'memory',
  'vcpu',
  'anti-affinity',
];

/** Rules that do not depend on where other VMs are placed (see staticViolations). */
export const STATIC_RULES: readonly Rule[] = ['domain', 'maintenance', 'dedicated', 'storage', 'network'];

export interface Violation {
  rule: Rule;
  /** A sentence for people: what is wrong and why. */
  message: string;
  vm?: Name;
  container?: Name;
  /** Where in the VM the fault is, relative to the VM (e.g. ['disks', 0, 'pool']), when it is one field. */
  field?: readonly (string | number)[];
  /** The anti-affinity group or virtual cluster involved. */
  group?: { kind: 'group' | 'cluster'; name: Name };
}

export type Verdict = { ok: true; violations: [] } | { ok: false; violations: Violation[] };

export interface Capacity {
  vcpus: number;
  memoryMiB: number;
}
