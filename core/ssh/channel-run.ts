// Running one command on an open exec channel: stdin, streamed output, an output size limit, a
// timeout and cancellation. The outcome is reported as soon as it is known; `closed` resolves
// only when the server has closed the channel, which is when its session slot is free again.
import { StringDecoder } from 'node:string_decoder';
import type { ClientChannel } from 'ssh2';
import type { CommandResult } from '../exec/types';
import { exitOf } from './channel-exit';
import { SshError } from './errors';

export interface ChannelRunOptions {
  label: string;
  stdin?: string | Uint8Array;
  /** Absolute deadline (ms since epoch) for the whole command, or undefined for none. */
  deadline?: number;
  maxOutputBytes: number;
  signal?: AbortSignal;
  onStdout?: (chunk: string) => void;
  onStderr?: (chunk: string) => void;
  startedAt: number;
  /** Why the connection ended, if it did: a channel closed by a dead connection is not an exit. */
  connectionError?: () => SshError | null;
}

export interface ChannelRun {
  result: Promise<CommandResult>;
  /** Resolves when the channel is closed on both sides (never rejects). */
  closed: Promise<void>;
}

/** A failed command's partial output travels with the error. */
export class CommandError extends SshError {
  constructor(
    code: 'command-timeout' | 'output-limit' | 'aborted' | 'connection-lost',
    label: string,
    message: string,
    readonly partial: CommandResult,
  ) {
    super(code, label, message);
    this.name = 'CommandError';
  }
}

// Grace for a server that ignores our close before we stop waiting for the slot.
const CLOSE_GRACE_MS = 5_000;

export function runOnChannel(ch: ClientChannel, o: ChannelRunOptions): ChannelRun {
  const out = new StringDecoder('utf8');
  const err = new StringDecoder('utf8');
  let stdout = '';
  let stderr = '';
  let bytes = 0;
  let code: number | null = null;
  let signal: string | undefined;
  let settled = false;
  let timer: NodeJS.Timeout | undefined;
  let closeChannel: () => void = () => undefined;

  const closed = new Promise<void>((resolve) => {
    let grace: NodeJS.Timeout | undefined;
    ch.once('close', () => {
      clearTimeout(grace);
      resolve();
    });
    closeChannel = () => {
      try {
        ch.signal('KILL');
      } catch {
        // Not every server honours signals; closing the channel still ends the session.
      }
      ch.close();
      grace ??= setTimeout(resolve, CLOSE_GRACE_MS);
    };
  });

  const result = new Promise<CommandResult>((resolve, reject) => {
    const partial = (): CommandResult => ({
      code,
      ...(signal ? { signal } : {}),
      stdout,
      stderr,
      durationMs: Date.now() - o.startedAt,
    });
    const stop = (code2: ConstructorParameters<typeof CommandError>[0], message: string) => {
      if (settled) return;
      settled = true;
      cleanup();
      closeChannel();
      reject(new CommandError(code2, o.label, message, partial()));
    };
    const onAbort = () => {
      const r: unknown = o.signal?.reason;
      if (r instanceof Error && r.name === 'TimeoutError') {
        stop('command-timeout', `command timed out after ${Date.now() - o.startedAt} ms`);
      } else stop('aborted', 'command cancelled');
    };
    const cleanup = () => {
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
    };
    const take = (chunk: Buffer, which: 'out' | 'err') => {
      if (settled) return;
      bytes += chunk.length;
      if (bytes > o.maxOutputBytes) {
        return stop('output-limit', `output exceeded ${o.maxOutputBytes} bytes; command stopped`);
      }
      const text = (which === 'out' ? out : err).write(chunk);
      if (!text) return;
      if (which === 'out') {
        stdout += text;
        o.onStdout?.(text);
      } else {
        stderr += text;
        o.onStderr?.(text);
      }
    };
    ch.on('data', (c: Buffer) => take(c, 'out'));
    ch.stderr.on('data', (c: Buffer) => take(c, 'err'));
    ch.once('close', () => {
      const exit = exitOf(ch);
      if (exit) {
        code = exit.code;
        if (exit.signal) signal = exit.signal;
      }
      if (settled) return;
      settled = true;
      cleanup();
      const tailOut = out.end();
      const tailErr = err.end();
      if (tailOut) {
        stdout += tailOut;
        o.onStdout?.(tailOut);
      }
      if (tailErr) {
        stderr += tailErr;
        o.onStderr?.(tailErr);
      }
      // OpenSSH always reports an exit status or signal; a channel closed without one was cut
      // off (usually by the connection dying under it).
      if (code === null && signal === undefined) {
        const why = o.connectionError?.()?.message ?? 'the channel closed without an exit status';
        reject(new CommandError('connection-lost', o.label, `no exit status: ${why}`, partial()));
      } else resolve(partial());
    });
    if (o.signal?.aborted) return onAbort();
    o.signal?.addEventListener('abort', onAbort, { once: true });
    if (o.deadline !== undefined) {
      const ms = Math.max(0, o.deadline - Date.now());
      timer = setTimeout(
        () => stop('command-timeout', `command timed out after ${Date.now() - o.startedAt} ms`),
        ms,
      );
    }
    if (o.stdin !== undefined) ch.end(typeof o.stdin === 'string' ? o.stdin : Buffer.from(o.stdin));
    else ch.end();
  });
  return { result, closed };
}
