// From a vault credential to ssh2's authentication: one middleware that offers only methods the
// server still allows, remembers what it tried (for a clear error), and never falls back to
// anything the credential does not hold. Keyboard-interactive: a hidden prompt for the password
// is answered from a password credential; every other prompt (a one-time code, an echoed
// question) goes to the AuthPrompter, or, without one (monitoring, probes), ends the login with
// an error naming the prompt. After a partial success (a key accepted, a second factor still
// required) keyboard-interactive is offered next, whatever the credential.
import type {
  AnyAuthMethod,
  AuthHandlerMiddleware,
  AuthenticationType,
  KeyboardInteractiveAuthMethod,
  Prompt,
} from 'ssh2';
import type { ResolvedCredential } from '../vault/credential';
import type { AuthPrompter, AuthQuestion } from './auth-prompt';
import {
  MAX_INSTRUCTIONS_CHARS,
  MAX_NAME_CHARS,
  MAX_PROMPTS,
  MAX_PROMPT_CHARS,
  answersProblem,
  displayText,
  isPasswordPrompt,
} from './auth-prompt';
import { SshError } from './errors';

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

export interface AuthPlanOptions {
  /** Who asks, for the prompter's question and for errors. */
  about?: Omit<AuthQuestion, 'name' | 'instructions' | 'prompts'>;
  /** "domain/name" in error messages. */
  label?: string;
  /** null/absent: prompts Paddock cannot answer end the login with a clear error. */
  prompter?: AuthPrompter | null;
  /** Aborted when the connection attempt is abandoned (closes an open question). */
  signal?: AbortSignal;
  /** A person is being asked (true) or has answered (false): connect timers pause meanwhile. */
  onWaiting?: (waiting: boolean) => void;
  /** The login cannot go on (nothing left to answer with): the connection ends with this error. */
  onFailure?: (e: SshError) => void;
  env?: NodeJS.ProcessEnv;
}

const quoted = (prompts: readonly { text: string }[]) => prompts.map((p) => `"${p.text}"`).join(', ');

export function authPlan(user: string, cred: ResolvedCredential, o: AuthPlanOptions = {}): AuthPlan {
  const env = o.env ?? process.env;
  const label = o.label ?? `${user}@host`;
  const fail = (code: 'auth-failed' | 'aborted', message: string) =>
    o.onFailure?.(new SshError(code, label, message));
  const methods: AnyAuthMethod[] = [];
  const password = cred.kind === 'password' && cred.methods.includes('keyboard-interactive') ? cred : null;
  let rounds = 0;

  const keyboardPrompt: KeyboardInteractiveAuthMethod['prompt'] = (
    name,
    instructions,
    _lang,
    prompts,
    finish,
  ) => {
    // A server that keeps asking is not answered forever.
    if (++rounds > MAX_KEYBOARD_ROUNDS)
      return fail('auth-failed', `the host asked more than ${MAX_KEYBOARD_ROUNDS} rounds of questions`);
    if (prompts.length > MAX_PROMPTS)
      return fail(
        'auth-failed',
        `the host asked ${prompts.length} questions at once (at most ${MAX_PROMPTS})`,
      );
    const answers: (string | null)[] = prompts.map((p: Prompt) =>
      password && isPasswordPrompt(p) ? password.password.toString('utf8') : null,
    );
    const open = prompts
      .map((p: Prompt, i) => ({ i, text: displayText(p.prompt, MAX_PROMPT_CHARS), echo: p.echo === true }))
      .filter((p) => answers[p.i] === null);
    if (open.length === 0) return finish(answers as string[]);
    const prompter = o.prompter;
    if (!prompter || !o.about) {
      return fail(
        'auth-failed',
        `the host asks for ${quoted(open)}, which needs you: use Test connection (credential "${cred.name}")`,
      );
    }
    const question: AuthQuestion = {
      ...o.about,
      name: displayText(name, MAX_NAME_CHARS),
      instructions: displayText(instructions, MAX_INSTRUCTIONS_CHARS, true),
      prompts: open.map(({ text, echo }) => ({ text, echo })),
    };
    const signal = o.signal ?? new AbortController().signal;
    o.onWaiting?.(true);
    prompter.answer(question, signal).then(
      (given) => respond(given),
      () => respond(null),
    );
    function respond(given: readonly string[] | null): void {
      o.onWaiting?.(false);
      if (signal.aborted) return;
      if (given === null) {
        return fail(
          'aborted',
          `login cancelled: ${quoted(open)} was not answered (refused, cancelled or timed out); nothing was run`,
        );
      }
      const problem = answersProblem(given, open.length);
      if (problem) return fail('auth-failed', `the answers could not be sent: ${problem}`);
      open.forEach((p, k) => (answers[p.i] = given[k] as string));
      finish(answers as string[]);
    }
  };
  const keyboard = (): AnyAuthMethod => ({
    type: 'keyboard-interactive',
    username: user,
    prompt: keyboardPrompt,
  });

  if (cred.kind === 'private-key') {
    methods.push({
      type: 'publickey',
      username: user,
      key: cred.key,
      ...(cred.passphrase ? { passphrase: cred.passphrase } : {}),
    });
  } else if (cred.kind === 'password') {
    if (cred.methods.includes('password'))
      methods.push({ type: 'password', username: user, password: cred.password as unknown as string });
    if (cred.methods.includes('keyboard-interactive')) methods.push(keyboard());
  } else {
    const socket = cred.socket ?? env.SSH_AUTH_SOCK;
    if (!socket) {
      throw new AuthSetupError(`credential "${cred.name}" uses the ssh-agent, but SSH_AUTH_SOCK is not set`);
    }
    methods.push({ type: 'agent', username: user, agent: socket });
  }
  const tried: string[] = [];
  const serverMethods: string[] = [];
  let followedUp = false;
  const handler: AuthHandlerMiddleware = (authsLeft, partial, next) => {
    if (Array.isArray(authsLeft)) serverMethods.splice(0, serverMethods.length, ...authsLeft);
    // A method was accepted but the server wants a second one (sshd's AuthenticationMethods
    // "publickey,keyboard-interactive"): keyboard-interactive next, once.
    if (
      partial === true &&
      !followedUp &&
      Array.isArray(authsLeft) &&
      authsLeft.includes('keyboard-interactive') &&
      !methods.some((m) => m.type === 'keyboard-interactive')
    ) {
      followedUp = true;
      methods.unshift(keyboard());
    }
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
