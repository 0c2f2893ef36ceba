// The planner's worker as the runner sees it. Vite bundles planner.worker.ts as its own script
// (same origin: the CSP's worker-src 'self' allows it; no blob: or eval needed).
import type { PlannerReplyMessage } from '../../../../core/planner';
import type { PlanWorker } from './plan-runner';

export function createPlannerWorker(): PlanWorker {
  const w = new Worker(new URL('./planner.worker.ts', import.meta.url), {
    type: 'module',
    name: 'paddock-planner',
  });
  const adapter: PlanWorker = {
    onmessage: null,
    onerror: null,
    postMessage: (m) => w.postMessage(m),
    terminate: () => w.terminate(),
  };
  w.onmessage = (e: MessageEvent<PlannerReplyMessage>) => adapter.onmessage?.({ data: e.data });
  w.onerror = (e) => {
    // Handled here: shown in the view rather than as an uncaught error.
    e.preventDefault();
    adapter.onerror?.({ message: e.message || 'the planner worker failed to start' });
  };
  w.onmessageerror = () => adapter.onerror?.({ message: 'a message from the planner could not be read' });
  return adapter;
}
