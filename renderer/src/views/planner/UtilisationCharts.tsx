// Per-container utilisation before and after the plan (recharts): for each security domain,
// vCPU and memory as grouped horizontal bars (before / after) against what the policy allows
// there, 100% marked. Colours come from the theme through CSS classes, so light and dark both
// read well; the numbers are also available as a table under each chart.
import { useMemo, useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
  type YAxisTickContentProps,
} from 'recharts';
import { formatMiB, plural } from '../../view-model/format';
import type { Plan } from '../../../../core/planner';
import { domainCharts, orderCharts, type BaseContainer, type DomainChart, type UseRow } from './plan-charts';

type Metric = 'cpu' | 'mem';
const KEYS: Readonly<Record<Metric, { before: keyof UseRow; after: keyof UseRow; title: string }>> = {
  cpu: { before: 'cpuBefore', after: 'cpuAfter', title: 'vCPU' },
  mem: { before: 'memBefore', after: 'memAfter', title: 'Memory' },
};

const ROW_PX = 30;
const label = (r: UseRow): string => `${r.container}${r.isNew ? ' (new)' : r.isGone ? ' (gone)' : ''}`;

function amount(metric: Metric, r: UseRow, when: 'before' | 'after'): string {
  const u = when === 'before' ? r.before : r.after;
  if (!u) return when === 'before' ? 'not in the site' : 'removed';
  return metric === 'cpu'
    ? `${u.vcpus} of ${u.vcpuLimit} vCPUs`
    : `${formatMiB(u.memoryMiB)} of ${formatMiB(u.memoryLimitMiB)}`;
}

function UseTooltip({ active, payload, metric }: TooltipContentProps & { metric: Metric }) {
  const row = payload?.[0]?.payload as UseRow | undefined;
  if (!active || !row) return null;
  const k = KEYS[metric];
  return (
    <div className="planner-tooltip">
      <strong>{label(row)}</strong>
      <div>
        <span className="planner-key is-before" /> before: {String(row[k.before])}% ·{' '}
        {amount(metric, row, 'before')}
      </div>
      <div>
        <span className="planner-key is-after" /> after: {String(row[k.after])}% ·{' '}
        {amount(metric, row, 'after')}
      </div>
      <div className="muted">
        {plural(row.before?.vms ?? 0, 'VM')} → {plural(row.after?.vms ?? 0, 'VM')}
      </div>
    </div>
  );
}

/** A container's name on the axis, bold when the plan changes its use. */
function ContainerTick({ t, rows }: { t: YAxisTickContentProps; rows: ReadonlyMap<string, UseRow> }) {
  const name = String(t.payload.value);
  const row = rows.get(name);
  return (
    <text
      x={Number(t.x) - 4}
      y={Number(t.y)}
      dy={4}
      textAnchor="end"
      className={`planner-tick${row?.changed ? ' is-changed' : ''}${row?.isNew ? ' is-new' : ''}${row?.isGone ? ' is-gone' : ''}`}
    >
      {name}
      {row?.isNew && <title>{name} (new: added by the scenario)</title>}
    </text>
  );
}

