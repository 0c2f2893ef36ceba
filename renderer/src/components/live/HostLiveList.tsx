// Every container's live status: when it was read, how long it took, its error, and the VMs it
// reports with their states (what `virsh list --all` says, as Paddock read it).
import type { LiveHostView } from '../../../../core/ipc/contract';
import { Badge } from '../common/Badge';
import { StateIcon } from '../common/StateIcon';
import { hostBadge } from './live-model';
import { useLiveStore } from './live-store';
import { useNow } from './use-now';
import './live.css';

function HostRow({ host, now }: { host: LiveHostView; now: number }) {
  const b = hostBadge(host, now);
  return (
    <li className="live-host" data-testid={`live-host-${host.container}`} data-status={host.status}>
      <div className="live-host-head">
        <strong>{host.container}</strong>
        <span className="muted small">{host.domain}</span>
        <Badge tone={b.tone} title={b.title}>
          {b.text}
        </Badge>
        {host.capacity && (
          <span className="muted small">
            {host.capacity.cpus} CPUs · {Math.round(host.capacity.memoryMiB / 1024)} GiB
          </span>
        )}
      </div>
      {host.error && (
        <p className="live-host-error" role="status">
          {host.error}
        </p>
      )}
      {host.refreshedAt !== null && (
        <ul className="live-host-vms" aria-label={`VMs on ${host.container}`}>
          {host.vms.length === 0 && <li className="muted small">no VMs</li>}
          {host.vms.map((v) => (
            <li key={v.name} className={`live-vm chip-${v.state}`} data-vm={v.name} data-state={v.state}>
              <StateIcon state={v.state} /> {v.name} <span className="muted small">{v.rawState}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function HostLiveList({ containers }: { containers: readonly string[] }) {
  const hosts = useLiveStore((s) => s.hosts);
  const now = useNow();
  return (
    <ul className="live-hosts" aria-label="Containers, live">
      {containers.map((c) => {
        const h = hosts[c];
        return h ? <HostRow key={c} host={h} now={now} /> : null;
      })}
    </ul>
  );
}
