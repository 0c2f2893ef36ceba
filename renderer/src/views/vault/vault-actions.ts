// What the Vault view asks of main. Each change re-reads the listing so the view shows main's
// state, not a guess; failures are thrown back to the form that asked, which shows them.
import type { PaddockApi } from '../../../../core/ipc/contract';
import { errorMessage } from '../../api';
import { useVaultStore } from './vault-store';

export async function refreshVaults(api: PaddockApi): Promise<void> {
  try {
    useVaultStore.getState().received(await api.vault.list({}));
  } catch (e) {
    useVaultStore.getState().failed(errorMessage(e));
  }
}

/** Run a vault request, then refresh the listing whatever the outcome (a lock may have happened). */
export async function vaultChange<T>(api: PaddockApi, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } finally {
    await refreshVaults(api);
  }
}
