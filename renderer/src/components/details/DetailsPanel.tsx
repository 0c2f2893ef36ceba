// The right-hand panel: details of the selected node, or the site overview.
import { useSelectionStore } from '../../store/selection-store';
import { useTopology } from '../../store/derived';
import { parseNodeKey } from '../../view-model/keys';
import { ClusterDetails } from './ClusterDetails';
import { ContainerDetails } from './ContainerDetails';
import { DomainDetails } from './DomainDetails';
import { SiteOverview } from './SiteOverview';
import { UnplacedDetails } from './UnplacedDetails';
import { VmDetails } from './VmDetails';

export function DetailsPanel() {
  const selected = useSelectionStore((s) => s.selected);
  const topology = useTopology();
  const ref = selected ? parseNodeKey(selected) : null;
  let body = null;
  if (ref && topology) {
    if (ref.kind === 'vm') {
      const vm = topology.vmByName.get(ref.name);
      if (vm) body = <VmDetails vm={vm} />;
    } else if (ref.kind === 'container') {
      const node = topology.containerByName.get(ref.name);
      if (node) body = <ContainerDetails node={node} />;
    } else if (ref.kind === 'domain') {
      const node = topology.domainByName.get(ref.name);
      if (node) body = <DomainDetails node={node} />;
    } else if (ref.kind === 'unplaced') {
      const node = topology.domainByName.get(ref.name);
      if (node) body = <UnplacedDetails node={node} />;
    } else {
      const k = topology.clusterByName.get(ref.name);
      if (k) body = <ClusterDetails cluster={k} />;
    }
  }
  return (
    <aside className="details" aria-label="Details" data-testid="details">
      {body ?? <SiteOverview />}
    </aside>
  );
}
