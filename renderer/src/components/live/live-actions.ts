// What the UI asks of main about live state: follow inventory.updated, refresh, and run
// lifecycle actions. Failures become visible messages, never silent drops.
import type { PaddockApi, VmAction } from '../../../../core/ipc/contract';
import { errorMessage } from '../../api';
import { useNoticeStore } from '../../store/notice-store';
import { useLiveStore } from './live-store';

/** Subscribe to inventory events and fetch the current inventory; returns the unsubscribe. */
export function connectLive(api: PaddockApi): () => void {
  const off = api.onInventoryUpdated((u) => useLiveStore.getState().update(u));
  api.inventory.status({}).then(
    (v) => useLiveStore.getState().setView(v),
    (e: unknown) => useNoticeStore.getState().push('Could not read the live inventory', errorMessage(e)),
  );
  return off;
}

/** Read the hosts again (all, or the named containers). Per-host errors arrive as host data. */
export async function refreshLive(api: PaddockApi, containers?: string[]): Promise<void> {
  const store = useLiveStore.getState();
  store.setRequestError(null);
  try {
    store.setView(await api.inventory.refresh(containers ? { containers } : {}));
  } catch (e) {
    useLiveStore.getState().setRequestError(errorMessage(e));
  }
}

const LABEL: Record<VmAction, string> = {
  start: 'start',
  shutdown: 'shut down',
  reboot: 'reboot',
  forceOff: 'force off',
};

/** Start a lifecycle action; its progress shows in the jobs panel. Resolves the job id. */
export async function runVmAction(api: PaddockApi, vm: string, action: VmAction): Promise<string | null> {
  try {
    return (await api.vm.action({ vm, action })).jobId;
  } catch (e) {
    useNoticeStore.getState().push(`Could not ${LABEL[action]} ${vm}`, errorMessage(e));
    return null;
  }
}
