// SSH public key blobs: their type and their SHA-256 fingerprint in OpenSSH's notation
// ("SHA256:" + unpadded base64), which is what users compare against `ssh-keygen -lf`.
import { createHash } from 'node:crypto';

export function sha256Fingerprint(blob: Uint8Array): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type written at the start of a public key blob (e.g. "ssh-ed25519"), or null. */
export function blobKeyType(blob: Uint8Array): string | null {
  if (blob.length < 4) return null;
  const b = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  const len = b.readUInt32BE(0);
  if (len === 0 || len > 64 || 4 + len > b.length) return null;
  const type = b.subarray(4, 4 + len).toString('latin1');
  return /^[a-z0-9@._-]+$/i.test(type) ? type : null;
}

/** Host key algorithms a client offers for a known key type (RSA keys sign with SHA-2). */
export function algorithmsForKeyType(keyType: string): string[] {
  if (keyType === 'ssh-rsa') return ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
  return [keyType];
}
