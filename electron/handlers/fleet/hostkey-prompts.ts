// Host-key questions from the SSH pool to the person at the console. The pool's HostKeyGate
// asks about an unknown host and waits (nothing is sent to the host meanwhile); this turns the
// question into a `hostkey.prompt` event and waits for `hostkey.answer`. An unanswered prompt
// counts as "reject" after a timeout, an abandoned connection attempt closes its prompt, and the
// same question asked twice at once (two commands to one new host) shows one dialog.
// A changed key is only reported: the gate has already refused it, and the only answer is
// "reject" (the dialog's "Disconnect"); trusting it from a prompt is refused.
import type { HostKeyPromptView } from '../../../core/ipc/contract';
import { PaddockError } from '../../../core/ipc/contract';
import type { PresentedKey } from '../../../core/ssh/errors';
import type { HostKeyPrompt, HostKeyQuestion } from '../../../core/ssh/host-key-gate';
import type { EventBus } from '../event-bus';
import { OpenPrompts } from './open-prompts';

export interface HostKeyPromptsOptions {
  events: EventBus;
  /** An unanswered prompt is a "reject" after this long (default 2 minutes). */
  timeoutMs?: number;
  now?: () => number;
  newId?: () => string;
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
  /** Answers: true = trusted. */
  private readonly prompts: OpenPrompts<HostKeyPromptView, boolean>;

  constructor(o: HostKeyPromptsOptions) {
    this.prompts = new OpenPrompts<HostKeyPromptView, boolean>({
      timeoutMs: o.timeoutMs ?? DEFAULT_HOSTKEY_TIMEOUT_MS,
      refusal: false,
      opened: (v) => o.events.emit('hostkey.prompt', v),
      closed: (e) => o.events.emit('hostkey.closed', e),
      ...(o.now ? { now: o.now } : {}),
      ...(o.newId ? { newId: o.newId } : {}),
    });
  }

  /** HostKeyPrompt: resolves true only when the user answers "trust" in time. */
  confirmUnknownHost(q: HostKeyQuestion, signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return Promise.resolve(false);
    const open = this.prompts.find((v) => sameQuestion(v, 'unknown', q)) ?? this.raise('unknown', q);
    return this.prompts.wait(open, signal);
  }

  /** HostKeyPrompt: the gate refused a changed key; show the hard stop. */
  reportChangedKey(q: HostKeyQuestion & { known: readonly PresentedKey[] }): void {
    if (this.prompts.find((v) => sameQuestion(v, 'changed', q))) return;
    this.raise('changed', q, q.known);
  }

  /** The user's answer. A changed key can only be rejected. */
  answer(promptId: string, decision: 'trust' | 'reject'): { promptId: string; decision: 'trust' | 'reject' } {
    const open = this.prompts.get(promptId);
    if (!open) {
      throw new PaddockError(
        'not-found',
        'This host-key question is no longer open (it was answered, timed out or its connection was abandoned)',
      );
    }
    if (open.view.kind === 'changed' && decision === 'trust') {
      throw new PaddockError(
        'refused',
        `The host key of ${open.view.domain}/${open.view.container} CHANGED: it cannot be trusted from this dialog. ` +
          'If the host was really re-installed, remove its old key under Known hosts, then connect again.',
      );
    }
    this.prompts.close(open, 'answered', decision === 'trust');
    return { promptId, decision };
  }

  pending(): HostKeyPromptView[] {
    return this.prompts.pending();
  }

  /** Close the prompts about one host (its connection attempt was cancelled): a "reject". */
  cancelFor(domain: string, host: string, port: number): void {
    this.prompts.cancelFor(domain, host, port);
  }

  /** Close everything (shutdown): every waiting connection is refused. */
  closeAll(): void {
    this.prompts.closeAll();
  }

  /** Told about each new prompt (e.g. a job showing "waiting for your decision"). */
  onPrompt(listener: (v: HostKeyPromptView) => void): () => void {
    return this.prompts.onPrompt(listener);
  }

  private raise(kind: HostKeyPromptView['kind'], q: HostKeyQuestion, known: readonly PresentedKey[] = []) {
    return this.prompts.raise((promptId, expiresAt) => {
      const view: HostKeyPromptView = {
        promptId,
        kind,
        domain: q.domain,
        container: q.name,
        host: q.host,
        port: q.port,
        keyType: q.keyType,
        fingerprint: q.fingerprint,
        expiresAt,
      };
      if (kind === 'changed') {
        const first = known.find((k) => k.keyType === q.keyType) ?? known[0];
        if (first) view.knownFingerprint = first.fingerprint;
        view.known = known.map((k) => ({ keyType: k.keyType, fingerprint: k.fingerprint }));
      }
      return view;
    });
  }
}
