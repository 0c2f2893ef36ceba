// The on-disk container of a vault (and of a vault export): a versioned header, then the
// AES-256-GCM ciphertext and its 16-byte tag. The whole header (format version, purpose, KDF
// parameters, salt, nonce, domain, ciphertext length) is the GCM additional data, so changing
// any of it makes the file fail to open. Layout (big-endian):
//
//   0  magic "PADDOCKV"      8     21 salt          16
//   8  format version (1)    1     37 nonce         12
//   9  purpose (1|2)         1     49 domain length  1, then the domain (UTF-8)
//  10  KDF id (1 = scrypt)   1     .. ciphertext length 4
//  11  scrypt log2 N         1     .. ciphertext, then the GCM tag (16)
//  12  scrypt r              4
//  16  scrypt p              4
//  20  reserved (0)          1
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KdfParamsError, deriveKey, kdfProblem } from './kdf';
import type { ScryptParams } from './kdf';

export const MAGIC = Buffer.from('PADDOCKV', 'ascii');
export const FORMAT_VERSION = 1;
export const SALT_BYTES = 16;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
/** A vault of thousands of keys is still far below this; anything larger is not a vault. */
export const MAX_SEALED_BYTES = 16 * 1024 * 1024;
const MAX_DOMAIN_BYTES = 128;
const FIXED_HEADER = 50;

export type SealPurpose = 'vault' | 'export';
const PURPOSE_CODE: Record<SealPurpose, number> = { vault: 1, export: 2 };

export interface SealedHeader {
  version: number;
  purpose: SealPurpose;
  kdf: ScryptParams;
  salt: Buffer;
  nonce: Buffer;
  domain: string;
}

