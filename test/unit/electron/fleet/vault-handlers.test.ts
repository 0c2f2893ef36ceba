// vault.* through the real handlers: lock states, refusals while locked, one generic error for a
// wrong passphrase or a damaged file, keys added by paste, file and generation (public half
// only in answers), passwords, removal, passphrase change, encrypted export/import, "remember
// on this computer" with and without a real keyring, lock-all and idle lock. Each vault save
// derives a key with production scrypt (~1 s here), so the tests share one set-up and stay few.
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyringProtector } from '../../../../core/vault/remember';
import type { FleetSetup } from './fleet-setup';
import { PASS_MGMT, PASS_TEACH, fleetSetup } from './fleet-setup';

const SLOW = 120_000;
let t: FleetSetup;

/** A stand-in keyring: "encrypts" by XOR so the test can see the file is not the plaintext. */
function fakeKeyring(backend: string): KeyringProtector & { blobs: Buffer[] } {
  const blobs: Buffer[] = [];
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    blobs,
    platform: 'linux',
    isEncryptionAvailable: () => true,
    selectedBackend: () => backend,
    encrypt: (p) => {
      const out = xor(p);
      blobs.push(out);
      return out;
    },
    decrypt: xor,
  };
}

beforeAll(async () => {
  t = await fleetSetup({ fleet: { keyring: fakeKeyring('basic_text') } });
});
afterAll(() => t?.dispose());

describe('vault.list and refusals before any vault exists', () => {
  it('lists the site domains, locked and absent, with the keyring verdict', async () => {
    const l = await t.ok('vault.list', {});
    expect(l.domains.map((d) => [d.domain, d.exists, d.unlocked, d.credentials])).toEqual([
      ['mgmt', false, false, null],
      ['teach', false, false, null],
    ]);
    expect(l.remember.mode).toBe('memory');
    expect(l.remember).toMatchObject({ reason: expect.stringContaining('basic_text') });
    expect(l.keyFiles).toBe('path');
  });

  it('refuses changes to a vault that does not exist, and unknown domains', async () => {
    expect(
      await t.fail('vault.addPassword', { domain: 'mgmt', name: 'pw', password: 'whatever-123' }),
    ).toEqual({
      code: 'vault-locked',
      message: 'The vault of security domain "mgmt" does not exist yet: create it first',
    });
    expect((await t.fail('vault.unlock', { domain: 'mgmt', passphrase: PASS_MGMT })).code).toBe('no-vault');
    expect(await t.fail('vault.create', { domain: 'elsewhere', passphrase: PASS_MGMT })).toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('"elsewhere"'),
    });
    expect((await t.fail('vault.create', { domain: '../x', passphrase: PASS_MGMT })).code).toBe(
      'invalid-request',
    );
  });
});

