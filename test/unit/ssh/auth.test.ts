import { describe, expect, it } from 'vitest';
import type { AnyAuthMethod, KeyboardInteractiveAuthMethod, Prompt } from 'ssh2';
import type { AuthPlanOptions } from '../../../core/ssh/auth';
import { authPlan } from '../../../core/ssh/auth';
import type { AuthQuestion } from '../../../core/ssh/auth-prompt';
import type { SshError } from '../../../core/ssh/errors';
import type { ResolvedCredential } from '../../../core/vault/credential';

// Drive the middleware the way ssh2 does: null on the first call, then the server's list (and
// whether the last method was a partial success).
function offers(
  plan: ReturnType<typeof authPlan>,
  serverLists: (string[] | null | [string[], boolean])[],
): (string | false)[] {
  const out: (string | false)[] = [];
  for (const step of serverLists) {
    const [left, partial] =
      Array.isArray(step) && Array.isArray(step[0]) ? (step as [string[], boolean]) : [step, false];
    plan.handler(left as never, partial, (m) =>
      out.push(typeof m === 'object' ? (m as AnyAuthMethod).type : (m as unknown as false)),
    );
  }
  return out;
}

const about = { domain: 'hpc', container: 'c1', host: '10.0.0.1', port: 22, user: 'root', credential: 'k' };
const pwCred = (
  methods: ('password' | 'keyboard-interactive')[] = ['keyboard-interactive'],
): ResolvedCredential => ({
  kind: 'password',
  name: 'p',
  password: Buffer.from('s3cret'),
  methods,
});
const keyCred: ResolvedCredential = { kind: 'private-key', name: 'k', key: Buffer.from('k') };

/** The keyboard-interactive method the plan offers after `steps`, with its failures recorded. */
function keyboard(
  cred: ResolvedCredential,
  o: AuthPlanOptions = {},
  steps: (string[] | null | [string[], boolean])[] = [null],
) {
  const failures: SshError[] = [];
  const plan = authPlan('root', cred, { label: 'hpc/c1', about, onFailure: (e) => failures.push(e), ...o });
  let method: AnyAuthMethod | undefined;
  for (const step of steps) {
    const [left, partial] =
      Array.isArray(step) && Array.isArray(step[0]) ? (step as [string[], boolean]) : [step, false];
    plan.handler(left as never, partial, (m) => (method = m as AnyAuthMethod));
  }
  if (method?.type !== 'keyboard-interactive') throw new Error('expected keyboard-interactive');
  const kbd = method as KeyboardInteractiveAuthMethod;
  const ask = (prompts: Prompt[], name = '', instructions = '') =>
    new Promise<string[] | 'failed'>((resolve) => {
      const before = failures.length;
      kbd.prompt(name, instructions, '', prompts, resolve);
      // A failure is reported synchronously or after the prompter answers.
      const check = () => (failures.length > before ? resolve('failed') : setTimeout(check, 1));
      check();
    });
  return { plan, failures, ask };
}

function prompter(answer: (q: AuthQuestion) => readonly string[] | null | Promise<readonly string[] | null>) {
  const questions: AuthQuestion[] = [];
  return {
    questions,
    answer: (q: AuthQuestion) => {
      questions.push(q);
      return Promise.resolve(answer(q));
    },
  };
}

