// The CommandRunner for one container that the drivers and Test connection use: it logs in with
// the credentials of the container's own security domain in the order CredentialChoice gives
// (the one that last worked first; or only those the caller names), moves to the next only when
// the host refuses one, and remembers the one accepted. A refused login sends no command, so
// trying the next credential cannot run anything twice.
import type { CommandResult, CommandRunner, RemoteCommand } from '../../../core/exec/types';
import { PaddockError } from '../../../core/ipc/contract';
import { errorCode } from '../../../core/ssh/errors';
import type { SshPool } from '../../../core/ssh/pool';
import type { VaultManager } from '../../../core/vault/vault-manager';
import type { ContainerRef, CredentialChoice } from './fleet-targets';
import { targetFor, vaultFor } from './fleet-targets';

export interface CredentialRunnerOptions {
  /** Only these credentials (ids), in this order; default: all of the domain's, as CredentialChoice orders them. */
  credentialIds?: readonly string[];
  /** Told before each login attempt (e.g. a job's progress). */
  onAttempt?(credentialName: string, index: number, total: number): void;
  /** Told when the host refused a credential and the next is tried. */
  onRefused?(credentialName: string): void;
}

export function credentialRunner(
  pool: Pick<SshPool, 'run'>,
  vaults: VaultManager,
  choice: CredentialChoice,
  ref: ContainerRef,
  o: CredentialRunnerOptions = {},
): CommandRunner {
  return {
    target: `${ref.domain.name}/${ref.container.name}`,
    async run(cmd: RemoteCommand): Promise<CommandResult> {
      const ids = o.credentialIds ?? choice.candidates(vaultFor(vaults, ref)).map((c) => c.id);
      const refusals: string[] = [];
      for (const [i, id] of ids.entries()) {
        // Looked up before every attempt: the vault may have been locked meanwhile.
        const vault = vaultFor(vaults, ref);
        const handle = vault.handle(id);
        o.onAttempt?.(handle.name, i, ids.length);
        try {
          const result = await pool.run(targetFor(ref, vault.domain, handle), handle, cmd);
          choice.succeeded(vault.domain, handle.credentialId);
          return result;
        } catch (e) {
          if (errorCode(e) !== 'auth-failed' || cmd.signal?.aborted) throw e;
          refusals.push(e instanceof Error ? e.message : String(e));
          o.onRefused?.(handle.name);
        }
      }
      throw new PaddockError(
        'auth-failed',
        refusals.length === 1
          ? (refusals[0] ?? '')
          : `${ref.container.name}: no credential of "${ref.domain.name}" was accepted: ${refusals.join('; ')}`,
      );
    },
  };
}
