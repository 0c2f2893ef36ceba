// A labelled horizontal meter (role="meter" with aria-value*): a used amount against a scale,
// with marked zones (overcommit beyond the cores, memory reserved for the host) and a tick
// where the soft limit (the core count) lies.
import type { MeterModel } from '../../view-model/capacity';

export function Meter({
  label,
  model,
  compact = false,
}: {
  label: string;
  model: MeterModel;
  compact?: boolean;
}) {
  const { value, max, softLimit, zones, summary, valueText, level } = model;
  const scale = max > 0 ? max : 1;
  return (
    <div className={`meter${compact ? ' meter-compact' : ''}`}>
      <div className="meter-head">
        <span className="meter-label">{label}</span>
        <span className={`meter-summary meter-text-${level}`}>{summary}</span>
      </div>
      <div
        className="meter-track"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-valuetext={valueText}
        title={valueText}
      >
        {zones.map((z) => (
          <span
            key={z.kind}
            className={`meter-zone meter-zone-${z.kind}`}
            style={{ left: pct(z.from), width: pct(z.to - z.from) }}
          />
        ))}
        <span className={`meter-fill meter-fill-${level}`} style={{ width: pct(value / scale) }} />
        {softLimit !== undefined && softLimit < max && (
          <span className="meter-mark" style={{ left: pct(softLimit / scale) }} />
        )}
      </div>
    </div>
  );
}

function pct(f: number): string {
  return `${(Math.max(0, Math.min(1, f)) * 100).toFixed(2)}%`;
}
