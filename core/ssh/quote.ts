// Turning an argument vector into the one command line SSH can carry. The SSH protocol has no
// argv: the server hands a single string to the account's login shell (`$SHELL -c LINE`), so
// every element is single-quoted for a POSIX shell (sh, dash, bash, ash, zsh), where nothing
// inside single quotes has any meaning. Elements that cannot arrive literally are refused.

/** Longest command line we send; OpenSSH and the remote kernel's ARG_MAX allow more, but a
 * line this long is a bug upstream, not a command. */
export const MAX_COMMAND_LINE_BYTES = 128 * 1024;

export class UnsafeArgumentError extends Error {
  readonly code = 'bad-argument';
  constructor(
    /** Index of the offending argv element, or -1 for the vector as a whole. */
    readonly index: number,
    readonly reason: string,
  ) {
    super(index < 0 ? `Refused command: ${reason}` : `Refused command: argv[${index}] ${reason}`);
    this.name = 'UnsafeArgumentError';
  }
}

// A lone surrogate cannot be encoded as UTF-8: it would arrive as U+FFFD, i.e. not literally.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why this element cannot be sent as one literal argument, or null when it can. */
export function argumentProblem(arg: unknown): string | null {
  if (typeof arg !== 'string') return `is not a string (${typeof arg})`;
  // A C argv string ends at NUL: the remote program would see a shorter argument.
  if (arg.includes('\0')) return 'contains a NUL character, which no remote argument can hold';
  if (LONE_SURROGATE.test(arg)) return 'contains a lone UTF-16 surrogate, which has no UTF-8 encoding';
  return null;
}

/** Quote one argument for a POSIX shell: 'it'\''s' style. Throws on unsendable input. */
export function quoteArgument(arg: string, index = 0): string {
  const problem = argumentProblem(arg);
  if (problem) throw new UnsafeArgumentError(index, problem);
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/**
 * The command line for an argv: every element quoted (argv[0] too, so that a program name can
 * never be read as a keyword, an assignment or an alias).
 */
export function commandLine(argv: readonly string[]): string {
  if (!Array.isArray(argv)) throw new UnsafeArgumentError(-1, 'argv is not an array');
  if (argv.length === 0) throw new UnsafeArgumentError(-1, 'argv is empty');
  if (argv[0] === '') throw new UnsafeArgumentError(0, 'is empty (no program to run)');
  const line = argv.map((a, i) => quoteArgument(a, i)).join(' ');
  const bytes = Buffer.byteLength(line, 'utf8');
  if (bytes > MAX_COMMAND_LINE_BYTES) {
    throw new UnsafeArgumentError(-1, `command line is ${bytes} bytes, over ${MAX_COMMAND_LINE_BYTES}`);
  }
  return line;
}

/**
 * The reference reading of what commandLine produces: split a line made only of single-quoted
 * words and `\'` escapes, as a POSIX shell does; it rejects anything else. Tests hold
 * commandLine against it (and against a real shell).
 */
export function parseQuotedLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    let word = '';
    let inWord = false;
    while (i < line.length && line[i] !== ' ') {
      inWord = true;
      if (line[i] === "'") {
        const end = line.indexOf("'", i + 1);
        if (end < 0) throw new Error(`unterminated quote at ${i}`);
        word += line.slice(i + 1, end);
        i = end + 1;
      } else if (line[i] === '\\' && line[i + 1] === "'") {
        word += "'";
        i += 2;
      } else {
        throw new Error(`unquoted character ${JSON.stringify(line[i])} at ${i}`);
      }
    }
    if (inWord) out.push(word);
    i++;
  }
  return out;
}
