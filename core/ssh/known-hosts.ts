// Trusted host keys of one security domain: SHA-256 fingerprints keyed by host, port and key
// type, in one JSON file per domain written atomically. Only fingerprints are stored: they are
// all verification needs, and nothing here is secret.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { readFileBounded, writeFileAtomic } from '../storage/atomic-file';
import type { KnownHostEntry } from '../records/known-host';
import type { PresentedKey } from './errors';

// The entry is pure (the contract lists it to the renderer).
export type { KnownHostEntry } from '../records/known-host';

export type HostKeyVerdict =
  | { kind: 'match' }
  | { kind: 'unknown' }
  /** Known with other keys (another key of the same type, or only keys of other types). */
  | { kind: 'changed'; known: PresentedKey[] };

const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

const entrySchema = z
  .object({
    host: z.string().min(1).max(255),
    port: z.number().int().min(1).max(65535),
    keyType: z.string().regex(/^[a-z0-9@._-]{1,64}$/i),
    fingerprint: z.string().regex(FINGERPRINT),
    addedAt: z.string(),
    source: z.enum(['accepted', 'imported']),
  })
  .strict();

const fileSchema = z
  .object({ version: z.literal(1), domain: z.string(), hosts: z.array(entrySchema) })
  .strict();

/** Host names compare case-insensitively; IPv6 literals may come with or without brackets. */
export function normalizeHost(host: string): string {
  const h = host.trim().toLowerCase();
  return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
}

/** The decision for a presented key given what is known of the host (pure). */
export function judgeHostKey(known: readonly KnownHostEntry[], presented: PresentedKey): HostKeyVerdict {
  if (known.length === 0) return { kind: 'unknown' };
  if (known.some((k) => k.keyType === presented.keyType && k.fingerprint === presented.fingerprint)) {
    return { kind: 'match' };
  }
  return { kind: 'changed', known: known.map((k) => ({ keyType: k.keyType, fingerprint: k.fingerprint })) };
}

export class KnownHostsError extends Error {
  constructor(file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'KnownHostsError';
  }
}

export class KnownHostsStore {
  private entries: KnownHostEntry[] = [];
  private loaded = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    readonly domain: string,
  ) {}

  /** Read the file (absent = empty). A malformed file is an error naming the entry, never ignored. */
  async load(): Promise<void> {
    let text: string;
    try {
      text = await readFileBounded(this.file, 8 * 1024 * 1024);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        this.entries = [];
        this.loaded = true;
        return;
      }
      throw e;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new KnownHostsError(this.file, `not valid JSON (${(e as Error).message})`);
    }
    const r = fileSchema.safeParse(json);
    if (!r.success) {
      const i = r.error.issues[0];
      throw new KnownHostsError(this.file, `${i?.path.join('.') || '(file)'}: ${i?.message ?? 'bad shape'}`);
    }
    if (r.data.domain !== this.domain) {
      throw new KnownHostsError(this.file, `belongs to domain "${r.data.domain}", not "${this.domain}"`);
    }
    this.entries = r.data.hosts;
    this.loaded = true;
  }

  async lookup(host: string, port: number): Promise<KnownHostEntry[]> {
    await this.ensureLoaded();
    const h = normalizeHost(host);
    return this.entries.filter((e) => e.host === h && e.port === port).map((e) => ({ ...e }));
  }

  async list(): Promise<KnownHostEntry[]> {
    await this.ensureLoaded();
    return this.entries.map((e) => ({ ...e }));
  }

  /**
   * Trust a key for a host. Refused when the host already has a different key of that type:
   * replacing a key is a deliberate `remove` first, never a side effect.
   */
  add(
    host: string,
    port: number,
    key: PresentedKey,
    source: KnownHostEntry['source'],
  ): Promise<'added' | 'present'> {
    return this.serial(async () => {
      await this.ensureLoaded();
      const h = normalizeHost(host);
      const same = this.entries.filter((e) => e.host === h && e.port === port);
      if (same.some((e) => e.keyType === key.keyType && e.fingerprint === key.fingerprint)) return 'present';
      const clash = same.find((e) => e.keyType === key.keyType);
      if (clash) {
        throw new KnownHostsError(
          this.file,
          `${h}:${port} is already known with ${clash.keyType} ${clash.fingerprint}; remove it before trusting ${key.fingerprint}`,
        );
      }
      if (!FINGERPRINT.test(key.fingerprint))
        throw new KnownHostsError(this.file, `bad fingerprint ${key.fingerprint}`);
      const entry: KnownHostEntry = {
        host: h,
        port,
        keyType: key.keyType,
        fingerprint: key.fingerprint,
        addedAt: new Date().toISOString(),
        source,
      };
      await this.write([...this.entries, entry]);
      return 'added';
    });
  }

  /** Forget a host's keys (all types, or one). Returns how many were removed. */
  remove(host: string, port: number, keyType?: string): Promise<number> {
    return this.serial(async () => {
      await this.ensureLoaded();
      const h = normalizeHost(host);
      const keep = this.entries.filter(
        (e) => !(e.host === h && e.port === port && (!keyType || e.keyType === keyType)),
      );
      const removed = this.entries.length - keep.length;
      if (removed) await this.write(keep);
      return removed;
    });
  }

  private async write(next: KnownHostEntry[]): Promise<void> {
    const body = { version: 1 as const, domain: this.domain, hosts: next };
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.file, `${JSON.stringify(body, null, 2)}\n`);
    this.entries = next;
  }

  private async ensureLoaded(): Promise<void> {
    if (!this.loaded) await this.load();
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
