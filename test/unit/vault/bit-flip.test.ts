// Every single-bit flip of a saved vault must be rejected. Opening = decode the structure, derive
// the key from (passphrase, salt, KDF parameters in the header), decrypt with the header as
// additional data. scrypt costs ~0.5 s, so derived keys are memoised by (salt, parameters): the
// key a real open would derive is exactly the memoised one, and a flip in the salt or the
// parameters gets its own derivation.
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KdfParamsError, deriveKey } from '../../../core/vault/kdf';
import { VaultFormatError, VaultOpenError, decodeSealed, openWithKey } from '../../../core/vault/sealed-file';
import type { SealedFile } from '../../../core/vault/sealed-file';

const FIXTURE = path.join(import.meta.dirname, '../../fixtures/vault/fixture.vault');
const PASS = Buffer.from('correct horse battery staple');

describe('bit flips', () => {
  it('rejects every single-bit flip of a saved vault', { timeout: 600_000 }, async () => {
    const original = await readFile(FIXTURE);
    const keys = new Map<string, Promise<Buffer>>();
    const keyFor = (f: SealedFile) => {
      const id = `${f.header.salt.toString('hex')}/${f.header.kdf.logN}/${f.header.kdf.r}/${f.header.kdf.p}`;
      let k = keys.get(id);
      if (!k) keys.set(id, (k = deriveKey(PASS, f.header.salt, f.header.kdf)));
      return k;
    };
    // Sanity: the unflipped file opens with this procedure.
    const base = decodeSealed(original, 'fixture');
    expect(openWithKey(base, await keyFor(base), 'fixture').length).toBeGreaterThan(0);

    const outcomes = { format: 0, kdf: 0, auth: 0 };
    const flip = async (bit: number) => {
      const bytes = Buffer.from(original);
      bytes.writeUInt8(bytes.readUInt8(bit >> 3) ^ (1 << (bit & 7)), bit >> 3);
      let file: SealedFile;
      try {
        file = decodeSealed(bytes, 'fixture');
      } catch (e) {
        if (e instanceof VaultFormatError) return void outcomes.format++;
        if (e instanceof KdfParamsError) return void outcomes.kdf++;
        throw e;
      }
      const key = await keyFor(file);
      expect(() => openWithKey(file, key, 'fixture'), `bit ${bit}`).toThrow(VaultOpenError);
      outcomes.auth++;
    };
    // Run flips a few at a time so that new derivations use the thread pool without flooding it.
    const bits = [...Array(original.length * 8).keys()];
    const lanes = Math.max(1, Math.min(2, cpus().length));
    await Promise.all(
      Array.from({ length: lanes }, async (_, lane) => {
        for (let i = lane; i < bits.length; i += lanes) await flip(i);
      }),
    );
    expect(outcomes.format + outcomes.kdf + outcomes.auth).toBe(original.length * 8);
    // Flips of the salt, nonce, ciphertext and tag reach decryption and fail there.
    expect(outcomes.auth).toBeGreaterThan((original.length - 60) * 8);
  });
});
