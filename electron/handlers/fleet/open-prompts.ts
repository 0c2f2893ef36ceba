// The questions the SSH pool is waiting on a person to answer (host keys, login questions):
// each has an id, a view the renderer is sent, a deadline after which it counts as refused, and
// the connection attempts waiting on it. An attempt that gives up leaves; when the last one has
// left, the question closes. Whatever ends a question (an answer, the deadline, a cancel, the
// shutdown) resolves every waiter once and tells the renderer it is closed.
import { randomUUID } from 'node:crypto';
import type { PromptClosed } from '../../../core/ipc/contract';

type CloseReason = PromptClosed['reason'];

/** What every question view carries: which one, about which host, until when. */
export interface PromptViewBase {
  promptId: string;
  domain: string;
  host: string;
  port: number;
  expiresAt: string;
}

export interface OpenPromptsOptions<V, A> {
  timeoutMs: number;
  /** The answer given to waiters when the question ends unanswered. */
  refusal: A;
  /** Send the renderer a new question / the end of one. */
  opened(view: V): void;
  closed(event: PromptClosed): void;
  now?: () => number;
  newId?: () => string;
}

export interface OpenPrompt<V> {
  readonly view: V;
}

interface Entry<V, A> extends OpenPrompt<V> {
  waiters: Set<(answer: A) => void>;
  timer: NodeJS.Timeout;
}

export class OpenPrompts<V extends PromptViewBase, A> {
  private readonly open = new Map<string, Entry<V, A>>();
  private readonly listeners = new Set<(v: V) => void>();
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(private readonly o: OpenPromptsOptions<V, A>) {
    this.now = o.now ?? Date.now;
    this.newId = o.newId ?? randomUUID;
  }

  /** Open a question: `make` builds its view from the id and deadline given to it. */
  raise(make: (promptId: string, expiresAt: string) => V): OpenPrompt<V> {
    const view = make(this.newId(), new Date(this.now() + this.o.timeoutMs).toISOString());
    const entry: Entry<V, A> = {
      view,
      waiters: new Set(),
      timer: setTimeout(() => this.close(entry, 'timeout', this.o.refusal), this.o.timeoutMs),
    };
    entry.timer.unref();
    this.open.set(view.promptId, entry);
    this.o.opened(structuredClone(view));
    for (const l of this.listeners) {
      try {
        l(structuredClone(view));
      } catch {
        // A listener (a job's message) must not break the prompt.
      }
    }
    return entry;
  }

  /** Wait for the question's answer; an aborted attempt gets the refusal and leaves. */
  wait(prompt: OpenPrompt<V>, signal: AbortSignal): Promise<A> {
    const entry = this.entry(prompt);
    if (!entry || signal.aborted) return Promise.resolve(this.o.refusal);
    return new Promise<A>((resolve) => {
      const waiter = (answer: A) => {
        signal.removeEventListener('abort', onAbort);
        resolve(answer);
      };
      const onAbort = () => {
        entry.waiters.delete(waiter);
        resolve(this.o.refusal);
        // The last connection attempt waiting on this question gave up: close it.
        if (entry.waiters.size === 0) this.close(entry, 'cancelled', this.o.refusal);
      };
      entry.waiters.add(waiter);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  find(match: (view: V) => boolean): OpenPrompt<V> | undefined {
    return [...this.open.values()].find((p) => match(p.view));
  }

  get(promptId: string): OpenPrompt<V> | undefined {
    return this.open.get(promptId);
  }

  /** End a question with this answer for every waiter (no-op when it already ended). */
  close(prompt: OpenPrompt<V>, reason: CloseReason, answer: A): void {
    const entry = this.entry(prompt);
    if (!entry) return;
    this.open.delete(entry.view.promptId);
    clearTimeout(entry.timer);
    for (const w of [...entry.waiters]) w(answer);
    entry.waiters.clear();
    this.o.closed({ promptId: entry.view.promptId, reason });
  }

  pending(): V[] {
    return [...this.open.values()].map((p) => structuredClone(p.view));
  }

  /** Close the questions about one host (its connection attempt was cancelled): refused. */
  cancelFor(domain: string, host: string, port: number): void {
    for (const p of [...this.open.values()]) {
      if (p.view.domain === domain && p.view.host === host && p.view.port === port)
        this.close(p, 'cancelled', this.o.refusal);
    }
  }

  /** Close everything (shutdown): every waiting connection is refused. */
  closeAll(): void {
    for (const p of [...this.open.values()]) this.close(p, 'cancelled', this.o.refusal);
  }

  /** Told about each new question (e.g. a job showing "waiting for your decision"). */
  onPrompt(listener: (v: V) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private entry(prompt: OpenPrompt<V>): Entry<V, A> | undefined {
    const entry = this.open.get(prompt.view.promptId);
    return entry === prompt ? entry : undefined;
  }
}
