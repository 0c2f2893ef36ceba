import { describe, expect, it } from 'vitest';
import { isMulticastMac, normaliseMac } from '../../../core/net/mac';
import { isHostname } from '../../../core/net/hostname';

describe('normaliseMac', () => {
  it('lower-cases and uses colons', () => {
    expect(normaliseMac('52:54:00:AB:cd:EF')).toBe('52:54:00:ab:cd:ef');
    expect(normaliseMac('52-54-00-ab-cd-ef')).toBe('52:54:00:ab:cd:ef');
  });

  it.each([
    '',
    '52:54:00:ab:cd',
    '52:54:00:ab:cd:ef:01',
    '52:54-00:ab:cd:ef',
    '5254.00ab.cdef',
    'zz:54:00:ab:cd:ef',
  ])('refuses %j', (text) => expect(normaliseMac(text)).toBeNull());

  it('tells multicast from unicast by the first octet', () => {
    expect(isMulticastMac('01:00:5e:00:00:01')).toBe(true);
    expect(isMulticastMac('52:54:00:00:00:01')).toBe(false);
  });
});

describe('isHostname', () => {
  it.each(['a', 'x1.mgmt.example.org', 'x1.mgmt.example.org.', 'a-b.c'])('accepts %j', (h) =>
    expect(isHostname(h)).toBe(true),
  );
  it.each(['', '-a', 'a-', 'a..b', 'a b', 'a_b', `${'a'.repeat(64)}.org`, 'host;rm'])('refuses %j', (h) =>
    expect(isHostname(h)).toBe(false),
  );
});
