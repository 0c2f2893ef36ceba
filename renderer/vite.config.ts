// Renderer bundle: root renderer/, output dist/renderer with relative asset URLs so the same
// files load from Electron's app:// (or file://) origin and from the loopback server. The
// page carries no inline script, so a strict Content-Security-Policy (script-src 'self') holds.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// No Node imports here: the layer lint treats renderer/ as browser code. Vite resolves
// outDir relative to root.
const root = import.meta.dirname;

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Vite's module preload polyfill is an inline script: a strict CSP would block it.
    modulePreload: { polyfill: false },
    // Chromium of Electron 45 / Debian: no legacy transforms needed.
    target: 'chrome120',
    sourcemap: true,
  },
});
