// The one Content-Security-Policy of Paddock's pages, sent as a response header by both
// hosts (Electron's app:// protocol and the loopback server) on top of the <meta> policy in
// renderer/index.html. Nothing inline, nothing remote: scripts, styles and data come only
// from the app's own origin (for the loopback server, 'self' also covers /rpc and /events).
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // The planner's Web Worker: a script of our own origin (no blob:, no eval).
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Headers sent with every page and asset of the app, whichever host serves it. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
