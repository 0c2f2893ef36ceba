// A VM chip's live mark: nothing until a host of its domain was read; then a dot when the host
// agrees with the site file, or a short warning when it does not (other state, other container,
// not found).
import type { Vm } from '../../../../core/model/types';
import { useVmLive } from './use-live';
import './live.css';

export function VmLiveMark({ vm }: { vm: Vm }) {
  const live = useVmLive(vm);
  if (live.kind === 'unknown' || live.kind === 'unverified') return null;
  if (live.kind === 'absent') {
    return (
      <span className="live-mark is-drift" title="Live: no host of its domain has this VM">
        missing
      </span>
    );
  }
  const { at, elsewhere, stateDiffers, also } = live;
  const where = `${at.state} on ${at.container}${at.stale ? ' (older data: the host did not answer)' : ''}`;
  if (!elsewhere && !stateDiffers && also.length === 0) {
    return (
      <span
        className={`live-dot state-${at.state}`}
        title={`Live: ${where}`}
        aria-label={`live ${at.state}`}
      />
    );
  }
  const text = also.length > 0 ? 'on 2 hosts' : elsewhere ? `on ${at.container}` : `live ${at.state}`;
  return (
    <span
      className="live-mark is-drift"
      title={`Live: ${where}${also.length ? `; also on ${also.join(', ')}` : ''}`}
    >
      {text}
    </span>
  );
}
