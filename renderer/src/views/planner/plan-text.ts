// Words and numbers of a plan as the view, the exports and the progress bar write them: the
// objective and its bound, the gap, why the search stopped, the verdict.
import type { Objective, Plan, PlanRequest, Progress, StopReason } from '../../../../core/planner';
import { formatMiB, plural } from '../../view-model/format';

export const OBJECTIVE_LABEL: Readonly<Record<Objective, string>> = {
  consolidate: 'Containers in use',
  balance: 'Peak utilisation',
};

/** An objective value: a count of containers, or a utilisation as a percentage. */
export function formatObjective(objective: Objective, v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '—';
  if (objective === 'balance') return `${Math.round(v * 1000) / 10}%`;
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

/** The gap to the lower bound as a percentage ("0%", "12.5%"), or "—" when there is no bound. */
export function formatGap(gap: number): string {
  if (!Number.isFinite(gap) || gap < 0) return '—';
  return `${Math.round(gap * 1000) / 10}%`;
}

/** What the gap means, in a few words. */
export function gapNote(gap: number): string {
  if (!Number.isFinite(gap) || gap < 0) return 'no finite bound (not everything fits)';
  return gap === 0 ? 'proven best possible' : 'at most this far from the best';
}

export const STOP_TEXT: Readonly<Record<StopReason, string>> = {
  optimal: 'proven best possible',
  time: 'time budget used up: the best plan found',
  cancelled: 'cancelled: the best plan found so far',
  iterations: 'iteration limit reached',
  exhausted: 'search finished',
};

/** Short names, for the question tabs. */
export const KIND_TAB: Readonly<Record<PlanRequest['kind'], string>> = {
  place: 'Place',
  rebalance: 'Rebalance',
  evacuate: 'Evacuate',
  whatif: 'What-if',
};

export const KIND_TITLE: Readonly<Record<PlanRequest['kind'], string>> = {
  place: 'Place unplaced VMs',
  rebalance: 'Rebalance',
  evacuate: 'Evacuate a container',
  whatif: 'What-if',
};

/** One line saying what was asked. */
export function describeRequest(r: PlanRequest): string {
  switch (r.kind) {
    case 'place':
      return `Place the unplaced VMs (objective: ${r.objective ?? 'consolidate'})`;
    case 'rebalance':
      return `Rebalance (objective: ${r.objective ?? 'balance'}, budget: ${r.budgetMiB === undefined ? 'no limit' : formatMiB(r.budgetMiB)})`;
    case 'evacuate':
      return `Evacuate container ${r.container}`;
    case 'whatif':
      return `What-if: ${plural(r.ops.length, 'change')}${r.containerType ? `, more containers like ${r.containerType} if needed` : ''}`;
  }
}

export type Verdict = { tone: 'ok' | 'warn' | 'danger'; text: string };

/** The answer in one line: does the plan do what was asked (and for what-if, what it needs). */
export function verdict(plan: Plan): Verdict {
  const w = plan.whatIf;
  if (w) {
    if (w.fits) return { tone: 'ok', text: 'Fits as is' };
    const extra = w.extraContainers;
    if (extra?.count) {
      return {
        tone: 'warn',
        text: `Does not fit: needs ${plural(extra.count, 'more container')} like ${extra.type}`,
      };
    }
    if (extra) return { tone: 'danger', text: `Does not fit, even with more containers like ${extra.type}` };
    return { tone: 'danger', text: 'Does not fit' };
  }
  if (plan.feasible)
    return { tone: 'ok', text: plan.steps.length ? 'Plan found: everything asked is done' : 'Nothing to do' };
  const parts = [
    ...(plan.unplaced.length ? [`${plural(plan.unplaced.length, 'VM')} could not be placed`] : []),
    ...(plan.blocked.length ? [`${plural(plan.blocked.length, 'move')} blocked`] : []),
    ...(!plan.check.ok ? ['the replay check failed'] : []),
  ];
  return { tone: 'danger', text: `Not everything can be done: ${parts.join(', ') || 'see the notes'}` };
}

/** What the progress bar says. */
export function progressText(objective: Objective, p: Progress | null): string {
  if (!p) return 'Starting the planner…';
  return `${p.phase}: best ${formatObjective(objective, p.best)}, bound ${formatObjective(objective, p.bound)}`;
}

/** "85 ms", "3.2 s", "1 min 05 s". */
export function formatElapsed(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}
