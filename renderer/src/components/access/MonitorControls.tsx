// Admin-access monitoring controls: on/off, how often, and "check now". The results show on
// the container cards and in each container's details.
import { useId } from 'react';
import type { MonitorView } from '../../../../core/ipc/contract';
import { getApi } from '../../api';
import { FormError } from '../common/FormBits';
import { useSubmit } from '../common/use-submit';
import { useAccessStore } from './access-store';

const INTERVALS = [
  { seconds: 60, label: 'every minute' },
  { seconds: 300, label: 'every 5 minutes' },
  { seconds: 900, label: 'every 15 minutes' },
  { seconds: 3600, label: 'every hour' },
];

export function MonitorControls() {
  const running = useAccessStore((s) => s.running);
  const interval = useAccessStore((s) => s.intervalSeconds);
  const counts = useAccessStore((s) => {
    const all = Object.values(s.byKey);
    return `${all.filter((h) => h.state === 'ok').length}/${all.length}`;
  });
  const submit = useSubmit();
  const selectId = useId();
  const apply = (request: () => Promise<MonitorView>) =>
    void submit.run(async () => useAccessStore.getState().setView(await request()));
  const api = getApi();
  const options = INTERVALS.some((i) => i.seconds === interval)
    ? INTERVALS
    : [...INTERVALS, ...(interval ? [{ seconds: interval, label: `every ${interval} s` }] : [])];
  return (
    <section className="monitor-controls" aria-label="Access monitoring">
      <h3>Access monitoring</h3>
      <p className="muted small">
        {running ? 'On' : 'Off'} · logins ok: <span data-testid="monitor-ok">{counts}</span>
      </p>
      <label htmlFor={selectId} className="small">
        Check
      </label>
      <select
        id={selectId}
        className="input"
        value={interval ?? 300}
        disabled={submit.busy}
        onChange={(e) => apply(() => api.monitor.interval({ seconds: Number(e.target.value) }))}
      >
        {options.map((o) => (
          <option key={o.seconds} value={o.seconds}>
            {o.label}
          </option>
        ))}
      </select>
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-small"
          disabled={submit.busy}
          onClick={() => apply(() => (running ? api.monitor.stop({}) : api.monitor.start({})))}
        >
          {running ? 'Stop' : 'Start'}
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={submit.busy}
          onClick={() => apply(() => api.monitor.checkNow({}))}
        >
          {submit.busy ? 'Checking…' : 'Check now'}
        </button>
      </div>
      <FormError error={submit.error} />
    </section>
  );
}
