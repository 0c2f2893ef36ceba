// Authentication against real sshd: keys of each type (one passphrase-protected), password,
// keyboard-interactive, the user's ssh-agent, and clear errors for wrong credentials. Every
// attempt lands in the audit log.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SshError } from '../../../core/ssh/errors';
import { run, waitFor } from '../../lab/exec';
import type { ClientKey, SshdInstance } from '../harness/sshd';
import { makeClientKey, startSshd, stopAll } from '../harness/sshd';
import { VAULT_PASSPHRASE, World } from './world';

const PASSWORD = 'root-password-for-tests';
let w: World;
let server: SshdInstance;
let keys: Record<'ed25519' | 'ecdsa' | 'rsa' | 'protected' | 'stranger', ClientKey>;

beforeAll(async () => {
  w = await World.create('auth');
  const kdir = path.join(w.dir, 'client-keys');
  keys = {
    ed25519: await makeClientKey(kdir, 'ed25519'),
    ecdsa: await makeClientKey(kdir, 'ecdsa'),
    rsa: await makeClientKey(kdir, 'rsa'),
    protected: await makeClientKey(kdir, 'ed25519', 'key passphrase 42'),
    stranger: await makeClientKey(kdir, 'ed25519'),
  };
  server = await startSshd({
    name: 'auth',
    authorizedKeys: [keys.ed25519, keys.ecdsa, keys.rsa, keys.protected].map((k) => k.publicLine),
    password: PASSWORD,
    keyboardInteractive: true,
  });
  await w.trust('mgmt', server);
  const v = w.vaults.vault('mgmt');
  await v.create(VAULT_PASSPHRASE);
  for (const t of ['ed25519', 'ecdsa', 'rsa', 'stranger'] as const) {
    await v.addPrivateKey({ name: t, privateKey: keys[t].privateText });
  }
  await v.addPrivateKey({
    name: 'protected',
    privateKey: keys.protected.privateText,
    passphrase: 'key passphrase 42',
  });
  await v.addPassword({ name: 'password-only', password: PASSWORD, methods: ['password'] });
  await v.addPassword({ name: 'kbd-only', password: PASSWORD, methods: ['keyboard-interactive'] });
  await v.addPassword({ name: 'wrong-password', password: 'not the password' });
}, 300_000);

afterAll(async () => {
  await stopAll([server]);
  await w?.dispose();
});

const echo = async (credential: string) => {
  const v = w.vaults.vault('mgmt');
  const r = await w.pool.run(w.target('mgmt', server), v.handle(credential), {
    argv: [server.argvEcho, 'hello', credential],
  });
  return r;
};

describe('authentication against a real sshd', () => {
  it.each(['ed25519', 'ecdsa', 'rsa', 'protected'])('logs in with the %s key', async (name) => {
    const r = await echo(name);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`hello\0${name}\0`);
    const log = await server.log();
    expect(log).toContain(`Accepted publickey for root`);
    expect(log).toContain(keys[name as keyof typeof keys].fingerprint);
  });

  it('logs in with a password', async () => {
    expect((await echo('password-only')).code).toBe(0);
    expect(await server.log()).toMatch(/Accepted password for root/);
  });

  it('logs in with keyboard-interactive', async () => {
    expect((await echo('kbd-only')).code).toBe(0);
    expect(await server.log()).toMatch(/Accepted keyboard-interactive\/pam for root/);
  });

  it("logs in through the user's ssh-agent", async () => {
    const sock = path.join(w.dir, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
    try {
      await waitFor('ssh-agent socket', 10_000, async () =>
        run(['ssh-add', '-l'], { env: { ...process.env, SSH_AUTH_SOCK: sock } }).then(
          () => true,
          (e: Error) => /no identities/i.test(e.message),
        ),
      );
      await run(['ssh-add', keys.ecdsa.privatePath], { env: { ...process.env, SSH_AUTH_SOCK: sock } });
      await w.vaults.vault('mgmt').addAgent({ name: 'agent', socket: sock });
      expect((await echo('agent')).stdout).toBe('hello\0agent\0');
    } finally {
      agent.kill('SIGTERM');
    }
  });

  it('reports wrong credentials clearly: who, which credential, what was tried', async () => {
    for (const [cred, tried] of [
      ['stranger', 'publickey'],
      ['wrong-password', 'password, keyboard-interactive'],
    ] as const) {
      const e = await echo(cred).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(SshError);
      expect((e as SshError).code).toBe('auth-failed');
      expect((e as Error).message).toContain(
        `mgmt/auth: authentication as "root" failed with credential "${cred}"`,
      );
      expect((e as Error).message).toContain(`tried: ${tried}`);
      expect((e as Error).message).toMatch(/the server accepts: .*publickey/);
    }
  });

  it('refuses a locked vault before connecting', async () => {
    const v = w.vaults.vault('mgmt');
    const h = v.handle('ed25519');
    v.lock();
    try {
      await expect(
        w.pool.run(w.target('mgmt', { ...server, port: server.port }, 'locked'), h, { argv: ['true'] }),
      ).rejects.toThrow(/vault of security domain "mgmt" is locked/);
    } finally {
      await v.unlock(VAULT_PASSPHRASE);
    }
  });

  it('wrote an audit line for every command and every refused attempt', async () => {
    const records = await w.auditRecords();
    const ok = records.filter((r) => r.exitCode === 0);
    expect(records.some((r) => r.host === 'locked' && r.exitCode === 0)).toBe(false);
    expect(ok.length).toBeGreaterThanOrEqual(7);
    for (const r of ok) {
      expect(r).toMatchObject({
        domain: 'mgmt',
        host: 'auth',
        address: `127.0.0.1:${server.port}`,
        user: 'root',
        kind: 'exec',
      });
      expect(r.argv[0]).toBe(server.argvEcho);
    }
    const failed = records.filter((r) => r.error);
    expect(failed.map((r) => r.error?.code)).toEqual(expect.arrayContaining(['auth-failed', 'vault-locked']));
  });
});
