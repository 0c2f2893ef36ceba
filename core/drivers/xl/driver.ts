// The Xen `xl` driver. Xen has no persistent domains: a domain is "defined" by its config file
// (CONFIG_DIR/NAME.cfg) and runs after `xl create`; a stopped domain is a config file only.
import type { CommandRunner } from '../../exec/types';
import type { VmState } from '../../model/types';
import { CommandDriver, type LifecycleArgv } from '../command-driver';
import { DriverError } from '../errors';
import { boundedLines } from '../limits';
import { isValidName } from '../names';
import { partialDetails } from '../partial-details';
import { runChecked } from '../run';
import type {
  ConsoleCommand,
  DomainDetails,
  DomainListEntry,
  HypervisorDriver,
  JobInfo,
  MigrateOptions,
  MigrationResult,
  MigrationTarget,
  NodeCapacity,
} from '../types';
import { configName, DEFAULT_CONFIG_DIR, XlArgv } from './argv';
import { parseXlInfo } from './parse-info';
import { parseXlList, type XlListEntry } from './parse-list';
import { parseXlListLong, type XlDomainConfig } from './parse-list-long';

export interface XlDriverOptions {
  configDir?: string;
  migrateTimeoutMs?: number;
}

/** xl's lifecycle: a domain starts from its config file and is undefined by removing it. */
const lifecycleOf = (xl: XlArgv): LifecycleArgv => ({
  start: (n) => xl.create(n),
  shutdown: (n) => xl.shutdown(n),
  reboot: (n) => xl.reboot(n),
  destroy: (n) => xl.destroy(n),
  undefine: (n) => xl.removeConfig(n),
});

/** Domain-0 is the host itself, never a guest. */
const isHost = (e: XlListEntry): boolean => e.domid === 0;

function fromConfig(row: XlListEntry, cfg: XlDomainConfig | undefined, persistent: boolean): DomainDetails {
  if (!cfg) {
    return {
      name: row.name,
      uuid: null,
      id: row.domid,
      state: row.state,
      rawState: row.flags,
      vcpus: row.vcpus,
      maxVcpus: row.vcpus,
      memoryMiB: row.memoryMiB,
      maxMemoryMiB: row.memoryMiB,
      disks: [],
      nics: [],
      persistent,
      partial: true,
      note: 'xl list -l gave no configuration for this domain: disks and NICs unknown',
    };
  }
  return {
    name: row.name,
    uuid: cfg.uuid,
    id: row.domid,
    state: row.state,
    rawState: row.flags,
    // The live table beats the configuration for what runs now.
    vcpus: row.vcpus,
    maxVcpus: cfg.maxVcpus,
    memoryMiB: row.memoryMiB,
    maxMemoryMiB: Math.round(cfg.maxMemoryKiB / 1024),
    disks: cfg.disks,
    nics: cfg.nics,
    persistent,
  };
}

/** The list row of a domain that has a config file and does not run. */
const configOnly = (name: string): DomainListEntry => ({
  name,
  id: null,
  state: 'stopped',
  rawState: 'config only',
});

function stopped(name: string): DomainDetails {
  return partialDetails(
    configOnly(name),
    true,
    'not running: xl keeps only the config file, which Paddock does not interpret',
  );
}

export class XlDriver extends CommandDriver implements HypervisorDriver {
  readonly kind = 'xen-xl' as const;
  readonly xl: XlArgv;

  constructor(runner: CommandRunner, options: XlDriverOptions = {}) {
    const xl = new XlArgv(options.configDir ?? DEFAULT_CONFIG_DIR);
    super(runner, lifecycleOf(xl), options.migrateTimeoutMs ?? 600_000);
    this.xl = xl;
  }

  /** Names of NAME.cfg files in the config folder (only allow-listed names). */
  private async configs(): Promise<Set<string>> {
    const out = await this.stdout(this.xl.listConfigs());
    const names = boundedLines('ls config folder', out)
      .map((l) => /^(.+)\.cfg$/.exec(l.trim())?.[1])
      .filter((n): n is string => n !== undefined && isValidName(n));
    return new Set(names);
  }

