// All domains' vaults of one workstation: one file per domain in one folder, lock-all, idle
// auto-lock, and the state the UI may see (lock state and credential descriptions only).
import { mkdir } from 'node:fs/promises';
import type { CredentialInfo } from './credential';
import { domainFile } from './domain-files';
import { DomainVault } from './domain-vault';
import type { LockReason, VaultEvent } from './domain-vault';
import type { ScryptParams } from './kdf';

export const VAULT_SUFFIX = '.vault';

export interface VaultStatus {
  domain: string;
  exists: boolean;
  unlocked: boolean;
  /** Only when unlocked. */
  credentials: CredentialInfo[] | null;
}

export interface VaultManagerOptions {
  dir: string;
  idleLockMs?: number;
  kdf?: ScryptParams;
}

export class VaultManager {
  private readonly vaults = new Map<string, DomainVault<string>>();
  private readonly listeners = new Set<(e: VaultEvent) => void>();

  constructor(private readonly options: VaultManagerOptions) {}

  async init(): Promise<void> {
    await mkdir(this.options.dir, { recursive: true, mode: 0o700 });
  }

  /** The vault of one domain (the same object on every call). */
  vault<D extends string>(domain: D): DomainVault<D> {
    let v = this.vaults.get(domain);
    if (!v) {
      v = new DomainVault(domain, domainFile(this.options.dir, domain, VAULT_SUFFIX), {
        ...(this.options.idleLockMs !== undefined ? { idleLockMs: this.options.idleLockMs } : {}),
        ...(this.options.kdf ? { kdf: this.options.kdf } : {}),
      });
      v.onEvent((e) => this.emit(e));
      this.vaults.set(domain, v);
    }
    return v as DomainVault<D>;
  }

  async status(domains: readonly string[]): Promise<VaultStatus[]> {
    return Promise.all(
      domains.map(async (d) => {
        const v = this.vault(d);
        return {
          domain: d,
          exists: await v.exists(),
          unlocked: v.unlocked,
          credentials: v.unlocked ? v.list() : null,
        };
      }),
    );
  }

  /** The user is at work: restart the idle clock of every unlocked vault. */
  noteActivity(): void {
    for (const v of this.vaults.values()) v.noteActivity();
  }

  lockAll(reason: LockReason = 'all'): void {
    for (const v of this.vaults.values()) v.lock(reason);
  }

  onEvent(listener: (e: VaultEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: VaultEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // Listeners cannot stop a lock.
      }
    }
  }
}
