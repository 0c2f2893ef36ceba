// Passphrase -> vault key. scrypt from node:crypto (memory-hard, no extra package) at the OWASP
// minimum N=2^17, r=8, p=1. The parameters travel in each vault's header, so a file can only
// ask for parameters inside KDF_BOUNDS: weaker ones would make a forged or downgraded file
// cheap to attack, larger ones would let a file exhaust the machine before any check.
import { scrypt } from 'node:crypto';

export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  logN: number;
  /** Block size. */
  r: number;
  /** Parallelism. */
  p: number;
}

/** What every new vault is sealed with. */
export const PRODUCTION_KDF: Readonly<ScryptParams> = Object.freeze({ logN: 17, r: 8, p: 1 });

export const KDF_BOUNDS = Object.freeze({
  minLogN: 17,
  maxLogN: 20,
  minR: 8,
  maxR: 32,
  minP: 1,
  maxP: 16,
  /** scrypt's working memory, 128·N·r bytes. */
  maxMemoryBytes: 256 * 1024 * 1024,
  /** N·r·p, i.e. time, relative to the production parameters. */
  maxWorkFactor: 4,
});

export const KEY_BYTES = 32;

const work = (k: ScryptParams) => 2 ** k.logN * k.r * k.p;

export function scryptMemoryBytes(k: ScryptParams): number {
  return 128 * 2 ** k.logN * k.r;
}

/** Why these parameters are refused, or null when they are acceptable. */
export function kdfProblem(k: ScryptParams): string | null {
  const b = KDF_BOUNDS;
  for (const [name, v] of [
    ['logN', k.logN],
    ['r', k.r],
    ['p', k.p],
  ] as const) {
    if (!Number.isSafeInteger(v)) return `scrypt ${name} is not an integer`;
  }
  if (k.logN < b.minLogN) return `scrypt N=2^${k.logN} is below the minimum 2^${b.minLogN}`;
  if (k.r < b.minR) return `scrypt r=${k.r} is below the minimum ${b.minR}`;
  if (k.p < b.minP) return `scrypt p=${k.p} is below the minimum ${b.minP}`;
  if (k.logN > b.maxLogN) return `scrypt N=2^${k.logN} is above the maximum 2^${b.maxLogN}`;
  if (k.r > b.maxR) return `scrypt r=${k.r} is above the maximum ${b.maxR}`;
  if (k.p > b.maxP) return `scrypt p=${k.p} is above the maximum ${b.maxP}`;
  if (scryptMemoryBytes(k) > b.maxMemoryBytes) {
    return `scrypt memory ${scryptMemoryBytes(k) >> 20} MiB is above the maximum ${b.maxMemoryBytes >> 20} MiB`;
  }
  if (work(k) > b.maxWorkFactor * work(PRODUCTION_KDF)) {
    return `scrypt cost N·r·p is more than ${b.maxWorkFactor}x the production cost`;
  }
  return null;
}

export class KdfParamsError extends Error {
  constructor(reason: string) {
    super(`Vault key derivation refused: ${reason}`);
    this.name = 'KdfParamsError';
  }
}

/** Derive the 256-bit vault key. Refuses out-of-bounds parameters before doing any work. */
export function deriveKey(passphrase: Uint8Array, salt: Uint8Array, k: ScryptParams): Promise<Buffer> {
  const problem = kdfProblem(k);
  if (problem) return Promise.reject(new KdfParamsError(problem));
  const maxmem = scryptMemoryBytes(k) + 128 * k.r * k.p + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(passphrase, salt, KEY_BYTES, { N: 2 ** k.logN, r: k.r, p: k.p, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** Passphrases are compared as NFC-normalised UTF-8, so the same text typed on any system unlocks. */
export function passphraseBytes(passphrase: string | Uint8Array): Buffer {
  if (typeof passphrase === 'string') return Buffer.from(passphrase.normalize('NFC'), 'utf8');
  return Buffer.from(passphrase);
}
