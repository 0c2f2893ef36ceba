// The drift view: live truth beside the site file. Refresh reads every container; differences
// are listed most serious first; the selected ones can be previewed as a diff of the site file
// and then written (atomically, by main, only if the file did not change meanwhile). The side
// column lists each container's live status and VMs.
import { useEffect } from 'react';
import { getApi } from '../../api';
import { HostLiveList } from '../../components/live/HostLiveList';
import { RefreshLiveButton } from '../../components/live/RefreshLiveButton';
import { useSiteStore } from '../../store/site-store';
import { plural } from '../../view-model/format';
import { applyPreview, connectDrift, loadDrift, previewSelected } from './drift-actions';
import { acceptable } from './drift-model';
import { useDriftStore } from './drift-store';
import { DiffView } from './DiffView';
import { DriftList } from './DriftList';
import './drift.css';

function Summary() {
  const report = useDriftStore((s) => s.report);
  if (!report) return null;
  if (!report.hasInventory) {
    return (
      <p className="drift-summary muted">
        Refresh the live state to compare the hosts with {report.fileName}.
      </p>
    );
  }
  const n = report.items.length;
  const by = (sev: string, one: string) => {
    const k = report.items.filter((i) => i.severity === sev).length;
    return k > 0 ? [plural(k, one)] : [];
  };
  return (
    <p className="drift-summary" data-testid="drift-summary">
      {n === 0
        ? `No drift: ${report.fileName} matches the ${plural(report.checkedHosts.length, 'container')} read.`
        : `${plural(n, 'difference')}: ${[...by('error', 'error'), ...by('warning', 'warning'), ...by('info', 'note')].join(', ')}.`}
      {report.failedHosts.length > 0 && ` Not read: ${report.failedHosts.join(', ')}.`}
    </p>
  );
}

function Actions() {
  const report = useDriftStore((s) => s.report);
  const selected = useDriftStore((s) => s.selected);
  const busy = useDriftStore((s) => s.busy);
  const setSelected = useDriftStore((s) => s.setSelected);
  const all = (report?.items ?? []).filter(acceptable).map((i) => i.id);
  if (all.length === 0) return null;
  return (
    <div className="drift-actions">
      <button
        type="button"
        className="btn btn-primary"
        disabled={selected.length === 0 || busy !== null}
        onClick={() => void previewSelected(getApi())}
      >
        {busy === 'preview' ? 'Preparing…' : `Preview accepting ${plural(selected.length, 'item')}`}
      </button>
      <button
        type="button"
        className="btn"
        onClick={() => setSelected(all)}
        disabled={selected.length === all.length}
      >
        Select all acceptable
      </button>
      <button type="button" className="btn" onClick={() => setSelected([])} disabled={selected.length === 0}>
        Clear
      </button>
    </div>
  );
}

function Preview() {
  const preview = useDriftStore((s) => s.preview);
  const busy = useDriftStore((s) => s.busy);
  const close = useDriftStore((s) => s.closePreview);
  if (!preview) return null;
  return (
    <section className="drift-preview" aria-label="Preview of the change to the site file">
      <h3>
        Accepting {plural(preview.accepted.length, 'item')} changes {preview.fileName} like this
      </h3>
      <DiffView diff={preview.diff} label={`Change to ${preview.fileName}`} />
      <div className="drift-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy !== null}
          onClick={() => void applyPreview(getApi())}
        >
          {busy === 'apply' ? 'Writing…' : `Write ${preview.fileName}`}
        </button>
        <button type="button" className="btn" onClick={close} disabled={busy !== null}>
          Keep the file as it is
        </button>
      </div>
    </section>
  );
}

function Banner() {
  const error = useDriftStore((s) => s.error);
  const applied = useDriftStore((s) => s.applied);
  const dismiss = useDriftStore((s) => s.dismiss);
  if (!error && !applied) return null;
  return (
    <div className={`drift-banner ${error ? 'is-error' : 'is-ok'}`} role={error ? 'alert' : 'status'}>
      <span>
        {error ??
          `Wrote ${applied?.fileName ?? 'the site file'} (${plural(applied?.accepted.length ?? 0, 'item')} accepted) and reloaded it.`}
      </span>
      <button type="button" className="btn btn-small" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}

export function DriftView() {
  const report = useDriftStore((s) => s.report);
  const snapshot = useSiteStore((s) => s.snapshot);
  const containers = snapshot?.site?.containers.map((c) => c.name) ?? [];
  // The report is asked for only while the view shows: each refresh of a large site makes main
  // compare every VM again, which nobody reads with the view closed.
  useEffect(() => {
    const api = getApi();
    void loadDrift(api);
    return connectDrift(api);
  }, []);
  return (
    <div className="drift-view">
      <header className="drift-head">
        <div>
          <h2>Drift</h2>
          <p className="muted small">
            Live truth from the hosts beside {snapshot ? snapshot.fileName : 'the site file'}
          </p>
        </div>
        <RefreshLiveButton />
      </header>
      <Banner />
      <div className="drift-body">
        <section className="drift-main" aria-label="Drift between the site file and the hosts">
          <Summary />
          {report && report.items.length > 0 && (
            <>
              <Actions />
              <DriftList items={report.items} />
            </>
          )}
          {report && report.unverified.length > 0 && report.hasInventory && (
            <p className="muted small drift-unverified">
              Not verified (a host of their domain could not be read): {report.unverified.join(', ')}
            </p>
          )}
          <Preview />
        </section>
        <aside className="drift-side" aria-label="Containers">
          <h3>Containers</h3>
          <HostLiveList containers={containers} />
        </aside>
      </div>
    </div>
  );
}
