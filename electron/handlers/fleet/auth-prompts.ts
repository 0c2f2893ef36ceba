// Keyboard-interactive questions from the SSH pool to the person at the console (a one-time
// code on a bastion, a second factor after a key): the pool's login asks the AuthPrompter and
// waits; this turns the question into an `auth.prompt` event and waits for `auth.answer`. An
// unanswered prompt is a refusal after a timeout, an abandoned connection attempt (or a
// cancelled job) closes its prompt, and every question gets a dialog of its own (a code is
// good for one login only). Answers travel renderer -> main only, go straight to the waiting
// login and are kept nowhere: not in views, events, logs or the audit log.
import type { AuthPromptView } from '../../../core/ipc/contract';
import { PaddockError } from '../../../core/ipc/contract';
import type { AuthPrompter, AuthQuestion } from '../../../core/ssh/auth-prompt';
import { answersProblem } from '../../../core/ssh/auth-prompt';
import type { EventBus } from '../event-bus';
import { OpenPrompts } from './open-prompts';

export interface AuthPromptsOptions {
  events: EventBus;
  /** An unanswered prompt is a refusal after this long (default 100 s: sshd's LoginGraceTime
   * is 120 s for the whole login). */
  timeoutMs?: number;
  now?: () => number;
  newId?: () => string;
}

export const DEFAULT_AUTH_PROMPT_TIMEOUT_MS = 100_000;

export class AuthPrompts implements AuthPrompter {
  /** Answers: one per prompt, or null when refused. */
  private readonly prompts: OpenPrompts<AuthPromptView, readonly string[] | null>;

  constructor(o: AuthPromptsOptions) {
    this.prompts = new OpenPrompts<AuthPromptView, readonly string[] | null>({
      timeoutMs: o.timeoutMs ?? DEFAULT_AUTH_PROMPT_TIMEOUT_MS,
      refusal: null,
      opened: (v) => o.events.emit('auth.prompt', v),
      closed: (e) => o.events.emit('auth.closed', e),
      ...(o.now ? { now: o.now } : {}),
      ...(o.newId ? { newId: o.newId } : {}),
    });
  }

  /** AuthPrompter: the answers the user gives in time, else null. */
  answer(q: AuthQuestion, signal: AbortSignal): Promise<readonly string[] | null> {
    if (signal.aborted) return Promise.resolve(null);
    // Field by field: nothing but the question reaches the renderer.
    const open = this.prompts.raise((promptId, expiresAt) => ({
      promptId,
      domain: q.domain,
      container: q.container,
      host: q.host,
      port: q.port,
      user: q.user,
      credential: q.credential,
      name: q.name,
      instructions: q.instructions,
      prompts: q.prompts.map((p) => ({ text: p.text, echo: p.echo })),
      expiresAt,
    }));
    return this.prompts.wait(open, signal);
  }

  /** The user's answers (null: Cancel). Checked against the open prompt before anything is sent. */
  submit(promptId: string, answers: readonly string[] | null): { promptId: string; answered: boolean } {
    const open = this.prompts.get(promptId);
    if (!open) {
      throw new PaddockError(
        'not-found',
        'This login question is no longer open (it was answered, timed out or its connection was abandoned)',
      );
    }
    if (answers !== null) {
      const problem = answersProblem(answers, open.view.prompts.length);
      // The prompt stays open: the dialog can correct itself.
      if (problem) throw new PaddockError('invalid-request', `Invalid "auth.answer" request: ${problem}`);
    }
    this.prompts.close(open, 'answered', answers === null ? null : [...answers]);
    return { promptId, answered: answers !== null };
  }

  pending(): AuthPromptView[] {
    return this.prompts.pending();
  }

  /** Close the prompts about one host (its job was cancelled): a refusal. */
  cancelFor(domain: string, host: string, port: number): void {
    this.prompts.cancelFor(domain, host, port);
  }

  /** Close everything (shutdown): every waiting login is refused. */
  closeAll(): void {
    this.prompts.closeAll();
  }

  /** Told about each new prompt (e.g. a job showing "Waiting for your answer…"). */
  onPrompt(listener: (v: AuthPromptView) => void): () => void {
    return this.prompts.onPrompt(listener);
  }
}
