import { describe, expect, it } from 'vitest';
import type { AnyAuthMethod } from 'ssh2';
import { authPlan } from '../../../core/ssh/auth';

// Drive the middleware the way ssh2 does: null on the first call, then the server's list.
function offers(plan: ReturnType<typeof authPlan>, serverLists: (string[] | null)[]): (string | false)[] {
  const out: (string | false)[] = [];
  for (const left of serverLists) {
    plan.handler(left as never, false, (m) =>
      out.push(typeof m === 'object' ? (m as AnyAuthMethod).type : (m as unknown as false)),
    );
  }
  return out;
}

describe('authPlan', () => {
  it('offers only what the credential holds, filtered by what the server still accepts', () => {
    const pw = authPlan('root', {
      kind: 'password',
      name: 'p',
      password: Buffer.from('x'),
      methods: ['password', 'keyboard-interactive'],
    });
    expect(offers(pw, [null, ['publickey', 'keyboard-interactive'], ['publickey']])).toEqual([
      'password',
      'keyboard-interactive',
      false,
    ]);
    expect(pw.tried).toEqual(['password', 'keyboard-interactive']);
    expect(pw.serverMethods).toEqual(['publickey']);
    const key = authPlan('root', { kind: 'private-key', name: 'k', key: Buffer.from('k') });
    expect(offers(key, [['password'], ['password']])).toEqual([false, false]);
  });

  it('answers hidden keyboard-interactive prompts with the password, a bounded number of times', () => {
    const plan = authPlan('root', {
      kind: 'password',
      name: 'p',
      password: Buffer.from('s3cret'),
      methods: ['keyboard-interactive'],
    });
    let method: AnyAuthMethod | undefined;
    plan.handler(null as never, false, (m) => (method = m as AnyAuthMethod));
    if (method?.type !== 'keyboard-interactive') throw new Error('expected keyboard-interactive');
    const answers: string[][] = [];
    for (let i = 0; i < 5; i++) {
      method.prompt(
        '',
        '',
        '',
        [
          { prompt: 'Login: ', echo: true },
          { prompt: 'Password: ', echo: false },
        ],
        (a) => answers.push(a),
      );
    }
    expect(answers.slice(0, 3)).toEqual(Array(3).fill(['', 's3cret']));
    expect(answers.slice(3)).toEqual([[], []]);
  });

  it('needs an agent socket for agent credentials', () => {
    expect(() => authPlan('root', { kind: 'agent', name: 'a' }, {})).toThrow(/SSH_AUTH_SOCK is not set/);
    const plan = authPlan('root', { kind: 'agent', name: 'a' }, { SSH_AUTH_SOCK: '/tmp/agent.sock' });
    expect(offers(plan, [null])).toEqual(['agent']);
  });
});
