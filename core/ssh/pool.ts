// The SSH fleet pool: one connection per (domain, host, user, credential[, jump]), reused by
// every command to that host, reconnected with backoff when it drops, closed when idle.
// `runner(target, credential)` is the CommandRunner hypervisor drivers use. A credential is
// accepted only as a handle issued by the vault of the target's own domain: the type parameter
// makes mixing a compile error, and resolveHandle refuses it at run time too.
import { setMaxListeners } from 'node:events';
import type { AuditKind, AuditSink } from '../audit/record';
import type { CommandResult, CommandRunner, RemoteCommand } from '../exec/types';
import { zeroResolved } from '../vault/credential';
import type { CredentialHandle } from '../vault/handle';
import { checkHandle, resolveHandle } from '../vault/handle';
import type { AuditContext } from './audit-entry';
import { requireSink, writeAudit } from './audit-entry';
import type { BackoffPolicy } from './backoff';
import { DEFAULT_BACKOFF, backoffDelay } from './backoff';
import type { AuthPrompter } from './auth-prompt';
import { SshConnection } from './connection';
import { SshError, abortError, errorCode, isPermanent } from './errors';
import type { HostKeyPrompt } from './host-key-gate';
import type { InteractiveOptions, InteractiveSession } from './interactive';
import type { KnownHostsStore } from './known-hosts';
import type { SshTarget } from './target';
import { targetProblem } from './target';

export interface SshPoolOptions {
  /** Required: every remote command is recorded here. */
  audit: AuditSink;
  /** The known-hosts store of a domain. */
  knownHosts: (domain: string) => KnownHostsStore;
  /** Asks the user about unknown hosts; null = refuse them (headless use). */
  prompt: HostKeyPrompt | null;
  /** Asks the user keyboard-interactive prompts the vault cannot answer (one-time codes);
   * absent or null = such logins fail with an error naming the prompt. Never used by probes. */
  authPrompter?: AuthPrompter | null;
  connectTimeoutMs?: number;
  /** Keepalive every this many ms; a peer missing `keepaliveCountMax` in a row is dead. */
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
  /** Session channels at once per connection (OpenSSH's MaxSessions is 10). */
  maxChannelsPerConnection?: number;
  /** Used when a command sets no timeoutMs. */
  commandTimeoutMs?: number;
  maxOutputBytes?: number;
  backoff?: BackoffPolicy;
  /** Close connections unused for this long (0 = never). */
  idleCloseMs?: number;
}

const DEFAULTS = {
  connectTimeoutMs: 15_000,
  keepaliveIntervalMs: 5_000,
  keepaliveCountMax: 3,
  maxChannelsPerConnection: 8,
  commandTimeoutMs: 120_000,
  maxOutputBytes: 16 * 1024 * 1024,
  idleCloseMs: 5 * 60_000,
};

interface Slot {
  conn: SshConnection | null;
  connecting: Promise<SshConnection> | null;
  failures: number;
  nextAttemptAt: number;
  lastError: unknown;
}

export interface ProbeResult {
  ok: boolean;
  durationMs: number;
  error?: { code: string; message: string };
}

export interface PoolStats {
  connections: number;
  channelsInUse: number;
}

