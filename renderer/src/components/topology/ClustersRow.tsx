// The virtual clusters of a domain, as a strip of selectable items (head + computes, hosts).
import { memo } from 'react';
import type { VirtualCluster } from '../../../../core/model/types';
import { nodeKey } from '../../view-model/keys';
import type { TopologyRow } from '../../view-model/layout';
import { Highlighted } from '../common/Highlighted';
import type { RowContext } from './row-context';
import { TreeItem } from './TreeItem';

type ClustersRowData = Extract<TopologyRow, { kind: 'clusters' }>;

export const ClustersRow = memo(function ClustersRow({
  row,
  ctx,
  setSize,
}: {
  row: ClustersRowData;
  ctx: RowContext;
  setSize: number;
}) {
  return (
    <div className="clusters-row" role="none">
      <span className="clusters-label" aria-hidden="true">
        Virtual clusters
      </span>
      {row.clusters.map((k, i) => (
        <ClusterItem key={k.name} cluster={k} ctx={ctx} posInSet={i + 1} setSize={setSize} />
      ))}
    </div>
  );
});

function ClusterItem({
  cluster,
  ctx,
  posInSet,
  setSize,
}: {
  cluster: VirtualCluster;
  ctx: RowContext;
  posInSet: number;
  setSize: number;
}) {
  const label = `Virtual cluster ${cluster.name}: 1 head + ${cluster.computes.length} compute nodes on ${cluster.containers.length} dedicated containers`;
  const matched = ctx.match.active && ctx.match.clusters.has(cluster.name);
  return (
    <TreeItem
      nodeKey={nodeKey('cluster', cluster.name)}
      level={2}
      posInSet={posInSet}
      setSize={setSize}
      label={label}
      title={label}
      className={`cluster-item${matched ? ' is-match' : ''}`}
    >
      <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
        <path
          d="M8 1.5 13.6 4.7v6.6L8 14.5l-5.6-3.2V4.7z"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
        />
      </svg>
      <span className="cluster-name">
        <Highlighted text={cluster.name} needles={ctx.needles} />
      </span>
      <span className="cluster-size">
        {1 + cluster.computes.length} nodes · {cluster.containers.length} hosts
      </span>
    </TreeItem>
  );
}
