// Host-key questions main is waiting on (hostkey.prompt until hostkey.closed), oldest first.
import type { HostKeyPromptView } from '../../../../core/ipc/contract';
import { createPromptQueue } from '../common/prompt-queue';

export const useHostKeyStore = createPromptQueue<HostKeyPromptView>();
