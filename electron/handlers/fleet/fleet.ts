// Fleet access for the renderer: builds the handler modules of this folder over one shared
// context and wires the core's notifications (vault lock states, jobs, access checks, audit
// records) to contract events. Hosts plug `impl` into AppHandlers (../create.ts) and call
// `close()` when they quit: connections closed, monitoring stopped, every vault locked.
import { homedir } from 'node:os';
import path from 'node:path';
import type { FleetImpl } from '../app-handlers';
import type { EventBus } from '../event-bus';
import { AuditLog } from '../../../core/audit/audit-log';
import type { AuditSink } from '../../../core/audit/record';
import { JobManager } from '../../../core/jobs/job-manager';
import type { Site } from '../../../core/model/types';
import type { MonitoredHost } from '../../../core/monitor/access-monitor';
import { KnownHostsStore } from '../../../core/ssh/known-hosts';
import type { SshPoolOptions } from '../../../core/ssh/pool';
import { SshPool } from '../../../core/ssh/pool';
import { domainFile } from '../../../core/vault/domain-files';
import type { KeyringProtector } from '../../../core/vault/remember';
import { RememberedPassphrases } from '../../../core/vault/remember';
import { VaultManager } from '../../../core/vault/vault-manager';
import { auditHandlers } from './audit-handlers';
import { AuthPrompts } from './auth-prompts';
import { fleetPaths, makeFleetDirs, makeTempDataDir, removeDir } from './data-dir';
import type { FleetContext, FleetCore } from './fleet-context';
import { CredentialChoice, findContainer, targetFor } from './fleet-targets';
import { HostKeyPrompts } from './hostkey-prompts';
import { jobsHandlers } from './jobs-handlers';
import type { KeyFileAccess } from './key-files';
import { noKeyFiles } from './key-files';
import { knownHostsHandlers } from './known-hosts-handlers';
import { monitorHandlers } from './monitor-handlers';
import { MonitorService } from './monitor-service';
import { sshHandlers } from './ssh-handlers';
import { vaultHandlers } from './vault-handlers';
import { accessStatusView, auditRecordView, jobView } from './views';

export interface FleetOptions {
  events: EventBus;
  /** The site main has open (containers, domains, jump hosts). */
  site: () => Site | null;
  /** Where vaults, known hosts, the audit log and the monitor state live; absent: a temporary
   * folder, removed on close. */
  dataDir?: string;
  /** Electron's safeStorage (electron/main/safe-storage.ts); absent: remembered in memory only. */
  keyring?: KeyringProtector | null;
  keyFiles?: KeyFileAccess;
  /** Where ~/.ssh/known_hosts is read from (default: the user's home). */
  homeDir?: string;
  /** Lock a vault after this long unused (default 15 minutes; 0 = never). */
  idleLockMs?: number;
  /** An unanswered host-key question is a "reject" after this long. */
  hostKeyTimeoutMs?: number;
  /** An unanswered login question (a one-time code) is a refusal after this long. */
  authPromptTimeoutMs?: number;
  /** Access checks: every this many seconds (default 300), started with the first site. */
  monitorIntervalSeconds?: number;
  monitorAutoStart?: boolean;
  /** Pool tuning (tests use short timeouts). */
  pool?: Pick<SshPoolOptions, 'connectTimeoutMs' | 'keepaliveIntervalMs' | 'commandTimeoutMs'>;
  /** Reported when monitoring cannot read its saved state. */
  onWarning?: (message: string) => void;
}

export interface Fleet {
  readonly impl: FleetImpl;
  readonly context: FleetContext;
  /** The data folder, once known (it is created on first use). */
  dataDir(): Promise<string>;
  /** The user did something: restart the idle clock of the unlocked vaults. */
  noteUserActivity(): void;
  close(): Promise<void>;
}

