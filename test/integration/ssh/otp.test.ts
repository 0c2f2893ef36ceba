// Two-factor logins against a real OpenSSH sshd whose PAM stack is pam_oath (Debian's
// libpam-oath), mounted over /etc/pam.d/sshd in the server's own namespace: a key and then a
// one-time code (AuthenticationMethods publickey,keyboard-interactive), and a password and a
// code in one keyboard-interactive conversation. The codes are HOTP (RFC 4226) from a secret
// the test chooses; the person is a scripted AuthPrompter. Answers never reach the audit log.
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuthPrompter, AuthQuestion } from '../../../core/ssh/auth-prompt';
import { SshError } from '../../../core/ssh/errors';
import type { ClientKey, SshdInstance } from '../harness/sshd';
import { makeClientKey, startSshd, stopAll } from '../harness/sshd';
import { hotp, oathPamStack } from './hotp';
import { VAULT_PASSPHRASE, World } from './world';

const PASSWORD = 'root-password-for-otp-tests';
const OATH_PROMPT = "One-time password (OATH) for `root':";

/** The person at the console: answers as the test says, and records every question. */
class ScriptedAuthPrompter implements AuthPrompter {
  readonly questions: AuthQuestion[] = [];
  reply: (q: AuthQuestion) => readonly string[] | null = () => null;
  answer(q: AuthQuestion): Promise<readonly string[] | null> {
    this.questions.push(q);
    return Promise.resolve(this.reply(q));
  }
}

const person = new ScriptedAuthPrompter();
let w: World;
let keyServer: SshdInstance;
let passwordServer: SshdInstance;
let key: ClientKey;
const secret = randomBytes(20);
/** The next HOTP counter each server's pam_oath expects (it moves on after each success). */
const counters = new Map<SshdInstance, number>();

beforeAll(async () => {
  w = await World.create('otp', { authPrompter: person });
  key = await makeClientKey(path.join(w.dir, 'keys'), 'ed25519');
  keyServer = await startSshd({
    name: 'otp-key',
    authorizedKeys: [key.publicLine],
    pam: await oathPamStack(path.join(w.dir, 'key-then-code.oath'), secret),
    extraConfig: ['AuthenticationMethods publickey,keyboard-interactive'],
  });
  passwordServer = await startSshd({
    name: 'otp-password',
    password: PASSWORD,
    pam: await oathPamStack(path.join(w.dir, 'password-and-code.oath'), secret, [
      'auth requisite pam_unix.so',
    ]),
    extraConfig: ['AuthenticationMethods keyboard-interactive'],
  });
  counters.set(keyServer, 0);
  counters.set(passwordServer, 0);
  for (const s of [keyServer, passwordServer]) await w.trust('hpc', s);
  const v = w.vaults.vault('hpc');
  await v.create(VAULT_PASSPHRASE);
  await v.addPrivateKey({ name: 'key', privateKey: key.privateText });
  await v.addPassword({ name: 'password', password: PASSWORD, methods: ['keyboard-interactive'] });
}, 300_000);

afterAll(async () => {
  await stopAll([keyServer, passwordServer]);
  await w?.dispose();
});

beforeEach(() => {
  // Every case logs in afresh.
  w.pool.closeAll();
  person.questions.length = 0;
});

const credentialFor = (s: SshdInstance) => (s === keyServer ? 'key' : 'password');

async function touch(s: SshdInstance, marker: string) {
  const v = w.vaults.vault('hpc');
  return w.pool.run(w.target('hpc', s), v.handle(credentialFor(s)), { argv: ['touch', marker] });
}

const exists = (f: string) =>
  stat(f).then(
    () => true,
    () => false,
  );

/** The right code for the server's next counter. */
function rightCode(s: SshdInstance): string {
  const c = counters.get(s) ?? 0;
  counters.set(s, c + 1);
  return hotp(secret, c);
}

/** A code pam_oath cannot accept: none of the window's codes. */
function wrongCode(s: SshdInstance): string {
  const c = counters.get(s) ?? 0;
  const window = new Set(Array.from({ length: 22 }, (_, i) => hotp(secret, c + i)));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!window.has(code)) return code;
  }
}

describe.each([
  ['a key, then a one-time code', () => keyServer],
  ['a password and a one-time code', () => passwordServer],
])('two-factor login against real sshd + pam_oath: %s', (_label, server) => {
  it('the right code logs in and the command runs; the person is asked only for the code', async () => {
    const s = server();
    const code = rightCode(s);
    person.reply = (q) => q.prompts.map(() => code);
    const marker = path.join(w.dir, `ran-${randomBytes(4).toString('hex')}`);
    const r = await touch(s, marker);
    expect(r.code).toBe(0);
    expect(await exists(marker)).toBe(true);
    expect(person.questions).toEqual([
      {
        domain: 'hpc',
        container: s.name,
        host: s.host,
        port: s.port,
        user: 'root',
        credential: credentialFor(s),
        name: expect.any(String) as string,
        instructions: expect.any(String) as string,
        prompts: [{ text: OATH_PROMPT, echo: false }],
      },
    ]);
    const log = await s.log();
    expect(log).toMatch(/Accepted keyboard-interactive\/pam for root/);
    if (s === keyServer) expect(log).toMatch(/Partial publickey for root/);
    // The code is nowhere in the audit log.
    expect(await readFile(w.audit.file, 'utf8')).not.toContain(code);
  });

  it('a wrong code is a clear authentication failure, and nothing runs', async () => {
    const s = server();
    const code = wrongCode(s);
    person.reply = (q) => q.prompts.map(() => code);
    const marker = path.join(w.dir, `ran-${randomBytes(4).toString('hex')}`);
    const e = await touch(s, marker).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SshError);
    expect((e as SshError).code).toBe('auth-failed');
    expect((e as Error).message).toContain(
      `hpc/${s.name}: authentication as "root" failed with credential "${credentialFor(s)}"`,
    );
    expect((e as Error).message).toContain('keyboard-interactive');
    expect(person.questions).toHaveLength(1);
    expect(await exists(marker)).toBe(false);
    expect(await readFile(w.audit.file, 'utf8')).not.toContain(`"${code}"`);
  });

  it('a refused prompt ends the login with a clear error, and nothing runs', async () => {
    const s = server();
    person.reply = () => null;
    const marker = path.join(w.dir, `ran-${randomBytes(4).toString('hex')}`);
    const e = await touch(s, marker).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SshError);
    expect((e as SshError).code).toBe('aborted');
    expect((e as Error).message).toBe(
      `hpc/${s.name}: login cancelled: "${OATH_PROMPT}" was not answered (refused, cancelled or timed out); nothing was run`,
    );
    expect(await exists(marker)).toBe(false);
  });

  it('without a prompter (an access probe) the error names the prompt, without hanging', async () => {
    const s = server();
    const v = w.vaults.vault('hpc');
    const started = Date.now();
    const r = await w.pool.probe(w.target('hpc', s), v.handle(credentialFor(s)));
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('auth-failed');
    expect(r.error?.message).toBe(
      `hpc/${s.name}: the host asks for "${OATH_PROMPT}", which needs you: use Test connection (credential "${credentialFor(s)}")`,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(person.questions).toEqual([]);
  });
});
