// One security domain's vault: one file, one passphrase, its own salt and key. Locked, it holds
// nothing secret in memory; unlocked, it holds the secrets in Buffers (zeroed on lock) and the
// passphrase (needed to re-seal with a fresh salt on every save). Credentials leave only as
// handles branded with this vault's domain (./handle.ts).
import { randomUUID } from 'node:crypto';
import { access } from 'node:fs/promises';
import { readBytesBounded, writeFileAtomic } from '../storage/atomic-file';
import type { CredentialInfo, PasswordMethod, ResolvedCredential } from './credential';
import { credentialNameProblem } from './credential';
import { domainNameProblem } from './domain-files';
import type { CredentialHandle, HandleSource } from './handle';
import { issueHandle } from './handle';
import { PRODUCTION_KDF, passphraseBytes } from './kdf';
import type { ScryptParams } from './kdf';
import { describePrivateKey, generateEd25519 } from './key-material';
import type { StoredCredential, VaultPayload } from './payload';
import { decodePayload, encodePayload, zeroSecrets } from './payload';
import { MAX_SEALED_BYTES, VaultFormatError, seal, unseal } from './sealed-file';
import { MIN_PASSPHRASE_LENGTH } from '../records/passphrase';

export type LockReason = 'user' | 'idle' | 'all';
export type VaultEvent =
  | { type: 'unlocked'; domain: string }
  | { type: 'locked'; domain: string; reason: LockReason }
  | { type: 'changed'; domain: string };

export class VaultLockedError extends Error {
  readonly code = 'vault-locked';
  constructor(domain: string) {
    super(`The vault of security domain "${domain}" is locked: unlock it first`);
    this.name = 'VaultLockedError';
  }
}

export class VaultUsageError extends Error {
  readonly code = 'vault-usage';
  constructor(domain: string, reason: string) {
    super(`Vault "${domain}": ${reason}`);
    this.name = 'VaultUsageError';
  }
}

export interface DomainVaultOptions {
  /** Lock after this long without use; 0 or absent = never. */
  idleLockMs?: number;
  /** KDF parameters for new seals (production parameters unless a test asserts otherwise). */
  kdf?: ScryptParams;
}

interface Unlocked {
  passphrase: Buffer;
  credentials: StoredCredential[];
}

export type Secret = string | Uint8Array;

const toBuffer = (s: Secret) => (typeof s === 'string' ? Buffer.from(s, 'utf8') : Buffer.from(s));

export class DomainVault<D extends string> implements HandleSource {
  private state: Unlocked | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private busy = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(e: VaultEvent) => void>();
  private readonly kdf: ScryptParams;

  constructor(
    readonly domain: D,
    readonly file: string,
    private readonly options: DomainVaultOptions = {},
  ) {
    const problem = domainNameProblem(domain);
    if (problem) throw new Error(problem);
    this.kdf = options.kdf ?? PRODUCTION_KDF;
  }

  get unlocked(): boolean {
    return this.state !== null;
  }

  async exists(): Promise<boolean> {
    return access(this.file).then(
      () => true,
      () => false,
    );
  }

