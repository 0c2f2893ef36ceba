// Everything the UI asks of main, in one place: each action updates the stores and turns a
// failure into a visible message (the site store's requestError or a notice), never a silent drop.
import type { PaddockApi, SiteSnapshot, Theme } from '../../../core/ipc/contract';
import { errorMessage } from '../api';
import { connectLive } from '../components/live/live-actions';
import { useAppInfoStore } from './app-info-store';
import { connectFleet } from './fleet-connect';
import { useNoticeStore } from './notice-store';
import { useSearchStore } from './search-store';
import { useSiteStore } from './site-store';
import { nextTheme, useThemeStore } from './theme-store';

/** Subscribe to main's events and fetch the initial state; returns the unsubscribe. */
export function connect(api: PaddockApi): () => void {
  const offs = [
    api.onSiteChanged((snapshot) => useSiteStore.getState().received(snapshot)),
    api.onAppError((e) => useNoticeStore.getState().push(e.message, e.detail)),
    api.onMenuCommand((m) => {
      if (m.command === 'focus-search') useSearchStore.getState().requestFocus();
      else if (m.command === 'toggle-theme') void setTheme(api, nextTheme(useThemeStore.getState().setting));
    }),
    connectFleet(api),
    connectLive(api),
  ];
  void siteRequest(() => api.site.current({}));
  api.settings.get({}).then(
    (s) => useThemeStore.getState().setSetting(s.theme),
    (e: unknown) => useNoticeStore.getState().push('Could not read settings', errorMessage(e)),
  );
  api.app.info({}).then(
    (info) => useAppInfoStore.getState().setInfo(info),
    (e: unknown) => useNoticeStore.getState().push('Could not read app info', errorMessage(e)),
  );
  return () => offs.forEach((off) => off());
}

export function reloadSite(api: PaddockApi): Promise<void> {
  return siteRequest(() => api.site.reload({}));
}

export async function openSiteDialog(api: PaddockApi): Promise<void> {
  // Failing to choose a file (or a host without dialogs) leaves the open site as it is: a
  // dismissable notice, not an error about the site. null = the user cancelled.
  try {
    const snapshot = await api.site.openDialog({});
    if (snapshot) useSiteStore.getState().received(snapshot);
  } catch (e) {
    useNoticeStore.getState().push('Could not open a site', errorMessage(e));
  }
}

async function siteRequest(request: () => Promise<SiteSnapshot | null>): Promise<void> {
  const store = useSiteStore.getState();
  store.started();
  const t0 = performance.now();
  try {
    const snapshot = await request();
    useSiteStore.getState().received(snapshot, performance.now() - t0);
  } catch (e) {
    useSiteStore.getState().failed(errorMessage(e));
  }
}

/** Apply at once, persist through main; on failure go back and say why. */
export async function setTheme(api: PaddockApi, theme: Theme): Promise<void> {
  const themes = useThemeStore.getState();
  const before = themes.setting;
  themes.setSetting(theme);
  try {
    const saved = await api.settings.setTheme({ theme });
    useThemeStore.getState().setSetting(saved.theme);
  } catch (e) {
    useThemeStore.getState().setSetting(before);
    useNoticeStore.getState().push('Could not save the theme', errorMessage(e));
  }
}
