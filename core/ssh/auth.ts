// From a vault credential to ssh2's authentication: one middleware that offers only methods the
// server still allows, remembers what it tried (for a clear error), and never falls back to
// anything the credential does not hold.
import type { AnyAuthMethod, AuthHandlerMiddleware, AuthenticationType } from 'ssh2';
import type { ResolvedCredential } from '../vault/credential';

export interface AuthPlan {
  handler: AuthHandlerMiddleware;
  /** Methods offered to the server so far. */
  readonly tried: string[];
  /** Methods the server said it accepts (from its last failure reply). */
  readonly serverMethods: string[];
}

export class AuthSetupError extends Error {
  readonly code = 'auth-failed';
}

const MAX_KEYBOARD_ROUNDS = 3;

export function authPlan(
  user: string,
  cred: ResolvedCredential,
  env: NodeJS.ProcessEnv = process.env,
): AuthPlan {
  const methods: AnyAuthMethod[] = [];
  if (cred.kind === 'private-key') {
    methods.push({
      type: 'publickey',
      username: user,
      key: cred.key,
      ...(cred.passphrase ? { passphrase: cred.passphrase } : {}),
    });
  } else if (cred.kind === 'password') {
    const password = cred.password;
    if (cred.methods.includes('password'))
      methods.push({ type: 'password', username: user, password: password as unknown as string });
    if (cred.methods.includes('keyboard-interactive')) {
      let rounds = 0;
      methods.push({
        type: 'keyboard-interactive',
        username: user,
        prompt: (_name, _instructions, _lang, prompts, finish) => {
          // Answer hidden prompts ("Password:") with the password; a server that keeps asking is
          // not answered forever.
          if (++rounds > MAX_KEYBOARD_ROUNDS) return finish([]);
          finish(prompts.map((p) => (p.echo ? '' : password.toString('utf8'))));
        },
      });
    }
  } else {
    const socket = cred.socket ?? env.SSH_AUTH_SOCK;
    if (!socket) {
      throw new AuthSetupError(`credential "${cred.name}" uses the ssh-agent, but SSH_AUTH_SOCK is not set`);
    }
    methods.push({ type: 'agent', username: user, agent: socket });
  }
  const tried: string[] = [];
  const serverMethods: string[] = [];
  const handler: AuthHandlerMiddleware = (authsLeft, _partial, next) => {
    if (Array.isArray(authsLeft)) serverMethods.splice(0, serverMethods.length, ...authsLeft);
    while (methods.length) {
      const m = methods.shift() as AnyAuthMethod;
      if (!Array.isArray(authsLeft) || authsLeft.includes(m.type as AuthenticationType)) {
        tried.push(m.type);
        return next(m);
      }
    }
    return next(false as unknown as AuthenticationType);
  };
  return { handler, tried, serverMethods };
}
