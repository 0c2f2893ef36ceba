// Apply the plan to a NEW version of the site file (offline: no host is touched): main first
// shows the diff, then writes the new file beside the open one, atomically; then it can be
// opened. The open file is never changed.
import { useEffect, useRef } from 'react';
import { getApi } from '../../api';
import { useSiteStore } from '../../store/site-store';
import { plural } from '../../view-model/format';
import { DiffView } from '../drift/DiffView';
import { applyBlocker, applyVersion, openVersion, previewVersion } from './planner-actions';
import { usePlannerStore } from './planner-store';

const SHOWN_CHANGES = 12;

/** Bring a panel that just appeared into view and give it the focus (it follows the click). */
function useShown<T extends HTMLElement>(key: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (key === null || key === undefined) return;
    ref.current?.scrollIntoView({ block: 'start' });
    ref.current?.focus({ preventScroll: true });
  }, [key]);
  return ref;
}

function Preview() {
  const preview = usePlannerStore((s) => s.preview);
  const busy = usePlannerStore((s) => s.busy);
  const close = usePlannerStore((s) => s.closePreview);
  const ref = useShown<HTMLDivElement>(preview?.previewId);
  if (!preview) return null;
  const more = preview.changes.length - SHOWN_CHANGES;
  return (
    <div
      className="planner-preview"
      data-testid="planner-preview"
      ref={ref}
      tabIndex={-1}
      role="region"
      aria-label={`Preview of ${preview.fileName}`}
    >
      <p>
        A new file <strong>{preview.fileName}</strong> beside {preview.baseFileName} (which stays as it is),
        with {plural(preview.changes.length, 'change')}:
      </p>
      <ul className="planner-changes">
        {preview.changes.slice(0, SHOWN_CHANGES).map((c, i) => (
          <li key={i}>{c}</li>
        ))}
        {more > 0 && <li className="muted">and {more} more (see the diff)</li>}
      </ul>
      <DiffView
        diff={preview.diff}
        label={`Difference between ${preview.baseFileName} and ${preview.fileName}`}
      />
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy !== null}
          onClick={() => void applyVersion(getApi())}
        >
          {busy === 'apply' ? 'Writing…' : `Write ${preview.fileName}`}
        </button>
        <button type="button" className="btn" disabled={busy !== null} onClick={close}>
          Do not write
        </button>
      </div>
    </div>
  );
}

function Written() {
  const written = usePlannerStore((s) => s.written);
  const busy = usePlannerStore((s) => s.busy);
  const dismiss = usePlannerStore((s) => s.dismissApply);
  const openPath = useSiteStore((s) => s.snapshot?.path);
  const ref = useShown<HTMLDivElement>(written?.path);
  if (!written) return null;
  const isOpen = openPath === written.path;
  return (
    <div className="planner-banner is-ok" role="status" data-testid="planner-written" ref={ref} tabIndex={-1}>
      <div>
        <p>
          Wrote <strong>{written.fileName}</strong> <span className="mono small">{written.path}</span>
        </p>
        {written.warnings.length > 0 && (
          <p className="small">
            It loads with {plural(written.warnings.length, 'warning')}:{' '}
            {written.warnings.slice(0, 3).join('; ')}
          </p>
        )}
      </div>
      <div className="planner-banner-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy !== null || isOpen}
          onClick={() => void openVersion(getApi())}
        >
          {isOpen ? 'Open now' : busy === 'open' ? 'Opening…' : `Open ${written.fileName}`}
        </button>
        <button type="button" className="btn" onClick={dismiss}>
          Dismiss
        </button>
      </div>
    </div>
  );
}

export function ApplyPanel() {
  const snapshot = useSiteStore((s) => s.snapshot);
  const result = usePlannerStore((s) => s.result);
  const preview = usePlannerStore((s) => s.preview);
  const busy = usePlannerStore((s) => s.busy);
  const error = usePlannerStore((s) => s.applyError);
  if (!result) return null;
  const blocker = applyBlocker(snapshot);
  return (
    <section className="planner-section" aria-labelledby="planner-apply-title">
      <h3 id="planner-apply-title">Apply to a new version of the site file</h3>
      <p className="muted small">
        Offline: the plan is written into a copy of {result.siteFile}; no host is touched and the open file is
        not changed.
      </p>
      {!preview && (
        <div className="form-actions">
          <button
            type="button"
            className="btn btn-primary"
            disabled={blocker !== null || busy !== null}
            onClick={() => void previewVersion(getApi())}
          >
            {busy === 'preview' ? 'Preparing…' : 'Preview the new version…'}
          </button>
          {blocker && <span className="muted small">{blocker}</span>}
        </div>
      )}
      {error && (
        <p className="planner-banner is-error" role="alert">
          {error}
        </p>
      )}
      <Preview />
      <Written />
    </section>
  );
}
