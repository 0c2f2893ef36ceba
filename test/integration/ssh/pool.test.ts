// The pool against real sshd: connection reuse, channel multiplexing under the server's session
// limit, keepalive against a silently dead peer, timeouts, output limits, cancellation,
// streaming, reconnect with backoff, jump hosts, pty sessions and domain separation.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandError } from '../../../core/ssh/channel-run';
import type { SshError } from '../../../core/ssh/errors';
import { SshPool } from '../../../core/ssh/pool';
import type { CredentialHandle } from '../../../core/vault/handle';
import { DomainMismatchError, UnknownHandleError } from '../../../core/vault/handle';
import { sleep, waitFor } from '../../lab/exec';
import type { ClientKey, SshdInstance } from '../harness/sshd';
import { makeClientKey, startSshd, stopAll } from '../harness/sshd';
import { VAULT_PASSPHRASE, World } from './world';

let w: World;
let key: ClientKey;
const servers: SshdInstance[] = [];
let main: SshdInstance;

async function server(name: string, extra: Parameters<typeof startSshd>[0] = {}): Promise<SshdInstance> {
  const s = await startSshd({ name, authorizedKeys: [key.publicLine], ...extra });
  servers.push(s);
  await w.trust('mgmt', s);
  return s;
}

const handle = () => w.vaults.vault('mgmt').handle('k');
const on = (s: SshdInstance, pool: SshPool = w.pool) => pool.runner(w.target('mgmt', s), handle());
const accepted = async (s: SshdInstance) =>
  (await s.log()).split('\n').filter((l) => l.includes('Accepted publickey')).length;

beforeAll(async () => {
  w = await World.create('pool');
  key = await makeClientKey(path.join(w.dir, 'keys'), 'ed25519');
  await w.vaults.vault('mgmt').create(VAULT_PASSPHRASE);
  await w.vaults.vault('mgmt').addPrivateKey({ name: 'k', privateKey: key.privateText });
  main = await server('main');
}, 120_000);

afterAll(async () => {
  await stopAll(servers);
  await w?.dispose();
});

describe('connection reuse and multiplexing', () => {
  it('runs many commands over one login', async () => {
    const r = on(main);
    for (let i = 0; i < 15; i++) expect((await r.run({ argv: ['echo', String(i)] })).stdout).toBe(`${i}\n`);
    expect(await accepted(main)).toBe(1);
    expect(w.pool.stats().connections).toBe(1);
  });

  it('runs 50 concurrent commands on one host without exceeding its session limit', async () => {
    const s = await server('sessions', { maxSessions: 10 });
    const r = on(s);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => r.run({ argv: [s.sessionProbe, '0.3'] })),
    );
    expect(results.every((x) => x.code === 0)).toBe(true);
    const max = await s.maxConcurrentSessions();
    expect(max).toBeLessThanOrEqual(10);
    expect(max).toBeGreaterThan(1);
    expect(await accepted(s)).toBe(1);
  });

  it("adapts to a server whose session limit is lower than the pool's", async () => {
    const s = await server('few-sessions', { maxSessions: 3 });
    const r = on(s);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => r.run({ argv: [s.sessionProbe, '0.2'] })),
    );
    expect(results.every((x) => x.code === 0)).toBe(true);
    expect(await s.maxConcurrentSessions()).toBeLessThanOrEqual(3);
  });
});

describe('limits, cancellation, streaming', () => {
  it('times a command out and frees its session', async () => {
    const r = on(main);
    const t0 = Date.now();
    const e = await r.run({ argv: ['sleep', '30'], timeoutMs: 500 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CommandError);
    expect((e as CommandError).code).toBe('command-timeout');
    expect(Date.now() - t0).toBeLessThan(5_000);
    await waitFor('session slot freed', 10_000, () => w.pool.stats().channelsInUse === 0);
  });

  it('stops a command whose output exceeds the limit', async () => {
    const e = await on(main)
      .run({ argv: ['head', '-c', '5000000', '/dev/zero'], maxOutputBytes: 20_000 })
      .catch((x: unknown) => x);
    expect((e as CommandError).code).toBe('output-limit');
    expect((e as CommandError).partial.stdout.length).toBeLessThanOrEqual(20_000);
  });

  it('cancels a command through its AbortSignal', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const e = await on(main)
      .run({ argv: ['sleep', '30'], signal: ac.signal })
      .catch((x: unknown) => x);
    expect((e as SshError).code).toBe('aborted');
  });

  it('streams output as it arrives, and feeds stdin', async () => {
    const chunks: { at: number; text: string }[] = [];
    const t0 = Date.now();
    const r = await on(main).run({
      argv: ['sh', '-c', 'for i in 1 2 3; do echo "line $i"; sleep 0.4; done'],
      onStdout: (text) => chunks.push({ at: Date.now() - t0, text }),
    });
    expect(r.stdout).toBe('line 1\nline 2\nline 3\n');
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    expect(chunks[0]?.at ?? Infinity).toBeLessThan(r.durationMs - 500);
    expect((await on(main).run({ argv: ['cat'], stdin: 'from stdin\n' })).stdout).toBe('from stdin\n');
  });

  it('reports exit codes and stderr as they are', async () => {
    const r = await on(main).run({ argv: ['sh', '-c', 'echo oops >&2; exit 3'] });
    expect(r).toMatchObject({ code: 3, stdout: '', stderr: 'oops\n' });
  });
});

