// Live inventory through the handlers: every container is read at once as one job, each
// host's answer is announced as it lands, a slow, dead or locked host shows its own error and
// keeps its older data with its age, a host being read is not asked twice, and opening another
// site (or reloading this one with other machines) drops what no longer applies.
import { writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { InventoryUpdate } from '../../../../core/ipc/contract';
import type { InventorySetup } from './inventory-setup';
import { LAB_SITE_TEXT, inventorySetup } from './inventory-setup';

let t: InventorySetup | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

const updates = (s: InventorySetup): InventoryUpdate[] =>
  s.events.flatMap((e) => (e.name === 'inventory.updated' ? [e.payload] : []));
const jobsOfKind = (s: InventorySetup, kind: string) =>
  s.events.flatMap((e) => (e.name === 'job.updated' && e.payload.kind === kind ? [e.payload] : []));

describe('inventory.status and inventory.refresh', () => {
  it('starts with every container of the site never read', async () => {
    t = await inventorySetup();
    const v = await t.ok('inventory.status', {});
    expect(v.hosts.map((h) => [h.container, h.domain, h.status, h.refreshedAt])).toEqual([
      ['lab-h1', 'research', 'never', null],
      ['lab-h2', 'research', 'never', null],
      ['lab-h3', 'teaching', 'never', null],
    ]);
    expect(v).toMatchObject({ refreshing: false, lastRefreshAt: null });
    // Opening the site announced the (empty) list as a replacement.
    expect(updates(t).at(-1)).toMatchObject({ replace: true, refreshing: false });
  });

  it('reads every host, announces each answer and runs as a job with progress', async () => {
    t = await inventorySetup();
    const before = Date.now();
    const v = await t.ok('inventory.refresh', {});
    expect(v.refreshing).toBe(false);
    for (const h of v.hosts) {
      expect(h.status).toBe('ok');
      expect(h.error).toBeNull();
      expect(Date.parse(h.refreshedAt ?? '')).toBeGreaterThanOrEqual(before - 1);
      expect(h.capacity).toEqual({ cpus: 2, memoryMiB: 8000 });
      const truth = [...t.fake.host(h.container).vms.values()].map((d) => [d.name, d.state]);
      expect(h.vms.map((x) => [x.name, x.state])).toEqual(truth);
    }
    expect(v.hosts.find((h) => h.container === 'lab-h1')?.vms[0]).toEqual({
      name: 'research-vm1',
      state: 'running',
      rawState: 'running',
      vcpus: 1,
      memoryMiB: 96,
      partial: false,
      nics: [{ mac: '52:54:00:40:01:01', bridge: 'br-research' }],
      disks: 1,
    });
    // First every host is marked as being read, then each answer arrives on its own.
    const ups = updates(t).filter((u) => !u.replace);
    expect(ups[0]?.hosts.map((h) => [h.container, h.refreshing])).toEqual([
      ['lab-h1', true],
      ['lab-h2', true],
      ['lab-h3', true],
    ]);
    const answered = ups
      .slice(1)
      .flatMap((u) => u.hosts.map((h) => `${h.container}:${h.status}:${h.refreshing}`));
    expect(answered.sort()).toEqual(['lab-h1:ok:false', 'lab-h2:ok:false', 'lab-h3:ok:false']);
    expect(ups.at(-1)?.refreshing).toBe(false);
    const job = jobsOfKind(t, 'inventory.refresh');
    expect(job.at(-1)).toMatchObject({
      state: 'succeeded',
      fraction: 1,
      title: 'Read live state of 3 containers',
    });
    expect(job.some((j) => j.message?.startsWith('lab-h2: 2 VM(s) in '))).toBe(true);
    expect(job.at(-1)?.message).toBe('Read 3 container(s): 6 VM(s)');
  });

  it('a slow host and a dead host do not hold up the others, and keep their older data', async () => {
    t = await inventorySetup({ refreshTimeoutMs: 300 });
    const first = await t.ok('inventory.refresh', {});
    const firstAt = first.hosts.map((h) => h.refreshedAt);
    t.fake.host('lab-h1').behaviour = 'slow';
    t.fake.host('lab-h2').behaviour = 'fail';
    t.fake.setState('lab-h3', 'teaching-vm2', 'stopped');
    await new Promise((r) => setTimeout(r, 20));
    const t0 = Date.now();
    const v = await t.ok('inventory.refresh', {});
    expect(Date.now() - t0).toBeLessThan(3_000);
    const [h1, h2, h3] = v.hosts;
    expect(h1).toMatchObject({ status: 'timeout', refreshedAt: firstAt[0] });
    expect(h1?.error).toMatch(/^lab-h1: no answer within 300 ms/);
    expect(h2).toMatchObject({ status: 'error', refreshedAt: firstAt[1] });
    expect(h2?.error).toBe('lab-h2: ssh: connect to lab-h2 refused');
    // Their previous VMs are still shown (with their age), not dropped.
    expect(h1?.vms.map((x) => x.name)).toEqual(['research-vm1', 'research-vm2']);
    expect(h3?.status).toBe('ok');
    expect(h3?.refreshedAt).not.toBe(firstAt[2]);
    expect(h3?.vms.find((x) => x.name === 'teaching-vm2')?.state).toBe('stopped');
    const job = jobsOfKind(t, 'inventory.refresh').at(-1);
    expect(job?.state).toBe('failed');
    expect(job?.error).toMatch(/^2 of 3 container\(s\) could not be read: /);
    expect(job?.error).toContain('lab-h2: ssh: connect to lab-h2 refused');
  });

  it('a locked vault fails only the containers of its domain, with the reason', async () => {
    t = await inventorySetup();
    t.fake.locked.add('teaching');
    const v = await t.ok('inventory.refresh', {});
    expect(v.hosts.map((h) => h.status)).toEqual(['ok', 'ok', 'error']);
    expect(v.hosts[2]?.error).toBe(
      'lab-h3: The vault of security domain "teaching" is locked: unlock it to reach lab-h3',
    );
    expect(t.fake.host('lab-h3').calls).toEqual([]);
  });

  it('reads only the named containers, and a host being read is not asked twice', async () => {
    t = await inventorySetup();
    const [a, b] = await Promise.all([
      t.ok('inventory.refresh', { containers: ['lab-h2'] }),
      t.ok('inventory.refresh', { containers: ['lab-h2', 'lab-h3'] }),
    ]);
    expect(t.fake.host('lab-h1').calls).toEqual([]);
    expect(t.fake.host('lab-h2').calls.filter((c) => c === 'inventory')).toHaveLength(1);
    expect(t.fake.host('lab-h3').calls.filter((c) => c === 'inventory')).toHaveLength(1);
    expect(a.hosts.find((h) => h.container === 'lab-h2')?.status).toBe('ok');
    expect(b.hosts.map((h) => h.status)).toEqual(['never', 'ok', 'ok']);
  });

  it('refuses containers the site does not have, naming them', async () => {
    t = await inventorySetup();
    const e = await t.fail('inventory.refresh', { containers: ['lab-h1', 'lab-h9', 'nope'] });
    expect(e).toEqual({ code: 'not-found', message: 'No container named "lab-h9", "nope" in the site' });
    expect(t.fake.host('lab-h1').calls).toEqual([]);
  });

  it('cancelling the job stops waiting for a hanging host', async () => {
    t = await inventorySetup({ refreshTimeoutMs: 30_000 });
    t.fake.host('lab-h1').behaviour = 'slow';
    const pending = t.ok('inventory.refresh', {});
    await expect
      .poll(() => jobsOfKind(t as InventorySetup, 'inventory.refresh').at(-1)?.state)
      .toBe('running');
    const id = jobsOfKind(t, 'inventory.refresh').at(-1)?.id ?? '';
    const t0 = Date.now();
    t.jobs.cancel(id);
    const v = await pending;
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect((await t.finished(id)).state).toBe('cancelled');
    expect(v.hosts.find((h) => h.container === 'lab-h1')).toMatchObject({
      refreshing: true,
      status: 'never',
    });
    expect(v.hosts.find((h) => h.container === 'lab-h2')?.status).toBe('ok');
  });

  it('follows the open site: another file starts afresh, a reload keeps what still applies', async () => {
    t = await inventorySetup();
    await t.ok('inventory.refresh', {});
    // Same file, lab-h2 now another machine: its data is dropped, the others kept.
    await writeFile(t.siteFile, LAB_SITE_TEXT.replace('address: 10.200.40.12', 'address: 10.200.40.22'));
    await t.handlers.reloadSite();
    let v = await t.ok('inventory.status', {});
    expect(v.hosts.map((h) => h.status)).toEqual(['ok', 'never', 'ok']);
    expect(updates(t).at(-1)).toMatchObject({ replace: true });
    // Another file: nothing of the old site's hosts applies.
    const other = `${t.dir}/other.yaml`;
    await writeFile(other, LAB_SITE_TEXT);
    await t.handlers.openSite(other, 'dialog');
    v = await t.ok('inventory.status', {});
    expect(v.hosts.map((h) => h.status)).toEqual(['never', 'never', 'never']);
    expect(v.lastRefreshAt).toBeNull();
  });

  it('says why when there is no usable site', async () => {
    t = await inventorySetup();
    await writeFile(t.siteFile, 'version: 1\nsite: {}\n');
    await t.handlers.reloadSite();
    expect(await t.fail('inventory.refresh', {})).toEqual({
      code: 'site-invalid',
      message: 'site.yaml did not load (see its problems), so its containers are not known',
    });
    expect((await t.fail('drift.get', {})).code).toBe('site-invalid');
    expect((await t.ok('inventory.status', {})).hosts).toEqual([]);
  });
});
