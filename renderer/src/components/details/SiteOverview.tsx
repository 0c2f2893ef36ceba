// What the details panel shows when nothing is selected: the site at a glance, per domain.
import { useSite, useTopology } from '../../store/derived';
import { containerLoad, formatLoadRatio, sumLoads } from '../../view-model/capacity';
import { DataTable } from './DataTable';
import { NodeLink } from './NodeLink';
import { Section } from './Section';

export function SiteOverview() {
  const site = useSite();
  const topology = useTopology();
  if (!site || !topology) return <p className="empty">No site loaded.</p>;
  const rows = topology.domains.map((node) => ({
    node,
    total: sumLoads(node.containers.map((c) => containerLoad(c.container, c.vms, c.dedicatedTo !== null))),
  }));
  return (
    <>
      <header className="details-head">
        <span className="details-kind">Site</span>
        <h2>{site.site.name}</h2>
        {site.site.description && <span className="details-sub">{site.site.description}</span>}
      </header>
      <Section title="Security domains">
        <DataTable
          columns={[
            { header: 'Domain', cell: (r) => <NodeLink kind="domain" name={r.node.domain.name} /> },
            { header: 'Containers', numeric: true, cell: (r) => r.node.containers.length },
            { header: 'VMs', numeric: true, cell: (r) => r.node.vmCount },
            { header: 'vCPU', numeric: true, cell: (r) => formatLoadRatio(r.total.vcpus, r.total.vcpuLimit) },
            {
              header: 'Memory',
              numeric: true,
              cell: (r) => formatLoadRatio(r.total.memUsedMiB, r.total.memCapacityMiB),
            },
          ]}
          rows={rows}
          rowKey={(r) => r.node.key}
        />
      </Section>
      <p className="hint">
        Select a domain, container, VM or cluster for its details. Keys: arrows move, Enter selects,{' '}
        <kbd>/</kbd> searches.
      </p>
    </>
  );
}
