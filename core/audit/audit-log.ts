// The append-only audit log: one JSON line per record (a command's start, its end, or a refused
// attempt), durable before `append` resolves.
// Records that arrive together are written and fsync'd as one batch (group commit), so fifty
// parallel commands cost one fsync, not fifty. The file is only ever opened for appending.
// Rotation-safe: before each batch the path is checked against the open file, so an external
// logrotate (rename + new file) is followed; `rotate()` does the same from inside.
import { constants } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AuditRecord, AuditSink } from './record';
import { auditLine } from './record';

export interface AuditLogOptions {
  /** Rotate when the file grows past this many bytes (default 32 MiB; 0 = never). */
  rotateBytes?: number;
  /** Rotated files kept: file.1 (newest) ... file.N (default 5). */
  keep?: number;
}

interface Pending {
  line: string;
  resolve: () => void;
  reject: (e: Error) => void;
}

export class AuditLogError extends Error {
  readonly code = 'audit-failed';
  /** Why the write failed (the system's message). */
  readonly reason: string;
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Audit log ${file} could not be written: ${reason}`);
    this.name = 'AuditLogError';
    this.reason = reason;
  }
}

export class AuditLog implements AuditSink {
  private fh: FileHandle | null = null;
  private ino = -1;
  private size = 0;
  private pending: Pending[] = [];
  private running: Promise<void> | null = null;
  private closed = false;
  private readonly rotateBytes: number;
  private readonly keep: number;

  private constructor(
    readonly file: string,
    options: AuditLogOptions,
  ) {
    this.rotateBytes = options.rotateBytes ?? 32 * 1024 * 1024;
    this.keep = Math.max(1, options.keep ?? 5);
  }

  static async open(file: string, options: AuditLogOptions = {}): Promise<AuditLog> {
    const log = new AuditLog(file, options);
    await log.reopen();
    return log;
  }

  append(record: AuditRecord): Promise<void> {
    if (this.closed) return Promise.reject(new AuditLogError(this.file, new Error('the log is closed')));
    let line: string;
    try {
      line = auditLine(record);
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ line, resolve, reject });
      this.running ??= this.drain();
    });
  }

  /** Move the current file to file.1 (shifting older ones) and start a new one. */
  rotate(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ line: '', resolve, reject });
      this.running ??= this.drain();
    });
  }

  /** Waits for pending records, then closes. */
  async close(): Promise<void> {
    this.closed = true;
    await this.running;
    await this.fh?.close();
    this.fh = null;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0);
        try {
          await this.writeBatch(batch);
          for (const p of batch) p.resolve();
        } catch (e) {
          // Drop the handle so the next batch reopens the file (it may have been fixed).
          await this.fh?.close().catch(() => undefined);
          this.fh = null;
          const err = e instanceof AuditLogError ? e : new AuditLogError(this.file, e);
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.running = null;
    }
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    let text = '';
    for (const p of batch) {
      if (p.line) text += p.line;
      else {
        // A rotation request: flush what came before it, then rotate.
        if (text) await this.write(text);
        text = '';
        await this.rotateNow();
      }
    }
    if (text) await this.write(text);
    if (this.rotateBytes > 0 && this.size >= this.rotateBytes) await this.rotateNow();
  }

  private async write(text: string): Promise<void> {
    await this.followExternalRotation();
    const fh = this.fh;
    if (!fh) throw new Error('not open');
    const buf = Buffer.from(text, 'utf8');
    let off = 0;
    while (off < buf.length) off += (await fh.write(buf, off)).bytesWritten;
    await fh.datasync();
    this.size += buf.length;
  }

  private async followExternalRotation(): Promise<void> {
    if (!this.fh) return this.reopen();
    const onDisk = await stat(this.file).catch(() => null);
    if (!onDisk || onDisk.ino !== this.ino) {
      await this.fh.close().catch(() => undefined);
      this.fh = null;
      await this.reopen();
    }
  }

  private async rotateNow(): Promise<void> {
    await this.fh?.close();
    this.fh = null;
    await rm(`${this.file}.${this.keep}`, { force: true });
    for (let i = this.keep - 1; i >= 1; i--) {
      await rename(`${this.file}.${i}`, `${this.file}.${i + 1}`).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
    }
    await rename(this.file, `${this.file}.1`).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
    await this.reopen();
  }

  private async reopen(): Promise<void> {
    const fh = await open(this.file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o600);
    try {
      const st = await fh.stat();
      // A crash mid-line leaves a torn last record: start ours on a fresh line.
      if (st.size > 0) {
        const last = Buffer.alloc(1);
        const r = await open(this.file, 'r');
        try {
          await r.read(last, 0, 1, st.size - 1);
        } finally {
          await r.close();
        }
        if (last[0] !== 0x0a) await fh.write('\n');
      }
      await fh.sync();
      // Make the file's directory entry durable too (a new file after rotation).
      const dir = await open(path.dirname(this.file), 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
      this.fh = fh;
      this.ino = st.ino;
      this.size = st.size;
    } catch (e) {
      await fh.close().catch(() => undefined);
      throw e;
    }
  }
}
