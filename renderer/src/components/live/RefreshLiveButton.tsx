// Read every container again; shows how far the last refresh is and what is in flight.
import { getApi } from '../../api';
import { plural } from '../../view-model/format';
import { refreshLive } from './live-actions';
import { formatAge } from './live-model';
import { useLiveStore } from './live-store';
import { useNow } from './use-now';
import './live.css';

export function RefreshLiveButton() {
  const hosts = useLiveStore((s) => s.hosts);
  const refreshing = useLiveStore((s) => s.refreshing);
  const last = useLiveStore((s) => s.lastRefreshAt);
  const error = useLiveStore((s) => s.requestError);
  const now = useNow();
  const list = Object.values(hosts);
  const ok = list.filter((h) => h.status === 'ok').length;
  const failed = list.filter((h) => h.status === 'error' || h.status === 'timeout').length;
  return (
    <div className="live-refresh">
      <button
        type="button"
        className="btn btn-primary"
        disabled={refreshing || list.length === 0}
        onClick={() => void refreshLive(getApi())}
      >
        {refreshing ? 'Reading hosts…' : 'Refresh live state'}
      </button>
      <span className="muted small" data-testid="live-summary">
        {last === null
          ? 'Live state not read yet'
          : `${ok} of ${plural(list.length, 'container')} read${failed ? `, ${failed} failed` : ''} · last ${formatAge(last, now)}`}
      </span>
      {error && (
        <span className="live-host-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
