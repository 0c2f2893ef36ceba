// Errors that are not about the site file (failed requests, app.error events), until dismissed.
import { useNoticeStore } from '../../store/notice-store';
import { useSiteStore } from '../../store/site-store';

export function NoticeBanner() {
  const notices = useNoticeStore((s) => s.notices);
  const dismiss = useNoticeStore((s) => s.dismiss);
  const requestError = useSiteStore((s) => s.requestError);
  const dismissError = useSiteStore((s) => s.dismissError);
  if (notices.length === 0 && !requestError) return null;
  return (
    <div className="notices" role="alert">
      {requestError && (
        <div className="notice">
          <strong>Site request failed</strong>
          <span className="notice-detail">{requestError}</span>
          <button
            type="button"
            className="btn btn-small"
            onClick={dismissError}
            aria-label="Dismiss: site request failed"
          >
            Dismiss
          </button>
        </div>
      )}
      {notices.map((n) => (
        <div className="notice" key={n.id}>
          <strong>{n.message}</strong>
          {n.detail && <span className="notice-detail">{n.detail}</span>}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => dismiss(n.id)}
            aria-label={`Dismiss: ${n.message}`}
          >
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
