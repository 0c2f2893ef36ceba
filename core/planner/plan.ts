// What the planner answers about a site: an ordered list of steps, what could not be done and
// why (in the policy's own sentences), per-container use before and after, the objective with
// its lower bound and gap, and the independent replay check of the steps.
import type { Name } from '../model/types';
import type { Violation } from '../policy';
import type { StopReason } from './budget';
import type { Objective } from './pack-result';

/** What a plan is for (the CLI's `paddock plan KIND` and the app's planner.preview take these). */
export const PLAN_KINDS = ['place', 'rebalance', 'evacuate', 'whatif'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

export interface PlanStep {
  vm: Name;
  /** null: the VM was not placed before (a new or stopped-and-unplaced VM). */
  from: Name | null;
  to: Name;
  /** A step aside through a temporary host, to break a cycle; the VM moves on later. */
  temporary: boolean;
  /** Memory moved by this step (what a live migration copies). */
  memoryMiB: number;
}

export interface ContainerUse {
  container: Name;
  domain: Name;
  vcpus: number;
  vcpuLimit: number;
  memoryMiB: number;
  memoryLimitMiB: number;
  vms: number;
}

/** A VM the plan could not place, and what each container of its domain objects to. */
export interface Unplaceable {
  vm: Name;
  /** One sentence naming the VM and the rules in the way. */
  summary: string;
  reasons: { container: Name; violations: Violation[] }[];
}

/** A problem found by replaying a plan through the policy (see plan-check.ts). */
export interface PlanProblem {
  /** Index in steps, or null for a problem with the end state. */
  step: number | null;
  vm?: Name;
  message: string;
}

export interface PlanCheck {
  ok: boolean;
  problems: PlanProblem[];
}

/** The what-if answers: does the scenario fit, and how many more containers would make it fit. */
export interface WhatIfAnswer {
  fits: boolean;
  /** What the scenario did to the site, one line per change. */
  scenario: string[];
  /**
   * When a container type was given and the scenario did not fit as is: how many containers
   * like it had to be added (null: none up to the limit was enough).
   */
  extraContainers: { type: Name; count: number | null; tried: number[] } | null;
}

export interface Plan {
  kind: PlanKind;
  objective: Objective;
  /** Everything asked for was done (all VMs placed / evacuated, nothing blocked) and the replay passed. */
  feasible: boolean;
  steps: PlanStep[];
  unplaced: Unplaceable[];
  /** Moves the sequencer could not order validly even through a temporary host. */
  blocked: { vm: Name; from: Name | null; to: Name }[];
  /** Consolidation: containers in use; balance: peak utilisation (0..1, of the fullest dimension). */
  value: number;
  bound: number;
  boundMethod: string;
  /** (value - bound) / bound; 0 = proven best possible. */
  gap: number;
  before: ContainerUse[];
  after: ContainerUse[];
  containersInUse: { before: number; after: number };
  memoryMovedMiB: number;
  stop: StopReason;
  elapsedMs: number;
  /** Things the user should know (budget used, existing placement problems, ...). */
  notes: string[];
  check: PlanCheck;
  whatIf?: WhatIfAnswer;
}
