// The native "open site" dialog, injected so the handlers stay free of `electron`.
import { PaddockError } from '../../core/ipc/contract';

export interface SiteDialog {
  /** Ask the user for a site file; null when they cancel. */
  chooseSiteFile(): Promise<string | null>;
}

/** For hosts without native dialogs (the loopback transport): a clear refusal, not a silent null. */
export const noDialog: SiteDialog = {
  chooseSiteFile: () =>
    Promise.reject(
      new PaddockError(
        'unsupported',
        'The open-site dialog needs the desktop app; in the browser, restart `npm run serve -- --site FILE` instead.',
      ),
    ),
};
