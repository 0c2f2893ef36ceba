// Where the running app finds its files: the app folder (the project root in development,
// the asar archive when packaged) holds dist/; the example site ships as an extra resource
// beside the archive when packaged (electron-builder.yml) and in assets/ in development.
import path from 'node:path';
import { app } from 'electron';

export function appResources() {
  const root = app.getAppPath();
  return {
    rendererDir: path.join(root, 'dist/renderer'),
    preload: path.join(root, 'dist/electron/preload.cjs'),
    icon: path.join(root, 'assets/icon-256.png'),
    exampleSite: app.isPackaged
      ? path.join(process.resourcesPath, 'example-site.yaml')
      : path.join(root, 'assets/example-site.yaml'),
  };
}
