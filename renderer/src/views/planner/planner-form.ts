// The planner's form as the user fills it (strings, as typed) and its parsing into a planner
// request. Every problem names the field it is about, in the words of the form, so the view
// can show it beside the field and focus it.
import type { Name, Site } from '../../../../core/model/types';
import type { Objective, PlanRequest, ScenarioOp } from '../../../../core/planner';

export type ScenarioKind = PlanRequest['kind'];
export type OpKind = ScenarioOp['kind'];

/** One what-if change being edited; only the fields of its kind are read. */
export interface OpDraft {
  id: number;
  kind: OpKind;
  /** add-vms, add-clusters, add-containers. */
  count: string;
  /** add-vms: copy a VM, or give a size. */
  sizeFrom: 'like' | 'size';
  /** The VM (add-vms), cluster (add-clusters) or container (add-containers) to copy. */
  like: string;
  domain: string;
  vcpus: string;
  memoryGiB: string;
  /** add-clusters: new dedicated containers like this one ('' = idle containers of the domain). */
  containerType: string;
  /** remove-container, fail-container. */
  container: string;
}

export interface PlannerForm {
  kind: ScenarioKind;
  objective: Objective;
  /** rebalance: memory that may be moved, in GiB ('' = no limit). */
  budgetGiB: string;
  /** evacuate: the container to empty. */
  container: string;
  ops: OpDraft[];
  /** what-if: ask how many more containers like this one are needed ('' = do not ask). */
  containerType: string;
  timeSeconds: string;
  seed: string;
}

export interface FieldError {
  /** Stable id of the field (see fieldId), to show the message beside it and focus it. */
  field: string;
  message: string;
}

export type ParsedForm =
  { ok: true; request: PlanRequest; timeLimitMs: number; seed: number } | { ok: false; errors: FieldError[] };

export const LIMITS = {
  timeSeconds: { min: 0.1, max: 600 },
  seed: { max: 2 ** 31 - 1 },
  budgetGiB: { max: 10_000_000 },
  count: { 'add-vms': 100_000, 'add-clusters': 1000, 'add-containers': 100_000 },
  vcpus: { max: 4096 },
  memoryGiB: { max: 65_536 },
  ops: 50,
} as const;

export const OP_LABEL: Readonly<Record<OpKind, string>> = {
  'add-vms': 'Add VMs',
  'add-clusters': 'Add virtual clusters',
  'add-containers': 'Add containers',
  'remove-container': 'Remove a container',
  'fail-container': 'Fail a container',
};

export const fieldId = {
  time: 'planner-time',
  seed: 'planner-seed',
  budget: 'planner-budget',
  container: 'planner-container',
  containerType: 'planner-container-type',
  ops: 'planner-ops',
  /** Every field of one what-if change starts with this (see op). */
  opPrefix: (id: number) => `planner-op-${id}`,
  op: (id: number, field: keyof OpDraft) => `${fieldId.opPrefix(id)}-${field}`,
};

export function newOp(id: number, kind: OpKind): OpDraft {
  return {
    id,
    kind,
    count: kind === 'remove-container' || kind === 'fail-container' ? '' : '1',
    sizeFrom: 'like',
    like: '',
    domain: '',
    vcpus: '2',
    memoryGiB: '4',
    containerType: '',
    container: '',
  };
}

export function defaultForm(): PlannerForm {
  return {
    kind: 'evacuate',
    objective: 'consolidate',
    budgetGiB: '',
    container: '',
    ops: [],
    containerType: '',
    timeSeconds: '10',
    seed: '1',
  };
}

const WHOLE = /^\d+$/;
const DECIMAL = /^(?:\d+(?:\.\d*)?|\.\d+)$/;

/** A whole number in [min, max], or the message saying what the field needs. */
export function parseWhole(text: string, min: number, max: number): number | string {
  const t = text.trim();
  if (t === '') return `enter a whole number from ${min} to ${max}`;
  if (!WHOLE.test(t)) return `"${t}" is not a whole number (from ${min} to ${max})`;
  const n = Number(t);
  if (n < min || n > max) return `${t} is out of range: from ${min} to ${max}`;
  return n;
}

/** A decimal number in [min, max], or the message saying what the field needs. */
export function parseDecimal(text: string, min: number, max: number, positive = false): number | string {
  const t = text.trim();
  const range = positive ? `more than 0, at most ${max}` : `from ${min} to ${max}`;
  if (t === '') return `enter a number ${range}`;
  if (!DECIMAL.test(t)) return `"${t}" is not a number (${range})`;
  const n = Number(t);
  if ((positive ? n <= 0 : n < min) || n > max) return `${t} is out of range: ${range}`;
  return n;
}

