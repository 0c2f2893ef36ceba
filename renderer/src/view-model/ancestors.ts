// The tree nodes that contain a node (outermost first), so revealing a selection can expand them.
import { nodeKey, parseNodeKey } from './keys';
import type { Topology } from './topology';

export function ancestorsOf(t: Topology, key: string): string[] {
  const ref = parseNodeKey(key);
  if (!ref) return [];
  switch (ref.kind) {
    case 'domain':
      return [];
    case 'cluster': {
      const k = t.clusterByName.get(ref.name);
      return k ? [nodeKey('domain', k.domain)] : [];
    }
    case 'container': {
      const c = t.containerByName.get(ref.name);
      return c ? [nodeKey('domain', c.container.domain)] : [];
    }
    case 'unplaced':
      return [nodeKey('domain', ref.name)];
    case 'vm': {
      const vm = t.vmByName.get(ref.name);
      if (!vm) return [];
      const host = vm.container === null ? undefined : t.containerByName.get(vm.container);
      if (host) return [nodeKey('domain', host.container.domain), host.key];
      return [nodeKey('domain', vm.domain), nodeKey('unplaced', vm.domain)];
    }
  }
}
