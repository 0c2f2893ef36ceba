// A host of domain A can only be reached with domain A's credentials. At compile time the
// handle's brand must match the target's domain (the @ts-expect-error lines below fail
// `npm run typecheck` if mixing ever compiles); at run time the pool refuses before connecting.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../core/audit/record';
import { KnownHostsStore } from '../../../core/ssh/known-hosts';
import { SshPool } from '../../../core/ssh/pool';
import type { SshTarget } from '../../../core/ssh/target';
import { DomainVault } from '../../../core/vault/domain-vault';
import type { CredentialHandle } from '../../../core/vault/handle';
import { DomainMismatchError, UnknownHandleError, handleDomain } from '../../../core/vault/handle';

let dir = '';
let mgmt: DomainVault<'mgmt'>;
let teaching: DomainVault<'teaching'>;
const records: AuditRecord[] = [];
let pool: SshPool;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'paddock-domains-'));
  mgmt = new DomainVault('mgmt', path.join(dir, 'mgmt.vault'));
  teaching = new DomainVault('teaching', path.join(dir, 'teaching.vault'));
  await mgmt.create('management passphrase');
  await teaching.create('teaching passphrase');
  await mgmt.addPassword({ name: 'pw', password: 'mgmt secret' });
  await teaching.addPassword({ name: 'pw', password: 'teaching secret' });
  pool = new SshPool({
    audit: { append: (r) => Promise.resolve(void records.push(r)) },
    knownHosts: (d) => new KnownHostsStore(path.join(dir, `${d}.known-hosts.json`), d),
    prompt: null,
    connectTimeoutMs: 2_000,
  });
}, 60_000);

afterAll(async () => {
  pool.shutdown();
  mgmt.lock();
  teaching.lock();
  await rm(dir, { recursive: true, force: true });
});

// Port 9 (discard) on loopback: nothing listens, so reaching the network would fail differently.
const mgmtHost: SshTarget<'mgmt'> = { domain: 'mgmt', name: 'c1', host: '127.0.0.1', port: 9, user: 'root' };

/** Compile-time checks only (never called): each @ts-expect-error must be an error. */
export function typeLevelSeparation(): void {
  pool.runner(mgmtHost, mgmt.handle('pw'));
  // @ts-expect-error a teaching credential cannot reach a management host
  pool.runner(mgmtHost, teaching.handle('pw'));
  // @ts-expect-error not for a single command either
  void pool.run(mgmtHost, teaching.handle('pw'), { argv: ['true'] });
  // @ts-expect-error nor for a console
  void pool.interactive(mgmtHost, teaching.handle('pw'), { pty: { rows: 24, cols: 80 } });
  const viaBastion: SshTarget<'mgmt'> = {
    ...mgmtHost,
    // @ts-expect-error the domain's jump host needs the domain's own credential too
    jump: { host: '127.0.0.1', port: 9, user: 'root', credential: teaching.handle('pw') },
  };
  void viaBastion;
  // @ts-expect-error a handle cannot be made up from a plain object
  const forged: CredentialHandle<'mgmt'> = { domain: 'mgmt', credentialId: 'x', name: 'pw' };
  void forged;
}

describe('domain separation at run time', () => {
  it('refuses a handle of another domain before any connection attempt, and audits it', async () => {
    const foreign = teaching.handle('pw') as unknown as CredentialHandle<'mgmt'>;
    const e = await pool.run(mgmtHost, foreign, { argv: ['true'] }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DomainMismatchError);
    expect(records.at(-1)).toMatchObject({ domain: 'mgmt', host: 'c1', error: { code: 'domain-mismatch' } });
  });

  it('refuses a relabelled copy of a genuine handle', async () => {
    const relabelled = { ...teaching.handle('pw'), domain: 'mgmt' } as unknown as CredentialHandle<'mgmt'>;
    await expect(pool.run(mgmtHost, relabelled, { argv: ['true'] })).rejects.toBeInstanceOf(
      UnknownHandleError,
    );
    expect(handleDomain(teaching.handle('pw'))).toBe('teaching');
  });

  it('refuses a foreign jump host credential', async () => {
    const t: SshTarget<'mgmt'> = {
      ...mgmtHost,
      jump: {
        host: '127.0.0.1',
        port: 9,
        user: 'root',
        credential: teaching.handle('pw') as unknown as CredentialHandle<'mgmt'>,
      },
    };
    await expect(pool.run(t, mgmt.handle('pw'), { argv: ['true'] })).rejects.toBeInstanceOf(
      DomainMismatchError,
    );
  });

  it('lets the right domain through to the network (which then fails here: nothing listens)', async () => {
    const e = await pool.run(mgmtHost, mgmt.handle('pw'), { argv: ['true'] }).catch((x: unknown) => x);
    expect((e as { code: string }).code).toBe('connect-failed');
  });
});
