// Host keys against real sshd: verified before any authentication. The server's own DEBUG log
// is the witness: while the user decides, and after a refusal or a changed key, it has received
// no authentication request at all.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HostKeyChangedError, SshError } from '../../../core/ssh/errors';
import { importOpenSshKnownHosts } from '../../../core/ssh/openssh-known-hosts';
import { run, sleep } from '../../lab/exec';
import type { ClientKey, SshdInstance } from '../harness/sshd';
import { makeClientKey, startSshd, stopAll } from '../harness/sshd';
import { VAULT_PASSPHRASE, World } from './world';

let w: World;
let key: ClientKey;
const servers: SshdInstance[] = [];

async function server(name: string, extra: Parameters<typeof startSshd>[0] = {}): Promise<SshdInstance> {
  const s = await startSshd({ name, authorizedKeys: [key.publicLine], ...extra });
  servers.push(s);
  return s;
}

beforeAll(async () => {
  w = await World.create('hostkeys');
  key = await makeClientKey(path.join(w.dir, 'keys'), 'ed25519');
  await w.vaults.vault('mgmt').create(VAULT_PASSPHRASE);
  await w.vaults.vault('mgmt').addPrivateKey({ name: 'k', privateKey: key.privateText });
}, 120_000);

afterEach(() => {
  w.prompt.answer = () => {
    throw new Error('unexpected host key prompt');
  };
});

afterAll(async () => {
  await stopAll(servers);
  await w?.dispose();
});

const runOn = (s: SshdInstance, name = s.name) =>
  w.pool.run(w.target('mgmt', s, name), w.vaults.vault('mgmt').handle('k'), { argv: [s.argvEcho, 'ok'] });

describe('unknown host', () => {
  it('asks with the fingerprint before anything is sent, then trusts and saves it', async () => {
    const s = await server('tofu-yes');
    let attemptsWhileAsking = -1;
    w.prompt.answer = async () => {
      await sleep(300); // let the server log whatever it received so far
      attemptsWhileAsking = await s.authAttempts();
      return true;
    };
    const r = await runOn(s);
    expect(r.stdout).toBe('ok\0');
    expect(attemptsWhileAsking).toBe(0);
    const q = w.prompt.questions.at(-1);
    expect(q).toMatchObject({
      domain: 'mgmt',
      name: 'tofu-yes',
      host: s.host,
      port: s.port,
      keyType: 'ssh-ed25519',
    });
    // The fingerprint shown is the one ssh-keygen computes for the server's key.
    expect(q?.fingerprint).toBe(s.hostKeys[0]?.fingerprint);
    expect(await s.authAttempts()).toBeGreaterThan(0);
    const saved = await w.store('mgmt').lookup(s.host, s.port);
    expect(saved).toEqual([
      expect.objectContaining({ keyType: 'ssh-ed25519', fingerprint: q?.fingerprint, source: 'accepted' }),
    ]);
  });

  it('when refused: nothing sent, nothing saved', async () => {
    const s = await server('tofu-no');
    let attemptsWhileAsking = -1;
    w.prompt.answer = async () => {
      await sleep(300);
      attemptsWhileAsking = await s.authAttempts();
      return false;
    };
    const e = await runOn(s).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SshError);
    expect((e as SshError).code).toBe('host-key-refused');
    expect((e as Error).message).toContain(s.hostKeys[0]?.fingerprint);
    await sleep(500);
    expect(attemptsWhileAsking).toBe(0);
    expect(await s.authAttempts()).toBe(0);
    expect(await w.store('mgmt').lookup(s.host, s.port)).toEqual([]);
    expect(await s.log()).not.toMatch(/Accepted|Failed (publickey|password)/);
  });

  it('is refused without asking in headless checks (probe)', async () => {
    const s = await server('headless');
    const before = w.prompt.questions.length;
    const r = await w.pool.probe(w.target('mgmt', s), w.vaults.vault('mgmt').handle('k'));
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('host-key-unknown');
    expect(w.prompt.questions.length).toBe(before);
    expect(await s.authAttempts()).toBe(0);
  });
});

