// Serving the renderer to Electron windows from app://paddock/ (dist/renderer), with the strict
// CSP as a response header, and cutting every window off from the network: Paddock's pages
// load nothing remote, so any http(s)/ws/file request from a page is a bug or an attack.
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import type { Session } from 'electron';
import { APP_HOST, APP_SCHEME } from '../shared/app-origin';
import { SECURITY_HEADERS } from '../shared/csp';
import { contentType, resolveStatic } from '../shared/static-files';

/** Must run before `app.whenReady()`: privileges of a scheme are fixed at start-up. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const text = (status: number, body: string) =>
  new Response(body, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });

export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return text(404, `Unknown host ${url.host}`);
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method not allowed');
    const file = resolveStatic(rendererDir, url.pathname);
    if (!file) return text(400, 'Bad path');
    try {
      const data = await readFile(file);
      return new Response(data, {
        status: 200,
        headers: { ...SECURITY_HEADERS, 'Content-Type': contentType(file), 'Cache-Control': 'no-store' },
      });
    } catch {
      return text(404, `Not found: ${url.pathname}`);
    }
  });
}

/** Deny every permission request and block every request that leaves the app. */
export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const scheme = details.url.slice(0, details.url.indexOf(':'));
    // app: our pages; data: images allowed by the CSP; devtools: the dev-only inspector;
    // blob: downloads the page makes of its own data (planner exports). A blob: URL only holds
    // bytes the page already had, and the CSP still refuses it as a script or worker source.
    const allowed = scheme === APP_SCHEME || scheme === 'data' || scheme === 'devtools' || scheme === 'blob';
    callback({ cancel: !allowed });
  });
}
