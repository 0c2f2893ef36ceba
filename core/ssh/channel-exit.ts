// A channel's exit status, captured the moment the channel exists. ssh2 may parse a command's
// whole life (output, exit-status, EOF) from one network read, emitting 'exit' before any
// later listener is attached; output is buffered by the stream but a missed 'exit' is lost.

export interface ChannelExit {
  code: number | null;
  signal?: string;
}

interface ExitEmitter {
  on(event: 'exit', listener: (code: number | null, signal?: string) => void): unknown;
}

const exits = new WeakMap<object, ChannelExit>();

/** Call synchronously in the callback that delivers the channel. */
export function recordExit(ch: ExitEmitter): void {
  ch.on('exit', (code, signal) => {
    exits.set(ch, { code: typeof code === 'number' ? code : null, ...(signal ? { signal } : {}) });
  });
}

/** The recorded exit, or null when the channel ended without one (so far). */
export function exitOf(ch: object): ChannelExit | null {
  return exits.get(ch) ?? null;
}
