// The hostile-name corpus through a real sshd (root's login shell runs the command line) to a
// remote program that prints each argument it received, NUL-terminated: each name must arrive
// as exactly one literal argument, or be refused before anything is sent.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnsafeArgumentError } from '../../../core/ssh/quote';
import { HOSTILE_NAMES } from '../../unit/ssh/hostile-corpus';
import type { SshdInstance } from '../harness/sshd';
import { makeClientKey, startSshd, stopAll } from '../harness/sshd';
import { VAULT_PASSPHRASE, World } from './world';

let w: World;
let s: SshdInstance;

beforeAll(async () => {
  w = await World.create('inject');
  const key = await makeClientKey(path.join(w.dir, 'keys'), 'ed25519');
  s = await startSshd({ name: 'inject', authorizedKeys: [key.publicLine] });
  await w.trust('lab', s);
  await w.vaults.vault('lab').create(VAULT_PASSPHRASE);
  await w.vaults.vault('lab').addPrivateKey({ name: 'k', privateKey: key.privateText });
}, 120_000);

afterAll(async () => {
  await stopAll([s]);
  await w?.dispose();
});

const remote = (argv: string[]) =>
  w.pool.run(w.target('lab', s), w.vaults.vault('lab').handle('k'), { argv });

const split = (stdout: string) => {
  const parts = stdout.split('\0');
  expect(parts.pop()).toBe('');
  return parts;
};

describe('hostile names through a real sshd', () => {
  const sendable = HOSTILE_NAMES.filter((n) => !n.refused);

  it('uses a corpus of at least 30 hostile names', () => {
    expect(HOSTILE_NAMES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(sendable.map((n) => [n.label, n.value] as const))(
    '%s arrives as one literal argument',
    async (_label, value) => {
      const r = await remote([s.argvEcho, value]);
      expect(r.code).toBe(0);
      expect(split(r.stdout)).toEqual([value]);
    },
  );

  it('all of them at once arrive as exactly that many arguments, in order', async () => {
    const r = await remote([s.argvEcho, ...sendable.map((n) => n.value)]);
    expect(split(r.stdout)).toEqual(sendable.map((n) => n.value));
  });

  it('nothing was executed, redirected or globbed on the server', async () => {
    // The remote commands ran in root's home; the corpus tries to create INJECTED there and in cwd.
    const r = await remote(['ls', '-a', '/root', process.cwd()]);
    expect(r.stdout).not.toContain('INJECTED');
    expect(existsSync(path.join(process.cwd(), 'INJECTED'))).toBe(false);
  });

  it('a hostile program name is looked up literally (and not found), never interpreted', async () => {
    for (const prog of ['true; touch INJECTED', '$(touch INJECTED)', 'PATH=/x', 'if']) {
      const r = await remote([prog]);
      expect(r.code, prog).toBe(127);
      // The shell names exactly the word it looked up.
      expect(r.stderr).toContain(`${prog}: `);
      expect(r.stderr).toMatch(/command not found|No such file or directory/);
    }
  });

  it.each(HOSTILE_NAMES.filter((n) => n.refused).map((n) => [n.label, n.value] as const))(
    '%s is refused before anything is sent, and the refusal is audited',
    async (_label, value) => {
      const before = (await w.auditRecords()).length;
      await expect(remote([s.argvEcho, value])).rejects.toBeInstanceOf(UnsafeArgumentError);
      const records = await w.auditRecords();
      expect(records.length).toBe(before + 1);
      expect(records.at(-1)?.exitCode).toBeNull();
      expect(records.at(-1)?.argv).toEqual([s.argvEcho, value]);
    },
  );
});