  private async running(): Promise<XlListEntry[]> {
    return parseXlList(await this.stdout(this.xl.list())).filter((e) => !isHost(e));
  }

  async list(): Promise<DomainListEntry[]> {
    const [rows, configs] = await Promise.all([this.running(), this.configs()]);
    const out: DomainListEntry[] = rows.map((r) => ({
      name: r.name,
      id: r.domid,
      state: r.state,
      rawState: r.flags,
    }));
    for (const c of configs) if (!rows.some((r) => r.name === c)) out.push(configOnly(c));
    return out;
  }

  async inspect(name: string): Promise<DomainDetails> {
    const configs = await this.configs();
    let rows: XlListEntry[];
    try {
      rows = parseXlList((await runChecked(this.runner, this.xl.listOne(name))).stdout);
    } catch (e) {
      if (e instanceof DriverError && e.code === 'command-failed' && configs.has(name)) return stopped(name);
      throw e;
    }
    const row = rows.find((r) => r.name === name);
    if (!row)
      throw new DriverError('unexpected-output', `${this.target}: \`xl list ${name}\` did not list ${name}`);
    const cfg = parseXlListLong(await this.stdout(this.xl.listLong(name))).find((c) => c.name === name);
    return fromConfig(row, cfg, configs.has(name));
  }

  async inventory(): Promise<DomainDetails[]> {
    const [rows, long, configs] = await Promise.all([
      this.running(),
      this.stdout(this.xl.listLong()).then(parseXlListLong),
      this.configs(),
    ]);
    const byId = new Map(long.filter((c) => c.domid !== null).map((c) => [c.domid, c]));
    const out = rows.map((r) => fromConfig(r, byId.get(r.domid), configs.has(r.name)));
    for (const c of configs) if (!rows.some((r) => r.name === c)) out.push(stopped(c));
    return out;
  }

  async capacity(): Promise<NodeCapacity> {
    const { xenVersion: _v, host: _h, ...capacity } = parseXlInfo(await this.stdout(this.xl.info()));
    return capacity;
  }

  protected async currentState(name: string): Promise<VmState> {
    try {
      const r = await runChecked(this.runner, this.xl.listOne(name));
      return parseXlList(r.stdout).find((e) => e.name === name)?.state ?? 'stopped';
    } catch (e) {
      // xl forgets a domain once it is off: "Invalid domain identifier".
      if (e instanceof DriverError && e.code === 'command-failed') return 'stopped';
      throw e;
    }
  }

  async define(definition: string): Promise<string> {
    const name = configName(definition);
    await this.stdout(this.xl.writeConfig(name), definition);
    return name;
  }

  async migrate(
    name: string,
    target: MigrationTarget,
    options: MigrateOptions = {},
  ): Promise<MigrationResult> {
    if (options.live === false)
      throw new DriverError(
        'unsupported',
        'xl migrate is always live; stop the domain and start it elsewhere instead',
      );
    return this.runMigration(name, this.xl.migrate(name, target), options);
  }

  console(name: string): ConsoleCommand {
    return { argv: this.xl.console(name), pty: true, escape: '\x1d', readyText: null };
  }

  jobInfo(_name: string): Promise<JobInfo> {
    // xl has no job API: progress is only what `xl migrate` prints.
    return Promise.resolve({
      active: false,
      supported: false,
      type: 'None',
      operation: null,
      elapsedMs: null,
      dataTotalBytes: null,
      dataProcessedBytes: null,
      dataRemainingBytes: null,
      progress: null,
      raw: {},
    });
  }

  abortJob(name: string): Promise<void> {
    return Promise.reject(
      new DriverError(
        'unsupported',
        `xl has no job abort for ${name}: cancel the running xl migrate command instead`,
      ),
    );
  }
}