export function createFleet(o: FleetOptions): Fleet {
  const jobs = new JobManager();
  const prompts = new HostKeyPrompts({
    events: o.events,
    ...(o.hostKeyTimeoutMs !== undefined ? { timeoutMs: o.hostKeyTimeoutMs } : {}),
  });
  const authPrompts = new AuthPrompts({
    events: o.events,
    ...(o.authPromptTimeoutMs !== undefined ? { timeoutMs: o.authPromptTimeoutMs } : {}),
  });
  const choice = new CredentialChoice();
  const offs: (() => void)[] = [jobs.onUpdate((j) => o.events.emit('job.updated', jobView(j)))];
  let opening: Promise<FleetCore> | null = null;
  let opened: FleetCore | null = null;
  let tempDir: string | null = null;
  let closed = false;

  async function open(): Promise<FleetCore> {
    const root = o.dataDir ?? (tempDir = await makeTempDataDir());
    const paths = fleetPaths(path.resolve(root));
    await makeFleetDirs(paths);
    const vaults = new VaultManager({ dir: paths.vaults, idleLockMs: o.idleLockMs ?? 15 * 60_000 });
    await vaults.init();
    const stores = new Map<string, KnownHostsStore>();
    const knownHosts = (domain: string) => {
      let s = stores.get(domain);
      if (!s) {
        s = new KnownHostsStore(domainFile(paths.knownHosts, domain, '.json'), domain);
        stores.set(domain, s);
      }
      return s;
    };
    const log = await AuditLog.open(paths.auditLog);
    // Each record is durable before the renderer hears of it.
    const audit: AuditSink = {
      append: async (r) => {
        await log.append(r);
        o.events.emit('audit.appended', auditRecordView(r));
      },
    };
    const pool = new SshPool({
      audit,
      knownHosts,
      prompt: prompts,
      authPrompter: authPrompts,
      ...(o.pool ?? {}),
    });
    const monitor = new MonitorService({
      // Monitoring never asks about host keys (probe connects without a prompt).
      probe: (t, credential, signal) => {
        const ref = findContainer(o.site(), t.name);
        return pool.probe(targetFor(ref, t.domain, credential), credential, signal);
      },
      stateFile: paths.monitorState,
      intervalSeconds: o.monitorIntervalSeconds ?? 300,
      onChange: (c) => o.events.emit('monitor.changed', accessStatusView(c.status)),
      onLoadError: (e) =>
        o.onWarning?.(`Access monitoring starts afresh: ${e instanceof Error ? e.message : String(e)}`),
    });
    await monitor.init();
    const remembered = new RememberedPassphrases(paths.remembered, o.keyring ?? null);
    offs.push(
      vaults.onEvent((e) => {
        o.events.emit(
          'vault.changed',
          e.type === 'locked'
            ? { domain: e.domain, unlocked: false, reason: e.reason }
            : { domain: e.domain, unlocked: true },
        );
        if (e.type === 'locked') pool.closeAll(e.domain);
      }),
      o.events.subscribe((e) => {
        if (e.name === 'site.changed') monitor.setHosts(monitoredHosts(e.payload.site));
      }),
    );
    const core: FleetCore = { paths, vaults, knownHosts, pool, remembered, monitor, auditLog: log };
    monitor.setHosts(monitoredHosts(o.site()));
    if (o.monitorAutoStart ?? true) void monitor.start();
    opened = core;
    return core;

    function monitoredHosts(site: Site | null): MonitoredHost[] {
      return (site?.containers ?? []).map((c) => ({
        // The jump host is added per check by the probe above, with the credential of that check.
        target: { domain: c.domain, name: c.name, host: c.address, port: c.ssh.port, user: c.ssh.user },
        credentials: () => choice.loginHandles(vaults.vault(c.domain)),
        accepted: (h) => choice.succeeded(h.domain, h.credentialId),
      }));
    }
  }

  const context: FleetContext = {
    events: o.events,
    site: o.site,
    jobs,
    prompts,
    authPrompts,
    keyFiles: o.keyFiles ?? noKeyFiles,
    choice,
    homeDir: o.homeDir ?? homedir(),
    core: () => {
      if (closed) return Promise.reject(new Error('Fleet access has been shut down'));
      opening ??= open();
      // A failed start is retried on the next request rather than remembered forever.
      opening.catch(() => {
        opening = null;
      });
      return opening;
    },
  };

  const impl: FleetImpl = {
    ...vaultHandlers(context),
    'hostkey.answer': async ({ promptId, decision }) => prompts.answer(promptId, decision),
    'hostkey.pending': async () => prompts.pending(),
    'auth.answer': async ({ promptId, answers }) => authPrompts.submit(promptId, answers),
    'auth.pending': async () => authPrompts.pending(),
    ...knownHostsHandlers(context),
    ...sshHandlers(context),
    ...auditHandlers(context),
    ...monitorHandlers(context),
    ...jobsHandlers(context),
  };

  return {
    impl,
    context,
    dataDir: async () => (await context.core()).paths.root,
    noteUserActivity: () => opened?.vaults.noteActivity(),
    async close() {
      if (closed) return;
      const core = opening ? await opening.catch(() => null) : null;
      closed = true;
      for (const off of offs.splice(0)) off();
      prompts.closeAll();
      authPrompts.closeAll();
      for (const j of jobs.list()) jobs.cancel(j.id);
      if (core) {
        await core.monitor.close();
        core.pool.shutdown();
        core.vaults.lockAll('all');
        core.remembered.clearMemory();
        await core.auditLog.close();
      }
      if (tempDir) await removeDir(tempDir);
    },
  };
}
