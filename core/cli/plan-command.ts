// `paddock plan place|rebalance|evacuate|whatif --site SITE ...`: load the site, plan with the
// time budget (Ctrl-C stops the search and prints the best plan so far), print tables or JSON.
// Exit 0 when the plan does everything asked and its replay through the policy passes.
import path from 'node:path';
import { planAsync, PlanRequestError, type Plan } from '../planner';
import { CliError, EXIT, type ExitCode } from './exit-codes';
import { formatPlan } from './format-plan';
import type { Io } from './io';
import { toJson } from './json';
import { parsePlanArgs } from './plan-args';
import { siteForPlanning } from './site-input';

export interface PlanCommandHooks {
  /** Called with an abort function while the search runs (the entry point wires Ctrl-C to it). */
  onSearch?: (abort: () => void) => () => void;
}

export async function planCommand(
  argv: readonly string[],
  io: Io,
  hooks: PlanCommandHooks = {},
): Promise<ExitCode> {
  const args = parsePlanArgs(argv);
  const { site } = await siteForPlanning(args.site);
  const controller = new AbortController();
  const release = hooks.onSearch?.(() => controller.abort()) ?? (() => undefined);
  let plan: Plan;
  try {
    plan = await planAsync(site, args.request, {
      timeLimitMs: args.timeSeconds * 1000,
      seed: args.seed,
      signal: controller.signal,
      ...(io.progress
        ? {
            onProgress: (p) =>
              io.progress?.(
                `${p.phase}: ${Math.round(p.fraction * 100)}% of the time, best ${p.best ?? '-'}, bound ${p.bound}`,
              ),
          }
        : {}),
    });
  } catch (e) {
    if (e instanceof PlanRequestError)
      throw new CliError(EXIT.usage, `plan ${args.request.kind}: ${e.message}`);
    throw e;
  } finally {
    release();
    io.progress?.('');
  }
  if (args.json) io.out(toJson({ site: args.site, request: args.request, plan }));
  else io.out(formatPlan(plan, path.basename(args.site)));
  if (controller.signal.aborted) return EXIT.interrupted;
  return plan.feasible ? EXIT.ok : EXIT.notOk;
}
