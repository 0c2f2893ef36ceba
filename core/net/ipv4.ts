// IPv4 addresses and CIDR blocks as unsigned 32-bit integers. Strict dotted-quad syntax only
// (no leading zeros, no shorthand such as "10.1"), because these strings end up in firewall
// rules and guest configuration where a lenient parse would silently mean something else.

export interface Cidr {
  /** Network address (host bits cleared). */
  network: number;
  prefix: number;
  /** The address part as written, before clearing host bits. */
  address: number;
}

const OCTET = /^(?:0|[1-9][0-9]{0,2})$/;

/** Parse "a.b.c.d"; null when it is not a strict dotted-quad IPv4 address. */
export function parseIPv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!OCTET.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

export function formatIPv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** Netmask of a prefix length as an unsigned integer (0 for /0). */
export function prefixMask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** Parse "a.b.c.d/p"; null when malformed. Host bits may be set (see cidrHasHostBits). */
export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const address = parseIPv4(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (address === null || !/^(?:[0-9]|[12][0-9]|3[0-2])$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  return { network: (address & prefixMask(prefix)) >>> 0, prefix, address };
}

export function cidrHasHostBits(c: Cidr): boolean {
  return c.address !== c.network;
}

export function formatCidr(c: Pick<Cidr, 'network' | 'prefix'>): string {
  return `${formatIPv4(c.network)}/${c.prefix}`;
}

export function broadcastAddress(c: Pick<Cidr, 'network' | 'prefix'>): number {
  return (c.network | ~prefixMask(c.prefix)) >>> 0;
}

export function cidrContains(c: Pick<Cidr, 'network' | 'prefix'>, ip: number): boolean {
  return (ip & prefixMask(c.prefix)) >>> 0 === c.network;
}

/** Whether ip is the network or broadcast address of c, which no host may use (/31, /32 have none). */
export function isReservedInCidr(c: Pick<Cidr, 'network' | 'prefix'>, ip: number): boolean {
  if (c.prefix >= 31) return false;
  return ip === c.network || ip === broadcastAddress(c);
}
