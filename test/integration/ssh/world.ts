// What the SSH integration tests share: a scratch folder, vaults (production KDF), known-hosts
// stores and an audit log per test world, a scripted host-key prompt, and the pool under test.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AuditLog } from '../../../core/audit/audit-log';
import { readAudit } from '../../../core/audit/audit-reader';
import type { AuditRecord, AuditRow } from '../../../core/audit/record';
import type { HostKeyPrompt, HostKeyQuestion } from '../../../core/ssh/host-key-gate';
import { KnownHostsStore } from '../../../core/ssh/known-hosts';
import type { SshPoolOptions } from '../../../core/ssh/pool';
import { SshPool } from '../../../core/ssh/pool';
import type { SshTarget } from '../../../core/ssh/target';
import { domainFile } from '../../../core/vault/domain-files';
import { VaultManager } from '../../../core/vault/vault-manager';
import type { SshdInstance } from '../harness/sshd';

export const VAULT_PASSPHRASE = 'integration vault passphrase';

/** A prompt whose answers the test chooses; it records every question. */
export class ScriptedPrompt implements HostKeyPrompt {
  readonly questions: HostKeyQuestion[] = [];
  readonly changed: (HostKeyQuestion & { known: readonly unknown[] })[] = [];
  answer: (q: HostKeyQuestion) => Promise<boolean> | boolean = () => true;

  confirmUnknownHost(q: HostKeyQuestion): Promise<boolean> {
    this.questions.push(q);
    return Promise.resolve(this.answer(q));
  }

  reportChangedKey(q: HostKeyQuestion & { known: readonly unknown[] }): void {
    this.changed.push(q);
  }
}

export class World {
  readonly prompt = new ScriptedPrompt();
  readonly stores = new Map<string, KnownHostsStore>();
  vaults!: VaultManager;
  audit!: AuditLog;
  pool!: SshPool;

  private constructor(readonly dir: string) {}

  static async create(name: string, pool: Partial<SshPoolOptions> = {}): Promise<World> {
    const w = new World(await mkdtemp(path.join(tmpdir(), `paddock-${name}-`)));
    w.vaults = new VaultManager({ dir: path.join(w.dir, 'vaults') });
    await w.vaults.init();
    w.audit = await AuditLog.open(path.join(w.dir, 'audit.jsonl'));
    w.pool = w.newPool(pool);
    return w;
  }

  newPool(o: Partial<SshPoolOptions> = {}): SshPool {
    return new SshPool({
      audit: this.audit,
      knownHosts: (d) => this.store(d),
      prompt: this.prompt,
      connectTimeoutMs: 20_000,
      ...o,
    });
  }

  store(domain: string): KnownHostsStore {
    let s = this.stores.get(domain);
    if (!s) {
      s = new KnownHostsStore(domainFile(path.join(this.dir, 'known-hosts'), domain, '.json'), domain);
      this.stores.set(domain, s);
    }
    return s;
  }

  /** Trust a server's keys up front (as an earlier accepted prompt would have). */
  async trust(domain: string, s: SshdInstance): Promise<void> {
    for (const k of s.hostKeys) {
      await this.store(domain).add(
        s.host,
        s.port,
        { keyType: k.type, fingerprint: k.fingerprint },
        'accepted',
      );
    }
  }

  target<D extends string>(domain: D, s: SshdInstance, name = s.name): SshTarget<D> {
    return { domain, name, host: s.host, port: s.port, user: 'root' };
  }

  /** One row per command, oldest first. */
  async auditRecords(): Promise<AuditRow[]> {
    return (await readAudit(this.audit.file, { limit: 10_000 })).records.reverse();
  }

  /** The log's lines as written (start, end and single records), oldest first. */
  async auditLines(file = this.audit.file): Promise<AuditRecord[]> {
    const text = await readFile(file, 'utf8').catch(() => '');
    return text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as AuditRecord);
  }

  async dispose(): Promise<void> {
    this.pool.shutdown();
    this.vaults.lockAll();
    await this.audit.close();
    await rm(this.dir, { recursive: true, force: true });
  }
}
