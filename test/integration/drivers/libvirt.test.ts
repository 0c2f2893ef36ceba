// The libvirt driver against real libvirtd + QEMU in the lab: what it reads matches virsh run
// directly on the host, and lifecycle actions, define/undefine and live migration (with job
// progress) change real state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibvirtDriver } from '../../../core/drivers/libvirt/driver';
import { parseVirshList } from '../../../core/drivers/libvirt/parse-list';
import { sleep } from '../../lab/exec';
import { doneWithLab, useLab, type LabHandle } from '../../lab/use-lab';

let lab: LabHandle;
beforeAll(async () => {
  lab = await useLab();
});
afterAll(() => doneWithLab());

const driver = (host: string) => new LibvirtDriver(lab.runner(host));
const stateOf = async (host: string, vm: string) =>
  (await lab.virsh(host, 'domstate', '--domain', vm)).trim();
const namesOn = async (host: string) =>
  parseVirshList(await lab.virsh(host, 'list', '--all'))
    .map((e) => e.name)
    .sort();

describe('libvirt driver on the lab', () => {
  it('lists and inventories what virsh sees on every host', async () => {
    for (const h of lab.hosts) {
      const d = driver(h.name);
      const truth = parseVirshList(await lab.virsh(h.name, 'list', '--all'));
      expect((await d.list()).map((e) => [e.name, e.state])).toEqual(truth.map((e) => [e.name, e.state]));
      const inv = await d.inventory();
      expect(inv.map((v) => v.name).sort()).toEqual(truth.map((e) => e.name).sort());
      for (const v of inv) {
        expect(v.nics[0]?.mac).toMatch(/^52:54:00:40:/);
        expect(v.nics[0]?.bridge).toBe(`br-${h.name === 'lab-h3' ? 'teaching' : 'research'}`);
        expect(v.disks[0]?.source).toContain(`/srv/paddock-lab/`);
      }
    }
  });

  it('reads capacity and details as virsh reports them', async () => {
    const cap = await driver('lab-h1').capacity();
    expect(cap.cpus).toBe(Number(/CPU\(s\):\s+(\d+)/.exec(await lab.virsh('lab-h1', 'nodeinfo'))?.[1]));
    const d = await driver('lab-h1').inspect('research-vm1');
    expect(d).toMatchObject({
      name: 'research-vm1',
      state: 'running',
      vcpus: 1,
      maxMemoryMiB: lab.state.options.guestMemoryMiB,
      persistent: true,
    });
  });

  it('shuts a guest down through ACPI within the timeout, and starts it again', async () => {
    const d = driver('lab-h1');
    const r = await d.shutdown('research-vm2', { timeoutMs: 60_000, pollMs: 250 });
    expect(r).toMatchObject({ state: 'stopped', timedOut: false });
    expect(await stateOf('lab-h1', 'research-vm2')).toBe('shut off');
    await d.start('research-vm2');
    expect(await stateOf('lab-h1', 'research-vm2')).toBe('running');
  });

  it('reboots, forces off and reports a missing domain clearly', async () => {
    const d = driver('lab-h2');
    await d.reboot('research-vm3');
    expect(await stateOf('lab-h2', 'research-vm3')).toBe('running');
    await d.forceOff('research-vm3');
    expect(await stateOf('lab-h2', 'research-vm3')).toBe('shut off');
    await d.start('research-vm3');
    await expect(d.start('no-such-vm')).rejects.toThrow(
      /lab-h2: `virsh -c qemu:\/\/\/system start --domain no-such-vm` exited 1: .*no-such-vm/,
    );
  });

  it('defines and undefines a domain from XML', async () => {
    const d = driver('lab-h3');
    const xml = (await lab.virsh('lab-h3', 'dumpxml', '--inactive', '--domain', 'teaching-vm1'))
      .replace(/<name>teaching-vm1<\/name>/, '<name>scratch-vm</name>')
      .replace(/<uuid>[^<]+<\/uuid>/, '')
      .replace(/<mac address='[^']+'\/>/, "<mac address='52:54:00:40:ee:01'/>");
    expect(await d.define(xml)).toBe('scratch-vm');
    expect(await namesOn('lab-h3')).toContain('scratch-vm');
    expect(await stateOf('lab-h3', 'scratch-vm')).toBe('shut off');
    await d.undefine('scratch-vm');
    expect(await namesOn('lab-h3')).not.toContain('scratch-vm');
  });

  it('live-migrates between hosts of a domain with job progress, and back', async () => {
    const src = driver('lab-h1');
    const h2 = lab.host('lab-h2');
    const h1 = lab.host('lab-h1');
    const options = { p2p: true, persistent: true, undefineSource: true };
    const migrating = src.migrate(
      'research-vm1',
      { address: h2.address, sshUser: 'root', sshPort: 22 },
      options,
    );
    let sawJob = false;
    for (let i = 0; i < 200 && !sawJob; i++) {
      const job = await src.jobInfo('research-vm1').catch(() => null);
      if (job?.active && job.operation === 'Outgoing migration') sawJob = true;
      else await sleep(50);
    }
    const r = await migrating;
    expect(r.elapsedMs).toBeGreaterThan(0);
    expect(sawJob).toBe(true);
    expect(await namesOn('lab-h1')).not.toContain('research-vm1');
    expect(await stateOf('lab-h2', 'research-vm1')).toBe('running');
    await driver('lab-h2').migrate(
      'research-vm1',
      { address: h1.address, sshUser: 'root', sshPort: 22 },
      options,
    );
    expect(await stateOf('lab-h1', 'research-vm1')).toBe('running');
    expect(await namesOn('lab-h2')).not.toContain('research-vm1');
  });

  it('aborts a running migration job, leaving the guest where it was', async () => {
    const src = driver('lab-h2');
    const h1 = lab.host('lab-h1');
    // A slow link (1 MiB/s) keeps the migration running long enough to abort it.
    await lab.virsh('lab-h2', 'migrate-setspeed', '--domain', 'research-vm4', '--bandwidth', '1');
    try {
      const migrating = src.migrate(
        'research-vm4',
        { address: h1.address, sshUser: 'root', sshPort: 22 },
        { p2p: true },
      );
      let aborted = false;
      for (let i = 0; i < 200 && !aborted; i++) {
        const job = await src.jobInfo('research-vm4').catch(() => null);
        if (job?.active) {
          await src.abortJob('research-vm4');
          aborted = true;
        } else await sleep(50);
      }
      expect(aborted).toBe(true);
      // libvirt words it as a cancelled job or, for p2p, as the peer connection ending.
      await expect(migrating).rejects.toMatchObject({ code: 'command-failed' });
      expect(await stateOf('lab-h2', 'research-vm4')).toBe('running');
      expect(await namesOn('lab-h1')).not.toContain('research-vm4');
    } finally {
      await lab
        .virsh('lab-h2', 'migrate-setspeed', '--domain', 'research-vm4', '--bandwidth', '0')
        .catch(() => undefined);
    }
  });

  it('opens a guest console in a pty over SSH with the argv the driver gives', async () => {
    const spec = driver('lab-h3').console('teaching-vm1');
    const session = await lab.fleet.interactive('lab-h3', spec.argv);
    let out = '';
    session.onData((c) => (out += c.toString('utf8')));
    const waitFor = async (text: string) => {
      for (let i = 0; i < 300 && !out.includes(text); i++) await sleep(50);
      if (!out.includes(text))
        throw new Error(`console never printed ${JSON.stringify(text)}: ${JSON.stringify(out.slice(-300))}`);
    };
    try {
      await waitFor(spec.readyText ?? '');
      await sleep(300);
      session.write('\r');
      await waitFor('teaching-vm1:/#');
      session.write('echo console-$((6*7))\r');
      await waitFor('console-42');
    } finally {
      if (session.isOpen) session.write(spec.escape);
    }
    const end = await Promise.race([session.ended, sleep(10_000).then(() => null)]);
    expect(end).not.toBeNull();
  });

  it('refuses to migrate across security domains (the destination lacks the pool)', async () => {
    const h3 = lab.host('lab-h3');
    await expect(
      driver('lab-h1').migrate(
        'research-vm2',
        { address: h3.address, sshUser: 'root', sshPort: 22 },
        { p2p: true },
      ),
    ).rejects.toThrow(/exited 1/);
    expect(await stateOf('lab-h1', 'research-vm2')).toBe('running');
  });
});
