// Applies the theme to the document (data-theme on <html>) and follows the system's choice.
import { useEffect } from 'react';
import { resolvedTheme, useThemeStore } from '../../store/theme-store';

export function useTheme(): void {
  const resolved = useThemeStore(resolvedTheme);
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => useThemeStore.getState().setSystemDark(media.matches);
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, []);
  useEffect(() => {
    document.documentElement.dataset.theme = resolved;
    document.documentElement.style.colorScheme = resolved;
  }, [resolved]);
}
