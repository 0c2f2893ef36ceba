// A security domain's header row: name, trust label and what it holds.
import { memo } from 'react';
import { plural } from '../../view-model/format';
import { Badge } from '../common/Badge';
import { Highlighted } from '../common/Highlighted';
import { ExpandToggle } from './ExpandToggle';
import type { RowProps } from './row-props';
import { TreeItem } from './TreeItem';

export const DomainRow = memo(function DomainRow({ row, ctx, posInSet, setSize }: RowProps<'domain'>) {
  const { node, expanded, shownContainers, shownVms } = row;
  const d = node.domain;
  const problems = ctx.diagnostics.get(node.key)?.length ?? 0;
  const counts = `${plural(node.containers.length, 'container')} · ${plural(node.vmCount, 'VM')} · ${plural(node.clusters.length, 'cluster')}`;
  const filtered = ctx.match.active
    ? `showing ${plural(shownContainers, 'container')}, ${plural(shownVms, 'VM')}`
    : null;
  return (
    <TreeItem
      nodeKey={node.key}
      level={1}
      posInSet={posInSet}
      setSize={setSize}
      label={`Security domain ${d.name}${d.trust ? `, ${d.trust}` : ''}, ${counts}${filtered ? `, ${filtered}` : ''}`}
      expanded={expanded}
      className={`domain-row${ctx.match.domains.has(d.name) ? ' is-match' : ''}`}
    >
      <ExpandToggle nodeKey={node.key} expanded={expanded} />
      <span className="domain-name">
        <Highlighted text={d.name} needles={ctx.needles} />
      </span>
      {d.trust && (
        <Badge tone="info" title="Trust level">
          {d.trust}
        </Badge>
      )}
      {!node.defined && (
        <Badge tone="danger" title="Named by entities of the site file but not defined in it">
          undefined domain
        </Badge>
      )}
      {problems > 0 && <Badge tone="danger">{plural(problems, 'problem')}</Badge>}
      <span className="domain-counts">{counts}</span>
      {filtered && <span className="domain-filtered">{filtered}</span>}
      {d.description && <span className="domain-desc">{d.description}</span>}
    </TreeItem>
  );
});
