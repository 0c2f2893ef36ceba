// The messages between the app and a planner Web Worker, and the worker's side of them. The
// worker script is two lines (renderer side):
//   const handle = plannerWorkerHandler((m) => self.postMessage(m));
//   self.onmessage = (e) => handle(e.data);
// Each plan runs with planAsync, so progress is posted while it searches and a "cancel"
// message gets through; a cancelled plan still answers with the best plan found so far.
import type { Site } from '../model/types';
import type { AbortLike, Progress } from './budget';
import { planAsync, type PlanRequest } from './index';
import type { Plan } from './plan';
import { PlanRequestError } from './plan-options';

export type PlannerRequestMessage =
  | { type: 'plan'; id: number; site: Site; request: PlanRequest; timeLimitMs?: number; seed?: number }
  | { type: 'cancel'; id: number };

export type PlannerReplyMessage =
  | { type: 'progress'; id: number; progress: Progress }
  | { type: 'done'; id: number; plan: Plan }
  | { type: 'error'; id: number; code: 'bad-request' | 'internal'; message: string };

export function plannerWorkerHandler(
  post: (m: PlannerReplyMessage) => void,
): (m: PlannerRequestMessage) => void {
  const running = new Map<number, { aborted: boolean }>();
  return (m) => {
    if (m.type === 'cancel') {
      const flag = running.get(m.id);
      if (flag) flag.aborted = true;
      return;
    }
    if (running.has(m.id)) {
      post({
        type: 'error',
        id: m.id,
        code: 'bad-request',
        message: `a plan with id ${m.id} is already running`,
      });
      return;
    }
    const flag = { aborted: false };
    running.set(m.id, flag);
    const signal: AbortLike = flag;
    planAsync(m.site, m.request, {
      ...(m.timeLimitMs === undefined ? {} : { timeLimitMs: m.timeLimitMs }),
      ...(m.seed === undefined ? {} : { seed: m.seed }),
      signal,
      onProgress: (progress) => post({ type: 'progress', id: m.id, progress }),
    })
      .then((plan) => post({ type: 'done', id: m.id, plan }))
      .catch((e: unknown) =>
        post({
          type: 'error',
          id: m.id,
          code: e instanceof PlanRequestError ? 'bad-request' : 'internal',
          message: e instanceof Error ? e.message : String(e),
        }),
      )
      .finally(() => running.delete(m.id));
  };
}
