// Access monitoring against real sshd: a healthy container, one that refuses our key, one that
// froze (SIGSTOP), one that is down, and one whose domain vault is locked.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessChange } from '../../../core/monitor/access-monitor';
import { AccessMonitor } from '../../../core/monitor/access-monitor';
import type { SshPool } from '../../../core/ssh/pool';
import type { SshdInstance } from '../harness/sshd';
import { makeClientKey, startSshd, stopAll } from '../harness/sshd';
import { VAULT_PASSPHRASE, World } from './world';

let w: World;
let pool: SshPool;
const s: Record<'healthy' | 'wrongkey' | 'frozen' | 'down' | 'locked', SshdInstance | undefined> = {
  healthy: undefined,
  wrongkey: undefined,
  frozen: undefined,
  down: undefined,
  locked: undefined,
};

beforeAll(async () => {
  w = await World.create('monitor');
  pool = w.newPool({ connectTimeoutMs: 3_000 });
  const key = await makeClientKey(path.join(w.dir, 'keys'), 'ed25519');
  const other = await makeClientKey(path.join(w.dir, 'keys'), 'ed25519');
  for (const name of ['healthy', 'frozen', 'down'] as const)
    s[name] = await startSshd({ name, authorizedKeys: [key.publicLine] });
  s.wrongkey = await startSshd({ name: 'wrongkey', authorizedKeys: [other.publicLine] });
  s.locked = await startSshd({ name: 'locked', authorizedKeys: [key.publicLine] });
  for (const x of Object.values(s)) if (x) await w.trust(x === s.locked ? 'teaching' : 'mgmt', x);
  for (const d of ['mgmt', 'teaching']) {
    await w.vaults.vault(d).create(VAULT_PASSPHRASE);
    await w.vaults.vault(d).addPrivateKey({ name: 'k', privateKey: key.privateText });
  }
}, 180_000);

afterAll(async () => {
  await s.frozen?.resume();
  await stopAll(Object.values(s));
  pool?.shutdown();
  await w?.dispose();
});

describe('access monitoring', () => {
  it('records last success and the failure reason per container, and emits changes', async () => {
    const monitor = new AccessMonitor({
      probe: (t, c, signal) => pool.probe(t, c, signal),
      concurrency: 3,
      timeoutMs: 8_000,
      stateFile: path.join(w.dir, 'access.json'),
    });
    const hosts = (['healthy', 'wrongkey', 'frozen', 'down', 'locked'] as const).map((name) => {
      const inst = s[name];
      if (!inst) throw new Error(`no ${name}`);
      const domain = name === 'locked' ? 'teaching' : 'mgmt';
      return { target: w.target(domain, inst), credentials: () => [w.vaults.vault(domain).handle('k')] };
    });
    monitor.setHosts(hosts);
    const changes: AccessChange[] = [];
    monitor.onChange((c) => changes.push(c));

    const first = await monitor.checkNow();
    expect(first.map((x) => [x.name, x.state])).toEqual([
      ['healthy', 'ok'],
      ['wrongkey', 'failing'],
      ['frozen', 'ok'],
      ['down', 'ok'],
      ['locked', 'ok'],
    ]);
    expect(first[1]?.lastFailure).toMatchObject({ code: 'auth-failed' });
    expect(first[1]?.lastFailure?.reason).toContain('authentication as "root" failed with credential "k"');

    await s.frozen?.pause();
    await s.down?.stop();
    w.vaults.vault('teaching').lock();
    const byName = Object.fromEntries((await monitor.checkNow()).map((x) => [x.name, x]));
    expect(byName.healthy).toMatchObject({ state: 'ok', lastFailure: null });
    expect(byName.wrongkey).toMatchObject({ state: 'failing', consecutiveFailures: 2, lastSuccessAt: null });
    expect(byName.frozen).toMatchObject({ state: 'failing', lastFailure: { code: 'connect-timeout' } });
    expect(byName.down).toMatchObject({ state: 'failing', lastFailure: { code: 'connect-failed' } });
    expect(byName.down?.lastFailure?.reason).toMatch(/refused/);
    expect(byName.locked).toMatchObject({ state: 'skipped', lastFailure: { code: 'vault-locked' } });
    for (const n of ['frozen', 'down'])
      expect(byName[n]?.lastSuccessAt).toBe(first.find((x) => x.name === n)?.lastSuccessAt);
    expect(
      changes
        .filter((c) => c.previous.state === 'ok')
        .map((c) => c.status.name)
        .sort(),
    ).toEqual(['down', 'frozen', 'locked']);
  });

  it('wrote every check to the audit log as a probe', async () => {
    const probes = (await w.auditRecords()).filter((r) => r.kind === 'probe');
    expect(probes.length).toBeGreaterThanOrEqual(9);
    expect(probes.filter((r) => r.exitCode === 0).every((r) => r.argv.join(' ') === 'true')).toBe(true);
    expect(probes.some((r) => r.error?.code === 'connect-timeout')).toBe(true);
  });
});
