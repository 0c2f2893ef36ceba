// Prepared changes waiting for the user's go-ahead (a diff shown, then "write"): each under a
// random id, for a limited time, at most a few at once (the oldest go first).
import { randomUUID } from 'node:crypto';
import { PaddockError } from '../../core/ipc/contract';

export interface PreviewStoreOptions {
  /** How long a preview can be used (default 10 minutes). */
  ttlMs?: number;
  /** At most this many are kept (default 20). */
  max?: number;
  now?: () => number;
}

export class PreviewStore<T> {
  private readonly items = new Map<string, { value: T; expiresAt: number }>();
  private readonly ttlMs: number;
  private readonly max: number;
  private readonly now: () => number;

  constructor(o: PreviewStoreOptions = {}) {
    this.ttlMs = o.ttlMs ?? 10 * 60_000;
    this.max = o.max ?? 20;
    this.now = o.now ?? Date.now;
  }

  /** Keep a preview; returns its id and when it expires. */
  put(value: T): { id: string; expiresAt: Date } {
    this.prune();
    const id = randomUUID();
    const expiresAt = this.now() + this.ttlMs;
    this.items.set(id, { value, expiresAt });
    this.prune();
    return { id, expiresAt: new Date(expiresAt) };
  }

  /** The preview, or a "not-found" error saying what to do (`again`: e.g. "preview the change again"). */
  get(id: string, again: string): T {
    this.prune();
    const hit = this.items.get(id);
    if (!hit) throw new PaddockError('not-found', `That preview is unknown or has expired: ${again}`);
    return hit.value;
  }

  values(): T[] {
    this.prune();
    return [...this.items.values()].map((e) => e.value);
  }

  delete(id: string): void {
    this.items.delete(id);
  }

  clear(): void {
    this.items.clear();
  }

  private prune(): void {
    const t = this.now();
    for (const [id, e] of this.items) if (e.expiresAt <= t) this.items.delete(id);
    const extra = this.items.size - this.max;
    if (extra > 0) for (const id of [...this.items.keys()].slice(0, extra)) this.items.delete(id);
  }
}
