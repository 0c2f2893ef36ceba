// Everything about a virtual cluster: nodes and where they run, dedicated hosts, policy status.
import { useMemo } from 'react';
import type { VirtualCluster } from '../../../../core/model/types';
import { affinityOverloads, mayRun, type Violation } from '../../../../core/policy';
import { usePolicyContext, useTopology } from '../../store/derived';
import { plural } from '../../view-model/format';
import { nodeKey } from '../../view-model/keys';
import { StateIcon } from '../common/StateIcon';
import { DataTable } from './DataTable';
import { Fields } from './Fields';
import { NodeDiagnostics } from './NodeDiagnostics';
import { NodeLink, NodeLinks } from './NodeLink';
import { Section } from './Section';
import { ViolationList } from './ViolationList';

export function ClusterDetails({ cluster: k }: { cluster: VirtualCluster }) {
  const topology = useTopology();
  const ctx = usePolicyContext();
  const nodes = [k.head, ...k.computes];
  const violations = useMemo(() => {
    if (!ctx) return [];
    const out: Violation[] = affinityOverloads(ctx).filter(
      (v) => v.group?.kind === 'cluster' && v.group.name === k.name,
    );
    for (const n of [k.head, ...k.computes]) {
      const at = ctx.vm(n) ? ctx.placementOf(n) : null;
      if (at !== null && ctx.container(at)) out.push(...mayRun(ctx, n, at).violations);
    }
    return out;
  }, [ctx, k]);
  return (
    <>
      <header className="details-head">
        <span className="details-kind">Virtual cluster</span>
        <h2>{k.name}</h2>
        <span className="details-sub">
          1 head + {plural(k.computes.length, 'compute node')} in {k.domain}
        </span>
      </header>
      <Fields
        rows={[
          ['Domain', <NodeLink kind="domain" name={k.domain} />],
          ['Head node', <NodeLink kind="vm" name={k.head} />],
          ['Compute nodes', <NodeLinks kind="vm" names={k.computes} />],
          ['Dedicated containers', <NodeLinks kind="container" names={k.containers} />],
          ['Max nodes per container', k.maxNodesPerContainer ?? 'no limit'],
        ]}
      />
      <NodeDiagnostics nodeKey={nodeKey('cluster', k.name)} />
      <Section title="Policy status" tone={violations.length > 0 ? 'bad' : 'ok'}>
        <p
          className={`verdict ${violations.length > 0 ? 'verdict-bad' : 'verdict-ok'}`}
          data-testid="policy-verdict"
        >
          {violations.length > 0
            ? `${plural(violations.length, 'rule violation')} among its nodes:`
            : 'Every node may run where it is; dedicated hosts and anti-affinity hold.'}
        </p>
        {violations.length > 0 && <ViolationList violations={violations} />}
      </Section>
      <Section title={`Nodes (${nodes.length})`}>
        <DataTable
          columns={[
            {
              header: 'Node',
              cell: (n) =>
                topology?.vmByName.has(n) ? <NodeLink kind="vm" name={n} /> : `${n} (not defined)`,
            },
            { header: 'Role', cell: (n) => (n === k.head ? 'head' : 'compute') },
            {
              header: 'Container',
              cell: (n) => {
                const host = topology?.vmByName.get(n)?.container;
                return host ? <NodeLink kind="container" name={host} /> : 'unplaced';
              },
            },
            {
              header: 'State',
              cell: (n) => {
                const vm = topology?.vmByName.get(n);
                return vm ? (
                  <span className={`chip-${vm.state} vm-list-state`}>
                    <StateIcon state={vm.state} /> {vm.state}
                  </span>
                ) : null;
              },
            },
          ]}
          rows={nodes}
          rowKey={(n) => n}
        />
      </Section>
    </>
  );
}
