// xl argument vectors. Domain names pass the allow-list. `xl migrate` hands its host argument
// and its -s command to `sh -c` on the source host (xl(1)), so those are assembled only from
// an allow-listed user, address and integer port.
import { DriverError } from '../errors';
import { checkAddress, checkName, checkPort, checkUser } from '../names';
import type { MigrationTarget } from '../types';

export const DEFAULT_CONFIG_DIR = '/etc/xen';
const DIR_RE = /^\/[A-Za-z0-9._/-]{0,200}$/;

export class XlArgv {
  readonly configDir: string;

  constructor(configDir: string = DEFAULT_CONFIG_DIR) {
    if (!DIR_RE.test(configDir) || configDir.split('/').includes('..')) {
      throw new DriverError(
        'invalid-argument',
        `xl config folder ${JSON.stringify(configDir.slice(0, 80))} is not a plain absolute path`,
      );
    }
    this.configDir = configDir.replace(/\/+$/, '') || '/';
  }

  /** Where a domain's configuration lives: CONFIG_DIR/NAME.cfg. */
  configPath(name: string): string {
    return `${this.configDir}/${checkName(name)}.cfg`;
  }

  list(): string[] {
    return ['xl', 'list'];
  }
  listLong(name?: string): string[] {
    return name === undefined ? ['xl', 'list', '-l'] : ['xl', 'list', '-l', checkName(name)];
  }
  listOne(name: string): string[] {
    return ['xl', 'list', checkName(name)];
  }
  info(): string[] {
    return ['xl', 'info'];
  }
  /** The defined domains are the NAME.cfg files of the config folder. */
  listConfigs(): string[] {
    return ['ls', '-1', '--', this.configDir];
  }
  create(name: string): string[] {
    return ['xl', 'create', this.configPath(name)];
  }
  shutdown(name: string): string[] {
    return ['xl', 'shutdown', checkName(name)];
  }
  reboot(name: string): string[] {
    return ['xl', 'reboot', checkName(name)];
  }
  destroy(name: string): string[] {
    return ['xl', 'destroy', checkName(name)];
  }
  /** The configuration text goes on stdin (tee reads it whatever stdin is: /dev/stdin cannot
   * be opened when it is a socket, as under sshd). */
  writeConfig(name: string): string[] {
    return ['tee', '--', this.configPath(name)];
  }
  removeConfig(name: string): string[] {
    return ['rm', '-f', '--', this.configPath(name)];
  }
  console(name: string): string[] {
    return ['xl', 'console', checkName(name)];
  }
  migrate(name: string, target: MigrationTarget): string[] {
    const user = checkUser(target.sshUser);
    const address = checkAddress(target.address, 'migration target address');
    if (address.includes(':')) {
      throw new DriverError(
        'invalid-argument',
        `xl migrate cannot take the IPv6 address ${address}: use a host name`,
      );
    }
    const port = checkPort(target.sshPort);
    const ssh = port === 22 ? [] : ['-s', `ssh -p ${port}`];
    return ['xl', 'migrate', ...ssh, checkName(name), `${user}@${address}`];
  }
}

/** `name = "web1"` from an xl.cfg text (the name Paddock files the configuration under). */
export function configName(text: string): string {
  const m = /^\s*name\s*=\s*(["'])([^"'\n]*)\1\s*(#.*)?$/m.exec(text);
  if (!m?.[2]) throw new DriverError('invalid-argument', 'xl configuration has no name = "..." line');
  return checkName(m[2], 'name in the xl configuration');
}
