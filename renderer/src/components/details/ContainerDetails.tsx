// Everything about a container: fields, load meters, access (monitoring, test connection),
// policy status, its VMs.
import { useMemo } from 'react';
import { containerLoad } from '../../view-model/capacity';
import { ConnectionSection } from '../access/ConnectionSection';
import { formatMiB } from '../../view-model/format';
import type { ContainerNode } from '../../view-model/topology';
import { ContainerPolicy } from './ContainerPolicy';
import { Fields } from './Fields';
import { LoadSection } from './LoadSection';
import { NodeDiagnostics } from './NodeDiagnostics';
import { NodeLink } from './NodeLink';
import { Section } from './Section';
import { VmStateList } from './VmStateList';

export function ContainerDetails({ node }: { node: ContainerNode }) {
  const c = node.container;
  const load = useMemo(() => containerLoad(c, node.vms, node.dedicatedTo !== null), [c, node]);
  return (
    <>
      <header className="details-head">
        <span className="details-kind">Container</span>
        <h2>{c.name}</h2>
        <span className="details-sub">
          {c.hypervisor === 'xen-xl' ? 'Xen (xl)' : 'libvirt'} host in {c.domain}
        </span>
      </header>
      <Fields
        rows={[
          ['Domain', <NodeLink kind="domain" name={c.domain} />],
          ['Address', <code>{c.address}</code>],
          ['SSH', <code>{`${c.ssh.user}@${c.address}:${c.ssh.port}`}</code>],
          ['Hypervisor', c.hypervisor],
          [
            'URI',
            c.uri ? (
              <code>{c.uri}</code>
            ) : c.hypervisor === 'libvirt' ? (
              'qemu:///system (default)'
            ) : undefined,
          ],
          ['Cores', c.cpu.cores],
          [
            'Overcommit',
            node.dedicatedTo ? `${c.cpu.overcommit}× (not used: dedicated)` : `${c.cpu.overcommit}×`,
          ],
          ['Memory', formatMiB(c.memoryMiB)],
          ['Reserved', formatMiB(c.reservedMemoryMiB)],
          ['Pools', c.pools.join(', ')],
          ['Networks', c.networks.join(', ')],
          ['Maintenance', c.maintenance ? 'yes: accepts no new VMs' : 'no'],
          [
            'Dedicated to',
            node.dedicatedTo ? <NodeLink kind="cluster" name={node.dedicatedTo.name} /> : undefined,
          ],
          ['Tags', c.tags.join(', ')],
        ]}
      />
      <LoadSection title="Load" load={load} />
      <ConnectionSection container={c} />
      <NodeDiagnostics nodeKey={node.key} />
      <ContainerPolicy container={c} />
      <Section title={`VMs (${node.vms.length})`}>
        <VmStateList vms={node.vms} />
      </Section>
    </>
  );
}
