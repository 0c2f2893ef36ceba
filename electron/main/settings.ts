// electron-store for NON-secret settings only (recent sites, theme, window bounds). Its
// `encryptionKey` is obfuscation, not security, so nothing secret ever goes here. Values are
// re-validated on read: the file is the user's to edit, and a bad edit must not crash main.
import Store from 'electron-store';
import { z } from 'zod';
import type { Settings } from '../../core/ipc/contract';
import type { SettingsStore } from '../handlers/settings-store';
import { MAX_RECENT_SITES, defaultSettings } from '../handlers/settings-store';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

const settingsSchema = z.object({
  recentSites: z.array(z.string().min(1).max(4096)).max(MAX_RECENT_SITES).catch([]),
  theme: z.enum(['system', 'light', 'dark']).catch('system'),
});
const boundsSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20000),
  height: z.number().int().min(300).max(20000),
  maximized: z.boolean(),
});

interface StoreShape {
  settings: Settings;
  windowBounds?: WindowBounds;
}

export class ElectronSettings implements SettingsStore {
  private readonly store = new Store<StoreShape>({
    name: 'settings',
    defaults: { settings: defaultSettings() },
    clearInvalidConfig: true,
  });

  read(): Settings {
    const r = settingsSchema.safeParse(this.store.get('settings'));
    return r.success ? r.data : defaultSettings();
  }

  write(next: Settings): void {
    this.store.set('settings', settingsSchema.parse(next));
  }

  windowBounds(): WindowBounds | null {
    const r = boundsSchema.safeParse(this.store.get('windowBounds'));
    return r.success ? r.data : null;
  }

  setWindowBounds(b: WindowBounds): void {
    const r = boundsSchema.safeParse(b);
    if (r.success) this.store.set('windowBounds', r.data);
  }
}
