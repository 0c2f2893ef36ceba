// The renderer's actions against a fake main built with the real contract (buildApi): every
// answer lands in the stores and every failure becomes a visible message, never a silent drop.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildApi,
  type EventMap,
  type EventName,
  type RequestName,
  type SiteSnapshot,
  type WireResult,
} from '../../../core/ipc/contract';
import { connect, openSiteDialog, reloadSite, setTheme } from '../../../renderer/src/store/actions';
import { useAppInfoStore } from '../../../renderer/src/store/app-info-store';
import { useNoticeStore } from '../../../renderer/src/store/notice-store';
import { useSearchStore } from '../../../renderer/src/store/search-store';
import { useSiteStore } from '../../../renderer/src/store/site-store';
import { useThemeStore } from '../../../renderer/src/store/theme-store';
import { buildSite } from './site-builder';

type Answer = WireResult<unknown> | (() => WireResult<unknown>);

/** What the other areas connect() starts (fleet access, live inventory) ask at start-up: quiet
 * answers, so these tests see only the site, settings and app-info requests they are about. */
const OTHER_AREAS: Partial<Record<RequestName, Answer>> = {
  'vault.list': {
    ok: true,
    value: { domains: [], remember: { mode: 'memory', reason: '' }, keyFiles: 'unsupported' },
  },
  'monitor.status': { ok: true, value: { running: false, intervalSeconds: 300, hosts: [] } },
  'hostkey.pending': { ok: true, value: [] },
  'auth.pending': { ok: true, value: [] },
  'jobs.list': { ok: true, value: [] },
  'inventory.status': { ok: true, value: { hosts: [], refreshing: false, lastRefreshAt: null } },
};

