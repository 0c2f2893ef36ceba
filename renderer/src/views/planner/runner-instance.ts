// The app's one plan runner, made on first use (its worker starts with the first run).
import { createPlannerWorker } from './create-worker';
import { PlanRunner } from './plan-runner';

let runner: PlanRunner | null = null;

export function plannerRunner(): PlanRunner {
  runner ??= new PlanRunner(createPlannerWorker);
  return runner;
}
