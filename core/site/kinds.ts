// How an element of each section is named in messages ("vm web1", "pool edu-gpfs").
import type { SectionName } from './shape';

export const KIND_WORD: Record<SectionName, string> = {
  domains: 'domain',
  pools: 'pool',
  networks: 'network',
  containers: 'container',
  images: 'image',
  vms: 'vm',
  clusters: 'cluster',
  antiAffinity: 'anti-affinity group',
};
