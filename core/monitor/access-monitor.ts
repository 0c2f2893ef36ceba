// Admin-access monitoring: periodically check that Paddock can still log in to every container
// (a fresh login and a trivial command, never a pooled connection), keep the last successful
// login and the reason of the last failure per container, and tell listeners when a container's
// state or failure reason changes. The state can be kept across restarts in a JSON file.
import { z } from 'zod';
import type { AccessState, AccessStatus } from '../records/access-status';
import { errorCode } from '../ssh/errors';
import type { ProbeResult } from '../ssh/pool';
import type { SshTarget } from '../ssh/target';
import { readFileBounded, writeFileAtomic } from '../storage/atomic-file';
import type { CredentialHandle } from '../vault/handle';

export interface MonitoredHost<D extends string = string> {
  target: SshTarget<D>;
  /**
   * The credentials to log in with now, in the order to try them: the next is tried only when
   * the host refused the previous one. Throwing (e.g. vault locked) skips the check, with the reason.
   */
  credentials: () => readonly CredentialHandle<D>[];
  /** Told which credential the host accepted, so the next check (and other work) starts with it. */
  accepted?: (credential: CredentialHandle<D>) => void;
}

export type Prober = (
  target: SshTarget<string>,
  credential: CredentialHandle<string>,
  signal: AbortSignal,
) => Promise<ProbeResult>;

// A container's status is pure (the contract sends it to the renderer as is).
export type { AccessState, AccessStatus } from '../records/access-status';

export interface AccessChange {
  status: AccessStatus;
  previous: AccessStatus;
}

export interface AccessMonitorOptions {
  probe: Prober;
  /** Between the end of one round and the start of the next (default 5 minutes). */
  intervalMs?: number;
  /** Containers checked at once (default 4). */
  concurrency?: number;
  /** A check that takes longer fails (default 30 s). */
  timeoutMs?: number;
  /** Keep last success / last failure across restarts. */
  stateFile?: string;
}

const statusSchema = z.object({
  domain: z.string(),
  name: z.string(),
  address: z.string(),
  state: z.enum(['unknown', 'ok', 'failing', 'skipped']),
  lastCheckAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastFailure: z.object({ at: z.string(), code: z.string(), reason: z.string() }).nullable(),
  consecutiveFailures: z.number().int().min(0),
});
const stateFileSchema = z.object({ version: z.literal(1), hosts: z.array(statusSchema) });

const keyOf = (t: { domain: string; name: string }) => `${t.domain}/${t.name}`;

export class AccessMonitor {
  private hosts: MonitoredHost[] = [];
  private readonly statuses = new Map<string, AccessStatus>();
  private readonly listeners = new Set<(c: AccessChange) => void>();
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<AccessStatus[]> | null = null;
  private running = false;
  private readonly stop$ = new AbortController();
  private readonly o: Required<Omit<AccessMonitorOptions, 'stateFile'>> & { stateFile?: string };

  constructor(options: AccessMonitorOptions) {
    this.o = { intervalMs: 5 * 60_000, concurrency: 4, timeoutMs: 30_000, ...options };
  }

  /** Restore the last known state (absent file = nothing known yet). */
  async load(): Promise<void> {
    if (!this.o.stateFile) return;
    let text: string;
    try {
      text = await readFileBounded(this.o.stateFile, 16 * 1024 * 1024);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    const parsed = stateFileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw new Error(`${this.o.stateFile}: ${i?.path.join('.') || '(file)'}: ${i?.message ?? 'bad shape'}`);
    }
    for (const s of parsed.data.hosts) this.statuses.set(keyOf(s), s);
  }

  /** The containers to watch; status is kept for those that stay. */
  setHosts(hosts: readonly MonitoredHost[]): void {
    this.hosts = [...hosts];
    const keep = new Set(hosts.map((h) => keyOf(h.target)));
    for (const k of this.statuses.keys()) if (!keep.has(k)) this.statuses.delete(k);
    for (const h of hosts) {
      const k = keyOf(h.target);
      if (!this.statuses.has(k)) this.statuses.set(k, this.blank(h.target));
    }
  }

  status(): AccessStatus[] {
    return this.hosts.flatMap((h) => {
      const s = this.statuses.get(keyOf(h.target));
      return s ? [structuredClone(s)] : [];
    });
  }

