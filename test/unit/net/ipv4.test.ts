import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  broadcastAddress,
  cidrContains,
  cidrHasHostBits,
  formatCidr,
  formatIPv4,
  isReservedInCidr,
  parseCidr,
  parseIPv4,
} from '../../../core/net/ipv4';

describe('parseIPv4', () => {
  it('parses dotted quads to unsigned integers', () => {
    expect(parseIPv4('0.0.0.0')).toBe(0);
    expect(parseIPv4('10.20.0.15')).toBe(0x0a14000f);
    expect(parseIPv4('255.255.255.255')).toBe(0xffffffff);
  });

  it.each([
    '',
    '10.1',
    '1.2.3.4.5',
    '256.0.0.1',
    '01.2.3.4',
    '1.2.3.-4',
    '1.2.3.4 ',
    'a.b.c.d',
    '1..2.3',
    '1.2.3.4/24',
  ])('refuses %j', (text) => expect(parseIPv4(text)).toBeNull());

  it('round-trips every address through format', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => {
        expect(parseIPv4(formatIPv4(n))).toBe(n);
      }),
    );
  });
});

describe('CIDR', () => {
  it('parses network and prefix and notices host bits', () => {
    const c = parseCidr('10.20.0.5/24');
    expect(c && formatCidr(c)).toBe('10.20.0.0/24');
    expect(c && cidrHasHostBits(c)).toBe(true);
    expect(cidrHasHostBits(parseCidr('10.20.0.0/24') ?? { network: 0, prefix: 0, address: 1 })).toBe(false);
  });

  it.each(['10.0.0.0', '10.0.0.0/33', '10.0.0.0/-1', '10.0.0.0/024', '10.0.0/24', '/24'])(
    'refuses %j',
    (text) => expect(parseCidr(text)).toBeNull(),
  );

  it('knows membership, broadcast and reserved addresses', () => {
    const c = parseCidr('192.0.2.0/24');
    if (!c) throw new Error('parse failed');
    expect(cidrContains(c, parseIPv4('192.0.2.77') ?? 0)).toBe(true);
    expect(cidrContains(c, parseIPv4('192.0.3.1') ?? 0)).toBe(false);
    expect(formatIPv4(broadcastAddress(c))).toBe('192.0.2.255');
    expect(isReservedInCidr(c, parseIPv4('192.0.2.0') ?? 0)).toBe(true);
    expect(isReservedInCidr(c, parseIPv4('192.0.2.255') ?? 0)).toBe(true);
    expect(isReservedInCidr(c, parseIPv4('192.0.2.1') ?? 0)).toBe(false);
    const p2p = parseCidr('10.0.0.0/31');
    expect(p2p && isReservedInCidr(p2p, 0x0a000000)).toBe(false);
  });

  it('a network contains exactly the addresses that share its prefix', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        (addr, prefix, ip) => {
          const c = parseCidr(`${formatIPv4(addr)}/${prefix}`);
          if (!c) throw new Error('parse failed');
          const shift = 32 - prefix;
          const samePrefix = prefix === 0 || Math.floor(addr / 2 ** shift) === Math.floor(ip / 2 ** shift);
          expect(cidrContains(c, ip)).toBe(samePrefix);
          expect(cidrContains(c, c.network) && cidrContains(c, broadcastAddress(c))).toBe(true);
        },
      ),
    );
  });
});
