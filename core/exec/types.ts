// How core runs a command on a container: always an argument vector, never a shell line.
// The SSH pool (core/ssh) implements CommandRunner for one host of one security domain;
// hypervisor drivers and discovery only ever see this interface.

export interface RemoteCommand {
  /** argv[0] is the program; every element reaches the remote side as one literal argument. */
  argv: readonly string[];
  /** Bytes written to the command's stdin, then closed. */
  stdin?: string | Uint8Array;
  /** Kill the command (and report a timeout) after this long. */
  timeoutMs?: number;
  /** Stop reading and fail once stdout + stderr exceed this many bytes. */
  maxOutputBytes?: number;
  signal?: AbortSignal;
  /** Called with each chunk of stdout as it arrives (streaming). */
  onStdout?: (chunk: string) => void;
  onStderr?: (chunk: string) => void;
}

export interface CommandResult {
  /** Exit status, or null when the command ended by a signal / was cut off. */
  code: number | null;
  signal?: string;
  stdout: string;
  stderr: string;
  durationMs: number;
}

export interface CommandRunner {
  /** Human label of the target ("domain/host"), for errors and the audit log. */
  readonly target: string;
  run(cmd: RemoteCommand): Promise<CommandResult>;
}
