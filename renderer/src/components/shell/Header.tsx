// The shell's header: site name and file, search, reload/open, theme.
import { getApi } from '../../api';
import { openSiteDialog, reloadSite } from '../../store/actions';
import { useSiteStore } from '../../store/site-store';
import { SearchBox } from './SearchBox';
import { ThemeToggle } from './ThemeToggle';

export function Header() {
  const snapshot = useSiteStore((s) => s.snapshot);
  const loading = useSiteStore((s) => s.loading);
  const name = snapshot?.site?.site.name ?? (snapshot ? 'Site not loaded' : 'No site open');
  return (
    <header className="header">
      <div className="brand" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="22" height="22" focusable="false">
          <rect x="2" y="3" width="20" height="18" rx="4" fill="var(--accent)" />
          <path
            d="M6 8h12M6 12h12M6 16h7"
            stroke="var(--accent-contrast)"
            strokeWidth="2"
            strokeLinecap="round"
          />
        </svg>
      </div>
      <div className="site-title">
        <h1 className="site-name" title={name}>
          {name}
        </h1>
        {snapshot && (
          <span className="site-file" title={snapshot.path}>
            {snapshot.fileName}
          </span>
        )}
      </div>
      <SearchBox />
      <div className="header-actions">
        <button
          type="button"
          className="btn"
          disabled={!snapshot || loading}
          onClick={() => void reloadSite(getApi())}
          title="Reload the site file from disk"
        >
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
            <path
              d="M13 8a5 5 0 1 1-1.5-3.6M13 2.5V5h-2.5"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.6"
              strokeLinecap="round"
            />
          </svg>
          {loading ? 'Loading…' : 'Reload'}
        </button>
        <button
          type="button"
          className="btn"
          disabled={loading}
          onClick={() => void openSiteDialog(getApi())}
          title="Open another site file"
        >
          Open…
        </button>
        <ThemeToggle />
      </div>
    </header>
  );
}
