// Counting semaphore with abortable waits and an adjustable capacity: one per SSH connection,
// sized below the server's session limit (OpenSSH MaxSessions, 10 by default).

export class Semaphore {
  private active = 0;
  private readonly waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];

  constructor(private cap: number) {
    if (!Number.isInteger(cap) || cap < 1)
      throw new Error(`semaphore capacity must be a positive integer, not ${cap}`);
  }

  get capacity(): number {
    return this.cap;
  }

  get inUse(): number {
    return this.active;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /** Lower (or raise) the capacity; holders above a lowered capacity keep their slot. */
  setCapacity(cap: number): void {
    this.cap = Math.max(1, Math.floor(cap));
    this.pump();
  }

  /** Wait for a slot; the returned function releases it (idempotent). */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    if (this.active < this.cap && this.waiters.length === 0) {
      this.active++;
    } else {
      await new Promise<void>((resolve, reject) => {
        const w = {
          resolve: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
          reject,
        };
        const onAbort = () => {
          const i = this.waiters.indexOf(w);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        this.waiters.push(w);
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.pump();
    };
  }

  /** Fail everyone waiting (the connection went away). */
  rejectAll(e: unknown): void {
    for (const w of this.waiters.splice(0)) w.reject(e);
  }

  private pump(): void {
    while (this.active < this.cap && this.waiters.length) {
      this.active++;
      this.waiters.shift()?.resolve();
    }
  }
}
