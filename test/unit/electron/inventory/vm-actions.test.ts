// Lifecycle actions through the handlers: each runs as a job on the container where the VM
// really is, changes the (fake) host's state, reads the host again and says what it found;
// shutdown waits with progress and can be cancelled or time out; bad requests never reach a
// host.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRequest } from '../../../../core/ipc/contract';
import type { InventorySetup } from './inventory-setup';
import { inventorySetup } from './inventory-setup';

let t: InventorySetup | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

const hostState = (s: InventorySetup, host: string, vm: string) => s.fake.host(host).vms.get(vm)?.state;

describe('vm.action', () => {
  it('force off, start, reboot and shutdown change the host and are reported as jobs', async () => {
    t = await inventorySetup();
    const off = await t.ok('vm.action', { vm: 'teaching-vm2', action: 'forceOff' });
    expect(off.container).toBe('lab-h3');
    const j1 = await t.finished(off.jobId);
    expect(j1).toMatchObject({
      kind: 'vm.forceOff',
      title: 'Force off teaching-vm2 on lab-h3',
      state: 'succeeded',
      message: 'teaching-vm2 is stopped on lab-h3',
    });
    expect(hostState(t, 'lab-h3', 'teaching-vm2')).toBe('stopped');
    // The host was read again, so the live view already shows it.
    const live = await t.ok('inventory.status', {});
    expect(live.hosts[2]?.vms.find((v) => v.name === 'teaching-vm2')?.state).toBe('stopped');

    const on = await t.ok('vm.action', { vm: 'teaching-vm2', action: 'start' });
    expect((await t.finished(on.jobId)).message).toBe('teaching-vm2 is running on lab-h3');
    const rb = await t.ok('vm.action', { vm: 'teaching-vm2', action: 'reboot' });
    expect((await t.finished(rb.jobId)).state).toBe('succeeded');
    const sd = await t.ok('vm.action', { vm: 'teaching-vm2', action: 'shutdown' });
    expect((await t.finished(sd.jobId)).message).toBe('teaching-vm2 is stopped on lab-h3');
    expect(t.fake.host('lab-h3').calls.filter((c) => c.includes('teaching-vm2'))).toEqual([
      'forceOff teaching-vm2',
      'start teaching-vm2',
      'reboot teaching-vm2',
      'shutdown teaching-vm2',
    ]);
  });

  it('acts where live discovery saw the VM, not where the site records it', async () => {
    t = await inventorySetup();
    t.fake.move('research-vm2', 'lab-h1', 'lab-h2');
    await t.ok('inventory.refresh', {});
    const r = await t.ok('vm.action', { vm: 'research-vm2', action: 'forceOff' });
    expect(r.container).toBe('lab-h2');
    expect((await t.finished(r.jobId)).state).toBe('succeeded');
    expect(hostState(t, 'lab-h2', 'research-vm2')).toBe('stopped');
    expect(t.fake.host('lab-h1').calls.some((c) => c.startsWith('forceOff'))).toBe(false);
  });

  it('a host error fails the job with the host and the reason', async () => {
    t = await inventorySetup();
    const r = await t.ok('vm.action', { vm: 'research-vm1', action: 'start' });
    const j = await t.finished(r.jobId);
    expect(j.state).toBe('failed');
    expect(j.error).toBe('error: Domain is already active');
  });

  it('shutdown of a guest that ignores it times out with advice, and can be cancelled', async () => {
    t = await inventorySetup({ shutdownTimeoutMs: 300 });
    t.fake.ignoreShutdown.add('research-vm3');
    const r = await t.ok('vm.action', { vm: 'research-vm3', action: 'shutdown' });
    const j = await t.finished(r.jobId);
    expect(j.state).toBe('failed');
    expect(j.error).toMatch(/^research-vm3 was still running \d+ s after the shutdown request: .*force off/);
    await t.dispose();

    t = await inventorySetup({ shutdownTimeoutMs: 60_000 });
    t.fake.ignoreShutdown.add('research-vm3');
    const r2 = await t.ok('vm.action', { vm: 'research-vm3', action: 'shutdown' });
    await expect.poll(() => t?.fake.host('lab-h2').calls.includes('shutdown research-vm3')).toBe(true);
    const t0 = Date.now();
    t.jobs.cancel(r2.jobId);
    const j2 = await t.finished(r2.jobId);
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(j2.state).toBe('cancelled');
    expect(j2.log).toEqual([
      'Stopped waiting: research-vm3 was asked to shut down and may still be doing so',
    ]);
  });

  it('actions on one VM run one after another', async () => {
    t = await inventorySetup();
    const a = await t.ok('vm.action', { vm: 'research-vm4', action: 'shutdown' });
    const b = await t.ok('vm.action', { vm: 'research-vm4', action: 'start' });
    expect((await t.finished(a.jobId)).state).toBe('succeeded');
    expect((await t.finished(b.jobId)).state).toBe('succeeded');
    expect(hostState(t, 'lab-h2', 'research-vm4')).toBe('running');
  });

  it('answers with a clear error, and starts no job, when it cannot act', async () => {
    t = await inventorySetup();
    t.fake.locked.add('teaching');
    expect(await t.fail('vm.action', { vm: 'teaching-vm1', action: 'reboot' })).toEqual({
      code: 'vault-locked',
      message: 'The vault of security domain "teaching" is locked: unlock it to reach lab-h3',
    });
    expect((await t.fail('vm.action', { vm: 'ghost', action: 'start' })).message).toBe(
      'No VM named "ghost" in the site or on any container read so far',
    );
    const copy = structuredClone(t.fake.host('lab-h1').vms.get('research-vm1'));
    if (!copy) throw new Error('no research-vm1');
    t.fake.host('lab-h2').vms.set('research-vm1', copy);
    await t.ok('inventory.refresh', { containers: ['lab-h1', 'lab-h2'] });
    expect(await t.fail('vm.action', { vm: 'research-vm1', action: 'shutdown' })).toMatchObject({
      code: 'ambiguous',
    });
    expect(t.jobs.list().filter((j) => j.kind.startsWith('vm.'))).toEqual([]);
  });

  it('refuses names outside the allow-list and unknown actions before anything runs', async () => {
    t = await inventorySetup();
    for (const vm of ['', '-rf', '.hidden', 'a b', 'x;reboot', '$(id)', '../etc', 'ä', 'a'.repeat(64)]) {
      const e = await t.fail('vm.action', { vm, action: 'forceOff' });
      expect(e.code).toBe('invalid-request');
      expect(e.message).toMatch(/^Invalid "vm.action" request: vm: /);
    }
    expect(
      (await t.fail('vm.action', { vm: 'research-vm1', action: 'destroy' as 'forceOff' })).message,
    ).toMatch(/^Invalid "vm.action" request: action: /);
    expect([...t.fake.hosts.values()].flatMap((h) => h.calls)).toEqual([]);
  });

  it('the allow-list: a name is accepted exactly when it is a site name', () => {
    const site = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 70 }), fc.stringMatching(site)), (vm) => {
        let accepted = true;
        try {
          parseRequest('vm.action', { vm, action: 'start' });
        } catch {
          accepted = false;
        }
        expect(accepted).toBe(site.test(vm));
      }),
    );
  });
});
