// What main said about itself (version, transport), for the status bar.
import { create } from 'zustand';
import type { AppInfo } from '../../../core/ipc/contract';

export interface AppInfoState {
  info: AppInfo | null;
  setInfo(info: AppInfo): void;
}

export const useAppInfoStore = create<AppInfoState>()((set) => ({
  info: null,
  setInfo: (info) => set({ info }),
}));
