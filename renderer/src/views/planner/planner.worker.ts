// The planner's Web Worker: core/planner's worker protocol, nothing else. Plans run here with
// planAsync (which yields to the event loop), so progress is posted while it searches and a
// "cancel" message gets through; the page itself never runs a search.
import {
  plannerWorkerHandler,
  type PlannerReplyMessage,
  type PlannerRequestMessage,
} from '../../../../core/planner';

/** The part of the worker's global scope used here (the renderer is typed with the DOM lib). */
interface WorkerScope {
  postMessage(m: PlannerReplyMessage): void;
  onmessage: ((e: MessageEvent<PlannerRequestMessage>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const handle = plannerWorkerHandler((m) => scope.postMessage(m));
scope.onmessage = (e) => handle(e.data);
