import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DomainVault } from '../../../core/vault/domain-vault';
import { KDF_BOUNDS, KdfParamsError, PRODUCTION_KDF, deriveKey, kdfProblem } from '../../../core/vault/kdf';
import { decodeSealed } from '../../../core/vault/sealed-file';

// Every save derives a key with production scrypt (~0.5 s, more on a busy machine).
vi.setConfig({ testTimeout: 60_000 });

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'paddock-kdf-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('vault key derivation', () => {
  it('uses scrypt at the OWASP minimum in production: N=2^17, r=8, p=1', async () => {
    expect(PRODUCTION_KDF).toEqual({ logN: 17, r: 8, p: 1 });
    const v = new DomainVault('kdfcheck', path.join(dir, 'kdfcheck.vault'));
    await v.create('a long enough passphrase');
    const header = decodeSealed(await readFile(v.file), v.file).header;
    expect(header.kdf).toEqual({ logN: 17, r: 8, p: 1 });
    expect(header.salt).toHaveLength(16);
    expect(header.nonce).toHaveLength(12);
    v.lock();
  });

  it('accepts exactly the parameters inside the bounds', () => {
    const b = KDF_BOUNDS;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 64 }),
        fc.integer({ min: 0, max: 40 }),
        (logN, r, p) => {
          const inBounds =
            logN >= b.minLogN &&
            logN <= b.maxLogN &&
            r >= b.minR &&
            r <= b.maxR &&
            p >= b.minP &&
            p <= b.maxP &&
            128 * 2 ** logN * r <= b.maxMemoryBytes &&
            2 ** logN * r * p <= b.maxWorkFactor * 2 ** 17 * 8;
          expect(kdfProblem({ logN, r, p }) === null).toBe(inBounds);
        },
      ),
      { numRuns: 3000 },
    );
    expect(kdfProblem(PRODUCTION_KDF)).toBeNull();
    expect(kdfProblem({ logN: 17.5, r: 8, p: 1 })).toMatch(/not an integer/);
  });

  it('refuses weak or huge parameters before deriving anything', async () => {
    const pass = Buffer.from('x');
    const salt = Buffer.alloc(16);
    // A weak N would derive in milliseconds; a huge one would need 128 GiB. Both must be refused
    // up front with the parameter named, not attempted.
    await expect(deriveKey(pass, salt, { logN: 10, r: 8, p: 1 })).rejects.toThrow(/N=2\^10 is below/);
    await expect(deriveKey(pass, salt, { logN: 17, r: 1, p: 1 })).rejects.toThrow(/r=1 is below/);
    const t0 = performance.now();
    await expect(deriveKey(pass, salt, { logN: 30, r: 8, p: 1 })).rejects.toBeInstanceOf(KdfParamsError);
    await expect(deriveKey(pass, salt, { logN: 17, r: 8, p: 16 })).rejects.toThrow(/cost/);
    expect(performance.now() - t0).toBeLessThan(5_000);
  });

  it('refuses a vault file whose header asks for out-of-bounds parameters, naming the file', async () => {
    const v = new DomainVault('kdfedit', path.join(dir, 'kdfedit.vault'));
    await v.create('a long enough passphrase');
    v.lock();
    const bytes = await readFile(v.file);
    for (const [offset, value, pattern] of [
      [11, 12, /N=2\^12 is below/], // logN
      [11, 31, /N=2\^31 is above/],
      [15, 2, /r=2 is below/], // low byte of r
    ] as const) {
      const edited = Buffer.from(bytes);
      edited.writeUInt8(value, offset);
      await writeFile(v.file, edited);
      const err = await v.unlock('a long enough passphrase').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KdfParamsError);
      expect(String(err)).toMatch(pattern);
      expect(String(err)).toContain('kdfedit.vault');
    }
  });
});
