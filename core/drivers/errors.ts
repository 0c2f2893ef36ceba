// Errors of the hypervisor drivers. Each names the host, the command and what went wrong, so
// the UI and the audit log can say exactly which remote step failed and why.

export type DriverErrorCode =
  /** A name, address or URI failed the allow-list before any command was built. */
  | 'invalid-argument'
  /** The command ran and failed (non-zero exit), e.g. "domain not found". */
  | 'command-failed'
  /** The command did not finish in time. */
  | 'timeout'
  /** The command's output was not what the parser expects (truncated, hostile, unknown). */
  | 'unexpected-output'
  /** The hypervisor toolstack has no such operation (e.g. xl has no job abort). */
  | 'unsupported';

export class DriverError extends Error {
  constructor(
    readonly code: DriverErrorCode,
    message: string,
    /** The command as a person would type it (argv joined), when one was involved. */
    readonly command?: string,
    /** The host ("domain/host") the command ran on, when known. */
    readonly target?: string,
  ) {
    super(message);
    this.name = 'DriverError';
  }
}

/** Output of a command that a parser cannot accept: names the command and what was wrong. */
export class OutputError extends DriverError {
  constructor(
    /** Short label of the command whose output this is, e.g. "virsh nodeinfo". */
    readonly source: string,
    readonly problem: string,
    /** 1-based line of the output where the problem is, when it is about one line. */
    readonly line?: number,
  ) {
    super('unexpected-output', `\`${source}\` output${line ? ` line ${line}` : ''}: ${problem}`, source);
    this.name = 'OutputError';
  }
}

/** Show a piece of untrusted output in an error message: bounded and with control characters made
 * visible, so a hostile host cannot forge lines in our logs. */
export function excerpt(text: string, max = 80): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(cut);
}
