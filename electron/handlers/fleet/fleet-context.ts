// What the fleet handler modules share: the event bus, the open site, jobs, host-key prompts,
// and the parts that live in the data folder (vaults, known hosts, audit log, SSH pool,
// monitoring), which are opened on first use so that hosts can build the handlers synchronously.
import type { AuditLog } from '../../../core/audit/audit-log';
import type { Site } from '../../../core/model/types';
import type { JobManager } from '../../../core/jobs/job-manager';
import type { KnownHostsStore } from '../../../core/ssh/known-hosts';
import type { SshPool } from '../../../core/ssh/pool';
import type { RememberedPassphrases } from '../../../core/vault/remember';
import type { VaultManager } from '../../../core/vault/vault-manager';
import type { EventBus } from '../event-bus';
import type { FleetPaths } from './data-dir';
import type { CredentialChoice } from './fleet-targets';
import type { AuthPrompts } from './auth-prompts';
import type { HostKeyPrompts } from './hostkey-prompts';
import type { KeyFileAccess } from './key-files';
import type { MonitorService } from './monitor-service';

export interface FleetCore {
  paths: FleetPaths;
  vaults: VaultManager;
  knownHosts(domain: string): KnownHostsStore;
  pool: SshPool;
  remembered: RememberedPassphrases;
  monitor: MonitorService;
  auditLog: AuditLog;
}

export interface FleetContext {
  readonly events: EventBus;
  site(): Site | null;
  readonly jobs: JobManager;
  readonly prompts: HostKeyPrompts;
  /** Keyboard-interactive questions the vault cannot answer (one-time codes). */
  readonly authPrompts: AuthPrompts;
  readonly keyFiles: KeyFileAccess;
  readonly choice: CredentialChoice;
  /** Where ~/.ssh/known_hosts is looked for. */
  readonly homeDir: string;
  core(): Promise<FleetCore>;
}
