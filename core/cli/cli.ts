// The `paddock` command: dispatch to a subcommand, turn every failure into a message on stderr
// and an exit code (see exit-codes.ts). Usable in-process (tests) and from main.ts.
import { CliError, EXIT, type ExitCode } from './exit-codes';
import type { Io } from './io';
import { planCommand, type PlanCommandHooks } from './plan-command';
import { USAGE } from './usage';
import { validateCommand } from './validate-command';

export async function cli(argv: readonly string[], io: Io, hooks: PlanCommandHooks = {}): Promise<ExitCode> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? EXIT.usage : EXIT.ok;
      case 'validate':
        return await validateCommand(rest, io);
      case 'plan':
        return await planCommand(rest, io, hooks);
      default:
        io.err(`paddock: unknown command "${command}" (commands: validate, plan; paddock --help)`);
        return EXIT.usage;
    }
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`paddock: ${e.message}`);
      if (e.exitCode === EXIT.usage) io.err('(paddock --help shows the usage)');
      return e.exitCode;
    }
    io.err(`paddock: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return EXIT.internal;
  }
}
