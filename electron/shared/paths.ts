// Where the development hosts find the project's files (the packaged app resolves its own
// resources in electron/main/resources.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
export const EXAMPLE_SITE = path.join(PROJECT_ROOT, 'assets/example-site.yaml');
export const RENDERER_DIST = path.join(PROJECT_ROOT, 'dist/renderer');

/** The version in package.json (Electron main asks app.getVersion() instead). */
export function projectVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    version?: unknown;
  };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}
