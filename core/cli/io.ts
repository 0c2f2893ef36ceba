// Where the CLI writes: lines to stdout and stderr (tests pass their own).
export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** Progress on a terminal (rewritten in place); absent when stderr is not a terminal. */
  progress?: (text: string) => void;
}
