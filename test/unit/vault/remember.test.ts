import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyringProtector } from '../../../core/vault/remember';
import { RememberedPassphrases, decideRemember } from '../../../core/vault/remember';

// Stands in for Electron's safeStorage (the Electron edge adapts the real one): a reversible
// transform that visibly changes the bytes, with a chosen platform, availability and backend.
function protector(platform: string, available: boolean, backend: string): KeyringProtector {
  const flip = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0xa5));
  return {
    platform,
    isEncryptionAvailable: () => available,
    selectedBackend: () => backend,
    encrypt: flip,
    decrypt: flip,
  };
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'paddock-remember-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('decideRemember', () => {
  it('uses the keyring only when it is a real one', () => {
    expect(decideRemember(protector('linux', true, 'gnome_libsecret'))).toEqual({
      mode: 'keyring',
      backend: 'gnome_libsecret',
    });
    expect(decideRemember(protector('linux', true, 'kwallet5')).mode).toBe('keyring');
    expect(decideRemember(protector('darwin', true, 'unknown')).mode).toBe('keyring');
    expect(decideRemember(protector('win32', true, 'unknown')).mode).toBe('keyring');
    const basic = decideRemember(protector('linux', true, 'basic_text'));
    expect(basic.mode).toBe('memory');
    expect(basic.mode === 'memory' && basic.reason).toMatch(/basic_text.*memory/);
    expect(decideRemember(protector('linux', true, 'unknown')).mode).toBe('memory');
    expect(decideRemember(protector('darwin', false, 'unknown')).mode).toBe('memory');
  });
});

describe('RememberedPassphrases', () => {
  it('with a real keyring: writes only the protected form, and recalls it', async () => {
    const r = new RememberedPassphrases(dir, protector('linux', true, 'gnome_libsecret'));
    expect((await r.remember('mgmt', 'vault passphrase')).mode).toBe('keyring');
    const files = await readdir(dir);
    expect(files).toEqual(['mgmt.remembered']);
    const onDisk = await readFile(path.join(dir, 'mgmt.remembered'));
    expect(onDisk.toString('latin1')).not.toContain('vault passphrase');
    r.clearMemory();
    expect((await r.recall('mgmt'))?.toString()).toBe('vault passphrase');
    await r.forget('mgmt');
    expect(await r.recall('mgmt')).toBeNull();
    expect(await readdir(dir)).toEqual([]);
  });

  it('with basic_text: keeps it in memory only, never on disk', async () => {
    const r = new RememberedPassphrases(dir, protector('linux', true, 'basic_text'));
    const d = await r.remember('teach', 'memory only please');
    expect(d.mode).toBe('memory');
    expect(await readdir(dir)).toEqual([]);
    const got = await r.recall('teach');
    expect(got?.toString()).toBe('memory only please');
    got?.fill(0);
    // The caller zeroing its copy does not erase the remembered one.
    expect((await r.recall('teach'))?.toString()).toBe('memory only please');
    r.clearMemory();
    expect(await r.recall('teach')).toBeNull();
  });

  it('without any protector: memory only', async () => {
    const r = new RememberedPassphrases(dir, null);
    expect((await r.remember('x', 'abc')).mode).toBe('memory');
    expect(await readdir(dir)).toEqual([]);
  });
});
