// Login questions main is waiting on (auth.prompt until auth.closed), oldest first. Only the
// questions are kept here; answers live in the dialog's fields.
import type { AuthPromptView } from '../../../../core/ipc/contract';
import { createPromptQueue } from '../common/prompt-queue';

export const useAuthPromptStore = createPromptQueue<AuthPromptView>();
