// What the libvirt and xl drivers share: running argv through the runner, the simple lifecycle
// commands, shutdown-then-poll, and timing a migration. Each driver supplies the argv.
import type { CommandRunner } from '../exec/types';
import type { VmState } from '../model/types';
import { runChecked } from './run';
import type { MigrateOptions, MigrationResult, ShutdownOptions, ShutdownResult } from './types';
import { waitUntilOff } from './wait-off';

export interface LifecycleArgv {
  start(name: string): string[];
  shutdown(name: string): string[];
  reboot(name: string): string[];
  destroy(name: string): string[];
  undefine(name: string): string[];
}

export abstract class CommandDriver {
  constructor(
    protected readonly runner: CommandRunner,
    private readonly lifecycle: LifecycleArgv,
    private readonly migrateTimeoutMs: number,
  ) {}

  get target(): string {
    return this.runner.target;
  }

  protected async stdout(argv: string[], stdin?: string): Promise<string> {
    return (await runChecked(this.runner, argv, { stdin })).stdout;
  }

  /** The domain's state now; a domain the toolstack no longer knows counts as stopped. */
  protected abstract currentState(name: string): Promise<VmState>;

  async start(name: string): Promise<void> {
    await this.stdout(this.lifecycle.start(name));
  }

  async shutdown(name: string, options: ShutdownOptions): Promise<ShutdownResult> {
    await this.stdout(this.lifecycle.shutdown(name));
    return waitUntilOff(name, () => this.currentState(name), options);
  }

  async reboot(name: string): Promise<void> {
    await this.stdout(this.lifecycle.reboot(name));
  }

  async forceOff(name: string): Promise<void> {
    await this.stdout(this.lifecycle.destroy(name));
  }

  async undefine(name: string): Promise<void> {
    await this.stdout(this.lifecycle.undefine(name));
  }

  protected async runMigration(
    name: string,
    argv: string[],
    options: MigrateOptions,
  ): Promise<MigrationResult> {
    const t0 = Date.now();
    const r = await runChecked(this.runner, argv, {
      timeoutMs: options.timeoutMs ?? this.migrateTimeoutMs,
      signal: options.signal,
    });
    return { name, elapsedMs: Date.now() - t0, output: `${r.stdout}${r.stderr}`.trim() };
  }
}
