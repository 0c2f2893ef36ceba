// virsh argument vectors. Every domain name is checked against the allow-list and passed as
// the value of a named option (--domain NAME), never spliced into another argument.
import { checkAddress, checkName, checkPort, checkUri, checkUser, uriHost } from '../names';
import type { MigrateOptions, MigrationTarget } from '../types';

export const DEFAULT_URI = 'qemu:///system';

export class VirshArgv {
  readonly uri: string;

  constructor(uri: string = DEFAULT_URI) {
    this.uri = checkUri(uri);
  }

  private base(...args: string[]): string[] {
    return ['virsh', '-c', this.uri, ...args];
  }

  private onDomain(command: string, name: string, ...extra: string[]): string[] {
    return this.base(command, '--domain', checkName(name), ...extra);
  }

  list(): string[] {
    return this.base('list', '--all');
  }
  domstats(): string[] {
    return this.base('domstats', '--raw', '--state', '--vcpu', '--balloon');
  }
  nodeinfo(): string[] {
    return this.base('nodeinfo');
  }
  dominfo(name: string): string[] {
    return this.onDomain('dominfo', name);
  }
  dumpxml(name: string): string[] {
    return this.onDomain('dumpxml', name);
  }
  domstate(name: string): string[] {
    return this.onDomain('domstate', name);
  }
  start(name: string): string[] {
    return this.onDomain('start', name);
  }
  shutdown(name: string): string[] {
    return this.onDomain('shutdown', name);
  }
  reboot(name: string): string[] {
    return this.onDomain('reboot', name);
  }
  destroy(name: string): string[] {
    return this.onDomain('destroy', name);
  }
  /** virsh reads the XML from a file (a temporary one, see the driver). */
  define(file: string): string[] {
    return this.base('define', '--file', file);
  }
  undefine(name: string): string[] {
    return this.onDomain('undefine', name);
  }
  console(name: string): string[] {
    return this.onDomain('console', name);
  }
  domjobinfo(name: string): string[] {
    return this.onDomain('domjobinfo', name);
  }
  domjobabort(name: string): string[] {
    return this.onDomain('domjobabort', name);
  }

  /** URI of the destination as the source sees it: qemu+ssh://user@host[:port]/system. */
  static destinationUri(target: MigrationTarget): string {
    const user = checkUser(target.sshUser);
    const host = uriHost(checkAddress(target.address, 'migration target address'));
    const port = checkPort(target.sshPort);
    const local = target.uri ?? DEFAULT_URI;
    if (/^\w+\+\w+:\/\//.test(local)) return checkUri(local, 'migration target URI');
    const m = /^(\w+):\/\/\/(\w+)$/.exec(checkUri(local, 'migration target URI'));
    if (!m)
      throw new Error(`migration target URI ${JSON.stringify(local)} has no driver/path to reach over SSH`);
    return checkUri(
      `${m[1]}+ssh://${user}@${host}${port === 22 ? '' : `:${port}`}/${m[2]}`,
      'migration target URI',
    );
  }

  migrate(name: string, target: MigrationTarget, o: MigrateOptions = {}): string[] {
    const flags: string[] = [];
    if (o.live ?? true) flags.push('--live');
    if (o.p2p || o.tunnelled) flags.push('--p2p');
    if (o.tunnelled) flags.push('--tunnelled');
    if (o.persistent) flags.push('--persistent');
    if (o.undefineSource) flags.push('--undefinesource');
    const argv = this.base(
      'migrate',
      ...flags,
      '--domain',
      checkName(name),
      '--desturi',
      VirshArgv.destinationUri(target),
    );
    // Tunnelled data rides the libvirt connection; otherwise tell the destination which address
    // to receive on, or it advertises a host name the source may not resolve.
    if (!o.tunnelled) {
      const addr = checkAddress(o.migrateAddress ?? target.address, 'migration data address');
      argv.push('--migrateuri', `tcp://${uriHost(addr)}`);
    }
    return argv;
  }
}
