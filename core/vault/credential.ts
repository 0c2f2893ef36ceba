// What a vault holds. CredentialInfo is the public face (safe to show in the UI: names, key
// types, fingerprints, public keys); the secret bytes live only in Buffers inside an unlocked
// DomainVault and are zeroed when it locks.

export type CredentialKind = 'private-key' | 'password' | 'agent';
export type PasswordMethod = 'password' | 'keyboard-interactive';

export interface CredentialInfo {
  id: string;
  name: string;
  kind: CredentialKind;
  createdAt: string;
  /** private-key: the SSH key type, e.g. "ssh-ed25519". */
  keyType?: string;
  /** private-key: SHA-256 fingerprint of the public key ("SHA256:..."). */
  fingerprint?: string;
  /** private-key: the public key line for authorized_keys (public by nature). */
  publicKey?: string;
  /** private-key: the stored key is itself passphrase-protected. */
  encryptedKey?: boolean;
  /** password: which SSH methods may use it. */
  methods?: PasswordMethod[];
  /** agent: a fixed agent socket; absent = the user's SSH_AUTH_SOCK at connect time. */
  agentSocket?: string;
}

/** Secret material of one credential, as the SSH layer receives it for one connection. The
 * Buffers are copies: the receiver zeroes them once the connection is authenticated. */
export type ResolvedCredential =
  | { kind: 'private-key'; name: string; key: Buffer; passphrase?: Buffer }
  | { kind: 'password'; name: string; password: Buffer; methods: PasswordMethod[] }
  | { kind: 'agent'; name: string; socket?: string };

export function zeroResolved(c: ResolvedCredential): void {
  if (c.kind === 'private-key') {
    c.key.fill(0);
    c.passphrase?.fill(0);
  } else if (c.kind === 'password') {
    c.password.fill(0);
  }
}

/** Names are shown in the UI and used to pick a credential: printable, short, trimmed. */
export function credentialNameProblem(name: unknown): string | null {
  if (typeof name !== 'string') return 'credential name must be a string';
  if (name.trim() !== name || name.length === 0)
    return 'credential name must be non-empty without surrounding spaces';
  if (name.length > 100) return 'credential name is longer than 100 characters';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'credential name contains control characters';
  return null;
}
