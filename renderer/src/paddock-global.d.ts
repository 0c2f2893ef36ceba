// The one declaration of the API main exposes to the page (Electron preload or loopback
// bridge). Optional: a page opened any other way has no API, and the app says so.
import type { PaddockApi } from '../../core/ipc/contract';

declare global {
  interface Window {
    paddock?: PaddockApi;
  }
}

export {};
