// A container's admin-access status on its card: "login ok", "login failing" or "not checked",
// with the last successful login and the reason of the last failure on hover (and in the
// container's details).
import { Badge } from '../common/Badge';
import { accessKey, useAccessStore } from './access-store';
import { accessBadge, accessSummary } from './access-text';

export function AccessBadge({ domain, name }: { domain: string; name: string }) {
  const status = useAccessStore((s) => s.byKey[accessKey(domain, name)]);
  const badge = status ? accessBadge(status) : null;
  if (!status || !badge) return null;
  return (
    <span className="access-badge" data-access={status.state}>
      <Badge tone={badge.tone} title={accessSummary(status)}>
        {badge.text}
      </Badge>
    </span>
  );
}
