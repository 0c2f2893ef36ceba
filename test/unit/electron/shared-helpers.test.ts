import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RECENT_SITES, withRecent } from '../../../electron/handlers/settings-store';
import { injectBridge, BRIDGE_PATH } from '../../../electron/loopback/index-page';
import { tokenMatches, newToken } from '../../../electron/loopback/token';
import { parseHostArgs } from '../../../electron/shared/args';
import { resolveStatic } from '../../../electron/shared/static-files';

describe('resolveStatic', () => {
  const root = path.resolve('/srv/app');
  it('maps / to index.html and paths below the root', () => {
    expect(resolveStatic(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStatic(root, '/assets/a.js')).toBe(path.join(root, 'assets/a.js'));
    expect(resolveStatic(root, '/a%20b.css')).toBe(path.join(root, 'a b.css'));
  });
  it('never leaves the root, whatever the path (property)', () => {
    const segment = fc.constantFrom('..', '.', '%2e%2e', '%2F', 'a', '', '%00', '\\', '..%5c', '%E0%A4%A');
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), fc.string({ maxLength: 20 }), (segs, tail) => {
        const got = resolveStatic(root, `/${[...segs, tail].join('/')}`);
        if (got !== null) expect(got === root || got.startsWith(root + path.sep)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('withRecent', () => {
  it('puts the file first, once, and keeps at most MAX_RECENT_SITES (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { maxLength: 15 }), fc.string(), (recent, file) => {
        const out = withRecent(recent, file);
        expect(out[0]).toBe(file);
        expect(new Set(out).size).toBe(out.length);
        expect(out.length).toBeLessThanOrEqual(MAX_RECENT_SITES);
        // Order of the others is kept.
        const others = recent.filter((p) => p !== file).slice(0, MAX_RECENT_SITES - 1);
        expect(out.slice(1)).toEqual(others);
      }),
    );
  });
});

describe('loopback token', () => {
  it('matches only the exact token', () => {
    const t = newToken();
    expect(tokenMatches(t, t)).toBe(true);
    for (const g of [undefined, null, '', `${t} `, t.toUpperCase(), t.slice(0, -1), 'x'.repeat(5000)]) {
      expect(tokenMatches(t, g)).toBe(false);
    }
  });
});

describe('injectBridge', () => {
  it('puts the bridge before the first script, else at the end of head', () => {
    const a = injectBridge('<head><script type="module" src="./x.js"></script></head>');
    expect(a.indexOf(BRIDGE_PATH)).toBeLessThan(a.indexOf('./x.js'));
    const b = injectBridge('<head><title>t</title></head><body></body>');
    expect(b.indexOf(BRIDGE_PATH)).toBeLessThan(b.indexOf('</head>'));
    expect(b.indexOf(BRIDGE_PATH)).toBeGreaterThan(b.indexOf('<title>'));
  });
});

describe('parseHostArgs', () => {
  it('reads --site and --port in both spellings', () => {
    expect(parseHostArgs(['--site', 'a.yaml', '--port=8080'], true)).toEqual({ site: 'a.yaml', port: 8080 });
    expect(parseHostArgs(['--site=b.yaml'], true)).toEqual({ site: 'b.yaml' });
    expect(parseHostArgs([], true)).toEqual({});
  });
  it('ignores foreign switches when not strict (Electron adds its own)', () => {
    expect(parseHostArgs(['.', '--no-sandbox', '--site', 'c.yaml'], false)).toEqual({ site: 'c.yaml' });
  });
  it('gives clear errors for bad values', () => {
    expect(() => parseHostArgs(['--port', 'http'], true)).toThrow(/--port must be a whole number/);
    expect(() => parseHostArgs(['--port', '70000'], true)).toThrow(/--port/);
    expect(() => parseHostArgs(['--site'], true)).toThrow(/site/);
    expect(() => parseHostArgs(['--site'], false)).toThrow(/--site needs a file name/);
    expect(() => parseHostArgs(['--site', ' '], true)).toThrow(/--site needs a file name/);
    expect(() => parseHostArgs(['--bogus'], true)).toThrow(/bogus/);
  });
});
