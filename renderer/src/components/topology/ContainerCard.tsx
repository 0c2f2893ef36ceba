// A container (hypervisor host) as a card: badges, CPU and memory meters, its VMs as chips.
import { memo, useMemo } from 'react';
import { containerLoad, cpuMeter, memoryMeter } from '../../view-model/capacity';
import { plural } from '../../view-model/format';
import { AccessBadge } from '../access/AccessBadge';
import { HostLiveBadge } from '../live/HostLiveBadge';
import { Badge } from '../common/Badge';
import { Highlighted } from '../common/Highlighted';
import { Meter } from '../common/Meter';
import { ChipGroup } from './ChipGroup';
import { ExpandToggle } from './ExpandToggle';
import type { ContainerCardData } from '../../view-model/layout';
import type { RowContext } from './row-context';
import { TreeItem } from './TreeItem';

export interface ContainerCardProps {
  card: ContainerCardData;
  ctx: RowContext;
  posInSet: number;
  setSize: number;
}

export const ContainerCard = memo(function ContainerCard({
  card,
  ctx,
  posInSet,
  setSize,
}: ContainerCardProps) {
  const { node, vms, hiddenVms, expanded } = card;
  const c = node.container;
  const dedicated = node.dedicatedTo !== null;
  const load = useMemo(() => containerLoad(c, node.vms, dedicated), [c, node.vms, dedicated]);
  const cpu = useMemo(() => cpuMeter(load), [load]);
  const mem = useMemo(() => memoryMeter(load), [load]);
  const problems = ctx.diagnostics.get(node.key)?.length ?? 0;
  const matched = ctx.match.active && ctx.match.containers.has(c.name);
  const label = [
    `Container ${c.name}`,
    c.hypervisor,
    plural(node.vms.length, 'VM'),
    c.maintenance ? 'in maintenance' : null,
    node.dedicatedTo ? `dedicated to cluster ${node.dedicatedTo.name}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <TreeItem
      nodeKey={node.key}
      level={2}
      posInSet={posInSet}
      setSize={setSize}
      label={label}
      expanded={vms.length > 0 ? expanded : undefined}
      className={`card${matched ? ' is-match' : ''}${c.maintenance ? ' is-maintenance' : ''}`}
    >
      <div className="card-head">
        <ExpandToggle nodeKey={node.key} expanded={expanded} disabled={vms.length === 0} />
        <span className="card-name">
          <Highlighted text={c.name} needles={ctx.needles} />
        </span>
        <Badge tone="neutral" title="Hypervisor">
          {c.hypervisor === 'xen-xl' ? 'Xen xl' : 'libvirt'}
        </Badge>
        {c.maintenance && (
          <Badge tone="warn" title="Nothing new may be placed here">
            maintenance
          </Badge>
        )}
        {node.dedicatedTo && (
          <Badge
            tone="accent"
            title={`Dedicated to virtual cluster ${node.dedicatedTo.name}: only its nodes run here`}
          >
            cluster {node.dedicatedTo.name}
          </Badge>
        )}
        {problems > 0 && (
          <Badge tone="danger" title="Problems in the site file: see the list above">
            {plural(problems, 'problem')}
          </Badge>
        )}
        <AccessBadge domain={c.domain} name={c.name} />
        <HostLiveBadge container={c.name} />
        <span className="card-sub">
          {plural(node.vms.length, 'VM')} · {c.address}
        </span>
      </div>
      <div className="card-meters">
        <Meter label="CPU" model={cpu} compact />
        <Meter label="Memory" model={mem} compact />
      </div>
      {expanded && vms.length > 0 && <ChipGroup vms={vms} ctx={ctx} label={`VMs on ${c.name}`} />}
      {expanded && hiddenVms > 0 && (
        <div className="card-note">{plural(hiddenVms, 'other VM')} not matching the search</div>
      )}
    </TreeItem>
  );
});
