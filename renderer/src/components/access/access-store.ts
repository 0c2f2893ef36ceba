// Admin-access monitoring as main reports it: per container (keyed "domain/name") the last
// check, last successful login and last failure; and whether monitoring runs.
import { create } from 'zustand';
import type { AccessStatusView, MonitorView } from '../../../../core/ipc/contract';

export const accessKey = (domain: string, name: string): string => `${domain}/${name}`;

export interface AccessState {
  byKey: Readonly<Record<string, AccessStatusView>>;
  running: boolean;
  intervalSeconds: number | null;
  setView(v: MonitorView): void;
  upsert(s: AccessStatusView): void;
}

export const useAccessStore = create<AccessState>()((set) => ({
  byKey: {},
  running: false,
  intervalSeconds: null,
  setView: (v) =>
    set({
      running: v.running,
      intervalSeconds: v.intervalSeconds,
      byKey: Object.fromEntries(v.hosts.map((h) => [accessKey(h.domain, h.name), h])),
    }),
  upsert: (s) => set((st) => ({ byKey: { ...st.byKey, [accessKey(s.domain, s.name)]: s } })),
}));
