// An interactive channel with a pty, for embedded consoles (`virsh console VM` needs a pty) and
// emergency shells. Bytes in, bytes out, resize, end. Output produced before the first listener
// subscribes is kept (bounded) so that a console's first prompt is not lost.
import type { ClientChannel } from 'ssh2';
import { exitOf } from './channel-exit';

export interface PtySize {
  rows: number;
  cols: number;
}

export interface InteractiveOptions {
  /** Run this command under a pty (e.g. ['virsh', 'console', 'vm1']); absent = login shell. */
  argv?: readonly string[];
  pty: PtySize & { term?: string };
  signal?: AbortSignal;
}

export interface SessionEnd {
  code: number | null;
  signal?: string;
}

const MAX_BACKLOG = 1024 * 1024;

export function checkPtySize(rows: number, cols: number): void {
  for (const [n, v] of [
    ['rows', rows],
    ['cols', cols],
  ] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 1000)
      throw new RangeError(`pty ${n} must be an integer from 1 to 1000, not ${v}`);
  }
}

export class InteractiveSession {
  readonly ended: Promise<SessionEnd>;
  private readonly listeners = new Set<(chunk: Buffer) => void>();
  private backlog: Buffer[] = [];
  private backlogBytes = 0;
  private done = false;

  constructor(private readonly ch: ClientChannel) {
    const deliver = (c: Buffer) => {
      if (this.listeners.size === 0) {
        if (this.backlogBytes + c.length <= MAX_BACKLOG) {
          this.backlog.push(c);
          this.backlogBytes += c.length;
        }
        return;
      }
      for (const l of this.listeners) l(c);
    };
    ch.on('data', deliver);
    ch.stderr.on('data', deliver);
    this.ended = new Promise((resolve) =>
      ch.once('close', () => {
        this.done = true;
        resolve(exitOf(ch) ?? { code: null });
      }),
    );
  }

  get isOpen(): boolean {
    return !this.done;
  }

  onData(listener: (chunk: Buffer) => void): () => void {
    this.listeners.add(listener);
    if (this.backlog.length) {
      const b = this.backlog;
      this.backlog = [];
      this.backlogBytes = 0;
      for (const c of b) listener(c);
    }
    return () => this.listeners.delete(listener);
  }

  write(data: string | Uint8Array): void {
    if (this.done) throw new Error('the session has ended');
    this.ch.write(typeof data === 'string' ? data : Buffer.from(data));
  }

  resize(rows: number, cols: number): void {
    checkPtySize(rows, cols);
    if (!this.done) this.ch.setWindow(rows, cols, 0, 0);
  }

  close(): void {
    if (!this.done) this.ch.close();
  }
}
