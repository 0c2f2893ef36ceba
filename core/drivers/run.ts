// Running one driver command through a CommandRunner: bounded output, a timeout, and a
// DriverError naming the host, the command and the tool's own error line when it fails.
import type { CommandResult, CommandRunner } from '../exec/types';
import { DriverError, excerpt } from './errors';
import { MAX_OUTPUT_BYTES } from './limits';

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface RunOptions {
  timeoutMs?: number;
  stdin?: string;
  signal?: AbortSignal;
  onStdout?: (chunk: string) => void;
  onStderr?: (chunk: string) => void;
}

/** The line of stderr worth showing: virsh and xl put the reason on an "error:" line. */
export function errorLine(stderr: string, stdout = ''): string {
  const lines = `${stderr}\n${stdout}`
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const best = lines.find((l) => /^error\b|failed|cannot|not found|invalid/i.test(l)) ?? lines[0] ?? '';
  return best.length > 300 ? `${best.slice(0, 300)}…` : best;
}

export async function runChecked(
  runner: CommandRunner,
  argv: readonly string[],
  opts: RunOptions = {},
): Promise<CommandResult> {
  const command = argv.join(' ');
  let result: CommandResult;
  try {
    result = await runner.run({
      argv,
      stdin: opts.stdin,
      timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxOutputBytes: MAX_OUTPUT_BYTES,
      signal: opts.signal,
      onStdout: opts.onStdout,
      onStderr: opts.onStderr,
    });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const code = /time(d)?\s*out/i.test(msg) ? 'timeout' : 'command-failed';
    throw Object.assign(
      new DriverError(code, `${runner.target}: \`${command}\`: ${msg}`, command, runner.target),
      {
        cause: e,
      },
    );
  }
  if (result.code === 0) return result;
  if (result.code === null) {
    throw new DriverError(
      'timeout',
      `${runner.target}: \`${command}\` did not finish${result.signal ? ` (${result.signal})` : ''} after ${opts.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`,
      command,
      runner.target,
    );
  }
  const why = errorLine(result.stderr, result.stdout);
  throw new DriverError(
    'command-failed',
    `${runner.target}: \`${command}\` exited ${result.code}${why ? `: ${excerpt(why, 300).slice(1, -1)}` : ''}`,
    command,
    runner.target,
  );
}
