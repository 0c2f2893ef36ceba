// Host-key questions from the SSH pool to the person at the console. The pool's HostKeyGate
// asks about an unknown host and waits (nothing is sent to the host meanwhile); this turns the
// question into a `hostkey.prompt` event and waits for `hostkey.answer`. An unanswered prompt
// counts as "reject" after a timeout, an abandoned connection attempt closes its prompt, and the
// same question asked twice at once (two commands to one new host) shows one dialog.
// A changed key is only reported: the gate has already refused it, and the only answer is
// "reject" (the dialog's "Disconnect"); trusting it from a prompt is refused.
import { randomUUID } from 'node:crypto';
import type { HostKeyPromptView } from '../../../core/ipc/contract';
import { PaddockError } from '../../../core/ipc/contract';
import type { PresentedKey } from '../../../core/ssh/errors';
import type { HostKeyPrompt, HostKeyQuestion } from '../../../core/ssh/host-key-gate';
import type { EventBus } from '../event-bus';

export interface HostKeyPromptsOptions {
  events: EventBus;
  /** An unanswered prompt is a "reject" after this long (default 2 minutes). */
  timeoutMs?: number;
  now?: () => number;
  newId?: () => string;
}

interface Waiter {
  resolve: (trusted: boolean) => void;
}

interface Open {
  view: HostKeyPromptView;
  waiters: Set<Waiter>;
  timer: NodeJS.Timeout;
}

export const DEFAULT_HOSTKEY_TIMEOUT_MS = 120_000;

const sameQuestion = (v: HostKeyPromptView, kind: HostKeyPromptView['kind'], q: HostKeyQuestion) =>
  v.kind === kind &&
  v.domain === q.domain &&
  v.host === q.host &&
  v.port === q.port &&
  v.keyType === q.keyType &&
  v.fingerprint === q.fingerprint;

export class HostKeyPrompts implements HostKeyPrompt {
  private readonly open = new Map<string, Open>();
  private readonly listeners = new Set<(v: HostKeyPromptView) => void>();
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(private readonly o: HostKeyPromptsOptions) {
    this.timeoutMs = o.timeoutMs ?? DEFAULT_HOSTKEY_TIMEOUT_MS;
    this.now = o.now ?? Date.now;
    this.newId = o.newId ?? randomUUID;
  }

  /** HostKeyPrompt: resolves true only when the user answers "trust" in time. */
  confirmUnknownHost(q: HostKeyQuestion, signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return Promise.resolve(false);
    const existing = [...this.open.values()].find((p) => sameQuestion(p.view, 'unknown', q));
    const entry = existing ?? this.raise('unknown', q);
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        resolve: (trusted) => {
          signal.removeEventListener('abort', onAbort);
          resolve(trusted);
        },
      };
      const onAbort = () => {
        entry.waiters.delete(waiter);
        resolve(false);
        // The last connection attempt waiting on this dialog gave up: close it.
        if (entry.waiters.size === 0) this.close(entry, 'cancelled', false);
      };
      entry.waiters.add(waiter);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** HostKeyPrompt: the gate refused a changed key; show the hard stop. */
  reportChangedKey(q: HostKeyQuestion & { known: readonly PresentedKey[] }): void {
    if ([...this.open.values()].some((p) => sameQuestion(p.view, 'changed', q))) return;
    this.raise('changed', q, q.known);
  }

  /** The user's answer. A changed key can only be rejected. */
  answer(promptId: string, decision: 'trust' | 'reject'): { promptId: string; decision: 'trust' | 'reject' } {
    const entry = this.open.get(promptId);
    if (!entry) {
      throw new PaddockError(
        'not-found',
        'This host-key question is no longer open (it was answered, timed out or its connection was abandoned)',
      );
    }
    if (entry.view.kind === 'changed' && decision === 'trust') {
      throw new PaddockError(
        'refused',
        `The host key of ${entry.view.domain}/${entry.view.container} CHANGED: it cannot be trusted from this dialog. ` +
          'If the host was really re-installed, remove its old key under Known hosts, then connect again.',
      );
    }
    this.close(entry, 'answered', decision === 'trust');
    return { promptId, decision };
  }

  pending(): HostKeyPromptView[] {
    return [...this.open.values()].map((p) => structuredClone(p.view));
  }

  /** Close the prompts about one host (its connection attempt was cancelled): a "reject". */
  cancelFor(domain: string, host: string, port: number): void {
    for (const p of [...this.open.values()]) {
      if (p.view.domain === domain && p.view.host === host && p.view.port === port)
        this.close(p, 'cancelled', false);
    }
  }

  /** Close everything (shutdown): every waiting connection is refused. */
  closeAll(): void {
    for (const p of [...this.open.values()]) this.close(p, 'cancelled', false);
  }

  /** Told about each new prompt (e.g. a job showing "waiting for your decision"). */
  onPrompt(listener: (v: HostKeyPromptView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private raise(
    kind: HostKeyPromptView['kind'],
    q: HostKeyQuestion,
    known: readonly PresentedKey[] = [],
  ): Open {
    const view: HostKeyPromptView = {
      promptId: this.newId(),
      kind,
      domain: q.domain,
      container: q.name,
      host: q.host,
      port: q.port,
      keyType: q.keyType,
      fingerprint: q.fingerprint,
      expiresAt: new Date(this.now() + this.timeoutMs).toISOString(),
    };
    if (kind === 'changed') {
      const first = known.find((k) => k.keyType === q.keyType) ?? known[0];
      if (first) view.knownFingerprint = first.fingerprint;
      view.known = known.map((k) => ({ keyType: k.keyType, fingerprint: k.fingerprint }));
    }
    const entry: Open = {
      view,
      waiters: new Set(),
      timer: setTimeout(() => this.close(entry, 'timeout', false), this.timeoutMs),
    };
    entry.timer.unref();
    this.open.set(view.promptId, entry);
    this.o.events.emit('hostkey.prompt', structuredClone(view));
    for (const l of this.listeners) {
      try {
        l(structuredClone(view));
      } catch {
        // A listener (a job's message) must not break the prompt.
      }
    }
    return entry;
  }

  private close(entry: Open, reason: 'answered' | 'timeout' | 'cancelled', trusted: boolean): void {
    if (this.open.get(entry.view.promptId) !== entry) return;
    this.open.delete(entry.view.promptId);
    clearTimeout(entry.timer);
    for (const w of [...entry.waiters]) w.resolve(trusted);
    entry.waiters.clear();
    this.o.events.emit('hostkey.closed', { promptId: entry.view.promptId, reason });
  }
}
