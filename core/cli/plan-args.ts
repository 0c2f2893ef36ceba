// Command-line arguments of `paddock plan ...`, with the what-if scenario kept in the order the
// options were given (node:util parseArgs tokens). Every mistake is a usage error that names
// the option and what was expected.
import { parseArgs } from 'node:util';
import type { Objective, PlanKind, PlanRequest, ScenarioOp } from '../planner';
import { PLAN_KINDS } from '../planner/plan';
import { usageError } from './exit-codes';

export interface PlanArgs {
  site: string;
  request: PlanRequest;
  timeSeconds: number;
  seed: number;
  json: boolean;
}

const OPTIONS = {
  site: { type: 'string' },
  time: { type: 'string' },
  seed: { type: 'string' },
  json: { type: 'boolean' },
  objective: { type: 'string' },
  budget: { type: 'string' },
  container: { type: 'string' },
  'add-vms': { type: 'string', multiple: true },
  like: { type: 'string', multiple: true },
  domain: { type: 'string', multiple: true },
  vcpus: { type: 'string', multiple: true },
  memory: { type: 'string', multiple: true },
  'add-clusters': { type: 'string', multiple: true },
  cluster: { type: 'string', multiple: true },
  'cluster-container-type': { type: 'string', multiple: true },
  'add-containers': { type: 'string', multiple: true },
  'like-container': { type: 'string', multiple: true },
  'remove-container': { type: 'string', multiple: true },
  'fail-container': { type: 'string', multiple: true },
  'container-type': { type: 'string' },
} as const;

const WHATIF_ONLY = new Set([
  'add-vms',
  'like',
  'domain',
  'vcpus',
  'memory',
  'add-clusters',
  'cluster',
  'cluster-container-type',
  'add-containers',
  'like-container',
  'remove-container',
  'fail-container',
  'container-type',
]);

function positiveNumber(option: string, raw: string | undefined): number {
  const v = Number(raw);
  if (raw === undefined || raw.trim() === '' || !Number.isFinite(v) || v <= 0) {
    throw usageError(`--${option} needs a positive number, got "${raw ?? ''}"`);
  }
  return v;
}

function count(option: string, raw: string | undefined): number {
  const v = positiveNumber(option, raw);
  if (!Number.isInteger(v)) throw usageError(`--${option} needs a whole number, got "${raw ?? ''}"`);
  return v;
}

const GIB = 1024;

export function parsePlanArgs(argv: readonly string[]): PlanArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
  } catch (e) {
    throw usageError((e as Error).message);
  }
  const { values, positionals, tokens } = parsed;
  const [kindRaw, ...extra] = positionals;
  if (kindRaw === undefined) throw usageError(`plan: say what to plan: ${PLAN_KINDS.join(', ')}`);
  if (!(PLAN_KINDS as readonly string[]).includes(kindRaw)) {
    throw usageError(`plan: unknown plan "${kindRaw}"; choose one of ${PLAN_KINDS.join(', ')}`);
  }
  const kind = kindRaw as PlanKind;
  // `paddock plan evacuate --site S NAME` is accepted as well as --container NAME.
  const container = values.container ?? (kind === 'evacuate' ? extra.shift() : undefined);
  if (extra.length) throw usageError(`plan ${kind}: unexpected argument "${extra[0]}"`);
  if (!values.site) throw usageError(`plan ${kind}: --site SITE is required`);
  const timeSeconds = values.time === undefined ? 10 : positiveNumber('time', values.time);
  const seed = values.seed === undefined ? 1 : count('seed', values.seed);
  let objective: Objective | undefined;
  if (values.objective !== undefined) {
    if (values.objective !== 'consolidate' && values.objective !== 'balance') {
      throw usageError(`--objective must be consolidate or balance, got "${values.objective}"`);
    }
    objective = values.objective;
  }
  const usedWhatIf = tokens
    .filter((t) => t.kind === 'option' && WHATIF_ONLY.has(t.name))
    .map((t) => (t.kind === 'option' ? t.name : ''));
  if (kind !== 'whatif' && usedWhatIf.length)
    throw usageError(`--${usedWhatIf[0]} is a what-if option (paddock plan whatif)`);
  if (kind !== 'rebalance' && values.budget !== undefined)
    throw usageError('--budget applies to paddock plan rebalance');
  if (kind !== 'evacuate' && values.container !== undefined)
    throw usageError('--container applies to paddock plan evacuate');
  if (kind === 'evacuate' && objective !== undefined)
    throw usageError('plan evacuate: --objective does not apply');

  let request: PlanRequest;
  switch (kind) {
    case 'place':
      request = { kind, ...(objective ? { objective } : {}) };
      break;
    case 'rebalance':
      request = {
        kind,
        ...(objective ? { objective } : {}),
        ...(values.budget === undefined
          ? {}
          : { budgetMiB: Math.round(positiveNumber('budget', values.budget) * GIB) }),
      };
      break;
    case 'evacuate':
      if (!container) throw usageError('plan evacuate: say which container: --container NAME');
      request = { kind, container };
      break;
    case 'whatif':
      request = {
        kind,
        ops: scenarioOps(tokens),
        ...(objective ? { objective } : {}),
        ...(values['container-type'] === undefined ? {} : { containerType: values['container-type'] }),
      };
      break;
  }
  return { site: values.site, request, timeSeconds, seed, json: values.json === true };
}

