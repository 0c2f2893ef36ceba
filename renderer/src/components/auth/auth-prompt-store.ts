// Login questions main is waiting on (auth.prompt until auth.closed), oldest first: the dialog
// shows the first one. Only the questions are kept here; answers live in the dialog's fields.
import { create } from 'zustand';
import type { AuthPromptView } from '../../../../core/ipc/contract';

export interface AuthPromptState {
  prompts: AuthPromptView[];
  add(p: AuthPromptView): void;
  remove(promptId: string): void;
  setAll(prompts: AuthPromptView[]): void;
}

export const useAuthPromptStore = create<AuthPromptState>()((set) => ({
  prompts: [],
  add: (p) =>
    set((s) => (s.prompts.some((x) => x.promptId === p.promptId) ? s : { prompts: [...s.prompts, p] })),
  remove: (promptId) => set((s) => ({ prompts: s.prompts.filter((p) => p.promptId !== promptId) })),
  setAll: (prompts) => set({ prompts }),
}));
