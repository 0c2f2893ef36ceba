// The planner's requests (planner.*): new versions of the open site file from plans computed in
// the renderer's worker. Hosts plug `impl` into AppHandlers beside the fleet's and the
// inventory's requests (../create.ts).
import type { PlannerRequest, ServiceImpl } from '../app-handlers';
import type { EventBus } from '../event-bus';
import { PlanVersionService, type PlanVersionDeps } from './plan-version-service';

export interface PlannerOptions extends PlanVersionDeps {
  events: EventBus;
}

export interface PlannerModule {
  readonly impl: Pick<ServiceImpl, PlannerRequest>;
  close(): void;
}

export function createPlanner(o: PlannerOptions): PlannerModule {
  const versions = new PlanVersionService(o);
  // A preview belongs to the file it was made from: another site makes it meaningless.
  let lastPath: string | null = o.snapshot()?.path ?? null;
  const off = o.events.subscribe((e) => {
    if (e.name !== 'site.changed') return;
    if (e.payload.path !== lastPath) versions.clear();
    lastPath = e.payload.path;
  });
  return {
    impl: {
      'planner.preview': (p) => versions.preview(p),
      'planner.apply': ({ previewId }) => versions.apply(previewId),
      'planner.openVersion': ({ path }) => versions.open(path),
    },
    close() {
      off();
      versions.clear();
    },
  };
}
