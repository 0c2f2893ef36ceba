// The shell's sidebar: one button per view of the registry.
import { useViewStore } from '../../store/view-store';
import { VIEWS } from '../../views/registry';

export function ViewSwitcher() {
  const view = useViewStore((s) => s.view);
  const setView = useViewStore((s) => s.setView);
  return (
    <nav className="sidebar" aria-label="Views">
      {VIEWS.map((v) => (
        <button
          key={v.id}
          type="button"
          className={`sidebar-item${v.id === view ? ' is-active' : ''}`}
          aria-current={v.id === view ? 'page' : undefined}
          onClick={() => setView(v.id)}
          title={v.label}
        >
          <svg viewBox="0 0 16 16" width="18" height="18" aria-hidden="true" focusable="false">
            <path d={v.icon} fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />
          </svg>
          <span className="sidebar-label">{v.label}</span>
        </button>
      ))}
    </nav>
  );
}
