// Errors main reports outside any request (app.error events) and failed user actions:
// listed in a banner until dismissed, never swallowed.
import { create } from 'zustand';

export interface Notice {
  id: number;
  message: string;
  detail?: string;
}

export interface NoticeState {
  notices: Notice[];
  push(message: string, detail?: string): void;
  dismiss(id: number): void;
}

/** Keep the banner bounded if main floods us; the newest are the useful ones. */
const MAX_NOTICES = 20;
let nextId = 1;

export const useNoticeStore = create<NoticeState>()((set) => ({
  notices: [],
  push: (message, detail) =>
    set((s) => ({
      notices: [...s.notices, { id: nextId++, message, ...(detail ? { detail } : {}) }].slice(-MAX_NOTICES),
    })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));
