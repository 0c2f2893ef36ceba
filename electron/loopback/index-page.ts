// The renderer's index.html as the loopback server sends it: the bridge script (which defines
// window.paddock over HTTP) is inserted before the app's own scripts so the API exists before
// the app starts. The bridge is an external file, so the strict CSP still holds.
export const BRIDGE_PATH = '/__paddock/loopback-bridge.js';

export function injectBridge(html: string): string {
  const tag = `<script src="${BRIDGE_PATH}"></script>`;
  const firstScript = html.search(/<script\b/i);
  if (firstScript >= 0) return `${html.slice(0, firstScript)}${tag}\n    ${html.slice(firstScript)}`;
  const headEnd = html.search(/<\/head>/i);
  if (headEnd >= 0) return `${html.slice(0, headEnd)}${tag}\n${html.slice(headEnd)}`;
  return `${tag}\n${html}`;
}
