// New versions of the open site file from the planner's plans (offline: nothing runs on a
// host). preview rebuilds the planned site in main (scenario + steps replayed through the
// policy), edits a copy of the file's text and shows the diff; apply writes exactly that text
// as a NEW file beside the open one, atomically and only if it loads without errors and the
// open file is still the one previewed; open opens a version this session wrote.
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { PlanVersionPreview, PlanVersionWritten, SiteSnapshot } from '../../../core/ipc/contract';
import { PaddockError } from '../../../core/ipc/contract';
import { hasErrors } from '../../../core/site';
import { writeSiteText } from '../../../core/storage/site-file';
import { readOpenSiteText, readSiteText } from '../open-site-text';
import { PreviewStore } from '../preview-store';
import { editSiteText, SiteEditError, type EditedSiteText } from './site-text-edit';
import { targetSite, type PlanApplication } from './target-site';
import { freeVersionPath } from './version-name';

export interface PlanVersionDeps {
  snapshot(): SiteSnapshot | null;
  /** Open a site file main chose (here: a version it wrote). */
  openSite(file: string): Promise<SiteSnapshot>;
  now?: () => number;
  /** How long a preview can be applied (default 10 minutes). */
  previewTtlMs?: number;
}

interface Preview {
  basePath: string;
  baseFileName: string;
  base: string;
  next: string;
  /** The name shown; apply takes the next free one if it was taken meanwhile. */
  target: string;
  /** When it was prepared: the name's time stamp, even if it is written minutes later. */
  when: Date;
}

const PLAN_NOUN: Readonly<Record<PlanApplication['kind'], string>> = {
  place: 'a placement plan',
  rebalance: 'a rebalancing plan',
  evacuate: 'an evacuation plan',
  whatif: 'a what-if plan',
};

/** A comment on top of the new version, after an editor modeline if the file starts with one. */
function withHeader(text: string, lines: readonly string[]): string {
  const header = lines.map((l) => `# ${l}\n`).join('');
  if (text.startsWith('# yaml-language-server:')) {
    const nl = text.indexOf('\n');
    return nl < 0 ? `${text}\n${header}` : text.slice(0, nl + 1) + header + text.slice(nl + 1);
  }
  return header + text;
}

export class PlanVersionService {
  private readonly previews: PreviewStore<Preview>;
  private readonly written = new Set<string>();
  private readonly now: () => number;

  constructor(private readonly deps: PlanVersionDeps) {
    this.now = deps.now ?? Date.now;
    this.previews = new PreviewStore({
      now: this.now,
      ...(deps.previewTtlMs === undefined ? {} : { ttlMs: deps.previewTtlMs }),
    });
  }

  async preview(app: PlanApplication): Promise<PlanVersionPreview> {
    const snap = this.deps.snapshot();
    if (!snap) throw new PaddockError('no-site', 'No site is open: open a site file to apply a plan to it');
    const site = snap.site;
    if (!site) {
      throw new PaddockError(
        'site-load',
        `${snap.fileName} did not load: fix its errors before applying a plan`,
      );
    }
    const base = await readOpenSiteText(snap, site, 'run the plan again');
    const target = targetSite(site, app);
    if (target.changes.length === 0) {
      throw new PaddockError(
        'nothing-to-apply',
        'The plan changes nothing in the site file: there is nothing to write',
      );
    }
    const when = new Date(this.now());
    const header = [
      `Version of ${snap.fileName} with ${PLAN_NOUN[app.kind]} applied by Paddock on ${when.toISOString()}.`,
      'Planned offline: nothing has run on the hosts.',
      ...(app.kind === 'whatif' ? ['What-if scenario (a planning artefact, not the site as it is):'] : []),
      ...(app.kind === 'whatif'
        ? target.changes.filter((c) => !/^(move|place) /.test(c)).map((c) => `  ${c}`)
        : []),
    ];
    let edited: EditedSiteText;
    try {
      edited = editSiteText(base, snap.fileName, site, target.end);
    } catch (e) {
      if (e instanceof SiteEditError)
        throw new PaddockError('plan-apply', `Cannot write the plan into ${e.message}`);
      throw e;
    }
    // The header is comments only: the text loads as it did without it.
    const next = withHeader(edited.text, header);
    const errors = edited.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) {
      const first = errors[0];
      throw new PaddockError(
        'plan-invalid',
        `The new version would not load cleanly: ${first?.path ?? ''}: ${first?.message ?? ''}${errors.length > 1 ? ` (and ${errors.length - 1} more error(s))` : ''}`,
      );
    }
    const reserved = new Set(this.previews.values().map((p) => p.target));
    const file = await freeVersionPath(snap.path, when, reserved);
    const p: Preview = { basePath: snap.path, baseFileName: snap.fileName, base, next, target: file, when };
    const { id, expiresAt } = this.previews.put(p);
    return {
      previewId: id,
      baseFileName: p.baseFileName,
      fileName: path.basename(file),
      diff: this.diff(p, file),
      changes: target.changes,
      expiresAt: expiresAt.toISOString(),
    };
  }

  async apply(previewId: string): Promise<PlanVersionWritten> {
    const p = this.previews.get(previewId, 'prepare the new version again');
    const snap = this.deps.snapshot();
    if (snap?.path !== p.basePath) {
      throw new PaddockError(
        'site-changed',
        `The version was prepared from ${p.baseFileName}, but ${snap ? snap.fileName : 'no site'} is open now: prepare it again`,
      );
    }
    const current = await readSiteText(p.basePath, p.baseFileName);
    if (current !== p.base) {
      throw new PaddockError(
        'site-changed',
        `${p.baseFileName} changed on disk since the version was prepared: reload it and run the plan again`,
      );
    }
    // The name shown may have been taken since (another window, another plan): take the next.
    const file = await freeVersionPath(p.basePath, p.when, this.written);
    const r = await writeSiteText(file, p.next);
    if (!r.written || hasErrors(r.diagnostics)) {
      const first = r.diagnostics.find((d) => d.severity === 'error');
      throw new PaddockError(
        'plan-invalid',
        `Not written: the new version does not load cleanly (${first?.path ?? ''}: ${first?.message ?? ''})`,
      );
    }
    this.previews.delete(previewId);
    this.written.add(file);
    return {
      path: file,
      fileName: path.basename(file),
      diff: this.diff(p, file),
      warnings: r.diagnostics.filter((d) => d.severity === 'warning').map((d) => `${d.path}: ${d.message}`),
    };
  }

  /** Open a version written by apply in this session (nothing else: the path is the renderer's). */
  open(file: string): Promise<SiteSnapshot> {
    const abs = path.resolve(file);
    if (!path.isAbsolute(file) || !this.written.has(abs)) {
      return Promise.reject(
        new PaddockError(
          'not-offered',
          `Refusing to open "${file}": only versions the planner wrote in this session can be opened from here`,
        ),
      );
    }
    return this.deps.openSite(abs);
  }

  clear(): void {
    this.previews.clear();
  }

  private diff(p: Preview, file: string): string {
    return createTwoFilesPatch(
      p.baseFileName,
      path.basename(file),
      p.base,
      p.next,
      'open site',
      'planned version',
    );
  }
}