function UseChart({ chart, metric }: { chart: DomainChart; metric: Metric }) {
  const k = KEYS[metric];
  const max = Math.max(100, ...chart.rows.flatMap((r) => [Number(r[k.before]), Number(r[k.after])]));
  const rows = new Map(chart.rows.map((r) => [r.container, r]));
  return (
    <figure
      className="planner-chart"
      aria-label={`${k.title} use per container of domain ${chart.domain}, before and after`}
    >
      <figcaption>{k.title} (% of the limit)</figcaption>
      <ResponsiveContainer width="100%" height={40 + chart.rows.length * ROW_PX}>
        <BarChart
          data={chart.rows}
          layout="vertical"
          margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
          barGap={1}
        >
          <CartesianGrid horizontal={false} className="planner-grid" />
          <XAxis
            type="number"
            domain={[0, Math.ceil(max / 25) * 25]}
            tickFormatter={(v: number) => `${v}%`}
            className="planner-axis"
          />
          <YAxis
            type="category"
            dataKey="container"
            width={92}
            className="planner-axis"
            tick={(t: YAxisTickContentProps) => <ContainerTick t={t} rows={rows} />}
          />
          <ReferenceLine x={100} className="planner-limit" strokeDasharray="4 3" ifOverflow="extendDomain" />
          <Tooltip
            content={(p) => <UseTooltip {...p} metric={metric} />}
            cursor={{ className: 'planner-cursor' }}
          />
          <Bar
            dataKey={k.before}
            name="Before"
            className="planner-bar is-before"
            barSize={9}
            isAnimationActive={false}
          />
          <Bar
            dataKey={k.after}
            name="After"
            className="planner-bar is-after"
            barSize={9}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

function NumbersTable({ chart }: { chart: DomainChart }) {
  return (
    <details className="planner-numbers">
      <summary>Numbers</summary>
      <table className="details-table" data-testid={`planner-use-${chart.domain}`}>
        <thead>
          <tr>
            <th scope="col">Container</th>
            {['VMs', 'vCPU before → after', 'Memory before → after'].map((h) => (
              <th key={h} scope="col" className="num">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {chart.rows.map((r) => (
            <tr key={r.container} className={r.changed ? 'is-changed' : undefined}>
              <th scope="row">{label(r)}</th>
              <td className="num">
                {r.before?.vms ?? 0} → {r.after?.vms ?? 0}
              </td>
              <td className="num">
                {r.cpuBefore}% → {r.cpuAfter}%
              </td>
              <td className="num">
                {r.memBefore}% → {r.memAfter}%
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function DomainCard({ c }: { c: DomainChart }) {
  return (
    <div className="planner-chart-card" data-testid={`planner-chart-${c.domain}`}>
      <h4>
        Domain {c.domain}{' '}
        <span className="muted small">
          {plural(c.rows.length + c.hidden, 'container')}, {c.changed} changed
          {c.hidden > 0 ? ` · ${c.rows.length} drawn, changed ones first` : ''}
        </span>
      </h4>
      <div className="planner-chart-pair">
        <UseChart chart={c} metric="cpu" />
        <UseChart chart={c} metric="mem" />
      </div>
      <NumbersTable chart={c} />
    </div>
  );
}

export function UtilisationCharts({ plan, base }: { plan: Plan; base: readonly BaseContainer[] }) {
  const charts = useMemo(() => orderCharts(domainCharts(plan, base)), [plan, base]);
  const [showAll, setShowAll] = useState(false);
  const changed = charts.filter((c) => c.changed > 0);
  // Domains the plan does not touch are one click away, so the changes stay in view.
  const shown = showAll || changed.length === 0 ? charts : changed;
  const rest = charts.length - shown.length;
  return (
    <section className="planner-section" aria-labelledby="planner-use-title">
      <div className="planner-section-head">
        <h3 id="planner-use-title">Utilisation per container, before and after</h3>
        <span className="planner-legend" aria-hidden="true">
          <span className="planner-key is-before" /> before <span className="planner-key is-after" /> after{' '}
          <span className="planner-key is-limit" /> policy limit
        </span>
      </div>
      <div className="planner-charts">
        {shown.map((c) => (
          <DomainCard key={c.domain} c={c} />
        ))}
      </div>
      {rest > 0 && (
        <button type="button" className="btn btn-small planner-more" onClick={() => setShowAll(true)}>
          Also show the {plural(rest, 'domain')} the plan does not change
        </button>
      )}
      {showAll && changed.length > 0 && changed.length < charts.length && (
        <button type="button" className="btn btn-small planner-more" onClick={() => setShowAll(false)}>
          Show only the changed domains
        </button>
      )}
    </section>
  );
}
