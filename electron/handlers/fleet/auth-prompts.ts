// Keyboard-interactive questions from the SSH pool to the person at the console (a one-time
// code on a bastion, a second factor after a key): the pool's login asks the AuthPrompter and
// waits; this turns the question into an `auth.prompt` event and waits for `auth.answer`. An
// unanswered prompt is a refusal after a timeout, an abandoned connection attempt (or a
// cancelled job) closes its prompt, and every question gets a dialog of its own (a code is
// good for one login only). Answers travel renderer -> main only, go straight to the waiting
// login and are kept nowhere: not in views, events, logs or the audit log.
import { randomUUID } from 'node:crypto';
import type { AuthPromptView } from '../../../core/ipc/contract';
import { PaddockError } from '../../../core/ipc/contract';
import type { AuthPrompter, AuthQuestion } from '../../../core/ssh/auth-prompt';
import { answersProblem } from '../../../core/ssh/auth-prompt';
import type { EventBus } from '../event-bus';

export interface AuthPromptsOptions {
  events: EventBus;
  /** An unanswered prompt is a refusal after this long (default 100 s: sshd's LoginGraceTime
   * is 120 s for the whole login). */
  timeoutMs?: number;
  now?: () => number;
  newId?: () => string;
}

interface Open {
  view: AuthPromptView;
  resolve: (answers: readonly string[] | null) => void;
  timer: NodeJS.Timeout;
  signal: AbortSignal;
  onAbort: () => void;
}

export const DEFAULT_AUTH_PROMPT_TIMEOUT_MS = 100_000;

export class AuthPrompts implements AuthPrompter {
  private readonly open = new Map<string, Open>();
  private readonly listeners = new Set<(v: AuthPromptView) => void>();
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(private readonly o: AuthPromptsOptions) {
    this.timeoutMs = o.timeoutMs ?? DEFAULT_AUTH_PROMPT_TIMEOUT_MS;
    this.now = o.now ?? Date.now;
    this.newId = o.newId ?? randomUUID;
  }

  /** AuthPrompter: the answers the user gives in time, else null. */
  answer(q: AuthQuestion, signal: AbortSignal): Promise<readonly string[] | null> {
    if (signal.aborted) return Promise.resolve(null);
    return new Promise((resolve) => {
      // Field by field: nothing but the question reaches the renderer.
      const view: AuthPromptView = {
        promptId: this.newId(),
        domain: q.domain,
        container: q.container,
        host: q.host,
        port: q.port,
        user: q.user,
        credential: q.credential,
        name: q.name,
        instructions: q.instructions,
        prompts: q.prompts.map((p) => ({ text: p.text, echo: p.echo })),
        expiresAt: new Date(this.now() + this.timeoutMs).toISOString(),
      };
      const entry: Open = {
        view,
        resolve,
        signal,
        timer: setTimeout(() => this.close(entry, 'timeout', null), this.timeoutMs),
        onAbort: () => this.close(entry, 'cancelled', null),
      };
      entry.timer.unref();
      signal.addEventListener('abort', entry.onAbort, { once: true });
      this.open.set(view.promptId, entry);
      this.o.events.emit('auth.prompt', structuredClone(view));
      for (const l of this.listeners) {
        try {
          l(structuredClone(view));
        } catch {
          // A listener (a job's message) must not break the prompt.
        }
      }
    });
  }

  /** The user's answers (null: Cancel). Checked against the open prompt before anything is sent. */
  submit(promptId: string, answers: readonly string[] | null): { promptId: string; answered: boolean } {
    const entry = this.open.get(promptId);
    if (!entry) {
      throw new PaddockError(
        'not-found',
        'This login question is no longer open (it was answered, timed out or its connection was abandoned)',
      );
    }
    if (answers !== null) {
      const problem = answersProblem(answers, entry.view.prompts.length);
      // The prompt stays open: the dialog can correct itself.
      if (problem) throw new PaddockError('invalid-request', `Invalid "auth.answer" request: ${problem}`);
    }
    this.close(entry, 'answered', answers === null ? null : [...answers]);
    return { promptId, answered: answers !== null };
  }

  pending(): AuthPromptView[] {
    return [...this.open.values()].map((p) => structuredClone(p.view));
  }

  /** Close the prompts about one host (its job was cancelled): a refusal. */
  cancelFor(domain: string, host: string, port: number): void {
    for (const p of [...this.open.values()]) {
      if (p.view.domain === domain && p.view.host === host && p.view.port === port)
        this.close(p, 'cancelled', null);
    }
  }

  /** Close everything (shutdown): every waiting login is refused. */
  closeAll(): void {
    for (const p of [...this.open.values()]) this.close(p, 'cancelled', null);
  }

  /** Told about each new prompt (e.g. a job showing "Waiting for your answer…"). */
  onPrompt(listener: (v: AuthPromptView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private close(
    entry: Open,
    reason: 'answered' | 'timeout' | 'cancelled',
    answers: readonly string[] | null,
  ): void {
    if (this.open.get(entry.view.promptId) !== entry) return;
    this.open.delete(entry.view.promptId);
    clearTimeout(entry.timer);
    entry.signal.removeEventListener('abort', entry.onAbort);
    entry.resolve(answers);
    this.o.events.emit('auth.closed', { promptId: entry.view.promptId, reason });
  }
}
