// Shared set-up for the electron unit tests: handlers over an in-memory settings store, a
// scripted dialog and a reader that serves site contents by path (file I/O is tested on its
// own in site-reader.test.ts).
import path from 'node:path';
import { PaddockError } from '../../../core/ipc/contract';
import { AppHandlers } from '../../../electron/handlers/app-handlers';
import type { LoadedSite } from '../../../electron/handlers/app-handlers';
import type { AnyEvent } from '../../../electron/handlers/event-bus';
import { MemorySettingsStore } from '../../../electron/handlers/settings-store';
import { emptySite } from '../../fixtures/empty-site';

export const SITE_A = path.resolve('/sites/a.yaml');
export const SITE_B = path.resolve('/sites/b.yaml');
export const BROKEN = path.resolve('/sites/broken.yaml');

export function setup(opts: { dialogAnswers?: (string | null)[]; recent?: string[] } = {}) {
  const files = new Map<string, LoadedSite>([
    [SITE_A, { site: emptySite({ name: 'A' }), diagnostics: [] }],
    [SITE_B, { site: emptySite({ name: 'B' }), diagnostics: [] }],
    [
      BROKEN,
      {
        site: null,
        diagnostics: [
          {
            file: BROKEN,
            line: 3,
            column: 5,
            path: 'vms[0].memoryMiB',
            code: 'shape',
            message: 'memoryMiB must be a number',
            severity: 'error',
          },
        ],
      },
    ],
  ]);
  const reads: string[] = [];
  const answers = [...(opts.dialogAnswers ?? [])];
  const settings = new MemorySettingsStore({ recentSites: opts.recent ?? [] });
  const handlers = new AppHandlers({
    info: { version: '9.9.9', transport: 'loopback', platform: 'testos' },
    settings,
    dialog: { chooseSiteFile: async () => answers.shift() ?? null },
    readSite: async (file) => {
      reads.push(file);
      const hit = files.get(file);
      if (!hit) throw new PaddockError('site-load', `Cannot open site file "${file}": no such file`);
      return hit;
    },
    now: () => new Date('2024-01-02T03:04:05.000Z'),
  });
  const events: AnyEvent[] = [];
  handlers.events.subscribe((e) => events.push(e));
  return { handlers, settings, files, reads, events };
}