describe('a vault through its life', () => {
  it(
    'creates (a short passphrase is refused) and reports the change',
    async () => {
      expect(await t.fail('vault.create', { domain: 'mgmt', passphrase: 'short' })).toMatchObject({
        code: 'vault-usage',
        message: expect.stringContaining('at least 8 characters'),
      });
      const v = await t.ok('vault.create', { domain: 'mgmt', passphrase: PASS_MGMT });
      expect(v).toEqual({ domain: 'mgmt', exists: true, unlocked: true, remembered: false, credentials: [] });
      expect(t.events).toContainEqual({ name: 'vault.changed', payload: { domain: 'mgmt', unlocked: true } });
    },
    SLOW,
  );

  it(
    'generates an ed25519 key and answers with its public half only',
    async () => {
      const c = await t.ok('vault.generateKey', { domain: 'mgmt', name: 'gen' });
      expect(Object.keys(c).sort()).toEqual(
        [
          'createdAt',
          'encryptedKey',
          'fingerprint',
          'id',
          'keyType',
          'kind',
          'name',
          'publicKey',
          'user',
        ].sort(),
      );
      expect(c).toMatchObject({ kind: 'key', keyType: 'ssh-ed25519', user: 'root', encryptedKey: false });
      const [type, b64] = (c.publicKey ?? '').split(' ');
      expect(type).toBe('ssh-ed25519');
      const fp = `SHA256:${createHash('sha256')
        .update(Buffer.from(b64 ?? '', 'base64'))
        .digest('base64')
        .replace(/=+$/, '')}`;
      expect(c.fingerprint).toBe(fp);
      // The file on disk holds ciphertext: not even the public key is readable in it.
      const file = await readFile(path.join(t.dir, 'data/vaults/mgmt.vault'));
      expect(file.includes(Buffer.from(b64 ?? 'x', 'base64'))).toBe(false);
    },
    SLOW,
  );

  it(
    'pastes a passphrase-protected key: refused without or with a wrong passphrase',
    async () => {
      const k = ssh2.utils.generateKeyPairSync('ed25519', {
        passphrase: 'key pass 42',
        cipher: 'aes256-ctr',
        rounds: 16,
      });
      expect(
        await t.fail('vault.addKeyPaste', { domain: 'mgmt', name: 'enc', pem: k.private }),
      ).toMatchObject({
        code: 'key-invalid',
        message: expect.stringContaining('give its passphrase'),
      });
      expect(
        (
          await t.fail('vault.addKeyPaste', {
            domain: 'mgmt',
            name: 'enc',
            pem: k.private,
            passphrase: 'nope nope',
          })
        ).message,
      ).toContain('wrong passphrase for this key');
      const c = await t.ok('vault.addKeyPaste', {
        domain: 'mgmt',
        name: 'enc',
        pem: k.private,
        passphrase: 'key pass 42',
      });
      expect(c).toMatchObject({ kind: 'key', encryptedKey: true, keyType: 'ssh-ed25519' });
      expect(
        (await t.fail('vault.addKeyPaste', { domain: 'mgmt', name: 'junk', pem: 'not a key at all' })).code,
      ).toBe('key-invalid');
    },
    SLOW,
  );

  it(
    'adds a key from a file (where the host allows paths), passwords and an agent',
    async () => {
      const k = ssh2.utils.generateKeyPairSync('ecdsa', { bits: 256 as const });
      const file = path.join(t.dir, 'id_ecdsa');
      await writeFile(file, k.private, { mode: 0o600 });
      const c = await t.ok('vault.addKeyFromFile', { domain: 'mgmt', name: 'from-file', path: file });
      expect(c).toMatchObject({ kind: 'key', keyType: 'ecdsa-sha2-nistp256' });
      const missing = await t.fail('vault.addKeyFromFile', {
        domain: 'mgmt',
        name: 'x',
        path: path.join(t.dir, 'none'),
      });
      expect(missing.message).toContain('none');
      const pw = await t.ok('vault.addPassword', { domain: 'mgmt', name: 'pw', password: 'a password 1234' });
      expect(pw).toMatchObject({ kind: 'password', methods: ['password', 'keyboard-interactive'] });
      const ki = await t.ok('vault.addPassword', {
        domain: 'mgmt',
        name: 'ki',
        password: 'another one 5678',
        methods: ['keyboard-interactive'],
      });
      expect(ki.kind).toBe('keyboard-interactive');
      expect((await t.ok('vault.addAgent', { domain: 'mgmt', name: 'agent' })).kind).toBe('agent');
      expect((await t.fail('vault.addAgent', { domain: 'mgmt', name: 'agent' })).message).toContain(
        'already exists',
      );
    },
    SLOW,
  );

  it(
    'removes by name; an unknown credential is a clear error',
    async () => {
      const v = await t.ok('vault.remove', { domain: 'mgmt', credential: 'agent' });
      expect(v.credentials?.map((c) => c.name)).toEqual(['gen', 'enc', 'from-file', 'pw', 'ki']);
      expect(await t.fail('vault.remove', { domain: 'mgmt', credential: 'ghost' })).toMatchObject({
        code: 'vault-usage',
        message: expect.stringContaining('no credential named "ghost"'),
      });
    },
    SLOW,
  );

  it('locked, it lists no credentials and refuses every change with a clear error', async () => {
    const v = await t.ok('vault.lock', { domain: 'mgmt' });
    expect(v).toMatchObject({ exists: true, unlocked: false, credentials: null });
    expect(t.events).toContainEqual({
      name: 'vault.changed',
      payload: { domain: 'mgmt', unlocked: false, reason: 'user' },
    });
    for (const r of [
      t.fail('vault.addPassword', { domain: 'mgmt', name: 'p2', password: 'a password 1234' }),
      t.fail('vault.generateKey', { domain: 'mgmt', name: 'g2' }),
      t.fail('vault.remove', { domain: 'mgmt', credential: 'gen' }),
      t.fail('vault.export', { domain: 'mgmt', passphrase: 'export pass 1', path: path.join(t.dir, 'x') }),
    ]) {
      expect(await r).toEqual({
        code: 'vault-locked',
        message: 'The vault of security domain "mgmt" is locked: unlock it first',
      });
    }
  });

  it(
    'a wrong passphrase and a damaged file give the same one generic error',
    async () => {
      const generic = {
        code: 'wrong-passphrase',
        message:
          'Cannot open the vault of "mgmt": wrong passphrase, or the vault file was damaged or altered',
      };
      expect(await t.fail('vault.unlock', { domain: 'mgmt', passphrase: 'not the passphrase' })).toEqual(
        generic,
      );
      const file = path.join(t.dir, 'data/vaults/mgmt.vault');
      const good = await readFile(file);
      const bad = Buffer.from(good);
      bad[bad.length - 40] = (bad[bad.length - 40] ?? 0) ^ 1;
      await writeFile(file, bad);
      expect(await t.fail('vault.unlock', { domain: 'mgmt', passphrase: PASS_MGMT })).toEqual(generic);
      await writeFile(file, good);
      const v = await t.ok('vault.unlock', { domain: 'mgmt', passphrase: PASS_MGMT });
      expect(v.credentials?.length).toBe(5);
    },
    SLOW,
  );

  it(
    'changes the passphrase only with the current one',
    async () => {
      expect(
        await t.fail('vault.changePassphrase', {
          domain: 'mgmt',
          current: 'wrong wrong',
          next: 'new passphrase 9',
        }),
      ).toMatchObject({
        code: 'vault-usage',
        message: expect.stringContaining('current passphrase is not correct'),
      });
      await t.ok('vault.changePassphrase', { domain: 'mgmt', current: PASS_MGMT, next: 'new passphrase 9' });
      await t.ok('vault.lock', { domain: 'mgmt' });
      expect((await t.fail('vault.unlock', { domain: 'mgmt', passphrase: PASS_MGMT })).code).toBe(
        'wrong-passphrase',
      );
      await t.ok('vault.unlock', { domain: 'mgmt', passphrase: 'new passphrase 9' });
    },
    SLOW,
  );

  it(
    'exports under its own passphrase and imports what is missing',
    async () => {
      const file = path.join(t.dir, 'mgmt.export');
      expect(
        await t.ok('vault.export', { domain: 'mgmt', passphrase: 'export pass 77', path: file }),
      ).toEqual({ file });
      await t.ok('vault.remove', { domain: 'mgmt', credential: 'pw' });
      expect(
        (await t.fail('vault.import', { domain: 'mgmt', passphrase: 'bad export pass', path: file })).code,
      ).toBe('wrong-passphrase');
      const r = await t.ok('vault.import', { domain: 'mgmt', passphrase: 'export pass 77', path: file });
      expect(r?.added.map((c) => c.name)).toEqual(['pw']);
      expect(r?.skipped.map((s) => s.name)).toEqual(['gen', 'enc', 'from-file', 'ki']);
      // Another domain's vault refuses it: the domain is part of the authenticated header.
      await t.ok('vault.create', { domain: 'teach', passphrase: PASS_TEACH });
      expect(
        await t.fail('vault.import', { domain: 'teach', passphrase: 'export pass 77', path: file }),
      ).toMatchObject({
        code: 'vault-format',
        message: expect.stringContaining('belongs to domain "mgmt"'),
      });
    },
    SLOW,
  );

  it(
    'remembers in memory only when the keyring is basic_text, and unlocks without asking',
    async () => {
      expect((await t.fail('vault.remember', { domain: 'mgmt', remember: true })).code).toBe(
        'invalid-request',
      );
      expect(
        (await t.fail('vault.remember', { domain: 'mgmt', remember: true, passphrase: 'wrong wrong' })).code,
      ).toBe('wrong-passphrase');
      const r = await t.ok('vault.remember', {
        domain: 'mgmt',
        remember: true,
        passphrase: 'new passphrase 9',
      });
      expect(r).toMatchObject({ domain: 'mgmt', remembered: true, remember: { mode: 'memory' } });
      expect(await readdir(path.join(t.dir, 'data/remembered'))).toEqual([]);
      await t.ok('vault.lock', { domain: 'mgmt' });
      expect((await t.ok('vault.unlock', { domain: 'mgmt' })).unlocked).toBe(true);
      expect((await t.fail('vault.unlock', { domain: 'teach' })).code).toBe('not-remembered');
      const f = await t.ok('vault.remember', { domain: 'mgmt', remember: false });
      expect(f.remembered).toBe(false);
    },
    SLOW,
  );

  it('lock-all locks every domain and says why', async () => {
    const l = await t.ok('vault.lockAll', {});
    expect(l.domains.every((d) => !d.unlocked && d.credentials === null)).toBe(true);
    expect(t.events).toContainEqual({
      name: 'vault.changed',
      payload: { domain: 'teach', unlocked: false, reason: 'all' },
    });
  });
});

