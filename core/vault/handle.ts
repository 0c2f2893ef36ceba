// Credentials leave a vault only as opaque handles branded with their security domain. The type
// parameter makes `CredentialHandle<'teaching'>` unusable where `'management'` is expected; at
// run time the handle is checked against a registry only vaults can write to, so a forged or
// copied object resolves to nothing, and a handle of another domain is refused.
import type { ResolvedCredential } from './credential';

declare const domainBrand: unique symbol;

export interface CredentialHandle<D extends string> {
  /** Type-level brand; no such property exists at run time. */
  readonly [domainBrand]: D;
  readonly domain: D;
  readonly credentialId: string;
  readonly name: string;
}

/** What a vault gives the registry: a way to produce the secret for one credential. */
export interface HandleSource {
  readonly domain: string;
  /** Throws (e.g. VaultLockedError) when the vault cannot give it now. */
  resolveSecret(credentialId: string): ResolvedCredential;
  /** Throws like resolveSecret would, without copying any secret. */
  checkUsable(credentialId: string): void;
}

export class DomainMismatchError extends Error {
  readonly code = 'domain-mismatch';
  constructor(
    readonly credentialDomain: string,
    readonly targetDomain: string,
  ) {
    super(
      `Refused: a credential of security domain "${credentialDomain}" cannot be used for a host of domain "${targetDomain}"`,
    );
    this.name = 'DomainMismatchError';
  }
}

export class UnknownHandleError extends Error {
  readonly code = 'bad-credential';
  constructor() {
    super('Refused: this credential handle was not issued by a Paddock vault');
    this.name = 'UnknownHandleError';
  }
}

const registry = new WeakMap<object, { source: HandleSource; credentialId: string }>();

/** Called by vaults only. */
export function issueHandle<D extends string>(
  source: HandleSource & { readonly domain: D },
  credentialId: string,
  name: string,
): CredentialHandle<D> {
  const handle = Object.freeze({ domain: source.domain, credentialId, name });
  registry.set(handle, { source, credentialId });
  return handle as unknown as CredentialHandle<D>;
}

/** The secret behind a handle, for a connection to a host of `targetDomain`. */
export function resolveHandle(handle: CredentialHandle<string>, targetDomain: string): ResolvedCredential {
  const entry = typeof handle === 'object' && handle !== null ? registry.get(handle) : undefined;
  if (!entry) throw new UnknownHandleError();
  // Compare against the issuing vault's domain, not the handle's own (frozen, but a copy could lie).
  if (entry.source.domain !== targetDomain) throw new DomainMismatchError(entry.source.domain, targetDomain);
  return entry.source.resolveSecret(entry.credentialId);
}

/**
 * Throws unless the handle could be resolved for `targetDomain` right now (genuine, same
 * domain, vault unlocked, credential present). Pooled connections check this before every
 * command, so locking a vault stops its domain's commands at once.
 */
export function checkHandle(handle: CredentialHandle<string>, targetDomain: string): void {
  const entry = typeof handle === 'object' && handle !== null ? registry.get(handle) : undefined;
  if (!entry) throw new UnknownHandleError();
  if (entry.source.domain !== targetDomain) throw new DomainMismatchError(entry.source.domain, targetDomain);
  entry.source.checkUsable(entry.credentialId);
}

/** The domain a handle really belongs to (from the registry), or null when it is not genuine. */
export function handleDomain(handle: CredentialHandle<string>): string | null {
  return registry.get(handle)?.source.domain ?? null;
}