describe('changed host key', () => {
  it('is a hard stop with old and new fingerprints; nothing sent, nothing saved', async () => {
    const first = await server('rekeyed');
    await w.trust('mgmt', first);
    expect((await runOn(first)).code).toBe(0);
    const oldFp = first.hostKeys[0]?.fingerprint;
    await first.stop();
    // The "same" host comes back on the same address with a new key (re-install, or an attacker).
    const second = await server('rekeyed-2', { port: first.port });
    const newFp = second.hostKeys[0]?.fingerprint;
    expect(newFp).not.toBe(oldFp);
    const e = await runOn(second, 'rekeyed').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HostKeyChangedError);
    const err = e as HostKeyChangedError;
    expect(err.known).toEqual([{ keyType: 'ssh-ed25519', fingerprint: oldFp }]);
    expect(err.presented).toEqual({ keyType: 'ssh-ed25519', fingerprint: newFp });
    expect(err.message).toContain(`${oldFp}`);
    expect(err.message).toContain(`${newFp}`);
    expect(w.prompt.changed.at(-1)).toMatchObject({ fingerprint: newFp });
    await sleep(300);
    expect(await second.authAttempts()).toBe(0);
    expect((await w.store('mgmt').lookup(second.host, second.port)).map((k) => k.fingerprint)).toEqual([
      oldFp,
    ]);
  });

  it('a host known only by another key type is a mismatch, not a new host', async () => {
    const ecdsaOnly = await server('ecdsa-source', { hostKeyTypes: ['ecdsa'] });
    const s = await server('ed-only', { hostKeyTypes: ['ed25519'] });
    const ec = ecdsaOnly.hostKeys[0];
    if (!ec) throw new Error('no ecdsa key');
    await w.store('mgmt').add(s.host, s.port, { keyType: ec.type, fingerprint: ec.fingerprint }, 'accepted');
    const e = await runOn(s).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HostKeyChangedError);
    expect((e as HostKeyChangedError).known).toEqual([
      { keyType: 'ecdsa-sha2-nistp256', fingerprint: ec.fingerprint },
    ]);
    expect(w.prompt.questions.some((q) => q.port === s.port)).toBe(false);
    expect(await s.authAttempts()).toBe(0);
  });

  it('a host with several keys is checked with the type we know', async () => {
    const s = await server('multi', { hostKeyTypes: ['ed25519', 'ecdsa'] });
    const ec = s.hostKeys.find((k) => k.type.startsWith('ecdsa'));
    if (!ec) throw new Error('no ecdsa key');
    await w.store('mgmt').add(s.host, s.port, { keyType: ec.type, fingerprint: ec.fingerprint }, 'accepted');
    expect((await runOn(s)).stdout).toBe('ok\0');
  });
});

describe('import from OpenSSH known_hosts', () => {
  it("imports hashed and [host]:port entries for the domain's hosts, then connects without asking", async () => {
    const a = await server('imported-a');
    const b = await server('imported-b');
    const file = path.join(w.dir, 'known_hosts');
    await writeFile(file, `${a.knownHostsLines().join('\n')}\n`);
    // Hash it the way OpenSSH's HashKnownHosts does, then add b in plain form.
    await run(['ssh-keygen', '-H', '-f', file]);
    const hashed = await readFile(file, 'utf8');
    expect(hashed).toMatch(/^\|1\|/);
    expect(hashed).not.toContain(String(a.port));
    await writeFile(file, `${hashed}# a comment\n${b.knownHostsLines().join('\n')}\nnot a valid line\n`);
    const report = await importOpenSshKnownHosts(w.store('mgmt'), await readFile(file, 'utf8'), [
      { host: a.host, port: a.port },
      { host: b.host, port: b.port },
    ]);
    expect(report.imported.map((i) => [i.port, i.fingerprint])).toEqual([
      [a.port, a.hostKeys[0]?.fingerprint],
      [b.port, b.hostKeys[0]?.fingerprint],
    ]);
    expect(report.problems).toHaveLength(1);
    const asked = w.prompt.questions.length;
    expect((await runOn(a)).code).toBe(0);
    expect((await runOn(b)).code).toBe(0);
    expect(w.prompt.questions.length).toBe(asked);
  });
});
