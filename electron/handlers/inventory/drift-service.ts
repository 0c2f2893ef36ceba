// Drift between the open site file and the live inventory, and accepting it: a preview shows
// the unified diff of the site file and remembers the exact text; apply writes exactly that
// text, atomically, only if the file on disk is still the one previewed, then reloads the site.
import { applyDrift, DriftApplyError } from '../../../core/discovery/apply';
import { reconcile } from '../../../core/discovery/reconcile';
import { saveSiteText, SiteChangedError } from '../../../core/discovery/save';
import type {
  DriftApplyView,
  DriftPreviewView,
  DriftReportView,
  SiteSnapshot,
} from '../../../core/ipc/contract';
import { PaddockError } from '../../../core/ipc/contract';
import { readOpenSiteText } from '../open-site-text';
import { PreviewStore } from '../preview-store';
import { driftItemView } from './drift-views';
import type { LiveInventory } from './live-inventory';
import { requireSiteModel } from './live-inventory';

export interface DriftServiceDeps {
  inventory: LiveInventory;
  snapshot(): SiteSnapshot | null;
  reloadSite(): Promise<SiteSnapshot>;
  /** How long a preview can be applied (default 10 minutes). */
  previewTtlMs?: number;
  now?: () => number;
}

interface Preview {
  path: string;
  fileName: string;
  base: string;
  next: string;
  diff: string;
  accepted: string[];
}

export class DriftService {
  private readonly previews: PreviewStore<Preview>;
  private readonly now: () => number;

  constructor(private readonly deps: DriftServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.previews = new PreviewStore({
      now: this.now,
      ...(deps.previewTtlMs === undefined ? {} : { ttlMs: deps.previewTtlMs }),
    });
  }

  report(): DriftReportView {
    const { snap, site } = requireSiteModel(this.deps.snapshot());
    const r = reconcile(site, this.deps.inventory.inventory());
    return {
      path: snap.path,
      fileName: snap.fileName,
      items: r.items.map(driftItemView),
      unverified: [...r.unverified],
      checkedHosts: [...r.checkedHosts],
      failedHosts: [...r.failedHosts],
      hasInventory: this.deps.inventory.hasData,
      computedAt: new Date(this.now()).toISOString(),
    };
  }

  async preview(ids: readonly string[]): Promise<DriftPreviewView> {
    const { snap, site } = requireSiteModel(this.deps.snapshot());
    const report = reconcile(site, this.deps.inventory.inventory());
    const wanted = [...new Set(ids)];
    const items = wanted.map((id) => {
      const item = report.items.find((i) => i.id === id);
      if (!item) {
        throw new PaddockError(
          'not-found',
          `Drift item "${id}" is not in the current drift report (it may have been resolved): refresh the drift view`,
        );
      }
      if (!item.fixes?.length) {
        throw new PaddockError(
          'not-acceptable',
          `Drift item "${id}" cannot be accepted into the site file as it is: ${item.message}`,
        );
      }
      return item;
    });
    const base = await readOpenSiteText(snap, site, 'review the drift again');
    let applied;
    try {
      applied = applyDrift(
        base,
        snap.fileName,
        items.flatMap((i) => i.fixes ?? []),
      );
    } catch (e) {
      if (e instanceof DriftApplyError) throw new PaddockError('drift-apply', e.message);
      throw e;
    }
    const p: Preview = {
      path: snap.path,
      fileName: snap.fileName,
      base,
      next: applied.text,
      diff: applied.diff,
      accepted: wanted,
    };
    const { id, expiresAt } = this.previews.put(p);
    return {
      previewId: id,
      fileName: p.fileName,
      diff: p.diff,
      accepted: [...p.accepted],
      expiresAt: expiresAt.toISOString(),
    };
  }

  async apply(previewId: string): Promise<DriftApplyView> {
    const p = this.previews.get(
      previewId,
      'preview the change again (writing the site file also ends every preview of it)',
    );
    const snap = this.deps.snapshot();
    if (snap?.path !== p.path) {
      throw new PaddockError(
        'site-changed',
        `The preview is for ${p.fileName}, but ${snap ? snap.fileName : 'no site'} is open now: preview again`,
      );
    }
    try {
      await saveSiteText(p.path, p.base, p.next);
    } catch (e) {
      if (e instanceof SiteChangedError) throw new PaddockError('site-changed', e.message);
      throw e;
    }
    // Every other preview was made from the text that was just replaced.
    this.previews.clear();
    const reloaded = await this.deps.reloadSite();
    return {
      path: p.path,
      fileName: p.fileName,
      diff: p.diff,
      accepted: [...p.accepted],
      snapshot: reloaded,
    };
  }

  /** Forget previews (another site was opened, or the file was reloaded). */
  clear(): void {
    this.previews.clear();
  }
}
