// The libvirt driver: virsh on the container, run through a CommandRunner (SSH in production).
import type { CommandRunner } from '../../exec/types';
import type { VmState } from '../../model/types';
import { DriverError } from '../errors';
import { mapLimit } from '../map-limit';
import { isValidName } from '../names';
import { CommandDriver } from '../command-driver';
import { partialDetails } from '../partial-details';
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
import { DEFAULT_URI, VirshArgv } from './argv';
import { parseDomainXml, type DomainXml } from './parse-dumpxml';
import { parseDomstats } from './parse-domstats';
import { parseDominfo, parseDomjobinfo, parseNodeinfo } from './parse-info';
import { parseDomstate, parseVirshList } from './parse-list';

export interface LibvirtDriverOptions {
  /** The container's libvirt URI (site file), default qemu:///system. */
  uri?: string;
  /** Domains inspected at once during an inventory. */
  concurrency?: number;
  /** Timeout of a migration command (default 10 minutes). */
  migrateTimeoutMs?: number;
}

const MIB = 1024;

function details(
  xml: DomainXml,
  state: VmState,
  rawState: string,
  id: number | null,
  persistent: boolean | null,
): DomainDetails {
  return {
    name: xml.name,
    uuid: xml.uuid,
    id,
    state,
    rawState,
    vcpus: xml.vcpus,
    maxVcpus: xml.maxVcpus,
    memoryMiB: Math.round(xml.memoryKiB / MIB),
    maxMemoryMiB: Math.round(xml.maxMemoryKiB / MIB),
    disks: xml.disks,
    nics: xml.nics,
    persistent,
  };
}

/** A domain whose name Paddock will not put into a command: known by name and state only. */
const unsafeName = (name: string, state: VmState, rawState: string): DomainDetails =>
  partialDetails(
    { name, id: null, state, rawState },
    null,
    'name outside the allowed characters: Paddock does not run commands on it',
  );

export class LibvirtDriver extends CommandDriver implements HypervisorDriver {
  readonly kind = 'libvirt' as const;
  readonly virsh: VirshArgv;
  private readonly concurrency: number;

  constructor(runner: CommandRunner, options: LibvirtDriverOptions = {}) {
    const virsh = new VirshArgv(options.uri ?? DEFAULT_URI);
    super(runner, virsh, options.migrateTimeoutMs ?? 600_000);
    this.virsh = virsh;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
  }

  async list(): Promise<DomainListEntry[]> {
    return parseVirshList(await this.stdout(this.virsh.list()));
  }

  async inspect(name: string): Promise<DomainDetails> {
    const [info, xml] = await Promise.all([
      this.stdout(this.virsh.dominfo(name)).then(parseDominfo),
      this.stdout(this.virsh.dumpxml(name)).then(parseDomainXml),
    ]);
    return details(xml, info.state, info.rawState, info.id, info.persistent);
  }

  async inventory(): Promise<DomainDetails[]> {
    const stats = parseDomstats(await this.stdout(this.virsh.domstats()));
    return mapLimit(stats, this.concurrency, async (s) => {
      if (!isValidName(s.name)) return unsafeName(s.name, s.state, s.rawState);
      const xml = parseDomainXml(await this.stdout(this.virsh.dumpxml(s.name)));
      const d = details(xml, s.state, s.rawState, null, null);
      // Live values beat the configuration when the domain runs.
      if (s.vcpus !== null) d.vcpus = s.vcpus;
      if (s.memoryKiB !== null) d.memoryMiB = Math.round(s.memoryKiB / MIB);
      return d;
    });
  }

  async capacity(): Promise<NodeCapacity> {
    return parseNodeinfo(await this.stdout(this.virsh.nodeinfo()));
  }

  protected async currentState(name: string): Promise<VmState> {
    try {
      return parseDomstate(await this.stdout(this.virsh.domstate(name))).state ?? 'unknown';
    } catch (e) {
      // A transient domain vanishes once it is off.
      if (
        e instanceof DriverError &&
        e.code === 'command-failed' &&
        /failed to get domain|not found/i.test(e.message)
      ) {
        return 'stopped';
      }
      throw e;
    }
  }

  async define(definition: string): Promise<string> {
    // Parse first: the name must pass the allow-list and the XML must be sane before it is sent.
    const xml = parseDomainXml(definition);
    if (!isValidName(xml.name)) {
      throw new DriverError(
        'invalid-argument',
        `domain XML names ${JSON.stringify(xml.name.slice(0, 80))}, which is not an allowed VM name`,
      );
    }
    // virsh wants a file, and /dev/stdin is not openable when stdin is a socket (as it is
    // under sshd): write a private temporary file on the host with tee, define, remove it.
    const tmp = (await this.stdout(['mktemp', '--tmpdir', 'paddock-define.XXXXXXXX'])).trim();
    if (!/^\/[A-Za-z0-9._/-]{1,200}$/.test(tmp)) {
      throw new DriverError(
        'unexpected-output',
        `${this.target}: mktemp gave ${JSON.stringify(tmp.slice(0, 80))}, not a path`,
      );
    }
    try {
      await this.stdout(['tee', '--', tmp], definition);
      await this.stdout(this.virsh.define(tmp));
    } finally {
      await this.stdout(['rm', '-f', '--', tmp]).catch(() => undefined);
    }
    return xml.name;
  }

  migrate(name: string, target: MigrationTarget, options: MigrateOptions = {}): Promise<MigrationResult> {
    return this.runMigration(name, this.virsh.migrate(name, target, options), options);
  }

  console(name: string): ConsoleCommand {
    return { argv: this.virsh.console(name), pty: true, escape: '\x1d', readyText: 'Escape character is' };
  }

  async jobInfo(name: string): Promise<JobInfo> {
    return parseDomjobinfo(await this.stdout(this.virsh.domjobinfo(name)));
  }

  async abortJob(name: string): Promise<void> {
    await this.stdout(this.virsh.domjobabort(name));
  }
}
