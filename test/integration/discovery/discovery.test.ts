// Discovery against the lab: the inventory matches virsh on every host; drift appears when a
// VM is started or moved behind Paddock's back, and accepting it fixes a copy of the site
// file; lifecycle actions change real state; a slow or dead host does not hold up the rest.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../../core/audit/audit-reader';
import { applyDrift } from '../../../core/discovery/apply';
import { reconcile } from '../../../core/discovery/reconcile';
import { refreshInventory } from '../../../core/discovery/refresh';
import { saveSiteText } from '../../../core/discovery/save';
import { createDriver } from '../../../core/drivers/factory';
import { parseVirshList } from '../../../core/drivers/libvirt/parse-list';
import type { CommandRunner } from '../../../core/exec/types';
import type { Container, Site } from '../../../core/model/types';
import { loadSite } from '../../../core/site';
import { virshMigrateArgs } from '../../lab/migrate';
import { doneWithLab, useLab, type LabHandle } from '../../lab/use-lab';

let lab: LabHandle;
let site: Site;
let siteText: string;
beforeAll(async () => {
  lab = await useLab();
  siteText = readFileSync(lab.sitePath, 'utf8');
  const loaded = loadSite(siteText, 'site.yaml');
  if (!loaded.site) throw new Error(`lab site does not load: ${JSON.stringify(loaded.diagnostics[0])}`);
  site = loaded.site;
});
afterAll(() => doneWithLab());

const driverFor = (c: Container) => createDriver(c, lab.runner(c.name));
const refresh = (s: Site = site, driver = driverFor) => refreshInventory(s, driver, { timeoutMs: 60_000 });
const migrate = (vm: string, from: string, to: string) =>
  lab.virsh(from, ...virshMigrateArgs(vm, lab.host(to).address));

/** Accept the given drift into a copy of the lab site file; returns the reloaded site. */
async function acceptIntoCopy(
  fixes: Parameters<typeof applyDrift>[2],
): Promise<{ text: string; site: Site }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pdk-site-'));
  const file = path.join(dir, 'site.yaml');
  copyFileSync(lab.sitePath, file);
  const applied = applyDrift(siteText, 'site.yaml', fixes);
  await saveSiteText(file, siteText, applied.text);
  const text = readFileSync(file, 'utf8');
  const loaded = loadSite(text, 'site.yaml');
  if (!loaded.site) throw new Error('accepted site does not load');
  return { text, site: loaded.site };
}

