import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DomainVault, VaultLockedError, VaultUsageError } from '../../../core/vault/domain-vault';
import type { StoredCredential } from '../../../core/vault/payload';
import { VaultFormatError, VaultOpenError, decodeSealed } from '../../../core/vault/sealed-file';
import { VaultManager } from '../../../core/vault/vault-manager';

const PASS = 'paddock test passphrase';
// Every save derives a key with production scrypt (~0.5 s, more on a busy machine).
vi.setConfig({ testTimeout: 60_000 });

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'paddock-vault-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const fileIn = (name: string) => path.join(dir, `${name}.vault`);
const secretsOf = (v: DomainVault<string>) =>
  (v as unknown as { state: { credentials: StoredCredential[] } }).state;

describe('DomainVault', () => {
  it('creates, adds credentials of every kind, locks and unlocks again', async () => {
    const v = new DomainVault('mgmt', fileIn('mgmt'));
    await v.create(PASS);
    const gen = await v.generateKey({ name: 'deploy', comment: 'paddock@test' });
    expect(gen).toMatchObject({ kind: 'private-key', keyType: 'ssh-ed25519', encryptedKey: false });
    expect(gen.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(gen.publicKey).toMatch(/^ssh-ed25519 AAAA\S+ paddock@test$/);

    const ecdsa = ssh2.utils.generateKeyPairSync('ecdsa', {
      bits: 256,
      passphrase: 'key pass',
      cipher: 'aes256-ctr',
    });
    const enc = await v.addPrivateKey({ name: 'ecdsa', privateKey: ecdsa.private, passphrase: 'key pass' });
    expect(enc).toMatchObject({ keyType: 'ecdsa-sha2-nistp256', encryptedKey: true });
    await v.addPassword({ name: 'root-pw', password: 's3cret!' });
    await v.addAgent({ name: 'agent' });
    v.lock();
    expect(v.unlocked).toBe(false);
    expect(() => v.list()).toThrow(VaultLockedError);

    await v.unlock(PASS);
    expect(v.list().map((c) => [c.name, c.kind])).toEqual([
      ['deploy', 'private-key'],
      ['ecdsa', 'private-key'],
      ['root-pw', 'password'],
      ['agent', 'agent'],
    ]);
    const pw = v.resolveSecret(v.list()[2]?.id ?? '');
    expect(pw.kind === 'password' && pw.password.toString()).toBe('s3cret!');
    const k = v.resolveSecret('ecdsa');
    expect(k.kind === 'private-key' && k.passphrase?.toString()).toBe('key pass');
    v.lock();
  });

  it('never lists secret material', async () => {
    const v = new DomainVault('listing', fileIn('listing'));
    await v.create(PASS);
    await v.addPassword({ name: 'pw', password: 'do-not-show-me' });
    const key = await v.generateKey({ name: 'k' });
    const shown = JSON.stringify(v.list());
    expect(shown).not.toContain('do-not-show-me');
    const secret = v.resolveSecret(key.id);
    expect(secret.kind).toBe('private-key');
    if (secret.kind === 'private-key') expect(shown).not.toContain(secret.key.toString().split('\n')[1]);
    v.lock();
  });

  it('rejects bad keys, wrong key passphrases and duplicate names with clear errors', async () => {
    const v = new DomainVault('bad', fileIn('bad'));
    await v.create(PASS);
    await expect(v.addPrivateKey({ name: 'junk', privateKey: 'not a key' })).rejects.toThrow(
      /Key "junk": not a readable private key/,
    );
    const enc = ssh2.utils.generateKeyPairSync('ed25519', {
      passphrase: 'right',
      cipher: 'aes256-ctr',
      rounds: 16,
    });
    await expect(v.addPrivateKey({ name: 'e', privateKey: enc.private })).rejects.toThrow(
      /encrypted: give its passphrase/,
    );
    await expect(
      v.addPrivateKey({ name: 'e', privateKey: enc.private, passphrase: 'wrong' }),
    ).rejects.toThrow(/wrong passphrase for this key/);
    await expect(v.addPrivateKey({ name: 'pub', privateKey: enc.public })).rejects.toThrow(
      /public key, not a private key/,
    );
    await v.addPassword({ name: 'dup', password: 'x' });
    await expect(v.addPassword({ name: 'dup', password: 'y' })).rejects.toThrow(/already exists/);
    await expect(v.addPassword({ name: ' spaced', password: 'y' })).rejects.toThrow(VaultUsageError);
    await expect(v.addPassword({ name: 'empty', password: '' })).rejects.toThrow(/empty/);
    await expect(v.addPassword({ name: 'huge', password: Buffer.alloc(17 << 20, 1) })).rejects.toThrow(
      /exceed 16 MiB/,
    );
    expect(v.list().map((c) => c.name)).toEqual(['dup']);
    v.lock();
  });

  it('refuses short passphrases and creating over an existing vault', async () => {
    const v = new DomainVault('short', fileIn('short'));
    await expect(v.create('short')).rejects.toThrow(/at least 8 characters/);
    await v.create(PASS);
    v.lock();
    await expect(v.create(PASS)).rejects.toThrow(/already exists/);
  });

  it('gives one generic error for a wrong passphrase and for a damaged file', async () => {
    const v = new DomainVault('generic', fileIn('generic'));
    await v.create(PASS);
    await v.addPassword({ name: 'pw', password: 'x' });
    v.lock();
    const wrong = await v.unlock('not the passphrase').catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(VaultOpenError);
    const bytes = await readFile(v.file);
    const damaged = Buffer.from(bytes);
    damaged.writeUInt8(damaged.readUInt8(damaged.length - 20) ^ 1, damaged.length - 20);
    await writeFile(v.file, damaged);
    const tampered = await v.unlock(PASS).catch((e: unknown) => e);
    expect(tampered).toBeInstanceOf(VaultOpenError);
    expect((tampered as Error).message).toBe((wrong as Error).message);
    expect(v.unlocked).toBe(false);
  });

  it('rejects every truncation of a saved vault before deriving a key', async () => {
    const v = new DomainVault('trunc', fileIn('trunc'));
    await v.create(PASS);
    await v.addPassword({ name: 'pw', password: 'x' });
    v.lock();
    const bytes = await readFile(v.file);
    for (let n = 0; n < bytes.length; n++) {
      expect(() => decodeSealed(bytes.subarray(0, n), 'trunc.vault'), `length ${n}`).toThrow(
        VaultFormatError,
      );
    }
    expect(() => decodeSealed(Buffer.concat([bytes, Buffer.from([0])]), 'x')).toThrow(/unexpected bytes/);
    await writeFile(v.file, bytes.subarray(0, bytes.length - 1));
    await expect(v.unlock(PASS)).rejects.toThrow(/truncated/);
  });

  it('seals with a fresh salt and nonce on every save', async () => {
    const v = new DomainVault('fresh', fileIn('fresh'));
    await v.create(PASS);
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) {
      await v.addPassword({ name: `pw${i}`, password: 'x' });
      const h = decodeSealed(await readFile(v.file), v.file).header;
      seen.add(h.salt.toString('hex'));
      seen.add(h.nonce.toString('hex'));
    }
    expect(seen.size).toBe(6);
    v.lock();
  });

  it("is bound to its domain: another domain's file in its place is refused", async () => {
    const a = new DomainVault('alpha', fileIn('alpha'));
    await a.create(PASS);
    a.lock();
    await copyFile(a.file, fileIn('beta'));
    const b = new DomainVault('beta', fileIn('beta'));
    await expect(b.unlock(PASS)).rejects.toThrow(/belongs to domain "alpha", not "beta"/);
  });

  it('zeroes its secrets and passphrase when it locks', async () => {
    const v = new DomainVault('zero', fileIn('zero'));
    await v.create(PASS);
    await v.addPassword({ name: 'pw', password: 'wipe me' });
    await v.generateKey({ name: 'k' });
    const st = secretsOf(v);
    const held = [
      (st as unknown as { passphrase: Buffer }).passphrase,
      ...st.credentials.flatMap((c) => Object.values(c.secrets) as Buffer[]),
    ];
    expect(held.every((b) => b.some((x) => x !== 0))).toBe(true);
    v.lock();
    expect(held.every((b) => b.every((x) => x === 0))).toBe(true);
  });

  it('changes its passphrase: the old one stops working, the new one opens', async () => {
    const v = new DomainVault('rekey', fileIn('rekey'));
    await v.create(PASS);
    await v.addPassword({ name: 'pw', password: 'kept' });
    await expect(v.changePassphrase('wrong passphrase', 'the new passphrase')).rejects.toThrow(/not correct/);
    await v.changePassphrase(PASS, 'the new passphrase');
    v.lock();
    await expect(v.unlock(PASS)).rejects.toBeInstanceOf(VaultOpenError);
    await v.unlock('the new passphrase');
    expect(v.list().map((c) => c.name)).toEqual(['pw']);
    v.lock();
  });

  it('exports under its own passphrase and imports into the same domain only', async () => {
    const src = new DomainVault('exp', fileIn('exp'));
    await src.create(PASS);
    await src.addPassword({ name: 'pw', password: 'travelling' });
    await src.generateKey({ name: 'k' });
    const exportFile = path.join(dir, 'exp.export');
    await src.exportTo(exportFile, 'export passphrase');
    // An export is not a vault: it cannot be unlocked in a vault's place.
    const asVault = new DomainVault('exp', exportFile);
    await expect(asVault.unlock('export passphrase')).rejects.toThrow(/vault export, not a vault vault/);

    await rm(src.file);
    const dst = new DomainVault('exp', src.file);
    await dst.create('another passphrase');
    await dst.addPassword({ name: 'pw', password: 'already here' });
    await expect(dst.importFrom(exportFile, 'wrong one!')).rejects.toBeInstanceOf(VaultOpenError);
    const r = await dst.importFrom(exportFile, 'export passphrase');
    expect(r.added.map((c) => c.name)).toEqual(['k']);
    expect(r.skipped).toEqual([{ name: 'pw', reason: 'a credential with this name already exists' }]);
    const other = new DomainVault('other', fileIn('other'));
    await other.create(PASS);
    await expect(other.importFrom(exportFile, 'export passphrase')).rejects.toThrow(
      /belongs to domain "exp"/,
    );
    other.lock();
    dst.lock();
    await dst.unlock('another passphrase');
    expect(
      dst
        .list()
        .map((c) => c.name)
        .sort(),
    ).toEqual(['k', 'pw']);
    dst.lock();
  });

  it('locks itself after the idle time and says why', async () => {
    const v = new DomainVault('idle', fileIn('idle'), { idleLockMs: 150 });
    const events: string[] = [];
    v.onEvent((e) => events.push(e.type === 'locked' ? `locked:${e.reason}` : e.type));
    await v.create(PASS);
    await new Promise((r) => setTimeout(r, 80));
    v.noteActivity(); // the user's activity resets the idle clock
    await new Promise((r) => setTimeout(r, 100));
    expect(v.unlocked).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(v.unlocked).toBe(false);
    expect(events).toEqual(['unlocked', 'locked:idle']);
  });

  it('background reads (listing, resolving credentials for connections) do not keep it unlocked', async () => {
    const v = new DomainVault('idle-bg', fileIn('idle-bg'), { idleLockMs: 150 });
    await v.create(PASS);
    const info = await v.addPassword({ name: 'pw', password: 'secret-password' });
    const started = Date.now();
    // An access monitor using the credential every 30 ms must not hold the vault open.
    while (v.unlocked && Date.now() - started < 1000) {
      v.list();
      v.resolveSecret(info.id);
      await new Promise((r) => setTimeout(r, 30));
    }
    expect(v.unlocked).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('VaultManager', () => {
  it('keeps one vault per domain, reports status without secrets, and locks all', async () => {
    const m = new VaultManager({ dir: path.join(dir, 'mgr') });
    await m.init();
    await m.vault('one').create(PASS);
    await m.vault('two').create(PASS);
    await m.vault('two').addPassword({ name: 'pw', password: 'hidden value' });
    expect(m.vault('one')).toBe(m.vault('one'));
    const st = await m.status(['one', 'two', 'three']);
    expect(st.map((s) => [s.domain, s.exists, s.unlocked])).toEqual([
      ['one', true, true],
      ['two', true, true],
      ['three', false, false],
    ]);
    expect(JSON.stringify(st)).not.toContain('hidden value');
    const locked: string[] = [];
    m.onEvent((e) => e.type === 'locked' && locked.push(`${e.domain}:${e.reason}`));
    m.lockAll();
    expect(locked.sort()).toEqual(['one:all', 'two:all']);
    expect((await m.status(['two']))[0]?.credentials).toBeNull();
  });

  it('refuses domain names that could escape its folder', () => {
    const m = new VaultManager({ dir });
    for (const bad of ['../x', '.hidden', 'a/b', '', '-x']) expect(() => m.vault(bad)).toThrow(/domain name/);
  });
});
