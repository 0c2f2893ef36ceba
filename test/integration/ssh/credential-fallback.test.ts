// A domain's vault may hold several credentials, and a container may accept only some of them.
// Against a real sshd that accepts one key only: discovery's runner and the access monitor try
// the domain's credentials in order, move on only when the host refuses one, remember the one
// accepted (so the next command starts with it), and name every refusal when none is accepted.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialRunner } from '../../../electron/handlers/fleet/credential-runner';
import type { ContainerRef } from '../../../electron/handlers/fleet/fleet-targets';
import { CredentialChoice, findContainer } from '../../../electron/handlers/fleet/fleet-targets';
import { AccessMonitor } from '../../../core/monitor/access-monitor';
import { loadSite } from '../../../core/site/load';
import type { SshPool } from '../../../core/ssh/pool';
import type { CredentialHandle } from '../../../core/vault/handle';
import { siteYaml } from '../../unit/electron/fleet/fleet-setup';
import type { SshdInstance } from '../harness/sshd';
import { makeClientKey, startSshd, stopAll } from '../harness/sshd';
import { VAULT_PASSPHRASE, World } from './world';

let w: World;
let server: SshdInstance;
let ref: ContainerRef;
/** Credential names the pool was asked to log in with, in order. */
const tried: string[] = [];
let pool: Pick<SshPool, 'run'>;

beforeAll(async () => {
  w = await World.create('fallback');
  const kdir = path.join(w.dir, 'client-keys');
  const accepted = await makeClientKey(kdir, 'ed25519');
  const strangers = [await makeClientKey(kdir, 'ed25519'), await makeClientKey(kdir, 'ecdsa')];
  server = await startSshd({ name: 'fallback', authorizedKeys: [accepted.publicLine] });
  await w.trust('mgmt', server);
  const v = w.vaults.vault('mgmt');
  await v.create(VAULT_PASSPHRASE);
  // The vault lists the refused keys first, so the accepted one is only reached by falling back.
  await v.addPrivateKey({ name: 'a-stranger', privateKey: strangers[0]?.privateText ?? '' });
  await v.addPrivateKey({ name: 'b-stranger', privateKey: strangers[1]?.privateText ?? '' });
  await v.addPrivateKey({ name: 'c-accepted', privateKey: accepted.privateText });
  expect(v.list().map((c) => c.name)).toEqual(['a-stranger', 'b-stranger', 'c-accepted']);
  const site = loadSite(siteYaml({ mgmt: server.port, teach: 9 }), 'fallback.yaml').site;
  ref = findContainer(site, 'mgmt-c1');
  expect(ref.container.address).toBe(server.host);
  pool = {
    run: (target, credential, cmd) => {
      tried.push(credential.name);
      return w.pool.run(target, credential, cmd);
    },
  };
}, 300_000);

afterAll(async () => {
  await stopAll([server]);
  await w?.dispose();
});

describe('the credentials of a domain, tried in turn', () => {
  it('runs the command with the first credential the host accepts, and starts with it next time', async () => {
    const choice = new CredentialChoice();
    const runner = credentialRunner(pool, w.vaults, choice, ref);
    tried.length = 0;
    const r = await runner.run({ argv: [server.argvEcho, 'once'] });
    expect(r).toMatchObject({ code: 0, stdout: 'once\0' });
    expect(tried).toEqual(['a-stranger', 'b-stranger', 'c-accepted']);

    tried.length = 0;
    expect((await runner.run({ argv: [server.argvEcho, 'twice'] })).stdout).toBe('twice\0');
    expect(tried).toEqual(['c-accepted']);
    // One login succeeded, and the second command reused its connection.
    expect((await server.log()).match(/Accepted publickey for root/g)).toHaveLength(1);
  });

  it('names every refusal when no credential is accepted', async () => {
    const v = w.vaults.vault('mgmt');
    const onlyStrangers = new CredentialChoice();
    const runner = credentialRunner(
      {
        run: (target, credential, cmd) => {
          if (credential.name === 'c-accepted') {
            return Promise.reject(Object.assign(new Error('refused by the test'), { code: 'auth-failed' }));
          }
          return w.pool.run(target, credential, cmd);
        },
      },
      w.vaults,
      onlyStrangers,
      ref,
    );
    const e = await runner.run({ argv: [server.argvEcho, 'never'] }).then(
      () => null,
      (x: unknown) => x as Error & { code: string },
    );
    expect(e?.code).toBe('auth-failed');
    expect(e?.message).toMatch(/^mgmt-c1: no credential of "mgmt" was accepted: /);
    for (const name of ['a-stranger', 'b-stranger', 'refused by the test'])
      expect(e?.message).toContain(name);
    expect(v.list()).toHaveLength(3);
  });

  it('the access monitor logs in with the accepted credential after the refused ones, and reports it', async () => {
    const accepted: string[] = [];
    const probed: string[] = [];
    const monitor = new AccessMonitor({
      probe: (target, credential, signal) => {
        probed.push(credential.name);
        return w.pool.probe(target, credential, signal);
      },
    });
    const v = w.vaults.vault('mgmt');
    monitor.setHosts([
      {
        target: w.target('mgmt', server, 'mgmt-c1'),
        credentials: () => v.list().map((c) => v.handle(c.id)),
        accepted: (h: CredentialHandle<string>) => accepted.push(h.name),
      },
    ]);
    const [status] = await monitor.checkNow();
    expect(status).toMatchObject({ state: 'ok', lastFailure: null });
    expect(probed).toEqual(['a-stranger', 'b-stranger', 'c-accepted']);
    expect(accepted).toEqual(['c-accepted']);
    await monitor.stop();
  });
});
