// Access to window.paddock, the only way the renderer reaches main. (The type-only import makes
// the global's declaration visible wherever this module is compiled, e.g. unit tests under Node.)
import type {} from './paddock-global';
import type { PaddockApi } from '../../core/ipc/contract';

export class MissingApiError extends Error {
  constructor() {
    super(
      'The Paddock API (window.paddock) is missing: this page must be opened by the Paddock app ' +
        '(npm start) or by its local server (npm run serve), not directly from disk.',
    );
    this.name = 'MissingApiError';
  }
}

/** The API, or undefined when the page was not opened by a Paddock host. */
export function findApi(): PaddockApi | undefined {
  return globalThis.paddock;
}

export function getApi(): PaddockApi {
  const api = findApi();
  if (!api) throw new MissingApiError();
  return api;
}

/** A thrown value as a sentence for the user. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return typeof e === 'string' ? e : 'Unknown error';
}
