// At the handler level a container can only be reached with the credentials of its own security
// domain: the renderer names a container (never a domain), the credential is looked up only in
// that domain's vault, and a refusal happens before any connection is opened. Each container
// here is a TCP listener that counts connections, so "nothing was attempted" is measured.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetSetup } from './fleet-setup';
import { PASS_MGMT, PASS_TEACH, countingListener, fleetSetup } from './fleet-setup';

let t: FleetSetup;
let mgmtHost: Awaited<ReturnType<typeof countingListener>>;
let teachHost: Awaited<ReturnType<typeof countingListener>>;
let teachIds: string[] = [];

beforeAll(async () => {
  mgmtHost = await countingListener();
  teachHost = await countingListener();
  t = await fleetSetup({ ports: { mgmt: mgmtHost.port, teach: teachHost.port } });
  await t.ok('vault.create', { domain: 'teach', passphrase: PASS_TEACH });
  const pw = await t.ok('vault.addPassword', {
    domain: 'teach',
    name: 'shared-name',
    password: 'teach password 1',
  });
  const key = await t.ok('vault.generateKey', { domain: 'teach', name: 'teach-key' });
  teachIds = [pw.id, key.id, 'teach-key'];
}, 120_000);

afterAll(async () => {
  await t?.dispose();
  await mgmtHost?.close();
  await teachHost?.close();
});

describe("a container is reached only with its own domain's credentials", () => {
  it('refuses while the domain has no vault, although another domain is unlocked', async () => {
    expect(await t.fail('ssh.testConnection', { container: 'mgmt-c1' })).toEqual({
      code: 'vault-locked',
      message: 'The vault of security domain "mgmt" is locked: unlock it to reach mgmt-c1',
    });
    expect(mgmtHost.connections()).toBe(0);
  });

  it("never resolves another domain's credential, whatever the renderer names", async () => {
    await t.ok('vault.create', { domain: 'mgmt', passphrase: PASS_MGMT });
    expect(await t.fail('ssh.testConnection', { container: 'mgmt-c1' })).toMatchObject({
      code: 'no-credential',
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...teachIds), fc.string({ minLength: 1, maxLength: 40 })),
        async (ref) => {
          const e = await t.fail('ssh.testConnection', { container: 'mgmt-c1', credential: ref });
          expect(e.code).toBe('not-found');
          expect(e.message).toContain('The vault of "mgmt" has no credential');
        },
      ),
      { numRuns: 60 },
    );
    expect(mgmtHost.connections()).toBe(0);
    expect(t.events.filter((e) => e.name === 'job.updated')).toEqual([]);
  }, 120_000);

  it("a name both domains use is looked up in the container's own domain only", async () => {
    await t.ok('vault.addPassword', { domain: 'mgmt', name: 'shared-name', password: 'mgmt password 2' });
    const { jobId } = await t.ok('ssh.testConnection', { container: 'mgmt-c1', credential: 'shared-name' });
    const ended = () =>
      t.events.some(
        (e) => e.name === 'job.updated' && e.payload.id === jobId && e.payload.state === 'failed',
      );
    await expect.poll(ended, { timeout: 20_000 }).toBe(true);
    // It went to the management host (which is no SSH server, hence the failure), and only there.
    expect(mgmtHost.connections()).toBe(1);
    expect(teachHost.connections()).toBe(0);
  }, 60_000);

  it('locking the domain stops it at once; the other domain is unaffected', async () => {
    await t.ok('vault.lock', { domain: 'mgmt' });
    expect((await t.fail('ssh.testConnection', { container: 'mgmt-c1' })).code).toBe('vault-locked');
    const r = await t.ok('ssh.testConnection', { container: 'teach-c1' });
    expect(r.jobId).toMatch(/^job-/);
  });

  it('background access checks skip a locked domain without connecting', async () => {
    const before = mgmtHost.connections();
    const m = await t.ok('monitor.checkNow', {});
    const mgmt = m.hosts.find((h) => h.name === 'mgmt-c1');
    expect(mgmt).toMatchObject({ state: 'skipped', lastFailure: { code: 'vault-locked' } });
    expect(mgmtHost.connections()).toBe(before);
    const teach = m.hosts.find((h) => h.name === 'teach-c1');
    expect(teach?.state).toBe('failing');
  }, 60_000);
});
