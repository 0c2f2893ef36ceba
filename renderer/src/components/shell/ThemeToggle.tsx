// Theme switch: follow the system, light or dark; persisted by main (settings.setTheme).
import type { Theme } from '../../../../core/ipc/contract';
import { getApi } from '../../api';
import { setTheme } from '../../store/actions';
import { useThemeStore } from '../../store/theme-store';

const OPTIONS: { value: Theme; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function ThemeToggle() {
  const setting = useThemeStore((s) => s.setting);
  return (
    <div className="segmented" role="radiogroup" aria-label="Theme">
      {OPTIONS.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={setting === o.value}
          className={setting === o.value ? 'is-active' : ''}
          onClick={() => void setTheme(getApi(), o.value)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
