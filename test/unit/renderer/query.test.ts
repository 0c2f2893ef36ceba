import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_QUERY_LENGTH, parseQuery, QUERY_KEYS } from '../../../renderer/src/view-model/query';

describe('parseQuery', () => {
  it('reads free words and key:value filters with their columns', () => {
    const q = parseQuery('tag:gateway domain:edu state:running mail');
    expect(q.errors).toEqual([]);
    expect(q.terms).toEqual([
      { key: 'tag', values: ['gateway'], negate: false, column: 1 },
      { key: 'domain', values: ['edu'], negate: false, column: 13 },
      { key: 'state', values: ['running'], negate: false, column: 24 },
      { key: 'text', values: ['mail'], negate: false, column: 38 },
    ]);
  });

  it('lower-cases, splits comma lists and merges repeated keys into alternatives', () => {
    const q = parseQuery('State:Running,paused state:crashed NAME:Gw');
    expect(q.errors).toEqual([]);
    expect(q.terms).toEqual([
      { key: 'state', values: ['running', 'paused', 'crashed'], negate: false, column: 1 },
      { key: 'name', values: ['gw'], negate: false, column: 36 },
    ]);
  });

  it('negates with a leading dash, keeps quoted values whole, and accepts aliases', () => {
    const q = parseQuery('-host:xen03 "mail list" tag:"a b,c" container:c1 hypervisor:xen-xl');
    expect(q.errors).toEqual([]);
    expect(q.terms).toEqual([
      { key: 'host', values: ['xen03'], negate: true, column: 1 },
      { key: 'text', values: ['mail list'], negate: false, column: 13 },
      { key: 'tag', values: ['a b,c'], negate: false, column: 25 },
      { key: 'host', values: ['c1'], negate: false, column: 37 },
      { key: 'hv', values: ['xen-xl'], negate: false, column: 50 },
    ]);
  });

  it('does not merge a negated filter with a positive one of the same key', () => {
    const q = parseQuery('-host:a host:b');
    expect(q.terms).toEqual([
      { key: 'host', values: ['a'], negate: true, column: 1 },
      { key: 'host', values: ['b'], negate: false, column: 9 },
    ]);
  });

  it('names unknown keys, empty values, bad states and unclosed quotes with their column', () => {
    const q = parseQuery('colour:red tag: state:running,sleeping hv:kvm "open');
    expect(q.errors.map((e) => e.message)).toEqual([
      `Unknown filter "colour:" at column 1: use ${QUERY_KEYS.join(', ')}`,
      'Filter "tag:" at column 12 has no value',
      'Unknown state "sleeping" at column 17: use running, stopped, paused, crashed, unknown',
      'Unknown hv "kvm" at column 40: use libvirt, xen-xl',
      'Unclosed quote at column 47',
    ]);
    // The good part of a half-bad filter still applies; the unclosed quote still searches.
    expect(q.terms).toEqual([
      { key: 'state', values: ['running'], negate: false, column: 17 },
      { key: 'text', values: ['open'], negate: false, column: 47 },
    ]);
  });

  it('treats a lone dash as a word and ignores whitespace-only input', () => {
    expect(parseQuery('   \t ').terms).toEqual([]);
    expect(parseQuery('- x').terms).toEqual([
      { key: 'text', values: ['-'], negate: false, column: 1 },
      { key: 'text', values: ['x'], negate: false, column: 3 },
    ]);
  });

  it('bounds the text it reads', () => {
    const q = parseQuery('a '.repeat(MAX_QUERY_LENGTH));
    expect(q.errors[0]?.message).toContain(`longer than ${MAX_QUERY_LENGTH}`);
    expect(q.terms.length).toBe(MAX_QUERY_LENGTH / 2);
  });

  it('never throws, and every term and error points inside the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const q = parseQuery(text);
        for (const t of [...q.terms, ...q.errors]) {
          expect(t.column).toBeGreaterThanOrEqual(1);
          expect(t.column).toBeLessThanOrEqual(text.length + 1);
        }
        for (const t of q.terms) {
          expect(t.values.length).toBeGreaterThan(0);
          for (const v of t.values) expect(v).toBe(v.toLowerCase());
        }
      }),
    );
  });

  it('reads back any well-formed filter it is given', () => {
    const value = fc.stringMatching(/^[a-z0-9.-]{1,12}$/).filter((v) => !v.startsWith('-'));
    const term = fc.record({
      key: fc.constantFrom('name', 'tag', 'domain', 'host', 'cluster', 'owner', 'project', 'ip'),
      value,
      negate: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.uniqueArray(term, { selector: (t) => `${t.negate}${t.key}`, maxLength: 6 }), (terms) => {
        const text = terms.map((t) => `${t.negate ? '-' : ''}${t.key}:${t.value}`).join(' ');
        const q = parseQuery(text);
        expect(q.errors).toEqual([]);
        expect(q.terms.map((t) => [t.key, t.values, t.negate])).toEqual(
          terms.map((t) => [t.key, [t.value], t.negate]),
        );
      }),
    );
  });
});