function fakeMain(own: Partial<Record<RequestName, Answer>>) {
  const answers = { ...OTHER_AREAS, ...own };
  const calls: { name: RequestName; payload: unknown }[] = [];
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const api = buildApi(
    async (name, payload) => {
      calls.push({ name, payload });
      const a = answers[name];
      if (!a) return { ok: false, error: { code: 'not-found', message: `no answer for ${name}` } };
      return typeof a === 'function' ? a() : a;
    },
    (name, listener) => {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  );
  const emit = <E extends EventName>(name: E, payload: EventMap[E]) =>
    listeners.get(name)?.forEach((l) => l(payload));
  const listening = () => [...listeners.values()].reduce((n, s) => n + s.size, 0);
  const listeningTo = () => [...listeners].filter(([, s]) => s.size > 0).map(([n]) => n);
  return { api, calls, emit, listening, listeningTo };
}

const snapshot = (name: string): SiteSnapshot => ({
  path: `/sites/${name}.yaml`,
  fileName: `${name}.yaml`,
  loadedAt: '2025-01-01T00:00:00.000Z',
  site: buildSite({ domains: 1, containersPerDomain: 1, vmsPerContainer: 1 }),
  diagnostics: [],
});
const ok = (value: unknown): WireResult<unknown> => ({ ok: true, value });
const fail = (message: string): WireResult<unknown> => ({ ok: false, error: { code: 'site-load', message } });
const settled = () => new Promise((r) => setTimeout(r, 0));

const initial = {
  site: useSiteStore.getState(),
  notices: useNoticeStore.getState(),
  theme: useThemeStore.getState(),
  search: useSearchStore.getState(),
  info: useAppInfoStore.getState(),
};
beforeEach(() => {
  useSiteStore.setState(initial.site, true);
  useNoticeStore.setState(initial.notices, true);
  useThemeStore.setState(initial.theme, true);
  useSearchStore.setState(initial.search, true);
  useAppInfoStore.setState(initial.info, true);
});
let disconnect: (() => void) | undefined;
afterEach(() => disconnect?.());

describe('connect', () => {
  it('loads the current site, the theme and the app info', async () => {
    const main = fakeMain({
      'site.current': ok(snapshot('a')),
      'settings.get': ok({ recentSites: [], theme: 'dark' }),
      'app.info': ok({ version: '1.2.3', transport: 'loopback', platform: 'linux' }),
    });
    disconnect = connect(main.api);
    await settled();
    expect(useSiteStore.getState()).toMatchObject({
      snapshot: snapshot('a'),
      initialised: true,
      loading: false,
      requestError: null,
    });
    expect(useSiteStore.getState().requestMs).toBeGreaterThanOrEqual(0);
    expect(useThemeStore.getState().setting).toBe('dark');
    expect(useAppInfoStore.getState().info?.version).toBe('1.2.3');
    expect(useNoticeStore.getState().notices).toEqual([]);
  });

  it('turns failed start-up requests into visible messages', async () => {
    const main = fakeMain({ 'site.current': fail('Cannot open site file "/x.yaml": no such file') });
    disconnect = connect(main.api);
    await settled();
    expect(useSiteStore.getState()).toMatchObject({
      requestError: 'Cannot open site file "/x.yaml": no such file',
      initialised: true,
    });
    expect(useNoticeStore.getState().notices.map((n) => [n.message, n.detail])).toEqual([
      ['Could not read settings', 'no answer for settings.get'],
      ['Could not read app info', 'no answer for app.info'],
    ]);
  });

  it('follows main events and stops listening when disconnected', async () => {
    const main = fakeMain({
      'site.current': ok(null),
      'settings.get': ok({ recentSites: [], theme: 'system' }),
      'settings.setTheme': ok({ recentSites: [], theme: 'light' }),
    });
    disconnect = connect(main.api);
    await settled();
    expect(useSiteStore.getState()).toMatchObject({ snapshot: null, initialised: true });
    main.emit('site.changed', snapshot('b'));
    expect(useSiteStore.getState().snapshot?.fileName).toBe('b.yaml');
    main.emit('app.error', { message: 'Reload failed', detail: 'disk on fire' });
    expect(useNoticeStore.getState().notices.at(-1)).toMatchObject({
      message: 'Reload failed',
      detail: 'disk on fire',
    });
    main.emit('menu.command', { command: 'focus-search' });
    expect(useSearchStore.getState().focusRequest).toBe(1);
    main.emit('menu.command', { command: 'toggle-theme' });
    await settled();
    expect(main.calls.at(-1)).toEqual({ name: 'settings.setTheme', payload: { theme: 'light' } });
    expect(main.listeningTo()).toEqual(expect.arrayContaining(['site.changed', 'app.error', 'menu.command']));
    disconnect();
    disconnect = undefined;
    expect(main.listening()).toBe(0);
  });
});

describe('site and theme actions', () => {
  it('reload replaces the site; a failed reload keeps it and says why', async () => {
    useSiteStore.getState().received(snapshot('a'));
    let answer: WireResult<unknown> = ok(snapshot('b'));
    const main = fakeMain({ 'site.reload': () => answer });
    await reloadSite(main.api);
    expect(useSiteStore.getState().snapshot?.fileName).toBe('b.yaml');
    answer = fail('Cannot open site file "/sites/b.yaml": permission denied');
    await reloadSite(main.api);
    expect(useSiteStore.getState()).toMatchObject({
      requestError: 'Cannot open site file "/sites/b.yaml": permission denied',
      loading: false,
    });
    expect(useSiteStore.getState().snapshot?.fileName).toBe('b.yaml');
  });

  it('a cancelled or failed open dialog keeps the current site; a failure is a notice', async () => {
    useSiteStore.getState().received(snapshot('a'));
    await openSiteDialog(fakeMain({ 'site.openDialog': ok(null) }).api);
    expect(useSiteStore.getState()).toMatchObject({ loading: false, requestError: null });
    expect(useSiteStore.getState().snapshot?.fileName).toBe('a.yaml');
    await openSiteDialog(
      fakeMain({ 'site.openDialog': fail('The open-site dialog needs the desktop app') }).api,
    );
    expect(useSiteStore.getState().snapshot?.fileName).toBe('a.yaml');
    expect(useSiteStore.getState().requestError).toBeNull();
    expect(useNoticeStore.getState().notices.at(-1)).toMatchObject({
      message: 'Could not open a site',
      detail: 'The open-site dialog needs the desktop app',
    });
    await openSiteDialog(fakeMain({ 'site.openDialog': ok(snapshot('c')) }).api);
    expect(useSiteStore.getState().snapshot?.fileName).toBe('c.yaml');
  });

  it('applies a theme at once, keeps what main saved, and goes back when saving fails', async () => {
    await setTheme(fakeMain({ 'settings.setTheme': ok({ recentSites: [], theme: 'dark' }) }).api, 'dark');
    expect(useThemeStore.getState().setting).toBe('dark');
    await setTheme(fakeMain({ 'settings.setTheme': fail('settings file is read-only') }).api, 'light');
    expect(useThemeStore.getState().setting).toBe('dark');
    expect(useNoticeStore.getState().notices.at(-1)).toMatchObject({
      message: 'Could not save the theme',
      detail: 'settings file is read-only',
    });
  });
});
