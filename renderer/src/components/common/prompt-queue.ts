// Questions main is waiting on (a host key to trust, a login question), oldest first: their
// dialog shows the first one. Main announces each (…prompt), closes it (…closed) and lists the
// open ones after a reload (…pending); answering one removes it here, and so does finding it
// gone (timed out or abandoned meanwhile: nothing left to answer).
import { create } from 'zustand';
import { useSubmit } from './use-submit';

export interface PromptQueue<P extends { promptId: string }> {
  prompts: P[];
  add(p: P): void;
  remove(promptId: string): void;
  setAll(prompts: P[]): void;
}

export function createPromptQueue<P extends { promptId: string }>() {
  return create<PromptQueue<P>>()((set) => ({
    prompts: [],
    add: (p) =>
      set((s) => (s.prompts.some((x) => x.promptId === p.promptId) ? s : { prompts: [...s.prompts, p] })),
    remove: (promptId) => set((s) => ({ prompts: s.prompts.filter((p) => p.promptId !== promptId) })),
    setAll: (prompts) => set({ prompts }),
  }));
}

/** Answering one prompt of a queue: one answer at a time, its error kept for the dialog. */
export function usePromptAnswer(
  queue: { getState(): Pick<PromptQueue<{ promptId: string }>, 'remove'> },
  promptId: string,
) {
  const { busy, error, run } = useSubmit();
  const answer = (send: () => Promise<unknown>) =>
    void run(async () => {
      try {
        await send();
      } catch (e) {
        if ((e as { code?: string }).code !== 'not-found') throw e;
      }
      queue.getState().remove(promptId);
    });
  return { answer, busy, error };
}
