// The theme setting (persisted by main through settings.setTheme) and what the system prefers.
import { create } from 'zustand';
import type { Theme } from '../../../core/ipc/contract';

export interface ThemeState {
  setting: Theme;
  systemDark: boolean;
  setSetting(theme: Theme): void;
  setSystemDark(dark: boolean): void;
}

export const useThemeStore = create<ThemeState>()((set) => ({
  setting: 'system',
  systemDark: false,
  setSetting: (setting) => set({ setting }),
  setSystemDark: (systemDark) => set({ systemDark }),
}));

export function resolvedTheme(s: Pick<ThemeState, 'setting' | 'systemDark'>): 'light' | 'dark' {
  return s.setting === 'system' ? (s.systemDark ? 'dark' : 'light') : s.setting;
}

/** The toggle's order: follow the system, then force light, then force dark. */
export function nextTheme(t: Theme): Theme {
  return t === 'system' ? 'light' : t === 'light' ? 'dark' : 'system';
}
