// A domain's unplaced VMs and, for each, how many containers would take it now.
import { useMemo } from 'react';
import { acceptingContainers } from '../../../../core/policy';
import { usePolicyContext } from '../../store/derived';
import { formatMiB } from '../../view-model/format';
import type { DomainNode } from '../../view-model/topology';
import { DataTable } from './DataTable';
import { NodeLink } from './NodeLink';
import { Section } from './Section';

export function UnplacedDetails({ node }: { node: DomainNode }) {
  const ctx = usePolicyContext();
  const rows = useMemo(
    () =>
      node.unplaced.map((vm) => ({
        vm,
        accepting: ctx && ctx.vm(vm.name) ? acceptingContainers(ctx, vm.name).length : 0,
      })),
    [ctx, node],
  );
  return (
    <>
      <header className="details-head">
        <span className="details-kind">Unplaced VMs</span>
        <h2>{node.domain.name}</h2>
        <span className="details-sub">VMs of this domain that run on no container</span>
      </header>
      <Section title={`VMs (${rows.length})`}>
        <DataTable
          columns={[
            { header: 'VM', cell: (r) => <NodeLink kind="vm" name={r.vm.name} /> },
            { header: 'Size', cell: (r) => `${r.vm.vcpus} vCPU · ${formatMiB(r.vm.memoryMiB)}` },
            { header: 'Containers that would accept it', numeric: true, cell: (r) => r.accepting },
          ]}
          rows={rows}
          rowKey={(r) => r.vm.name}
        />
      </Section>
    </>
  );
}
