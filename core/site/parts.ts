// The normalised elements that passed their shape check, each with its index in the file, plus
// what the cross-reference checks need to know about the ones that did not.
import type {
  AntiAffinityGroup,
  Container,
  Domain,
  GoldenImage,
  Name,
  Network,
  Site,
  SiteInfo,
  StoragePool,
  VirtualCluster,
  Vm,
} from '../model/types';
import type { Indexed } from './check-shape';
import { didYouMean } from './did-you-mean';
import type { Finding, Path } from './findings';
import { KIND_WORD } from './kinds';
import type { SectionName } from './shape';

export interface Parts {
  site: SiteInfo | null;
  domains: Indexed<Domain>[];
  pools: Indexed<StoragePool>[];
  networks: Indexed<Network>[];
  containers: Indexed<Container>[];
  images: Indexed<GoldenImage>[];
  vms: Indexed<Vm>[];
  clusters: Indexed<VirtualCluster>[];
  antiAffinity: Indexed<AntiAffinityGroup>[];
  broken: Record<SectionName, Set<string>>;
  unusable: Set<SectionName>;
}

/** Sections whose elements other elements refer to, and how a reference is worded. */
export type RefKind = 'domains' | 'pools' | 'networks' | 'containers' | 'images' | 'vms';
const CODE: Record<RefKind, string> = {
  domains: 'unknown-domain',
  pools: 'unknown-pool',
  networks: 'unknown-network',
  containers: 'unknown-container',
  images: 'unknown-image',
  vms: 'unknown-vm',
};

/** First element of each name per section (later duplicates are reported, not indexed). */
export class RefIndex {
  private readonly maps: { [K in RefKind]: Map<Name, Indexed<Parts[K][number]['item']>> };

  constructor(
    readonly parts: Parts,
    private readonly findings: Finding[],
  ) {
    const index = <T extends { name: Name }>(list: Indexed<T>[]) => {
      const m = new Map<Name, Indexed<T>>();
      for (const e of list) if (!m.has(e.item.name)) m.set(e.item.name, e);
      return m;
    };
    this.maps = {
      domains: index(parts.domains),
      pools: index(parts.pools),
      networks: index(parts.networks),
      containers: index(parts.containers),
      images: index(parts.images),
      vms: index(parts.vms),
    };
  }

  get<K extends RefKind>(kind: K, name: Name): Parts[K][number]['item'] | undefined {
    return this.maps[kind].get(name)?.item as Parts[K][number]['item'] | undefined;
  }

  indexOf(kind: RefKind, name: Name): number | undefined {
    return this.maps[kind].get(name)?.index;
  }

  /** Whether a name refers to an element that exists, possibly broken (so no second error). */
  known(kind: RefKind, name: Name): boolean {
    return this.maps[kind].has(name) || this.parts.broken[kind].has(name) || this.parts.unusable.has(kind);
  }

  add(f: Omit<Finding, 'severity'> & { severity?: Finding['severity'] }): void {
    this.findings.push({ severity: 'error', ...f });
  }

  /**
   * Check a reference: it must name an existing element and, when `domain` is given, one of
   * that security domain. `who` says who refers, e.g. "vm web1". Returns the element if found.
   */
  ref<K extends RefKind>(
    kind: K,
    name: Name,
    path: Path,
    who: string,
    domain?: Name,
  ): Parts[K][number]['item'] | undefined {
    const target = this.get(kind, name);
    if (!target) {
      if (!this.known(kind, name)) {
        this.add({
          code: CODE[kind],
          path,
          message: `${who} refers to ${KIND_WORD[kind]} ${name}, but the site has no ${KIND_WORD[kind]} of that name${didYouMean(name, this.maps[kind].keys())}`,
        });
      }
      return undefined;
    }
    const targetDomain = 'domain' in target ? target.domain : undefined;
    if (
      domain !== undefined &&
      targetDomain !== undefined &&
      targetDomain !== domain &&
      this.get('domains', domain)
    ) {
      this.add({
        code: 'cross-domain',
        path,
        message: `${who} is in security domain ${domain}, but ${KIND_WORD[kind]} ${name} belongs to domain ${targetDomain}; resources are never shared across security domains`,
      });
    }
    return target;
  }

  /** The Site made of the valid parts (what the policy reads). */
  site(): Site {
    const p = this.parts;
    const items = <T>(list: Indexed<T>[]) => list.map((e) => e.item);
    return {
      version: 1,
      site: p.site ?? { name: '' },
      domains: items(p.domains),
      pools: items(p.pools),
      networks: items(p.networks),
      containers: items(p.containers),
      images: items(p.images),
      vms: items(p.vms),
      clusters: items(p.clusters),
      antiAffinity: items(p.antiAffinity),
    };
  }
}
