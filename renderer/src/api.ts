// Access to window.paddock, the only way the renderer reaches main.
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

export function getApi(): PaddockApi {
  const api = window.paddock;
  if (!api) throw new MissingApiError();
  return api;
}

/** A thrown value as a sentence for the user. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return typeof e === 'string' ? e : 'Unknown error';
}
