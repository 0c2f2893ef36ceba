// The `paddock` command's exit codes (also listed by `paddock --help` and docs/planner.md).
export const EXIT = {
  /** The site is valid / the plan does everything asked. */
  ok: 0,
  /** The site has errors (validate), or the plan cannot do everything asked (plan). */
  notOk: 1,
  /** Bad command line: unknown command or option, missing or malformed value. */
  usage: 2,
  /** The site file cannot be used: unreadable, too large, not a site, or errors other than placement. */
  badSite: 3,
  /** A bug: an unexpected error (please report it with the message). */
  internal: 4,
  /** Interrupted (Ctrl-C): the best plan found so far was printed. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error that ends the command with a given exit code and a message for stderr. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string): CliError => new CliError(EXIT.usage, message);
