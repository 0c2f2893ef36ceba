// A container's live status on its card: "updated 3 s ago", "reading…", or why it could not be
// read (the full reason in the tooltip and in the drift view's host list).
import { hostBadge } from './live-model';
import { useLiveStore } from './live-store';
import { useNow } from './use-now';
import './live.css';

export function HostLiveBadge({ container }: { container: string }) {
  const host = useLiveStore((s) => s.hosts[container]);
  const now = useNow(host?.refreshedAt != null);
  const b = hostBadge(host, now);
  return (
    <span
      className={`badge badge-${b.tone} live-badge`}
      title={b.title}
      data-testid={`live-badge-${container}`}
      data-status={host?.refreshing ? 'refreshing' : (host?.status ?? 'never')}
    >
      <span className="visually-hidden">Live state: </span>
      {b.text}
    </span>
  );
}
