// Where the development hosts find the project's files (the packaged app resolves its own
// resources in electron/main/resources.ts).
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
export const EXAMPLE_SITE = path.join(PROJECT_ROOT, 'assets/example-site.yaml');
export const RENDERER_DIST = path.join(PROJECT_ROOT, 'dist/renderer');