describe('discovery on the lab', () => {
  it('matches virsh on every host, and a fresh lab has no drift', async () => {
    const inv = await refresh();
    for (const h of lab.hosts) {
      const snap = inv.hosts[h.name];
      expect(snap?.status, snap?.error ?? '').toBe('ok');
      const truth = parseVirshList(await lab.virsh(h.name, 'list', '--all'));
      expect(snap?.vms.map((v) => [v.name, v.state]).sort()).toEqual(
        truth.map((t) => [t.name, t.state]).sort(),
      );
      const cpus = Number(/CPU\(s\):\s+(\d+)/.exec(await lab.virsh(h.name, 'nodeinfo'))?.[1]);
      expect(snap?.capacity?.cpus).toBe(cpus);
      for (const v of snap?.vms ?? []) {
        const mac = /<mac address='([^']+)'/.exec(
          await lab.virsh(h.name, 'dumpxml', '--domain', v.name),
        )?.[1];
        expect(v.nics[0]?.mac).toBe(mac);
      }
    }
    expect(reconcile(site, inv).items).toEqual([]);
    // Every command went over SSH and is in the audit log.
    const records = (await readAudit(lab.fleet.audit.file, { limit: 10_000 })).records;
    for (const h of lab.hosts) {
      expect(records.some((r) => r.host === h.name && r.argv.includes('domstats') && r.exitCode === 0)).toBe(
        true,
      );
    }
  });

  it('shows a VM started behind Paddock’s back, and accepting it records it', async () => {
    const xml = (await lab.virsh('lab-h3', 'dumpxml', '--inactive', '--domain', 'teaching-vm1'))
      .replace('<name>teaching-vm1</name>', '<name>stray1</name>')
      .replace(/<uuid>[^<]+<\/uuid>/, '')
      .replace(/<mac address='[^']+'\/>/, "<mac address='52:54:00:40:ee:02'/>")
      .replace(/<log file='[^']+'[^>]*\/>/, '');
    const file = path.join(lab.host('lab-h3').dir, 'stray1.xml');
    writeFileSync(file, xml);
    await lab.virsh('lab-h3', 'define', '--file', file);
    await lab.virsh('lab-h3', 'start', '--domain', 'stray1');
    try {
      const report = reconcile(site, await refresh());
      const item = report.items.find((i) => i.vm === 'stray1');
      expect(item).toMatchObject({ kind: 'unknown-vm', containers: ['lab-h3'], severity: 'warning' });
      expect(report.items.filter((i) => i.vm !== 'stray1')).toEqual([]);
      const accepted = await acceptIntoCopy(item?.fixes ?? []);
      expect(accepted.site.vms.find((v) => v.name === 'stray1')).toMatchObject({
        domain: 'teaching',
        container: 'lab-h3',
        state: 'running',
        nics: [{ network: 'teaching-net', mac: '52:54:00:40:ee:02' }],
      });
      expect(accepted.text).toContain('# Added from live discovery');
      // Disk sizes are not known from the host, so the disk stays to be recorded by hand.
      expect(reconcile(accepted.site, await refresh(accepted.site)).items.map((i) => [i.kind, i.vm])).toEqual(
        [['disks', 'stray1']],
      );
    } finally {
      await lab.virsh('lab-h3', 'destroy', '--domain', 'stray1').catch(() => undefined);
      await lab.virsh('lab-h3', 'undefine', '--domain', 'stray1').catch(() => undefined);
    }
  });

  it('shows a VM moved behind Paddock’s back, and accepting it fixes the site', async () => {
    await migrate('research-vm2', 'lab-h1', 'lab-h2');
    try {
      const report = reconcile(site, await refresh());
      expect(report.items.map((i) => [i.kind, i.vm, i.containers])).toEqual([
        ['moved', 'research-vm2', ['lab-h1', 'lab-h2']],
      ]);
      const accepted = await acceptIntoCopy(report.items[0]?.fixes ?? []);
      expect(accepted.site.vms.find((v) => v.name === 'research-vm2')?.container).toBe('lab-h2');
      expect(reconcile(accepted.site, await refresh(accepted.site)).items).toEqual([]);
    } finally {
      await migrate('research-vm2', 'lab-h2', 'lab-h1');
    }
  });

  it('lifecycle actions change real state, and discovery sees it', async () => {
    const c = site.containers.find((x) => x.name === 'lab-h3') as Container;
    const d = driverFor(c);
    await d.forceOff('teaching-vm2');
    try {
      expect((await lab.virsh('lab-h3', 'domstate', '--domain', 'teaching-vm2')).trim()).toBe('shut off');
      const inv = await refreshInventory(site, driverFor, { containers: ['lab-h3'] });
      expect(reconcile(site, inv).items.map((i) => [i.kind, i.vm, i.live])).toEqual([
        ['state', 'teaching-vm2', 'stopped'],
      ]);
    } finally {
      await d.start('teaching-vm2');
    }
    expect((await lab.virsh('lab-h3', 'domstate', '--domain', 'teaching-vm2')).trim()).toBe('running');
    expect(reconcile(site, await refresh()).items).toEqual([]);
  });

  it('a slow host and a dead host do not hold up the others', async () => {
    const slow = (inner: CommandRunner): CommandRunner => ({
      target: inner.target,
      run: (cmd) => inner.run({ ...cmd, argv: ['sleep', '30'], timeoutMs: 40_000 }),
    });
    const dead: CommandRunner = {
      target: 'research/lab-h9',
      run: () => Promise.reject(new Error('connect ECONNREFUSED 10.200.40.19:22')),
    };
    const t0 = Date.now();
    const inv = await refreshInventory(
      site,
      (c) =>
        c.name === 'lab-h2'
          ? createDriver(c, slow(lab.runner(c.name)))
          : c.name === 'lab-h1'
            ? createDriver(c, dead)
            : driverFor(c),
      { timeoutMs: 3000 },
    );
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(inv.hosts['lab-h2']).toMatchObject({ status: 'timeout' });
    expect(inv.hosts['lab-h1']).toMatchObject({ status: 'error' });
    expect(inv.hosts['lab-h1']?.error).toContain('ECONNREFUSED');
    expect(inv.hosts['lab-h3']).toMatchObject({ status: 'ok' });
    const report = reconcile(site, inv);
    expect(report.items).toEqual([]);
    expect(report.unverified.sort()).toEqual([
      'research-vm1',
      'research-vm2',
      'research-vm3',
      'research-vm4',
    ]);
  });
});