type Token = ReturnType<typeof parseArgs>['tokens'] extends (infer T)[] | undefined ? T : never;

/** Build the scenario from the options in command-line order. */
function scenarioOps(tokens: readonly Token[]): ScenarioOp[] {
  const ops: ScenarioOp[] = [];
  const last = (): ScenarioOp | undefined => ops[ops.length - 1];
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const v = t.value;
    switch (t.name) {
      case 'add-vms':
        ops.push({ kind: 'add-vms', count: count('add-vms', v) });
        break;
      case 'like':
      case 'domain':
      case 'vcpus':
      case 'memory': {
        const op = last();
        if (op?.kind !== 'add-vms') throw usageError(`--${t.name} must follow --add-vms N`);
        if (t.name === 'like') op.like = v ?? '';
        else if (t.name === 'domain') op.domain = v ?? '';
        else if (t.name === 'vcpus') op.vcpus = count('vcpus', v);
        else op.memoryMiB = Math.round(positiveNumber('memory', v) * GIB);
        break;
      }
      case 'add-clusters':
        ops.push({ kind: 'add-clusters', count: count('add-clusters', v), like: '' });
        break;
      case 'cluster':
      case 'cluster-container-type': {
        const op = last();
        if (op?.kind !== 'add-clusters') throw usageError(`--${t.name} must follow --add-clusters K`);
        if (t.name === 'cluster') op.like = v ?? '';
        else op.containerType = v ?? '';
        break;
      }
      case 'add-containers':
        ops.push({ kind: 'add-containers', count: count('add-containers', v), like: '' });
        break;
      case 'like-container': {
        const op = last();
        if (op?.kind !== 'add-containers')
          throw usageError('--like-container must follow --add-containers N');
        op.like = v ?? '';
        break;
      }
      case 'remove-container':
        ops.push({ kind: 'remove-container', container: v ?? '' });
        break;
      case 'fail-container':
        ops.push({ kind: 'fail-container', container: v ?? '' });
        break;
      default:
        break;
    }
  }
  for (const op of ops) {
    if (op.kind === 'add-clusters' && !op.like)
      throw usageError('--add-clusters K needs --cluster NAME (the cluster to copy)');
    if (op.kind === 'add-containers' && !op.like)
      throw usageError('--add-containers N needs --like-container NAME');
    if (
      op.kind === 'add-vms' &&
      !op.like &&
      (!op.domain || op.vcpus === undefined || op.memoryMiB === undefined)
    ) {
      throw usageError('--add-vms N needs --like VM, or --domain D --vcpus N --memory GIB');
    }
  }
  if (ops.length === 0) {
    throw usageError(
      'plan whatif: give a scenario (--add-vms, --add-clusters, --add-containers, --remove-container, --fail-container)',
    );
  }
  return ops;
}
