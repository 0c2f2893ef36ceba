// Allow-lists for everything a driver puts into a command: domain names, host addresses, user
// names, ports and libvirt URIs. Values are checked before any argv is built, so a hostile or
// mistyped value is refused with a clear error instead of reaching a remote program (xl even
// hands the migration host to `sh -c` on the source host).
import { DriverError } from './errors';

/** Names Paddock manages: letters, digits, '.', '_', '-', not starting with '.', '_' or '-'. */
export const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const IPV4_RE = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6_RE = /^[0-9A-Fa-f:]{2,39}$/;
const HOSTNAME_RE =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const USER_RE = /^[a-z_][a-z0-9_-]{0,31}$/;
/** libvirt URIs: a known driver and transport, a path, simple query parameters, nothing else. */
const URI_RE =
  /^(qemu|xen|test|lxc|libxl|bhyve|vz|ch)(\+(ssh|libssh|libssh2|tcp|tls|unix|ext))?:\/\/([A-Za-z0-9_.-]+@)?(\[[0-9A-Fa-f:]+\]|[A-Za-z0-9.-]+)?(:\d{1,5})?\/[A-Za-z0-9_./-]*(\?[A-Za-z0-9_=&.,/-]*)?$/;

const refuse = (what: string, value: unknown, why: string): never => {
  const shown =
    typeof value === 'string'
      ? JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)
      : String(value);
  throw new DriverError('invalid-argument', `${what} ${shown} ${why}`);
};

export function isValidName(name: unknown): boolean {
  return typeof name === 'string' && NAME_RE.test(name);
}

/** A domain name safe to pass as one literal argument. */
export function checkName(name: unknown, what = 'VM name'): string {
  if (!isValidName(name)) {
    refuse(
      what,
      name,
      'is not allowed: use 1-63 letters, digits, ".", "_" or "-", starting with a letter or digit',
    );
  }
  return name as string;
}

export function checkAddress(address: unknown, what = 'host address'): string {
  if (
    typeof address !== 'string' ||
    !(IPV4_RE.test(address) || HOSTNAME_RE.test(address) || (address.includes(':') && IPV6_RE.test(address)))
  ) {
    refuse(what, address, 'is not an IPv4/IPv6 address or a host name');
  }
  return address as string;
}

export function checkUser(user: unknown, what = 'SSH user'): string {
  if (typeof user !== 'string' || !USER_RE.test(user)) refuse(what, user, 'is not a valid user name');
  return user as string;
}

export function checkPort(port: unknown, what = 'SSH port'): number {
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    refuse(what, port, 'is not a port number (1-65535)');
  }
  return port as number;
}

export function checkUri(uri: unknown, what = 'libvirt URI'): string {
  if (typeof uri !== 'string' || uri.length > 512 || !URI_RE.test(uri)) {
    refuse(what, uri, 'is not an accepted libvirt URI (e.g. qemu:///system, qemu+ssh://root@host/system)');
  }
  return uri as string;
}

/** Host part of a URI or `user@host` argument (IPv6 literals in brackets). */
export function uriHost(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}
