// The renderer's API (window.paddock) served in-process by real main handlers: the real
// contract (buildApi) joined to their `dispatch` and event bus, as the loopback bridge joins
// them over its socket.
import { buildApi, type EventName, type PaddockApi } from '../../../core/ipc/contract';
import type { AppHandlers } from '../../../electron/handlers/app-handlers';

export function handlersApi(handlers: AppHandlers): PaddockApi {
  return buildApi(
    (name, payload) => handlers.dispatch(name, payload),
    (name: EventName, listener) =>
      handlers.events.subscribe((e) => {
        if (e.name === name) listener(e.payload);
      }),
  );
}
