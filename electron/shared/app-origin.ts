// The app's own origin in Electron: pages are served from app://paddock/ by a protocol handler
// (electron/main/protocol.ts), never from file:// or the network. The sender check of every
// IPC request is phrased here, without `electron`, so it is unit tested in plain Node.
export const APP_SCHEME = 'app';
export const APP_HOST = 'paddock';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** True for URLs of our own pages (app://paddock/...). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

export interface SenderFacts {
  /** The frame that sent the request, or null when it is already gone. */
  frameUrl: string | null;
  /** Whether that frame is its window's main frame (not an iframe). */
  isMainFrame: boolean;
  /** Whether the sending web contents belongs to a window main created. */
  isOurWindow: boolean;
}

/** Why a request's sender is refused, or null when it may be served. */
export function senderRefusal(s: SenderFacts): string | null {
  if (!s.isOurWindow) return 'Refused: the request did not come from a Paddock window';
  if (s.frameUrl === null) return 'Refused: the sending frame no longer exists';
  if (!s.isMainFrame) return 'Refused: the request came from a sub-frame, not the window itself';
  if (!isAppUrl(s.frameUrl))
    return `Refused: the sending page is not a Paddock page (${s.frameUrl.slice(0, 100)})`;
  return null;
}
