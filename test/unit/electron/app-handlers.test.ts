import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestSchemas } from '../../../core/ipc/contract';
import type { RequestName, WireResult } from '../../../core/ipc/contract';
import { MAX_PAYLOAD_BYTES } from '../../../electron/handlers/wire';
import { BROKEN, SITE_A, SITE_B, setup } from './helpers';

function expectError(r: WireResult<unknown>, code: string, text?: RegExp) {
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.code).toBe(code);
  if (text) expect(r.error.message).toMatch(text);
}
function value<T>(r: WireResult<unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

describe('AppHandlers: valid requests', () => {
  it('app.info reports the injected version, transport and platform', async () => {
    const { handlers } = setup();
    expect(value(await handlers.dispatch('app.info', {}))).toEqual({
      version: '9.9.9',
      transport: 'loopback',
      platform: 'testos',
    });
  });

  it('site.current is null before any site and the snapshot after one', async () => {
    const { handlers } = setup();
    expect(value(await handlers.dispatch('site.current', {}))).toBeNull();
    await handlers.openSite(SITE_A, 'command-line');
    const snap = value<{ path: string; fileName: string; loadedAt: string }>(
      await handlers.dispatch('site.current', {}),
    );
    expect(snap).toMatchObject({ path: SITE_A, fileName: 'a.yaml', loadedAt: '2024-01-02T03:04:05.000Z' });
  });

  it('opening a site emits site.changed and puts it first in the recent list', async () => {
    const { handlers, events, settings } = setup({ recent: [SITE_B] });
    const snap = await handlers.openSite(SITE_A, 'command-line');
    expect(events).toEqual([{ name: 'site.changed', payload: snap }]);
    expect(settings.read().recentSites).toEqual([SITE_A, SITE_B]);
  });

  it('a site that does not validate is still opened, with its diagnostics', async () => {
    const { handlers, events } = setup();
    const snap = await handlers.openSite(BROKEN, 'command-line');
    expect(snap.site).toBeNull();
    expect(snap.diagnostics[0]).toMatchObject({ line: 3, column: 5, code: 'shape' });
    expect(events).toHaveLength(1);
  });

  it('a file that cannot be read is an error and leaves the current site open', async () => {
    const { handlers, events } = setup();
    await handlers.openSite(SITE_A, 'command-line');
    await expect(handlers.openSite('/nowhere.yaml', 'command-line')).rejects.toThrow(/no such file/);
    expect(handlers.site?.path).toBe(SITE_A);
    expect(events).toHaveLength(1);
  });

  it('site.openDialog opens the chosen file, or returns null when cancelled', async () => {
    const { handlers, events } = setup({ dialogAnswers: [SITE_B, null] });
    expect(value<{ path: string }>(await handlers.dispatch('site.openDialog', {})).path).toBe(SITE_B);
    expect(value(await handlers.dispatch('site.openDialog', {}))).toBeNull();
    expect(events.map((e) => e.name)).toEqual(['site.changed']);
    expect(handlers.site?.path).toBe(SITE_B);
  });

  it('site.reload reads the file again and emits site.changed', async () => {
    const { handlers, events, reads, files } = setup();
    await handlers.openSite(SITE_A, 'command-line');
    files.set(SITE_A, { site: null, diagnostics: [] });
    const snap = value<{ site: unknown }>(await handlers.dispatch('site.reload', {}));
    expect(snap.site).toBeNull();
    expect(reads).toEqual([SITE_A, SITE_A]);
    expect(events).toHaveLength(2);
  });

  it('site.reload without a site is a clear error', async () => {
    const { handlers } = setup();
    expectError(await handlers.dispatch('site.reload', {}), 'no-site', /No site is open/);
  });

  it('settings.get and settings.setTheme round-trip through the store', async () => {
    const { handlers, settings } = setup({ recent: [SITE_A] });
    expect(value(await handlers.dispatch('settings.get', {}))).toEqual({
      recentSites: [SITE_A],
      theme: 'system',
    });
    expect(value(await handlers.dispatch('settings.setTheme', { theme: 'dark' }))).toEqual({
      recentSites: [SITE_A],
      theme: 'dark',
    });
    expect(settings.read().theme).toBe('dark');
  });

  it('concurrent opens finish in request order: the last one asked for is the one open', async () => {
    const { handlers } = setup();
    const a = handlers.openSite(SITE_A, 'command-line');
    const b = handlers.openSite(SITE_B, 'command-line');
    await Promise.all([a, b]);
    expect(handlers.site?.path).toBe(SITE_B);
  });
});

describe('AppHandlers: site.openRecent only opens paths main offered', () => {
  it('opens a path from the recent list', async () => {
    const { handlers } = setup({ recent: [SITE_B] });
    expect(value<{ path: string }>(await handlers.dispatch('site.openRecent', { path: SITE_B })).path).toBe(
      SITE_B,
    );
  });

  it('opens the command-line site and a dialog choice even when absent from the recent list', async () => {
    const { handlers, settings } = setup({ dialogAnswers: [SITE_B] });
    await handlers.openSite(SITE_A, 'command-line');
    await handlers.dispatch('site.openDialog', {});
    settings.write({ recentSites: [], theme: 'system' });
    expect((await handlers.dispatch('site.openRecent', { path: SITE_A })).ok).toBe(true);
    expect((await handlers.dispatch('site.openRecent', { path: SITE_B })).ok).toBe(true);
  });

  it('refuses any other path, without reading it', async () => {
    const { handlers, reads } = setup({ recent: [SITE_A] });
    for (const p of ['/etc/shadow', SITE_B, `${SITE_A}/../b.yaml`, 'a.yaml', '../sites/a.yaml']) {
      expectError(await handlers.dispatch('site.openRecent', { path: p }), 'not-offered', /Refusing to open/);
    }
    expect(reads).toEqual([]);
  });

  it('refuses every path when nothing was offered (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 200 }), async (p) => {
        const { handlers, reads } = setup();
        const r = await handlers.dispatch('site.openRecent', { path: p });
        expect(r.ok).toBe(false);
        expect(reads).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('AppHandlers: invalid requests', () => {
  const names = Object.keys(requestSchemas) as RequestName[];

  it.each(names)('%s refuses a payload with an unknown field, naming the request', async (name) => {
    const { handlers } = setup();
    const r = await handlers.dispatch(name, { theme: 'dark', path: SITE_A, extra: 1 });
    expectError(r, 'invalid-request', new RegExp(`Invalid "${name.replace('.', '\\.')}" request`));
  });

  it.each(names)('%s refuses non-object payloads', async (name) => {
    const { handlers } = setup();
    for (const p of [null, 42, 'x', [], true]) {
      expectError(await handlers.dispatch(name, p), 'invalid-request');
    }
  });

  it('names the field at fault', async () => {
    const { handlers } = setup();
    expectError(await handlers.dispatch('settings.setTheme', { theme: 'neon' }), 'invalid-request', /theme/);
    expectError(await handlers.dispatch('site.openRecent', { path: '' }), 'invalid-request', /path/);
    expectError(await handlers.dispatch('site.openRecent', {}), 'invalid-request', /path/);
    expectError(
      await handlers.dispatch('site.openRecent', { path: 'x'.repeat(5000) }),
      'invalid-request',
      /path/,
    );
  });

  it('refuses unknown request names, including prototype keys', async () => {
    const { handlers } = setup();
    for (const n of ['nope', 'app.quit', '__proto__', 'constructor', 'toString', '', 'site.current ']) {
      expectError(await handlers.dispatch(n, {}), 'unknown-request', /not part of the Paddock contract/);
    }
    for (const n of [undefined, null, 1, {}, ['app.info']]) {
      expectError(await handlers.dispatch(n, {}), 'unknown-request', /of type/);
    }
  });

  it('refuses oversized payloads before validating them', async () => {
    const { handlers } = setup();
    const big = { path: 'x'.repeat(MAX_PAYLOAD_BYTES + 1) };
    expectError(await handlers.dispatch('site.openRecent', big), 'too-large', /more than the limit/);
  });

  it('refuses payloads that are not plain data', async () => {
    const { handlers } = setup();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expectError(await handlers.dispatch('app.info', cyclic), 'invalid-request', /not plain JSON/);
    expectError(await handlers.dispatch('app.info', { n: 10n }), 'invalid-request', /not plain JSON/);
  });

  it('turns unexpected handler failures into internal errors naming the request', async () => {
    const { handlers } = setup();
    await handlers.openSite(SITE_A, 'command-line');
    const h = handlers as unknown as { deps: { readSite: () => Promise<never> } };
    h.deps.readSite = () => Promise.reject(new TypeError('boom'));
    expectError(await handlers.dispatch('site.reload', {}), 'internal', /"site\.reload" failed: boom/);
  });

  it('never throws, whatever the name and payload (property)', async () => {
    const { handlers } = setup();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...names), fc.string(), fc.anything()),
        fc.anything(),
        async (name, payload) => {
          const r = await handlers.dispatch(name, payload);
          expect(typeof r.ok).toBe('boolean');
          if (!r.ok) expect(r.error.message.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
