// "Remember on this computer": keep a domain's vault passphrase so the vault unlocks without
// asking. Only the OS keyring may protect it on disk. The Electron side implements
// KeyringProtector with `safeStorage`; on Linux safeStorage silently falls back to a hard-coded
// key ("basic_text") when no keyring runs, which is obfuscation, not protection, so then the
// passphrase is kept in memory only, for this session, and the UI says so.
import { rm } from 'node:fs/promises';
import type { RememberMode } from '../records/remember-mode';
import { readBytesBounded, writeFileAtomic } from '../storage/atomic-file';
import { domainFile } from './domain-files';

/** What Electron's safeStorage offers (the Electron edge adapts it to this). */
export interface KeyringProtector {
  /** process.platform of the main process. */
  readonly platform: string;
  isEncryptionAvailable(): boolean;
  /** Linux: safeStorage.getSelectedStorageBackend(); elsewhere anything (not consulted). */
  selectedBackend(): string;
  encrypt(plain: Buffer): Buffer;
  decrypt(blob: Buffer): Buffer;
}

// What was decided is pure (the contract sends it to the renderer to explain it).
export type { RememberMode } from '../records/remember-mode';

/** Linux backends of safeStorage that are a real keyring. */
export const REAL_LINUX_KEYRINGS: readonly string[] = ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'];

export function decideRemember(p: KeyringProtector): RememberMode {
  if (!p.isEncryptionAvailable()) {
    return {
      mode: 'memory',
      reason: 'No OS keyring is available: the passphrase is kept in memory until Paddock quits.',
    };
  }
  if (p.platform === 'darwin') return { mode: 'keyring', backend: 'macOS Keychain' };
  if (p.platform === 'win32') return { mode: 'keyring', backend: 'Windows DPAPI' };
  const backend = p.selectedBackend();
  if (REAL_LINUX_KEYRINGS.includes(backend)) return { mode: 'keyring', backend };
  return {
    mode: 'memory',
    reason:
      backend === 'basic_text'
        ? 'The only storage available is "basic_text" (a fixed key, not a keyring): the passphrase is kept in memory until Paddock quits.'
        : `Unrecognised secret storage "${backend}": the passphrase is kept in memory until Paddock quits.`,
  };
}

const MAX_BLOB = 64 * 1024;

/** Remembered passphrases per domain, in the keyring when there is a real one, else in memory. */
export class RememberedPassphrases {
  private readonly memory = new Map<string, Buffer>();

  constructor(
    private readonly dir: string,
    private readonly protector: KeyringProtector | null,
  ) {}

  decision(): RememberMode {
    return this.protector
      ? decideRemember(this.protector)
      : {
          mode: 'memory',
          reason: 'No OS keyring in this process: the passphrase is kept in memory until Paddock quits.',
        };
  }

  async remember(domain: string, passphrase: string | Uint8Array): Promise<RememberMode> {
    const d = this.decision();
    const bytes =
      typeof passphrase === 'string'
        ? Buffer.from(passphrase.normalize('NFC'), 'utf8')
        : Buffer.from(passphrase);
    await this.forget(domain);
    if (d.mode === 'keyring' && this.protector) {
      try {
        await writeFileAtomic(this.file(domain), this.protector.encrypt(bytes));
      } finally {
        bytes.fill(0);
      }
    } else {
      this.memory.set(domain, bytes);
    }
    return d;
  }

  /** The remembered passphrase (the caller zeroes it after use), or null. */
  async recall(domain: string): Promise<Buffer | null> {
    const m = this.memory.get(domain);
    if (m) return Buffer.from(m);
    if (!this.protector || this.decision().mode !== 'keyring') return null;
    let blob: Buffer;
    try {
      blob = await readBytesBounded(this.file(domain), MAX_BLOB);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    return this.protector.decrypt(blob);
  }

  async forget(domain: string): Promise<void> {
    this.memory.get(domain)?.fill(0);
    this.memory.delete(domain);
    await rm(this.file(domain), { force: true });
  }

  /** Drop what is held in memory (e.g. on quit); keyring-protected files stay. */
  clearMemory(): void {
    for (const b of this.memory.values()) b.fill(0);
    this.memory.clear();
  }

  private file(domain: string): string {
    return domainFile(this.dir, domain, '.remembered');
  }
}