  onEvent(listener: (e: VaultEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Create a new, empty vault file (refused when one exists) and leave it unlocked. */
  create(passphrase: Secret): Promise<void> {
    return this.serial(async () => {
      if (await this.exists())
        throw new VaultUsageError(this.domain, `a vault already exists at ${this.file}`);
      const pass = this.checkNewPassphrase(passphrase);
      this.replaceState({ passphrase: pass, credentials: [] });
      await this.save();
      this.emit({ type: 'unlocked', domain: this.domain });
    });
  }

  unlock(passphrase: Secret): Promise<void> {
    return this.serial(async () => {
      const pass = passphraseBytes(passphrase);
      try {
        const credentials = await this.readFile(this.file, pass, 'vault');
        this.replaceState({ passphrase: pass, credentials });
      } catch (e) {
        pass.fill(0);
        throw e;
      }
      this.emit({ type: 'unlocked', domain: this.domain });
    });
  }

  /** Forget every secret now. Safe to call when already locked. */
  lock(reason: LockReason = 'user'): void {
    if (!this.state) return;
    this.replaceState(null);
    this.emit({ type: 'locked', domain: this.domain, reason });
  }

  /** The user did something with this domain: restart the idle clock (no-op when locked). */
  noteActivity(): void {
    if (this.state) this.touch();
  }

  list(): CredentialInfo[] {
    return this.need().credentials.map((c) => structuredClone(c.info));
  }

  /** A handle for one credential, by id or by name. */
  handle(idOrName: string): CredentialHandle<D> {
    const c = this.find(idOrName);
    return issueHandle(this, c.info.id, c.info.name);
  }

  /** HandleSource: throws when the credential cannot be used now (locked, removed). */
  checkUsable(credentialId: string): void {
    this.find(credentialId);
  }

  /** HandleSource: copies of the secret bytes for one connection attempt. */
  resolveSecret(credentialId: string): ResolvedCredential {
    const c = this.find(credentialId);
    const { info, secrets } = c;
    if (info.kind === 'private-key') {
      if (!secrets.key) throw new VaultUsageError(this.domain, `credential "${info.name}" has no key`);
      return {
        kind: 'private-key',
        name: info.name,
        key: Buffer.from(secrets.key),
        ...(secrets.passphrase ? { passphrase: Buffer.from(secrets.passphrase) } : {}),
      };
    }
    if (info.kind === 'password') {
      if (!secrets.password)
        throw new VaultUsageError(this.domain, `credential "${info.name}" has no password`);
      return {
        kind: 'password',
        name: info.name,
        password: Buffer.from(secrets.password),
        methods: info.methods ?? ['password', 'keyboard-interactive'],
      };
    }
    return { kind: 'agent', name: info.name, ...(info.agentSocket ? { socket: info.agentSocket } : {}) };
  }

  async addPrivateKey(o: { name: string; privateKey: Secret; passphrase?: Secret }): Promise<CredentialInfo> {
    const key = toBuffer(o.privateKey);
    const passphrase =
      o.passphrase !== undefined && o.passphrase.length > 0 ? toBuffer(o.passphrase) : undefined;
    let d: ReturnType<typeof describePrivateKey>;
    try {
      d = describePrivateKey(o.name, key, passphrase);
    } catch (e) {
      key.fill(0);
      passphrase?.fill(0);
      throw e;
    }
    return this.add(
      o.name,
      {
        kind: 'private-key',
        keyType: d.keyType,
        fingerprint: d.fingerprint,
        publicKey: d.publicKey,
        encryptedKey: d.encrypted,
      },
      // A passphrase given for an unencrypted key is not kept: it protects nothing.
      { key, ...(d.encrypted && passphrase ? { passphrase } : {}) },
    );
  }

  /** Generate an ed25519 key inside the vault; the result shows its public key line. */
  generateKey(o: { name: string; comment?: string }): Promise<CredentialInfo> {
    return this.addPrivateKey({
      name: o.name,
      privateKey: generateEd25519(o.comment ?? `paddock-${this.domain}`),
    });
  }

  addPassword(o: { name: string; password: Secret; methods?: PasswordMethod[] }): Promise<CredentialInfo> {
    if (o.password.length === 0)
      return Promise.reject(new VaultUsageError(this.domain, 'the password is empty'));
    const methods = o.methods ?? ['password', 'keyboard-interactive'];
    if (methods.length === 0) return Promise.reject(new VaultUsageError(this.domain, 'no SSH method chosen'));
    return this.add(
      o.name,
      { kind: 'password', methods: [...new Set(methods)] },
      { password: toBuffer(o.password) },
    );
  }

  /** Use the user's ssh-agent (SSH_AUTH_SOCK at connect time, or a fixed socket). */
  addAgent(o: { name: string; socket?: string }): Promise<CredentialInfo> {
    return this.add(o.name, { kind: 'agent', ...(o.socket ? { agentSocket: o.socket } : {}) }, {});
  }

  remove(idOrName: string): Promise<void> {
    return this.serial(async () => {
      const st = this.need();
      const c = this.find(idOrName);
      st.credentials = st.credentials.filter((x) => x !== c);
      await this.save();
      zeroSecrets(c.secrets);
      this.emit({ type: 'changed', domain: this.domain });
    });
  }

  changePassphrase(current: Secret, next: Secret): Promise<void> {
    return this.serial(async () => {
      const st = this.need();
      const cur = passphraseBytes(current);
      const ok = cur.length === st.passphrase.length && cur.equals(st.passphrase);
      cur.fill(0);
      if (!ok) throw new VaultUsageError(this.domain, 'the current passphrase is not correct');
      const old = st.passphrase;
      st.passphrase = this.checkNewPassphrase(next);
      try {
        await this.save();
      } catch (e) {
        st.passphrase.fill(0);
        st.passphrase = old;
        throw e;
      }
      old.fill(0);
    });
  }

  /** Write every credential, sealed under a separate export passphrase, to `file`. */
  exportTo(file: string, exportPassphrase: Secret): Promise<void> {
    return this.serial(async () => {
      const st = this.need();
      const pass = this.checkNewPassphrase(exportPassphrase);
      const plain = encodePayload(this.payload(st));
      try {
        await writeFileAtomic(
          file,
          await seal(plain, pass, { purpose: 'export', domain: this.domain, kdf: this.kdf }),
        );
      } finally {
        plain.fill(0);
        pass.fill(0);
      }
    });
  }

  /** Merge an export of this same domain; credentials whose name exists here are skipped. */
  importFrom(
    file: string,
    exportPassphrase: Secret,
  ): Promise<{ added: CredentialInfo[]; skipped: { name: string; reason: string }[] }> {
    return this.serial(async () => {
      const st = this.need();
      const pass = passphraseBytes(exportPassphrase);
      let incoming: StoredCredential[];
      try {
        incoming = await this.readFile(file, pass, 'export');
      } finally {
        pass.fill(0);
      }
      const added: CredentialInfo[] = [];
      const skipped: { name: string; reason: string }[] = [];
      for (const c of incoming) {
        if (st.credentials.some((x) => x.info.name === c.info.name)) {
          skipped.push({ name: c.info.name, reason: 'a credential with this name already exists' });
          zeroSecrets(c.secrets);
          continue;
        }
        c.info.id = randomUUID();
        st.credentials.push(c);
        added.push(structuredClone(c.info));
      }
      if (added.length) {
        await this.save();
        this.emit({ type: 'changed', domain: this.domain });
      }
      return { added, skipped };
    });
  }

  // -------------------------------------------------------------------------------------------

  private add(
    name: string,
    info: Omit<CredentialInfo, 'id' | 'name' | 'createdAt'>,
    secrets: StoredCredential['secrets'],
  ): Promise<CredentialInfo> {
    return this.serial(async () => {
      try {
        const st = this.need();
        const problem = credentialNameProblem(name);
        if (problem) throw new VaultUsageError(this.domain, problem);
        if (st.credentials.some((c) => c.info.name === name)) {
          throw new VaultUsageError(this.domain, `a credential named "${name}" already exists`);
        }
        const full: CredentialInfo = { id: randomUUID(), name, createdAt: new Date().toISOString(), ...info };
        const stored = { info: full, secrets };
        st.credentials.push(stored);
        try {
          await this.save();
        } catch (e) {
          st.credentials = st.credentials.filter((c) => c !== stored);
          throw e;
        }
        this.emit({ type: 'changed', domain: this.domain });
        return structuredClone(full);
      } catch (e) {
        zeroSecrets(secrets);
        throw e;
      }
    });
  }

  private find(idOrName: string): StoredCredential {
    const st = this.need();
    const c =
      st.credentials.find((x) => x.info.id === idOrName) ??
      st.credentials.find((x) => x.info.name === idOrName);
    if (!c) throw new VaultUsageError(this.domain, `no credential named "${idOrName}"`);
    return c;
  }

  // Reading the vault (listing, resolving a credential for a connection) does not reset the idle
  // clock: background work such as access monitoring would otherwise keep a vault unlocked
  // forever. Only the user's own operations (unlock, changes, noteActivity) do.
  private need(): Unlocked {
    if (!this.state) throw new VaultLockedError(this.domain);
    return this.state;
  }

  private checkNewPassphrase(p: Secret): Buffer {
    const text = typeof p === 'string' ? p : Buffer.from(p).toString('utf8');
    if ([...text].length < MIN_PASSPHRASE_LENGTH) {
      throw new VaultUsageError(
        this.domain,
        `a passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`,
      );
    }
    return passphraseBytes(p);
  }

  private payload(st: Unlocked): VaultPayload {
    return { domain: this.domain, savedAt: new Date().toISOString(), credentials: st.credentials };
  }

  private async save(): Promise<void> {
    const st = this.need();
    const plain = encodePayload(this.payload(st));
    try {
      // Never write a vault that could not be read back.
      if (plain.length + 1024 > MAX_SEALED_BYTES) {
        throw new VaultUsageError(this.domain, `the vault would exceed ${MAX_SEALED_BYTES >> 20} MiB`);
      }
      const sealed = await seal(plain, st.passphrase, {
        purpose: 'vault',
        domain: this.domain,
        kdf: this.kdf,
      });
      await writeFileAtomic(this.file, sealed);
    } finally {
      plain.fill(0);
    }
  }

  private async readFile(
    file: string,
    pass: Buffer,
    purpose: 'vault' | 'export',
  ): Promise<StoredCredential[]> {
    const bytes = await readBytesBounded(file, MAX_SEALED_BYTES);
    const { header, plaintext } = await unseal(bytes, pass, file);
    try {
      if (header.purpose !== purpose) {
        throw new VaultFormatError(file, `this is a vault ${header.purpose}, not a vault ${purpose}`);
      }
      // The domain is authenticated: a file of another domain put in this one's place is refused.
      if (header.domain !== this.domain) {
        throw new VaultFormatError(file, `it belongs to domain "${header.domain}", not "${this.domain}"`);
      }
      const payload = decodePayload(plaintext, file);
      if (payload.domain !== this.domain)
        throw new VaultFormatError(file, 'domain inside does not match its header');
      return payload.credentials;
    } finally {
      plaintext.fill(0);
    }
  }

  private replaceState(next: Unlocked | null): void {
    if (this.state && this.state !== next) {
      this.state.passphrase.fill(0);
      for (const c of this.state.credentials) zeroSecrets(c.secrets);
    }
    this.state = next;
    if (next) this.touch();
    else if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
  }

  private touch(): void {
    const ms = this.options.idleLockMs ?? 0;
    if (ms <= 0) return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => (this.busy > 0 ? this.touch() : this.lock('idle')), ms);
    this.idleTimer.unref();
  }

  // Operations run one at a time; the idle clock does not run while one is in progress (a save
  // takes longer than a short idle limit).
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const wrapped = async () => {
      this.busy++;
      try {
        return await fn();
      } finally {
        this.busy--;
        if (this.state) this.touch();
      }
    };
    const run = this.queue.then(wrapped, wrapped);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private emit(e: VaultEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // A listener's failure must not break locking.
      }
    }
  }
}
