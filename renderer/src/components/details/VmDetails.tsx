// Everything about a VM: its fields, disks, NICs, cluster role and policy status.
import { useMemo } from 'react';
import type { Vm } from '../../../../core/model/types';
import { useSite, useTopology } from '../../store/derived';
import { formatGiB, formatMiB } from '../../view-model/format';
import { nodeKey } from '../../view-model/keys';
import { StateIcon } from '../common/StateIcon';
import { VmLiveSection } from '../live/VmLiveSection';
import { DataTable } from './DataTable';
import { Fields } from './Fields';
import { NodeDiagnostics } from './NodeDiagnostics';
import { NodeLink } from './NodeLink';
import { Section } from './Section';
import { VmPolicy } from './VmPolicy';

export function VmDetails({ vm }: { vm: Vm }) {
  const site = useSite();
  const topology = useTopology();
  const networks = useMemo(() => new Map((site?.networks ?? []).map((n) => [n.name, n])), [site]);
  const cluster = topology?.clusterOfVm.get(vm.name);
  const hostKnown = vm.container !== null && topology?.containerByName.has(vm.container);
  return (
    <>
      <header className="details-head">
        <span className={`details-kind chip-${vm.state}`}>
          <StateIcon state={vm.state} /> {vm.state}
        </span>
        <h2>{vm.name}</h2>
        <span className="details-sub">Virtual machine</span>
      </header>
      <Fields
        rows={[
          ['Domain', <NodeLink kind="domain" name={vm.domain} />],
          [
            'Container',
            vm.container === null ? (
              'unplaced'
            ) : hostKnown ? (
              <NodeLink kind="container" name={vm.container} />
            ) : (
              `${vm.container} (not defined)`
            ),
          ],
          ['State', vm.state],
          ['vCPUs', vm.vcpus],
          ['Memory', formatMiB(vm.memoryMiB)],
          ['Image', vm.image],
          ['Owner', vm.owner],
          ['Project', vm.project],
          ['Tags', vm.tags.length > 0 ? vm.tags.join(', ') : undefined],
          [
            'Cluster',
            cluster ? (
              <>
                <NodeLink kind="cluster" name={cluster.name} /> (
                {cluster.head === vm.name ? 'head node' : 'compute node'})
              </>
            ) : undefined,
          ],
        ]}
      />
      <VmLiveSection vm={vm} />
      <NodeDiagnostics nodeKey={nodeKey('vm', vm.name)} />
      <VmPolicy vm={vm} />
      <Section title={`Disks (${vm.disks.length})`}>
        {vm.disks.length === 0 ? (
          <p className="muted">No disks.</p>
        ) : (
          <DataTable
            columns={[
              { header: 'Name', cell: (d) => d.name },
              { header: 'Pool', cell: (d) => d.pool },
              { header: 'Size', numeric: true, cell: (d) => formatGiB(d.sizeGiB) },
            ]}
            rows={vm.disks}
            rowKey={(d) => d.name}
          />
        )}
      </Section>
      <Section title={`Network interfaces (${vm.nics.length})`}>
        {vm.nics.length === 0 ? (
          <p className="muted">No NICs.</p>
        ) : (
          <DataTable
            columns={[
              {
                header: 'Network',
                cell: (n) => {
                  const net = networks.get(n.network);
                  return (
                    <>
                      {n.network}
                      {net && (
                        <span className="muted small">
                          {' '}
                          {`${net.bridge} · ${net.cidr} · ${net.public ? 'public' : 'private'}`}
                        </span>
                      )}
                    </>
                  );
                },
              },
              { header: 'IP', cell: (n) => <code>{n.ip ?? '—'}</code> },
              { header: 'MAC', cell: (n) => <code>{n.mac ?? '—'}</code> },
            ]}
            rows={vm.nics}
            rowKey={(_, i) => String(i)}
          />
        )}
      </Section>
    </>
  );
}
