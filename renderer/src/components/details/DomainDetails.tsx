// Everything about a security domain: fields, total capacity, pools, networks, images, health.
import { useMemo } from 'react';
import { mayRun } from '../../../../core/policy';
import { usePolicyContext, useSite } from '../../store/derived';
import { containerLoad, sumLoads } from '../../view-model/capacity';
import { formatGiB, plural } from '../../view-model/format';
import type { DomainNode } from '../../view-model/topology';
import { DataTable } from './DataTable';
import { Fields } from './Fields';
import { LoadSection } from './LoadSection';
import { NodeDiagnostics } from './NodeDiagnostics';
import { NodeLinks } from './NodeLink';
import { Section } from './Section';

export function DomainDetails({ node }: { node: DomainNode }) {
  const d = node.domain;
  const site = useSite();
  const ctx = usePolicyContext();
  const total = useMemo(
    () => sumLoads(node.containers.map((c) => containerLoad(c.container, c.vms, c.dedicatedTo !== null))),
    [node],
  );
  const breaking = useMemo(() => {
    if (!ctx) return [];
    const names: string[] = [];
    for (const c of node.containers)
      for (const vm of c.vms) if (!mayRun(ctx, vm, c.container).ok) names.push(vm.name);
    return names;
  }, [ctx, node]);
  const pools = (site?.pools ?? []).filter((p) => p.domain === d.name);
  const networks = (site?.networks ?? []).filter((n) => n.domain === d.name);
  const images = (site?.images ?? []).filter((i) => i.domain === d.name);
  return (
    <>
      <header className="details-head">
        <span className="details-kind">Security domain</span>
        <h2>{d.name}</h2>
        <span className="details-sub">
          {d.description ?? (node.defined ? '' : 'not defined in the site file')}
        </span>
      </header>
      <Fields
        rows={[
          ['Trust', d.trust],
          ['SSH user', d.ssh.user],
          [
            'Jump host',
            d.ssh.jumpHost ? (
              <code>{`${d.ssh.jumpHost.user}@${d.ssh.jumpHost.address}:${d.ssh.jumpHost.port}`}</code>
            ) : undefined,
          ],
          ['Containers', node.containers.length],
          ['VMs', `${node.vmCount} (${node.unplaced.length} unplaced)`],
          ['Clusters', <NodeLinks kind="cluster" names={node.clusters.map((k) => k.name)} />],
        ]}
      />
      <NodeDiagnostics nodeKey={node.key} />
      <LoadSection title="Capacity of the domain" load={total} />
      <Section title="Policy status" tone={breaking.length > 0 ? 'bad' : 'ok'}>
        <p
          className={`verdict ${breaking.length > 0 ? 'verdict-bad' : 'verdict-ok'}`}
          data-testid="policy-verdict"
        >
          {breaking.length > 0
            ? `${plural(breaking.length, 'VM')} of this domain may not run where they are:`
            : 'Every placed VM of this domain may run where it is.'}
        </p>
        {breaking.length > 0 && <NodeLinks kind="vm" names={breaking} />}
      </Section>
      <Section title={`Storage pools (${pools.length})`}>
        <DataTable
          columns={[
            { header: 'Pool', cell: (p) => p.name },
            { header: 'Kind', cell: (p) => p.kind },
            { header: 'Mount path', cell: (p) => <code>{p.mountPath}</code> },
            { header: 'Capacity', numeric: true, cell: (p) => formatGiB(p.capacityGiB) },
          ]}
          rows={pools}
          rowKey={(p) => p.name}
        />
      </Section>
      <Section title={`Networks (${networks.length})`}>
        <DataTable
          columns={[
            { header: 'Network', cell: (n) => n.name },
            { header: 'Bridge', cell: (n) => <code>{n.bridge}</code> },
            { header: 'CIDR', cell: (n) => <code>{n.cidr}</code> },
            { header: 'Gateway', cell: (n) => <code>{n.gateway ?? '—'}</code> },
            {
              header: 'Access',
              cell: (n) =>
                `${n.public ? 'public' : 'private'}${n.vlan !== undefined ? ` · VLAN ${n.vlan}` : ''}`,
            },
          ]}
          rows={networks}
          rowKey={(n) => n.name}
        />
      </Section>
      {images.length > 0 && (
        <Section title={`Golden images (${images.length})`}>
          <DataTable
            columns={[
              { header: 'Image', cell: (i) => i.name },
              { header: 'OS', cell: (i) => i.os },
              { header: 'Pool', cell: (i) => `${i.pool} (${i.format})` },
              { header: 'Size', numeric: true, cell: (i) => formatGiB(i.sizeGiB) },
            ]}
            rows={images}
            rowKey={(i) => i.name}
          />
        </Section>
      )}
    </>
  );
}