const label = (t: { domain: string; name: string }) => `${t.domain}/${t.name}`;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(t);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class SshPool {
  private readonly slots = new Map<string, Slot>();
  private readonly o: SshPoolOptions & typeof DEFAULTS & { backoff: BackoffPolicy };
  private readonly sweeper: NodeJS.Timeout | null;
  private closed = false;
  /** Aborts shared connection attempts on shutdown (a single caller's abort must not). */
  private readonly lifetime = new AbortController();

  constructor(options: SshPoolOptions) {
    requireSink(options?.audit);
    this.o = { ...DEFAULTS, backoff: DEFAULT_BACKOFF, ...options };
    // Every connection attempt in flight listens to it (one per host in a fan-out).
    setMaxListeners(0, this.lifetime.signal);
    const idle = this.o.idleCloseMs;
    this.sweeper = idle > 0 ? setInterval(() => this.closeIdle(idle), Math.min(idle, 30_000)) : null;
    this.sweeper?.unref();
  }

  /** A CommandRunner for one host of domain D, authenticating with a credential of domain D. */
  runner<D extends string>(target: SshTarget<D>, credential: CredentialHandle<NoInfer<D>>): CommandRunner {
    const lbl = label(target);
    return {
      target: lbl,
      run: (cmd: RemoteCommand) => this.run(target, credential, cmd),
    };
  }

  /** Run one command (see runner()). */
  async run<D extends string>(
    target: SshTarget<D>,
    credential: CredentialHandle<NoInfer<D>>,
    cmd: RemoteCommand,
  ): Promise<CommandResult> {
    const startedAt = Date.now();
    const timeoutMs = cmd.timeoutMs ?? this.o.commandTimeoutMs;
    const deadline = startedAt + timeoutMs;
    const signals = [AbortSignal.timeout(timeoutMs), ...(cmd.signal ? [cmd.signal] : [])];
    const signal = AbortSignal.any(signals);
    const conn = await this.pooledOrAudit(target, credential, signal, 'exec', cmd.argv, startedAt);
    return conn.run(cmd, { deadline, signal, maxOutputBytes: this.o.maxOutputBytes, startedAt });
  }

  /**
   * Access check for monitoring: a fresh login (never a pooled connection), a trivial command,
   * logout. Never prompts about host keys. Recorded in the audit log like any command.
   */
  async probe<D extends string>(
    target: SshTarget<D>,
    credential: CredentialHandle<NoInfer<D>>,
    signal?: AbortSignal,
  ): Promise<ProbeResult> {
    const startedAt = Date.now();
    const argv = ['true'];
    let conn: SshConnection | null = null;
    try {
      conn = await this.connect(target, credential, signal, false);
      const r = await conn.run(
        { argv },
        {
          kind: 'probe',
          startedAt,
          deadline: startedAt + this.o.connectTimeoutMs,
          ...(signal ? { signal } : {}),
        },
      );
      if (r.code !== 0)
        return {
          ok: false,
          durationMs: r.durationMs,
          error: { code: 'probe-failed', message: `"true" exited with ${r.code}` },
        };
      return { ok: true, durationMs: Date.now() - startedAt };
    } catch (e) {
      if (!conn)
        await writeAudit(this.auditContext(target), 'probe', argv, startedAt, { error: e }).catch(
          () => undefined,
        );
      return {
        ok: false,
        durationMs: Date.now() - startedAt,
        error: { code: errorCode(e), message: e instanceof Error ? e.message : String(e) },
      };
    } finally {
      conn?.close();
    }
  }

  /** An interactive pty session (console, shell) on the pooled connection. */
  async interactive<D extends string>(
    target: SshTarget<D>,
    credential: CredentialHandle<NoInfer<D>>,
    o: InteractiveOptions,
  ): Promise<InteractiveSession> {
    const startedAt = Date.now();
    const conn = await this.pooledOrAudit(
      target,
      credential,
      o.signal,
      'interactive',
      o.argv ?? ['<login shell>'],
      startedAt,
    );
    return conn.interactive(o);
  }

  stats(): PoolStats {
    let connections = 0;
    let channelsInUse = 0;
    for (const s of this.slots.values()) {
      if (s.conn?.isOpen) {
        connections++;
        channelsInUse += s.conn.channels.inUse;
      }
    }
    return { connections, channelsInUse };
  }

  /** Close every connection (of one domain, or all). */
  closeAll(domain?: string): void {
    for (const [key, s] of this.slots) {
      if (domain !== undefined && !key.startsWith(`${domain}\u0000`)) continue;
      s.conn?.close();
      this.slots.delete(key);
    }
  }

  /** Close everything and refuse further use. */
  shutdown(): void {
    this.closed = true;
    this.lifetime.abort(new SshError('closed', 'ssh pool', 'the SSH pool has been shut down'));
    if (this.sweeper) clearInterval(this.sweeper);
    this.closeAll();
  }

  // -------------------------------------------------------------------------------------------

  private auditContext(t: SshTarget<string>): AuditContext {
    return {
      sink: this.o.audit,
      domain: t.domain,
      name: t.name,
      address: `${t.host}:${t.port}`,
      user: t.user,
    };
  }

  /** The pooled connection; when there is none to be had, the attempt is still recorded. */
  private async pooledOrAudit(
    t: SshTarget<string>,
    credential: CredentialHandle<string>,
    signal: AbortSignal | undefined,
    kind: AuditKind,
    argv: readonly string[],
    startedAt: number,
  ): Promise<SshConnection> {
    try {
      return await this.connection(t, credential, signal, true);
    } catch (e) {
      await writeAudit(this.auditContext(t), kind, argv, startedAt, { error: e });
      throw e;
    }
  }

  private key(t: SshTarget<string>, credential: CredentialHandle<string>): string {
    const via = t.jump
      ? `\u0000via ${t.jump.user}@${t.jump.host}:${t.jump.port}#${t.jump.credential.credentialId}`
      : '';
    return `${t.domain}\u0000${t.user}@${t.host}:${t.port}#${credential.credentialId}${via}`;
  }

  /** The pooled connection for a target, connecting (after any backoff delay) if needed. */
  private async connection(
    t: SshTarget<string>,
    credential: CredentialHandle<string>,
    signal: AbortSignal | undefined,
    interactive: boolean,
  ): Promise<SshConnection> {
    if (this.closed) throw new SshError('closed', label(t), 'the SSH pool has been shut down');
    // Even on an open connection: the credential must still be of this domain and its vault
    // unlocked (locking a vault stops its domain's commands at once).
    checkHandle(credential, t.domain);
    if (t.jump) checkHandle(t.jump.credential, t.domain);
    const key = this.key(t, credential);
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { conn: null, connecting: null, failures: 0, nextAttemptAt: 0, lastError: null };
      this.slots.set(key, slot);
    }
    if (slot.conn?.isOpen) return slot.conn;
    if (!slot.connecting) {
      const s = slot;
      // Shared by every command waiting for this host, so it is not tied to any one of them.
      const shared = this.lifetime.signal;
      s.connecting = (async () => {
        const wait = s.nextAttemptAt - Date.now();
        if (wait > 0) await sleep(wait, shared);
        return this.connect(t, credential, shared, interactive);
      })();
      s.connecting.then(
        (c) => {
          s.conn = c;
          s.failures = 0;
          s.lastError = null;
          s.connecting = null;
          c.onClose(() => {
            if (s.conn === c) s.conn = null;
          });
        },
        (e: unknown) => {
          s.connecting = null;
          s.lastError = e;
          if (isPermanent(errorCode(e)) || errorCode(e) === 'aborted') return;
          s.failures++;
          s.nextAttemptAt = Date.now() + backoffDelay(s.failures, this.o.backoff);
        },
      );
    }
    const pending = slot.connecting;
    if (!pending) throw new SshError('connect-failed', label(t), 'no connection');
    if (!signal) return pending;
    // Waiting is abortable without cancelling the shared attempt other commands wait for.
    return new Promise<SshConnection>((resolve, reject) => {
      const onAbort = () => reject(abortError(signal.reason, label(t)));
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      pending.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  /** A new connection (through the jump host when there is one). */
  private async connect(
    t: SshTarget<string>,
    credential: CredentialHandle<string>,
    signal: AbortSignal | undefined,
    interactive: boolean,
  ): Promise<SshConnection> {
    const lbl = label(t);
    const problem = targetProblem(t) ?? (t.jump ? targetProblem(t.jump) : null);
    if (problem) throw new SshError('bad-target', lbl, problem);
    // Both credentials are checked against the target's domain before anything is opened.
    const secret = resolveHandle(credential, t.domain);
    let sock: Awaited<ReturnType<SshConnection['forwardOut']>> | undefined;
    try {
      if (t.jump) {
        const jumpTarget: SshTarget<string> = {
          domain: t.domain,
          name: `${t.name} (jump ${t.jump.host})`,
          ...t.jump,
        };
        const jump = await this.connection(jumpTarget, t.jump.credential, signal, interactive);
        sock = await jump.forwardOut(t.host, t.port);
      }
    } catch (e) {
      zeroResolved(secret);
      throw e;
    }
    return SshConnection.connect({
      label: lbl,
      domain: t.domain,
      name: t.name,
      host: t.host,
      port: t.port,
      user: t.user,
      credential: secret,
      audit: this.o.audit,
      knownHosts: this.o.knownHosts(t.domain),
      prompt: interactive ? this.o.prompt : null,
      authPrompter: interactive ? (this.o.authPrompter ?? null) : null,
      ...(sock ? { sock } : {}),
      connectTimeoutMs: this.o.connectTimeoutMs,
      keepaliveIntervalMs: this.o.keepaliveIntervalMs,
      keepaliveCountMax: this.o.keepaliveCountMax,
      maxChannels: this.o.maxChannelsPerConnection,
      ...(signal ? { signal } : {}),
    });
  }

  private closeIdle(idleMs: number): void {
    const now = Date.now();
    for (const [key, s] of this.slots) {
      const c = s.conn;
      if (c && c.channels.inUse === 0 && now - c.lastUsed > idleMs) {
        c.close();
        this.slots.delete(key);
      } else if (!c && !s.connecting && now - s.nextAttemptAt > idleMs) {
        this.slots.delete(key);
      }
    }
  }
}
