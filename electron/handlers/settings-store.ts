// Where main keeps the user's NON-secret settings (recent sites, theme). Electron uses
// electron-store (electron/main/settings.ts); plain-Node hosts (tests, the loopback server)
// use the in-memory store below. Secrets never go through this interface.
import type { Settings } from '../../core/ipc/contract';

export interface SettingsStore {
  read(): Settings;
  write(next: Settings): void;
}

/** How many sites the File -> Open Recent menu and the recent list remember. */
export const MAX_RECENT_SITES = 10;

export const defaultSettings = (): Settings => ({ recentSites: [], theme: 'system' });

/** The recent list with `file` first, without duplicates, cut to MAX_RECENT_SITES. */
export function withRecent(recent: readonly string[], file: string): string[] {
  return [file, ...recent.filter((p) => p !== file)].slice(0, MAX_RECENT_SITES);
}

export class MemorySettingsStore implements SettingsStore {
  private value: Settings;
  constructor(initial: Partial<Settings> = {}) {
    this.value = { ...defaultSettings(), ...initial };
  }
  read(): Settings {
    return { ...this.value, recentSites: [...this.value.recentSites] };
  }
  write(next: Settings): void {
    this.value = { ...next, recentSites: [...next.recentSites] };
  }
}
