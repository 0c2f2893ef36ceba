// Keyboard-interactive questions Paddock cannot answer from the vault (a one-time code from a
// token, "Verification code:", an echoed question), put to a person through an AuthPrompter the
// pool is given, like the host-key prompt. Which prompts are the password, how server text is
// made safe to show, and the bounds on questions and answers live here; auth.ts drives them.
import type { AuthQuestion } from '../records/auth-question';
import { MAX_ANSWER_BYTES } from '../records/auth-question';

export type { AuthPromptItem, AuthQuestion } from '../records/auth-question';
// The bounds the IPC contract checks too are defined with the question.
export { MAX_ANSWER_BYTES, MAX_PROMPTS } from '../records/auth-question';

/** Implemented by the UI (a dialog) or a CLI. Answers are never stored, logged or audited. */
export interface AuthPrompter {
  /** One answer per prompt, in order; null when refused, cancelled or timed out. The signal is
   * aborted when the connection attempt is abandoned (close the dialog then). */
  answer(q: AuthQuestion, signal: AbortSignal): Promise<readonly string[] | null>;
}

/** Bounds on what a server may ask in one round (MAX_PROMPTS, MAX_ANSWER_BYTES: see above). */
export const MAX_PROMPT_CHARS = 200;
export const MAX_NAME_CHARS = 200;
export const MAX_INSTRUCTIONS_CHARS = 2000;

// Terminal escape sequences first (CSI, OSC, other two-byte escapes), so that no "[31m" remains,
// then every other control character, C1 controls and bidirectional overrides.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]?/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function bound(s: string, max: number): string {
  const chars = [...s];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s;
}

/** Server text as it may be shown: no escapes or control characters (newlines kept when
 * `multiline`, else spaces), trimmed, at most `max` characters. */
export function displayText(raw: unknown, max: number, multiline = false): string {
  let s = typeof raw === 'string' ? raw : '';
  // Bound the work before the regular expressions run on a hostile megabyte.
  if (s.length > max * 8) s = s.slice(0, max * 8);
  s = s.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(ESCAPES, '').replace(CONTROLS, '');
  s = multiline ? s.replace(/\n{3,}/g, '\n\n') : s.replace(/\n+/g, ' ');
  return bound(s.trim(), max);
}

// A prompt for the account's password, as pam_unix ("Password: ") or a bastion words it; not a
// one-time password, PIN, code or a new password being chosen.
const PASSWORD = /pass(?:word|phrase)/i;
const NOT_THE_PASSWORD =
  /one[- ]?time|\botp\b|oath|token|verification|passcode|\bcode\b|\bpin\b|2fa|two[- ]factor|duo|yubi|\bnew\b|again|retype|confirm/i;

/** Whether a hidden prompt asks for the password a password credential holds. */
export function isPasswordPrompt(p: { prompt: string; echo?: boolean }): boolean {
  return p.echo !== true && PASSWORD.test(p.prompt) && !NOT_THE_PASSWORD.test(p.prompt);
}

/** Why answers cannot be sent for `count` prompts (names the problem), or null. */
export function answersProblem(answers: unknown, count: number): string | null {
  if (!Array.isArray(answers)) return 'the answers are not a list';
  if (answers.length !== count) return `${answers.length} answers were given for ${count} prompts`;
  for (const [i, a] of answers.entries()) {
    if (typeof a !== 'string') return `answer ${i + 1} is not text`;
    if (Buffer.byteLength(a, 'utf8') > MAX_ANSWER_BYTES)
      return `answer ${i + 1} is longer than ${MAX_ANSWER_BYTES} bytes`;
  }
  return null;
}
