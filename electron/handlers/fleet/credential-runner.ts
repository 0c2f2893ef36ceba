// The CommandRunner the drivers use for one container: it logs in with the credentials of the
// container's own security domain in the order CredentialChoice gives (the one that last worked
// first), moves to the next only when the host refuses one, and remembers the one accepted. A
// refused login sends no command, so trying the next credential cannot run anything twice.
import type { CommandResult, CommandRunner, RemoteCommand } from '../../../core/exec/types';
import { PaddockError } from '../../../core/ipc/contract';
import { errorCode } from '../../../core/ssh/errors';
import type { SshPool } from '../../../core/ssh/pool';
import type { VaultManager } from '../../../core/vault/vault-manager';
import type { ContainerRef, CredentialChoice } from './fleet-targets';
import { targetFor, vaultFor } from './fleet-targets';

export function credentialRunner(
  pool: Pick<SshPool, 'run'>,
  vaults: VaultManager,
  choice: CredentialChoice,
  ref: ContainerRef,
): CommandRunner {
  return {
    target: `${ref.domain.name}/${ref.container.name}`,
    async run(cmd: RemoteCommand): Promise<CommandResult> {
      // Looked up on every command: the vault may have been locked, or keys added, meanwhile.
      const vault = vaultFor(vaults, ref);
      const refusals: string[] = [];
      for (const handle of choice.loginHandles(vault)) {
        try {
          const result = await pool.run(targetFor(ref, vault.domain, handle), handle, cmd);
          choice.succeeded(vault.domain, handle.credentialId);
          return result;
        } catch (e) {
          if (errorCode(e) !== 'auth-failed' || cmd.signal?.aborted) throw e;
          refusals.push(e instanceof Error ? e.message : String(e));
        }
      }
      throw new PaddockError(
        'auth-failed',
        `${ref.container.name}: no credential of "${vault.domain}" was accepted: ${refusals.join('; ')}`,
      );
    },
  };
}
