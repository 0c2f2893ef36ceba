// The differences between the site file and the hosts, most serious first: each with its
// message, what accepting it would write, and a checkbox when it can be accepted as is.
import type { DriftItemView } from '../../../../core/ipc/contract';
import { Badge } from '../../components/common/Badge';
import { acceptable, KIND_LABEL, orderItems } from './drift-model';
import { useDriftStore } from './drift-store';

const TONE = { error: 'danger', warning: 'warn', info: 'info' } as const;

function DriftRow({ item, checked }: { item: DriftItemView; checked: boolean }) {
  const toggle = useDriftStore((s) => s.toggle);
  const can = acceptable(item);
  const inputId = `drift-accept-${item.id}`;
  return (
    <li className={`drift-item severity-${item.severity}`} data-testid={`drift-item-${item.id}`}>
      <input
        id={inputId}
        type="checkbox"
        checked={checked}
        disabled={!can}
        onChange={() => toggle(item.id)}
        aria-label={can ? `Accept ${KIND_LABEL[item.kind]}: ${item.vm}` : `${item.vm}: fix by hand`}
      />
      <div className="drift-item-main">
        <div className="drift-item-head">
          <Badge tone={TONE[item.severity]}>{item.severity}</Badge>
          <span className="drift-kind">{KIND_LABEL[item.kind]}</span>
          <strong className="drift-vm">{item.vm}</strong>
          <span className="muted small">{item.containers.join(' → ')}</span>
        </div>
        <label htmlFor={inputId} className="drift-message">
          {item.message}
        </label>
        {can ? (
          <ul className="drift-fixes" aria-label="Accepting writes">
            {item.fixes.map((f) => (
              <li key={f}>
                <code>{f}</code>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted small">Cannot be accepted as is: fix it on the host or in the file by hand.</p>
        )}
      </div>
    </li>
  );
}

export function DriftList({ items }: { items: readonly DriftItemView[] }) {
  const selected = useDriftStore((s) => s.selected);
  // A set: a first refresh of a bare site file can list thousands of differences.
  const chosen = new Set(selected);
  return (
    <ul className="drift-items" aria-label="Differences">
      {orderItems(items).map((i) => (
        <DriftRow key={i.id} item={i} checked={chosen.has(i.id)} />
      ))}
    </ul>
  );
}