  onChange(listener: (c: AccessChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const loop = async () => {
      await this.checkNow().catch(() => undefined);
      if (!this.running) return;
      this.timer = setTimeout(() => void loop(), this.o.intervalMs);
      this.timer.unref();
    };
    void loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.stop$.abort();
    await this.round?.catch(() => undefined);
  }

  /** Check every container once (a round already running is joined, not doubled). */
  checkNow(): Promise<AccessStatus[]> {
    this.round ??= this.runRound().finally(() => {
      this.round = null;
    });
    return this.round;
  }

  private async runRound(): Promise<AccessStatus[]> {
    const queue = [...this.hosts];
    const worker = async () => {
      for (let h = queue.shift(); h; h = queue.shift()) await this.checkOne(h);
    };
    await Promise.all(Array.from({ length: Math.max(1, this.o.concurrency) }, worker));
    await this.persist();
    return this.status();
  }

  private async checkOne(h: MonitoredHost): Promise<void> {
    const at = new Date().toISOString();
    let credentials: readonly CredentialHandle<string>[];
    try {
      credentials = h.credentials();
      if (credentials.length === 0) throw noCredential(h.target.domain);
    } catch (e) {
      return this.update(h.target, { state: 'skipped', at, code: errorCode(e), reason: messageOf(e) });
    }
    const signal = AbortSignal.any([this.stop$.signal, AbortSignal.timeout(this.o.timeoutMs)]);
    const refusals: string[] = [];
    let r: ProbeResult = { ok: false, durationMs: 0 };
    for (const credential of credentials) {
      try {
        r = await this.o.probe(h.target, credential, signal);
      } catch (e) {
        r = { ok: false, durationMs: 0, error: { code: errorCode(e), message: messageOf(e) } };
      }
      if (this.stop$.signal.aborted) return;
      if (r.ok) {
        h.accepted?.(credential);
        break;
      }
      // Only a refusal of this credential is a reason to try the next one.
      if (r.error?.code !== 'auth-failed' || signal.aborted) break;
      refusals.push(r.error.message);
    }
    if (r.ok) this.update(h.target, { state: 'ok', at });
    else
      this.update(h.target, {
        state: 'failing',
        at,
        code: r.error?.code ?? 'failed',
        reason:
          refusals.length > 1 && r.error?.code === 'auth-failed'
            ? `No credential of "${h.target.domain}" was accepted: ${refusals.join('; ')}`
            : (r.error?.message ?? 'login failed'),
      });
  }

  private update(
    t: SshTarget<string>,
    o: { state: AccessState; at: string; code?: string; reason?: string },
  ): void {
    const k = keyOf(t);
    if (!this.hosts.some((h) => keyOf(h.target) === k)) return;
    const previous = this.statuses.get(k) ?? this.blank(t);
    const next: AccessStatus = {
      ...structuredClone(previous),
      address: `${t.host}:${t.port}`,
      state: o.state,
      lastCheckAt: o.at,
    };
    if (o.state === 'ok') {
      next.lastSuccessAt = o.at;
      next.consecutiveFailures = 0;
    } else {
      next.lastFailure = { at: o.at, code: o.code ?? 'failed', reason: o.reason ?? '' };
      if (o.state === 'failing') next.consecutiveFailures = previous.consecutiveFailures + 1;
    }
    this.statuses.set(k, next);
    const changed =
      previous.state !== next.state ||
      (next.state !== 'ok' &&
        (previous.lastFailure?.code !== next.lastFailure?.code ||
          previous.lastFailure?.reason !== next.lastFailure?.reason));
    if (!changed) return;
    for (const l of this.listeners) {
      try {
        l({ status: structuredClone(next), previous });
      } catch {
        // A listener's failure must not stop monitoring.
      }
    }
  }

  private blank(t: SshTarget<string>): AccessStatus {
    return {
      domain: t.domain,
      name: t.name,
      address: `${t.host}:${t.port}`,
      state: 'unknown',
      lastCheckAt: null,
      lastSuccessAt: null,
      lastFailure: null,
      consecutiveFailures: 0,
    };
  }

  private async persist(): Promise<void> {
    if (!this.o.stateFile) return;
    await writeFileAtomic(
      this.o.stateFile,
      `${JSON.stringify({ version: 1, hosts: [...this.statuses.values()] }, null, 2)}\n`,
    );
  }
}

function noCredential(domain: string): Error {
  return Object.assign(new Error(`The vault of "${domain}" holds no credential`), { code: 'no-credential' });
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
