// From the site to SSH targets. The renderer names only a container; its security domain, login
// user, port and jump host come from the site, and its credentials only from the vault of that
// same domain (loginFor takes the container, finds the vault itself, and builds target and
// handle from it). No request can pair a container with another domain's credential.
import { PaddockError } from '../../../core/ipc/contract';
import type { Container, Domain, Site } from '../../../core/model/types';
import type { SshTarget } from '../../../core/ssh/target';
import type { CredentialInfo } from '../../../core/vault/credential';
import type { DomainVault } from '../../../core/vault/domain-vault';
import type { CredentialHandle } from '../../../core/vault/handle';
import type { VaultManager } from '../../../core/vault/vault-manager';

export interface ContainerRef {
  container: Container;
  domain: Domain;
}

export function requireSite(site: Site | null): Site {
  if (!site) throw new PaddockError('no-site', 'No site is loaded, so there are no containers or domains');
  return site;
}

export function findContainer(site: Site | null, name: string): ContainerRef {
  const s = requireSite(site);
  const container = s.containers.find((c) => c.name === name);
  if (!container)
    throw new PaddockError('not-found', `No container named "${name.slice(0, 100)}" in the site`);
  const domain = s.domains.find((d) => d.name === container.domain);
  if (!domain)
    throw new PaddockError('not-found', `Container "${name}" names an unknown domain "${container.domain}"`);
  return { container, domain };
}

export function requireDomain(site: Site | null, domain: string): Domain {
  const d = requireSite(site).domains.find((x) => x.name === domain);
  if (!d) throw new PaddockError('not-found', `No security domain named "${domain}" in the site`);
  return d;
}

/** The login user of a domain's containers (what the vault's credentials are used as). */
export const domainUser = (d: Domain): string => d.ssh.user;

/** The target for a container, reached through its domain's jump host with the same credential. */
export function targetFor<D extends string>(
  ref: ContainerRef,
  domain: D,
  credential: CredentialHandle<D>,
): SshTarget<D> {
  const { container: c, domain: d } = ref;
  const jump = d.ssh.jumpHost;
  return {
    domain,
    name: c.name,
    host: c.address,
    port: c.ssh.port,
    user: c.ssh.user,
    ...(jump ? { jump: { host: jump.address, port: jump.port, user: jump.user, credential } } : {}),
  };
}

/**
 * Which credentials of a domain to log in with, in order: one the user named, else the one
 * that last worked, then the others as the vault lists them. Remembers what worked.
 */
export class CredentialChoice {
  private readonly preferred = new Map<string, string>();

  candidates(vault: DomainVault<string>, requested?: string): CredentialInfo[] {
    const all = vault.list();
    if (requested !== undefined) {
      const c = all.find((x) => x.id === requested) ?? all.find((x) => x.name === requested);
      if (!c) {
        throw new PaddockError(
          'not-found',
          `The vault of "${vault.domain}" has no credential "${requested.slice(0, 100)}"`,
        );
      }
      return [c];
    }
    if (all.length === 0) {
      throw new PaddockError(
        'no-credential',
        `The vault of "${vault.domain}" holds no credential: add a key or a password first`,
      );
    }
    const pick = this.preferred.get(vault.domain);
    return [...all.filter((c) => c.id === pick), ...all.filter((c) => c.id !== pick)];
  }

  succeeded(domain: string, credentialId: string): void {
    this.preferred.set(domain, credentialId);
  }

  /** Handles for every credential of an unlocked vault, in the order to try them (throws when empty). */
  loginHandles(vault: DomainVault<string>): CredentialHandle<string>[] {
    return this.candidates(vault).map((c) => vault.handle(c.id));
  }
}

/** The vault of a container's own domain, unlocked (a clear error otherwise). */
export function vaultFor(vaults: VaultManager, ref: ContainerRef): DomainVault<string> {
  const v = vaults.vault(ref.domain.name);
  if (!v.unlocked) {
    throw new PaddockError(
      'vault-locked',
      `The vault of security domain "${ref.domain.name}" is locked: unlock it to reach ${ref.container.name}`,
    );
  }
  return v;
}
