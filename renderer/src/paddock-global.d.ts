// The one declaration of the API main exposes to the page (Electron preload or loopback
// bridge) as a global: `window.paddock` in the page, `globalThis.paddock` anywhere (the
// renderer's stores are also unit-tested under Node). Possibly undefined: a page opened any
// other way has no API, and the app says so.
import type { PaddockApi } from '../../core/ipc/contract';

declare global {
  // Declared with `var`: that is what makes globalThis.paddock (and window.paddock) typed.
  var paddock: PaddockApi | undefined;
}

export {};