describe('authPlan', () => {
  it('offers only what the credential holds, filtered by what the server still accepts', () => {
    const pw = authPlan('root', pwCred(['password', 'keyboard-interactive']));
    expect(offers(pw, [null, ['publickey', 'keyboard-interactive'], ['publickey']])).toEqual([
      'password',
      'keyboard-interactive',
      false,
    ]);
    expect(pw.tried).toEqual(['password', 'keyboard-interactive']);
    expect(pw.serverMethods).toEqual(['publickey']);
    const key = authPlan('root', keyCred);
    expect(offers(key, [['password'], ['password']])).toEqual([false, false]);
  });

  it('after a partial success offers keyboard-interactive next, even for a key, once', () => {
    const key = authPlan('root', keyCred);
    // publickey accepted, keyboard-interactive still required; then the second factor fails.
    expect(offers(key, [null, [['keyboard-interactive'], true], [['keyboard-interactive'], true]])).toEqual([
      'publickey',
      'keyboard-interactive',
      false,
    ]);
    expect(key.tried).toEqual(['publickey', 'keyboard-interactive']);
    // Without a partial success a key never turns into keyboard-interactive.
    const refused = authPlan('root', keyCred);
    expect(offers(refused, [null, [['keyboard-interactive'], false]])).toEqual(['publickey', false]);
    // A password accepted by "password" with a second factor required.
    const pw = authPlan('root', pwCred(['password']));
    expect(offers(pw, [null, [['keyboard-interactive'], true]])).toEqual([
      'password',
      'keyboard-interactive',
    ]);
    const agent = authPlan('root', { kind: 'agent', name: 'a', socket: '/tmp/a.sock' });
    expect(offers(agent, [null, [['keyboard-interactive', 'password'], true]])).toEqual([
      'agent',
      'keyboard-interactive',
    ]);
  });

  it('answers the hidden password prompt from the vault and asks the person for the rest', async () => {
    const p = prompter(() => ['123456']);
    const { ask, failures } = keyboard(pwCred(), { prompter: p });
    const answers = await ask([
      { prompt: 'Password: ', echo: false },
      { prompt: 'Verification code: ', echo: false },
    ]);
    expect(answers).toEqual(['s3cret', '123456']);
    expect(failures).toEqual([]);
    expect(p.questions).toEqual([
      {
        ...about,
        credential: 'k',
        name: '',
        instructions: '',
        prompts: [{ text: 'Verification code:', echo: false }],
      },
    ]);
  });

  it('never answers a one-time password, a PIN, an echoed or a new-password prompt from the vault', async () => {
    const p = prompter((q) => q.prompts.map(() => 'typed'));
    const { ask } = keyboard(pwCred(), { prompter: p });
    const prompts: Prompt[] = [
      { prompt: "One-time password (OATH) for `root': ", echo: false },
      { prompt: 'Passcode or option (1-3): ', echo: false },
      { prompt: 'PIN: ', echo: false },
      { prompt: 'Password: ', echo: true },
      { prompt: 'New password: ', echo: false },
      { prompt: "root@bastion's password: ", echo: false },
    ];
    expect(await ask(prompts)).toEqual(['typed', 'typed', 'typed', 'typed', 'typed', 's3cret']);
    expect(p.questions[0]?.prompts.map((q) => q.echo)).toEqual([false, false, false, true, false]);
  });

  it('a key credential has no password: every prompt goes to the person', async () => {
    const p = prompter(() => ['pw', '42']);
    const { ask } = keyboard(keyCred, { prompter: p }, [null, [['keyboard-interactive'], true]]);
    expect(await ask([{ prompt: 'Password:' }, { prompt: 'Code:', echo: true }])).toEqual(['pw', '42']);
  });

  it('without a prompter, the login fails at once with an error naming the prompt', async () => {
    const { ask, failures } = keyboard(pwCred(), { prompter: null });
    expect(await ask([{ prompt: 'Password: ' }, { prompt: 'Verification code: ' }])).toBe('failed');
    expect(failures[0]?.code).toBe('auth-failed');
    expect(failures[0]?.message).toBe(
      'hpc/c1: the host asks for "Verification code:", which needs you: use Test connection (credential "p")',
    );
  });

  it('a refusal, a rejected prompter, a wrong count or an oversized answer ends the login', async () => {
    const cases: [() => readonly string[] | null | Promise<readonly string[] | null>, string, RegExp][] = [
      [() => null, 'aborted', /login cancelled: "Code:" was not answered/],
      [() => Promise.reject(new Error('window closed')), 'aborted', /not answered/],
      [() => ['1', '2'], 'auth-failed', /2 answers were given for 1 prompts/],
      [() => ['x'.repeat(1025)], 'auth-failed', /answer 1 is longer than 1024 bytes/],
      [() => ['é'.repeat(600)], 'auth-failed', /longer than 1024 bytes/],
    ];
    for (const [answer, code, message] of cases) {
      const { ask, failures } = keyboard(keyCred, { prompter: prompter(answer) }, [
        null,
        [['keyboard-interactive'], true],
      ]);
      expect(await ask([{ prompt: 'Code:' }])).toBe('failed');
      expect(failures[0]?.code).toBe(code);
      expect(failures[0]?.message).toMatch(message);
    }
  });

  it('an abandoned attempt sends nothing, and the clock pauses while a person answers', async () => {
    const ac = new AbortController();
    const waiting: boolean[] = [];
    let release: (a: string[]) => void = () => undefined;
    const p = { answer: () => new Promise<string[]>((r) => (release = r)) };
    const { ask, failures } = keyboard(
      keyCred,
      { prompter: p, signal: ac.signal, onWaiting: (w) => waiting.push(w) },
      [null, [['keyboard-interactive'], true]],
    );
    let settled = false;
    void ask([{ prompt: 'Code:' }]).then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(waiting).toEqual([true]);
    ac.abort();
    release(['1']);
    await new Promise((r) => setTimeout(r, 20));
    expect(waiting).toEqual([true, false]);
    expect(settled).toBe(false);
    expect(failures).toEqual([]);
  });

  it('bounds the rounds and the number of prompts, and shows server text without escapes', async () => {
    const p = prompter((q) => q.prompts.map(() => '1'));
    const { ask, failures } = keyboard(keyCred, { prompter: p }, [null, [['keyboard-interactive'], true]]);
    for (let i = 0; i < 3; i++) expect(await ask([{ prompt: 'Code:' }])).toEqual(['1']);
    expect(await ask([{ prompt: 'Code:' }])).toBe('failed');
    expect(failures[0]?.message).toMatch(/more than 3 rounds/);

    const many = keyboard(keyCred, { prompter: p }, [null, [['keyboard-interactive'], true]]);
    expect(await many.ask(Array.from({ length: 9 }, () => ({ prompt: 'Q:' })))).toBe('failed');
    expect(many.failures[0]?.message).toMatch(/9 questions at once/);

    const shown = prompter(() => ['1']);
    const hostile = keyboard(keyCred, { prompter: shown }, [null, [['keyboard-interactive'], true]]);
    await hostile.ask(
      [{ prompt: '\u001b[2J\u001b]0;pwned\u0007Code\u0000\u202e:\r\nnext' + 'x'.repeat(500) }],
      'Duo\u001b[31m red',
      'line 1\r\nline 2\u0007\n\n\n\nline 3',
    );
    const q = shown.questions[0];
    expect(q?.name).toBe('Duo red');
    expect(q?.instructions).toBe('line 1\nline 2\n\nline 3');
    expect(q?.prompts[0]?.text.startsWith('Code: nextxxx')).toBe(true);
    expect([...(q?.prompts[0]?.text ?? '')].length).toBe(200);
  });

  it('needs an agent socket for agent credentials', () => {
    expect(() => authPlan('root', { kind: 'agent', name: 'a' }, { env: {} })).toThrow(
      /SSH_AUTH_SOCK is not set/,
    );
    const plan = authPlan(
      'root',
      { kind: 'agent', name: 'a' },
      { env: { SSH_AUTH_SOCK: '/tmp/agent.sock' } },
    );
    expect(offers(plan, [null])).toEqual(['agent']);
  });
});
