// The app's frame: header, view switcher, the current view, status bar; above them the
// host-key and login-question dialogs and the jobs panel, which any view may need.
import { Suspense } from 'react';
import { useViewStore } from '../../store/view-store';
import { AuthPromptDialogs } from '../auth/AuthPromptDialogs';
import { HostKeyDialogs } from '../hostkey/HostKeyDialogs';
import { JobsPanel } from '../jobs/JobsPanel';
import { VIEWS } from '../../views/registry';
import { Header } from './Header';
import { NoticeBanner } from './NoticeBanner';
import { StatusBar } from './StatusBar';
import { useGlobalShortcuts } from './use-global-shortcuts';
import { useTheme } from './use-theme';
import { ViewSwitcher } from './ViewSwitcher';

export function AppShell() {
  useTheme();
  useGlobalShortcuts();
  const view = useViewStore((s) => s.view);
  const View = (VIEWS.find((v) => v.id === view) ?? VIEWS[0])?.component;
  return (
    <div className="app">
      <Header />
      <NoticeBanner />
      <div className="app-body">
        <ViewSwitcher />
        <main className="app-main">
          {/* Views loaded on first use (the planner and its charts) show this meanwhile. */}
          <Suspense fallback={<p className="view-loading">Loading…</p>}>{View && <View />}</Suspense>
        </main>
      </div>
      <StatusBar />
      <JobsPanel />
      <HostKeyDialogs />
      <AuthPromptDialogs />
    </div>
  );
}