export interface SealedFile {
  header: SealedHeader;
  /** The exact header bytes: the GCM additional data. */
  aad: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/** A structural problem found before any decryption: safe to report precisely. */
export class VaultFormatError extends Error {
  constructor(where: string, reason: string) {
    super(`${where}: not a readable Paddock vault: ${reason}`);
    this.name = 'VaultFormatError';
  }
}

/**
 * Decryption failed. Deliberately one message for every cause (wrong passphrase, tampering,
 * damage): telling them apart would tell an attacker which guess was closer.
 */
export class VaultOpenError extends Error {
  constructor(where: string) {
    super(`${where}: wrong passphrase, or the vault file was damaged or altered`);
    this.name = 'VaultOpenError';
  }
}

function encodeHeader(h: SealedHeader, ciphertextLength: number): Buffer {
  const domain = Buffer.from(h.domain, 'utf8');
  if (domain.length === 0 || domain.length > MAX_DOMAIN_BYTES)
    throw new Error('domain name length out of range');
  const b = Buffer.alloc(FIXED_HEADER + domain.length + 4);
  MAGIC.copy(b, 0);
  b.writeUInt8(h.version, 8);
  b.writeUInt8(PURPOSE_CODE[h.purpose], 9);
  b.writeUInt8(1, 10);
  b.writeUInt8(h.kdf.logN, 11);
  b.writeUInt32BE(h.kdf.r, 12);
  b.writeUInt32BE(h.kdf.p, 16);
  b.writeUInt8(0, 20);
  h.salt.copy(b, 21);
  h.nonce.copy(b, 37);
  b.writeUInt8(domain.length, 49);
  domain.copy(b, FIXED_HEADER);
  b.writeUInt32BE(ciphertextLength, FIXED_HEADER + domain.length);
  return b;
}

/** Parse and check the container's structure. Does no cryptography. */
export function decodeSealed(bytes: Uint8Array, where: string): SealedFile {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (reason: string) => new VaultFormatError(where, reason);
  if (b.length > MAX_SEALED_BYTES) throw fail(`file is larger than ${MAX_SEALED_BYTES} bytes`);
  if (b.length < FIXED_HEADER + 4 + TAG_BYTES) throw fail(`file is truncated (${b.length} bytes)`);
  if (!b.subarray(0, 8).equals(MAGIC)) throw fail('bad magic bytes');
  const version = b.readUInt8(8);
  if (version !== FORMAT_VERSION) throw fail(`unsupported format version ${version}`);
  const purposeCode = b.readUInt8(9);
  const purpose = (Object.keys(PURPOSE_CODE) as SealPurpose[]).find((p) => PURPOSE_CODE[p] === purposeCode);
  if (!purpose) throw fail(`unknown purpose code ${purposeCode}`);
  const kdfId = b.readUInt8(10);
  if (kdfId !== 1) throw fail(`unknown key derivation function id ${kdfId}`);
  const kdf: ScryptParams = { logN: b.readUInt8(11), r: b.readUInt32BE(12), p: b.readUInt32BE(16) };
  if (b.readUInt8(20) !== 0) throw fail('reserved header byte is not zero');
  const domainLength = b.readUInt8(49);
  if (domainLength === 0 || domainLength > MAX_DOMAIN_BYTES) throw fail(`bad domain length ${domainLength}`);
  const headerEnd = FIXED_HEADER + domainLength + 4;
  if (b.length < headerEnd + TAG_BYTES) throw fail(`file is truncated (${b.length} bytes)`);
  const domainBytes = b.subarray(FIXED_HEADER, FIXED_HEADER + domainLength);
  let domain: string;
  try {
    domain = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(domainBytes);
  } catch {
    throw fail('domain name is not valid UTF-8');
  }
  const ctLength = b.readUInt32BE(FIXED_HEADER + domainLength);
  const expected = headerEnd + ctLength + TAG_BYTES;
  if (b.length < expected) throw fail(`file is truncated (${b.length} of ${expected} bytes)`);
  if (b.length > expected) throw fail(`${b.length - expected} unexpected bytes after the end`);
  // Checked after the structure so that a damaged length is reported as such; still before any
  // key derivation.
  const problem = kdfProblem(kdf);
  if (problem) throw new KdfParamsError(`${where}: ${problem}`);
  return {
    header: {
      version,
      purpose,
      kdf,
      salt: Buffer.from(b.subarray(21, 37)),
      nonce: Buffer.from(b.subarray(37, 49)),
      domain,
    },
    aad: Buffer.from(b.subarray(0, headerEnd)),
    ciphertext: Buffer.from(b.subarray(headerEnd, headerEnd + ctLength)),
    tag: Buffer.from(b.subarray(headerEnd + ctLength)),
  };
}

/** Decrypt with an already derived key; the caller owns (and zeroes) the returned plaintext. */
export function openWithKey(file: SealedFile, key: Uint8Array, where: string): Buffer {
  const d = createDecipheriv('aes-256-gcm', key, file.header.nonce, { authTagLength: TAG_BYTES });
  d.setAAD(file.aad);
  d.setAuthTag(file.tag);
  const out = d.update(file.ciphertext);
  try {
    return Buffer.concat([out, d.final()]);
  } catch {
    out.fill(0);
    throw new VaultOpenError(where);
  }
}

export interface SealOptions {
  purpose: SealPurpose;
  domain: string;
  kdf: ScryptParams;
}

/** Encrypt under a passphrase with a fresh salt and nonce. */
export async function seal(plaintext: Uint8Array, passphrase: Uint8Array, o: SealOptions): Promise<Buffer> {
  const header: SealedHeader = {
    version: FORMAT_VERSION,
    purpose: o.purpose,
    kdf: o.kdf,
    salt: randomBytes(SALT_BYTES),
    nonce: randomBytes(NONCE_BYTES),
    domain: o.domain,
  };
  const key = await deriveKey(passphrase, header.salt, o.kdf);
  try {
    const aad = encodeHeader(header, plaintext.length);
    const c = createCipheriv('aes-256-gcm', key, header.nonce, { authTagLength: TAG_BYTES });
    c.setAAD(aad);
    const ct = Buffer.concat([c.update(plaintext), c.final()]);
    return Buffer.concat([aad, ct, c.getAuthTag()]);
  } finally {
    key.fill(0);
  }
}

/** Decode, derive and decrypt. Out-of-bounds KDF parameters are refused before deriving. */
export async function unseal(
  bytes: Uint8Array,
  passphrase: Uint8Array,
  where: string,
): Promise<{
  header: SealedHeader;
  plaintext: Buffer;
}> {
  const file = decodeSealed(bytes, where);
  const key = await deriveKey(passphrase, file.header.salt, file.header.kdf);
  try {
    return { header: file.header, plaintext: openWithKey(file, key, where) };
  } finally {
    key.fill(0);
  }
}
