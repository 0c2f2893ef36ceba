// "Remember on this computer" at the Electron edge: the core's KeyringProtector over
// safeStorage. Whether safeStorage really protects anything is decided in core
// (core/vault/remember.ts, decideRemember): on Linux only a real keyring backend counts
// ("gnome_libsecret", "kwallet*"); with "basic_text" (a fixed key) the passphrase is kept in
// memory only and the Vault view says so.
import { safeStorage } from 'electron';
import type { KeyringProtector } from '../../core/vault/remember';

export function electronKeyring(): KeyringProtector {
  return {
    platform: process.platform,
    isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
    // Only meaningful (and only available) on Linux.
    selectedBackend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os'),
    // safeStorage takes strings; the passphrase was one already, in the request that carried it.
    encrypt: (plain) => safeStorage.encryptString(plain.toString('utf8')),
    decrypt: (blob) => Buffer.from(safeStorage.decryptString(blob), 'utf8'),
  };
}