describe('dead peers and reconnection', () => {
  it('notices a silently dead peer (SIGSTOP) within the keepalive window', async () => {
    const s = await server('frozen');
    const pool = w.newPool({ keepaliveIntervalMs: 1000, keepaliveCountMax: 2 });
    try {
      const r = on(s, pool);
      expect((await r.run({ argv: ['true'] })).code).toBe(0);
      const running = r.run({ argv: ['sleep', '60'], timeoutMs: 120_000 }).catch((x: unknown) => x);
      await sleep(300);
      await s.pause();
      const t0 = Date.now();
      const e = await running;
      const detectedAfter = Date.now() - t0;
      expect((e as SshError).code).toBe('connection-lost');
      expect((e as Error).message).toMatch(/keepalive/);
      // interval x (countMax + 1) = 3 s, plus scheduling slack on a busy machine.
      expect(detectedAfter).toBeLessThan(3_000 + 3_000);
      await s.resume();
      // The next command gets a fresh connection.
      expect((await r.run({ argv: ['echo', 'back'] })).stdout).toBe('back\n');
    } finally {
      pool.shutdown();
    }
  });

  it('reconnects with backoff when a host comes back', async () => {
    const s = await server('flaky');
    const r = on(s);
    expect((await r.run({ argv: ['true'] })).code).toBe(0);
    await s.stop();
    const e = await r.run({ argv: ['true'] }).catch((x: unknown) => x);
    expect((e as SshError).code).toMatch(/connect-failed|connection-lost/);
    const again = await r.run({ argv: ['true'] }).catch((x: unknown) => x);
    expect((again as SshError).code).toBe('connect-failed');
    expect((again as Error).message).toMatch(/refused/);
    const back = await startSshd({
      name: 'flaky-back',
      port: s.port,
      hostKeysFrom: s.dir,
      authorizedKeys: [key.publicLine],
    });
    servers.push(back);
    let result: unknown;
    await waitFor('reconnect', 20_000, async () => {
      result = await r.run({ argv: ['echo', 'reconnected'] }).catch((x: unknown) => x);
      return !(result instanceof Error);
    });
    expect(result).toMatchObject({ code: 0, stdout: 'reconnected\n' });
  });
});

describe('jump hosts', () => {
  it("reaches a container through its domain's bastion", async () => {
    const bastion = await server('bastion');
    const inner = await server('inner');
    await w.vaults
      .vault('mgmt')
      .addPassword({ name: 'bastion-pw', password: 'unused' })
      .catch(() => undefined);
    const target = {
      ...w.target('mgmt', inner),
      jump: { host: bastion.host, port: bastion.port, user: 'root', credential: handle() },
    };
    const r = await w.pool.run(target, handle(), { argv: [inner.argvEcho, 'via', 'bastion'] });
    expect(r.stdout).toBe('via\0bastion\0');
    expect(await bastion.log()).toMatch(
      new RegExp(`direct-tcpip.*${inner.port}|target 127\\.0\\.0\\.1 port ${inner.port}`),
    );
    const rec = (await w.auditRecords()).at(-1);
    expect(rec).toMatchObject({ host: 'inner', argv: [inner.argvEcho, 'via', 'bastion'], exitCode: 0 });
  });
});

describe('pty sessions', () => {
  it('opens a login shell with a pty, and a command under a pty', async () => {
    const session = await w.pool.interactive(w.target('mgmt', main), handle(), {
      pty: { rows: 30, cols: 100 },
    });
    let out = '';
    session.onData((c) => (out += c.toString()));
    session.write('echo "term=$TERM"; stty size; tty; exit 7\n');
    const end = await session.ended;
    expect(end.code).toBe(7);
    expect(out).toContain('term=xterm-256color');
    expect(out).toMatch(/30 100/);
    expect(out).toMatch(/\/dev\/pts\/\d+/);

    const tty = await w.pool.interactive(w.target('mgmt', main), handle(), {
      argv: ['tty'],
      pty: { rows: 24, cols: 80 },
    });
    let ttyOut = '';
    tty.onData((c) => (ttyOut += c.toString()));
    expect((await tty.ended).code).toBe(0);
    expect(ttyOut).toMatch(/\/dev\/pts\/\d+/);
    await sleep(100);
    const interactive = (await w.auditRecords()).filter((r) => r.kind === 'interactive');
    expect(interactive.map((r) => [r.argv, r.exitCode])).toEqual([
      [['<login shell>'], 7],
      [['tty'], 0],
    ]);
  });
});

describe('security domains', () => {
  it('refuses a credential of another domain before connecting', async () => {
    await w.vaults.vault('teaching').create(VAULT_PASSPHRASE);
    await w.vaults.vault('teaching').addPrivateKey({ name: 'k', privateKey: key.privateText });
    const foreign = w.vaults.vault('teaching').handle('k') as unknown as CredentialHandle<'mgmt'>;
    const connections = (await main.log()).split('\n').filter((l) => l.includes('Connection from')).length;
    const e = await w.pool
      .run(w.target('mgmt', main, 'other'), foreign, { argv: ['true'] })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DomainMismatchError);
    expect((e as Error).message).toContain('domain "teaching" cannot be used for a host of domain "mgmt"');
    const forged = {
      domain: 'mgmt',
      credentialId: handle().credentialId,
      name: 'k',
    } as unknown as CredentialHandle<'mgmt'>;
    await expect(
      w.pool.run(w.target('mgmt', main, 'other'), forged, { argv: ['true'] }),
    ).rejects.toBeInstanceOf(UnknownHandleError);
    expect((await main.log()).split('\n').filter((l) => l.includes('Connection from')).length).toBe(
      connections,
    );
    const refused = (await w.auditRecords()).filter((r) => r.host === 'other');
    expect(refused.map((r) => r.error?.code)).toEqual(['domain-mismatch', 'bad-credential']);
  });

  it('cannot be built without an audit sink', () => {
    expect(() => new SshPool({ knownHosts: (d: string) => w.store(d), prompt: null } as never)).toThrow(
      /audit sink is required/,
    );
  });
});
