// The inventory requests as the app builds them (createAppHandlers): containers are reached
// through the fleet's one SSH pool with their own domain's vault, so a locked vault fails only
// that domain's containers, without any connection, and what is attempted is in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetSetup } from '../fleet/fleet-setup';
import { PASS_MGMT, countingListener, fleetSetup } from '../fleet/fleet-setup';

let t: FleetSetup;
let refusing: Awaited<ReturnType<typeof countingListener>>;
let untouched: Awaited<ReturnType<typeof countingListener>>;

beforeAll(async () => {
  refusing = await countingListener();
  untouched = await countingListener();
  t = await fleetSetup({ ports: { mgmt: refusing.port, teach: untouched.port } });
  await t.ok('vault.create', { domain: 'mgmt', passphrase: PASS_MGMT });
  await t.ok('vault.addPassword', { domain: 'mgmt', name: 'pw', password: 'mgmt password 1' });
}, 60_000);

afterAll(async () => {
  await t?.dispose();
  await refusing?.close();
  await untouched?.close();
});

describe('inventory over the fleet', () => {
  it('reads each container with its own domain vault; a locked one fails alone, unconnected', async () => {
    const v = await t.ok('inventory.refresh', {});
    const [mgmt, teach] = v.hosts;
    expect(mgmt).toMatchObject({ container: 'mgmt-c1', domain: 'mgmt', status: 'error', refreshing: false });
    expect(mgmt?.error).toMatch(/^mgmt-c1: mgmt\/mgmt-c1: /);
    expect(teach).toMatchObject({
      container: 'teach-c1',
      status: 'error',
      error: 'teach-c1: The vault of security domain "teach" is locked: unlock it to reach teach-c1',
    });
    expect(refusing.connections()).toBeGreaterThan(0);
    expect(untouched.connections()).toBe(0);
    // The pool wrote the attempted virsh commands to the audit log, per host.
    const audit = await t.ok('audit.query', { host: 'mgmt-c1' });
    expect(audit.records.some((r) => r.argv[0] === 'virsh' && r.error !== undefined)).toBe(true);
    expect((await t.ok('audit.query', { host: 'teach-c1' })).records).toEqual([]);
    // The refresh is in the jobs list like every other long operation.
    expect((await t.ok('jobs.list', {})).find((j) => j.kind === 'inventory.refresh')?.state).toBe('failed');
  }, 60_000);

  it('an action on a VM that neither the site nor any host knows is refused before any job', async () => {
    const e = await t.fail('vm.action', { vm: 'x1', action: 'start' });
    expect(e).toEqual({
      code: 'not-found',
      message: 'No VM named "x1" in the site or on any container read so far',
    });
    expect((await t.ok('drift.get', {})).items).toEqual([]);
  });
});
