// Checking and describing private keys before they enter a vault, and generating new ones.
// ssh2's parser reads OpenSSH, PEM (PKCS#1/PKCS#8/SEC1) and PuTTY keys, encrypted or not.
// ssh2 is CommonJS without named ESM exports: take the namespace object.
import ssh2 from 'ssh2';
import type { ParsedKey } from 'ssh2';
import { sha256Fingerprint } from '../ssh/fingerprint';

export interface PrivateKeyDescription {
  keyType: string;
  fingerprint: string;
  publicKey: string;
  encrypted: boolean;
}

export class KeyMaterialError extends Error {
  constructor(name: string, reason: string) {
    super(`Key "${name}": ${reason}`);
    this.name = 'KeyMaterialError';
  }
}

/** Parse a private key (with its passphrase when it has one) and describe its public half. */
export function describePrivateKey(name: string, key: Buffer, passphrase?: Buffer): PrivateKeyDescription {
  const plain = ssh2.utils.parseKey(key);
  const encrypted = plain instanceof Error && /encrypted|passphrase/i.test(plain.message);
  if (plain instanceof Error && !encrypted)
    throw new KeyMaterialError(name, `not a readable private key (${plain.message})`);
  if (encrypted && !passphrase?.length)
    throw new KeyMaterialError(name, 'the key is encrypted: give its passphrase');
  const parsed = encrypted ? ssh2.utils.parseKey(key, passphrase) : plain;
  if (parsed instanceof Error) throw new KeyMaterialError(name, 'wrong passphrase for this key');
  // ssh2 returns an array for files holding several keys (its types omit that case).
  const k: ParsedKey | undefined = Array.isArray(parsed) ? (parsed as ParsedKey[])[0] : parsed;
  if (!k) throw new KeyMaterialError(name, 'the file holds no key');
  if (!k.isPrivateKey()) throw new KeyMaterialError(name, 'this is a public key, not a private key');
  const blob = k.getPublicSSH();
  return {
    keyType: k.type,
    fingerprint: sha256Fingerprint(blob),
    publicKey: `${k.type} ${blob.toString('base64')}${k.comment ? ` ${k.comment}` : ''}`,
    encrypted,
  };
}

/** ssh2's generator sometimes writes a key it cannot read back (about 1 in 250 ed25519 keys:
 * a leading zero byte of the public key is dropped); such a key is made again. */
const GENERATE_ATTEMPTS = 16;

/** A new unencrypted ed25519 key in OpenSSH format (the vault is what protects it). */
export function generateEd25519(comment: string): Buffer {
  for (let i = 0; i < GENERATE_ATTEMPTS; i++) {
    const key = Buffer.from(ssh2.utils.generateKeyPairSync('ed25519', { comment }).private, 'utf8');
    const parsed = ssh2.utils.parseKey(key);
    if (!(parsed instanceof Error) && !Array.isArray(parsed) && parsed.getPublicSSH().length === 51)
      return key;
    key.fill(0);
  }
  throw new KeyMaterialError(
    comment,
    `could not generate a readable ed25519 key in ${GENERATE_ATTEMPTS} attempts`,
  );
}