describe('remember with a real keyring, and idle lock', () => {
  it(
    'keeps the passphrase in the keyring file (not in clear) and locks after idle time',
    async () => {
      const keyring = fakeKeyring('gnome_libsecret');
      const s = await fleetSetup({ fleet: { keyring, idleLockMs: 1_500 } });
      try {
        await s.ok('vault.create', { domain: 'teach', passphrase: PASS_TEACH });
        const r = await s.ok('vault.remember', { domain: 'teach', remember: true, passphrase: PASS_TEACH });
        expect(r.remember).toEqual({ mode: 'keyring', backend: 'gnome_libsecret' });
        const files = await readdir(path.join(s.dir, 'data/remembered'));
        expect(files).toEqual(['teach.remembered']);
        const blob = await readFile(path.join(s.dir, 'data/remembered', files[0] ?? ''));
        expect(blob.includes(Buffer.from(PASS_TEACH))).toBe(false);
        expect(keyring.blobs.some((b) => b.equals(blob))).toBe(true);
        await expect
          .poll(() => s.events.some((e) => e.name === 'vault.changed' && e.payload.reason === 'idle'), {
            timeout: 10_000,
          })
          .toBe(true);
        expect((await s.ok('vault.unlock', { domain: 'teach' })).unlocked).toBe(true);
      } finally {
        await s.dispose();
      }
    },
    SLOW,
  );
});

describe('idle lock counts only user actions', () => {
  it(
    'reads and polling let an unlocked vault lock itself; user actions keep it open',
    async () => {
      const s = await fleetSetup({ fleet: { idleLockMs: 1_500 } });
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      const unlocked = async () =>
        (await s.ok('vault.list', {})).domains.find((d) => d.domain === 'teach')?.unlocked;
      try {
        await s.ok('vault.create', { domain: 'teach', passphrase: PASS_TEACH });
        // A busy user: an action every 300 ms for twice the idle time.
        for (let i = 0; i < 10; i++) {
          await s.ok('settings.setTheme', { theme: i % 2 ? 'dark' : 'light' });
          await sleep(300);
        }
        expect(await unlocked()).toBe(true);
        // A UI that only polls (lists, statuses, jobs) must not hold the secrets open.
        const started = Date.now();
        while ((await unlocked()) && Date.now() - started < 10_000) {
          await s.ok('monitor.status', {});
          await s.ok('jobs.list', {});
          await sleep(100);
        }
        expect(await unlocked()).toBe(false);
        expect(s.events.some((e) => e.name === 'vault.changed' && e.payload.reason === 'idle')).toBe(true);
      } finally {
        await s.dispose();
      }
    },
    SLOW,
  );
});