class Collector {
  readonly errors: FieldError[] = [];
  add(field: string, label: string, message: string): void {
    this.errors.push({ field, message: `${label}: ${message}` });
  }
  num(field: string, label: string, v: number | string): number {
    if (typeof v === 'string') {
      this.add(field, label, v);
      return Number.NaN;
    }
    return v;
  }
  /** A name that must be one of the site's `what`s. */
  name(field: string, label: string, value: string, names: readonly Name[], what: string): Name {
    const v = value.trim();
    if (v === '') this.add(field, label, `choose a ${what}`);
    else if (!names.includes(v)) this.add(field, label, `the site has no ${what} named "${v}"`);
    return v;
  }
}

function parseOp(c: Collector, op: OpDraft, n: number, site: Site): ScenarioOp {
  const label = (what: string) => `Change ${n} (${OP_LABEL[op.kind]}) · ${what}`;
  const f = (k: keyof OpDraft) => fieldId.op(op.id, k);
  const containers = site.containers.map((x) => x.name);
  const count = (max: number) => c.num(f('count'), label('Count'), parseWhole(op.count, 1, max));
  switch (op.kind) {
    case 'add-vms': {
      const howMany = count(LIMITS.count[op.kind]);
      if (op.sizeFrom === 'like') {
        return {
          kind: 'add-vms',
          count: howMany,
          like: c.name(
            f('like'),
            label('Like VM'),
            op.like,
            site.vms.map((v) => v.name),
            'VM',
          ),
        };
      }
      const domain = c.name(
        f('domain'),
        label('Domain'),
        op.domain,
        site.domains.map((d) => d.name),
        'domain',
      );
      const vcpus = c.num(f('vcpus'), label('vCPUs'), parseWhole(op.vcpus, 1, LIMITS.vcpus.max));
      const gib = c.num(
        f('memoryGiB'),
        label('Memory (GiB)'),
        parseDecimal(op.memoryGiB, 0, LIMITS.memoryGiB.max, true),
      );
      return { kind: 'add-vms', count: howMany, domain, vcpus, memoryMiB: Math.round(gib * 1024) };
    }
    case 'add-clusters': {
      const howMany = count(LIMITS.count[op.kind]);
      const like = c.name(
        f('like'),
        label('Like virtual cluster'),
        op.like,
        site.clusters.map((k) => k.name),
        'virtual cluster',
      );
      const type = op.containerType.trim();
      if (type === '') return { kind: 'add-clusters', count: howMany, like };
      const containerType = c.name(
        f('containerType'),
        label('Dedicated containers'),
        type,
        containers,
        'container',
      );
      return { kind: 'add-clusters', count: howMany, like, containerType };
    }
    case 'add-containers': {
      const howMany = count(LIMITS.count[op.kind]);
      return {
        kind: 'add-containers',
        count: howMany,
        like: c.name(f('like'), label('Like container'), op.like, containers, 'container'),
      };
    }
    case 'remove-container':
    case 'fail-container':
      return {
        kind: op.kind,
        container: c.name(f('container'), label('Container'), op.container, containers, 'container'),
      };
  }
}

/** The request the form asks for, or every problem with it (each naming its field). */
export function parseForm(form: PlannerForm, site: Site): ParsedForm {
  const c = new Collector();
  const containers = site.containers.map((x) => x.name);
  const seconds = c.num(
    fieldId.time,
    'Time budget (seconds)',
    parseDecimal(form.timeSeconds, LIMITS.timeSeconds.min, LIMITS.timeSeconds.max),
  );
  const seed = c.num(fieldId.seed, 'Seed', parseWhole(form.seed, 0, LIMITS.seed.max));
  let request: PlanRequest | null = null;
  switch (form.kind) {
    case 'place':
      request = { kind: 'place', objective: form.objective };
      break;
    case 'rebalance': {
      const t = form.budgetGiB.trim();
      if (t === '') {
        request = { kind: 'rebalance', objective: form.objective };
        break;
      }
      const gib = c.num(fieldId.budget, 'Migration budget (GiB)', parseDecimal(t, 0, LIMITS.budgetGiB.max));
      request = { kind: 'rebalance', objective: form.objective, budgetMiB: Math.round(gib * 1024) };
      break;
    }
    case 'evacuate':
      request = {
        kind: 'evacuate',
        container: c.name(
          fieldId.container,
          'Container to evacuate',
          form.container,
          containers,
          'container',
        ),
      };
      break;
    case 'whatif': {
      if (form.ops.length === 0) c.add(fieldId.ops, 'What-if changes', 'add at least one change');
      if (form.ops.length > LIMITS.ops)
        c.add(fieldId.ops, 'What-if changes', `at most ${LIMITS.ops} changes`);
      const ops = form.ops.map((op, i) => parseOp(c, op, i + 1, site));
      const type = form.containerType.trim();
      request = { kind: 'whatif', ops, objective: form.objective };
      if (type !== '') {
        request.containerType = c.name(
          fieldId.containerType,
          'How many more containers like',
          type,
          containers,
          'container',
        );
      }
      break;
    }
  }
  if (c.errors.length > 0) return { ok: false, errors: c.errors };
  return { ok: true, request, timeLimitMs: Math.round(seconds * 1000), seed };
}
