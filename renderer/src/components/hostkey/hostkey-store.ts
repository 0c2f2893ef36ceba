// Host-key questions main is waiting on (hostkey.prompt until hostkey.closed), oldest first:
// the dialog shows the first one.
import { create } from 'zustand';
import type { HostKeyPromptView } from '../../../../core/ipc/contract';

export interface HostKeyState {
  prompts: HostKeyPromptView[];
  add(p: HostKeyPromptView): void;
  remove(promptId: string): void;
  setAll(prompts: HostKeyPromptView[]): void;
}

export const useHostKeyStore = create<HostKeyState>()((set) => ({
  prompts: [],
  add: (p) =>
    set((s) => (s.prompts.some((x) => x.promptId === p.promptId) ? s : { prompts: [...s.prompts, p] })),
  remove: (promptId) => set((s) => ({ prompts: s.prompts.filter((p) => p.promptId !== promptId) })),
  setAll: (prompts) => set({ prompts }),
}));
