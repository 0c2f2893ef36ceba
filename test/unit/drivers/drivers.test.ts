// The drivers' logic over a scripted CommandRunner that replays recorded outputs: which
// commands they run, how they merge outputs, how shutdown polls and times out, and how
// failures are reported. The real programs are exercised in test/integration/drivers.
import { describe, expect, it } from 'vitest';
import type { CommandResult, CommandRunner, RemoteCommand } from '../../../core/exec/types';
import { DriverError } from '../../../core/drivers/errors';
import { createDriver } from '../../../core/drivers/factory';
import { LibvirtDriver } from '../../../core/drivers/libvirt/driver';
import { XlDriver } from '../../../core/drivers/xl/driver';
import { virshFixture, xlFixture } from './fixtures';

type Reply = Partial<CommandResult> | ((cmd: RemoteCommand) => Partial<CommandResult>);

class ScriptedRunner implements CommandRunner {
  readonly target = 'research/lab-h1';
  readonly seen: RemoteCommand[] = [];
  constructor(private readonly replies: Record<string, Reply>) {}
  run(cmd: RemoteCommand): Promise<CommandResult> {
    this.seen.push(cmd);
    const key = cmd.argv.join(' ');
    const r = this.replies[key];
    if (!r)
      return Promise.resolve({ code: 1, stdout: '', stderr: `error: no script for ${key}`, durationMs: 1 });
    const out = typeof r === 'function' ? r(cmd) : r;
    return Promise.resolve({ code: 0, stdout: '', stderr: '', durationMs: 1, ...out });
  }
}

const V = 'virsh -c qemu:///system';

describe('LibvirtDriver', () => {
  it('builds the inventory from domstats plus one dumpxml per domain', async () => {
    const runner = new ScriptedRunner({
      [`${V} domstats --raw --state --vcpu --balloon`]: { stdout: virshFixture('domstats.txt') },
      [`${V} dumpxml --domain research-vm1`]: { stdout: virshFixture('dumpxml-running.xml') },
      [`${V} dumpxml --domain research-vm2`]: { stdout: virshFixture('dumpxml-shutoff.xml') },
    });
    const inv = await new LibvirtDriver(runner).inventory();
    expect(
      inv.map((d) => [d.name, d.state, d.vcpus, d.memoryMiB, d.nics[0]?.mac, d.nics[0]?.bridge]),
    ).toEqual([
      ['research-vm2', 'stopped', 1, 96, '52:54:00:40:01:02', 'br-research'],
      ['research-vm1', 'running', 1, 96, '52:54:00:40:01:01', 'br-research'],
    ]);
    expect(runner.seen).toHaveLength(3);
    expect(runner.seen.every((c) => c.maxOutputBytes !== undefined && c.timeoutMs !== undefined)).toBe(true);
  });

  it('keeps a domain with a name outside the allow-list, without running commands on it', async () => {
    const runner = new ScriptedRunner({
      [`${V} domstats --raw --state --vcpu --balloon`]: {
        stdout: "Domain: 'evil;rm -rf'\n  state.state=1\n",
      },
    });
    const [d] = await new LibvirtDriver(runner).inventory();
    expect(d).toMatchObject({ name: 'evil;rm -rf', state: 'running', partial: true });
    expect(runner.seen).toHaveLength(1);
  });

  it('shutdown polls until the domain is off and reports the time', async () => {
    let polls = 0;
    const runner = new ScriptedRunner({
      [`${V} shutdown --domain research-vm1`]: { stdout: "Domain 'research-vm1' is being shutdown\n" },
      [`${V} domstate --domain research-vm1`]: () => ({
        stdout: ++polls < 3 ? 'running\n\n' : 'shut off\n\n',
      }),
    });
    const r = await new LibvirtDriver(runner).shutdown('research-vm1', { timeoutMs: 5000, pollMs: 50 });
    expect(r).toMatchObject({ name: 'research-vm1', state: 'stopped', timedOut: false });
    expect(polls).toBe(3);
  });

  it('shutdown reports a timeout instead of waiting forever', async () => {
    const runner = new ScriptedRunner({
      [`${V} shutdown --domain research-vm1`]: {},
      [`${V} domstate --domain research-vm1`]: { stdout: 'running\n' },
    });
    const r = await new LibvirtDriver(runner).shutdown('research-vm1', { timeoutMs: 200, pollMs: 50 });
    expect(r.timedOut).toBe(true);
    expect(r.state).toBe('running');
    expect(r.elapsedMs).toBeGreaterThanOrEqual(200);
  });

  it('a transient domain that vanished counts as off', async () => {
    const runner = new ScriptedRunner({
      [`${V} shutdown --domain t1`]: {},
      [`${V} domstate --domain t1`]: { code: 1, stderr: "error: failed to get domain 't1'\n" },
    });
    expect((await new LibvirtDriver(runner).shutdown('t1', { timeoutMs: 1000 })).state).toBe('stopped');
  });

  it('reports a failing command with host, command and the tool error line', async () => {
    const runner = new ScriptedRunner({
      [`${V} start --domain nope`]: { code: 1, stderr: "error: failed to get domain 'nope'\n" },
    });
    const err = await new LibvirtDriver(runner).start('nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DriverError);
    expect((err as DriverError).code).toBe('command-failed');
    expect((err as DriverError).message).toBe(
      "research/lab-h1: `virsh -c qemu:///system start --domain nope` exited 1: error: failed to get domain 'nope'",
    );
  });

  it('reports a runner timeout as a timeout', async () => {
    const runner = new ScriptedRunner({ [`${V} nodeinfo`]: { code: null, signal: 'SIGKILL' } });
    await expect(new LibvirtDriver(runner).capacity()).rejects.toMatchObject({ code: 'timeout' });
  });

  it('define checks the XML, writes it to a private temporary file, defines, and removes the file', async () => {
    const xml = virshFixture('dumpxml-shutoff.xml');
    const tmp = '/tmp/paddock-define.Ab12Cd34';
    const runner = new ScriptedRunner({
      'mktemp --tmpdir paddock-define.XXXXXXXX': { stdout: `${tmp}\n` },
      [`tee -- ${tmp}`]: (cmd) => ({ stdout: String(cmd.stdin) }),
      [`${V} define --file ${tmp}`]: { stdout: 'Domain defined\n' },
      [`rm -f -- ${tmp}`]: {},
    });
    expect(await new LibvirtDriver(runner).define(xml)).toBe('research-vm2');
    expect(runner.seen.map((c) => c.argv[0])).toEqual(['mktemp', 'tee', 'virsh', 'rm']);
    expect(runner.seen[1]?.stdin).toBe(xml);
    await expect(new LibvirtDriver(runner).define(xml.replace('research-vm2', '-bad name'))).rejects.toThrow(
      /not an allowed VM name/,
    );
    expect(runner.seen).toHaveLength(4);
  });

  it('define removes the temporary file when virsh refuses the XML', async () => {
    const tmp = '/tmp/paddock-define.X';
    const runner = new ScriptedRunner({
      'mktemp --tmpdir paddock-define.XXXXXXXX': { stdout: `${tmp}\n` },
      [`tee -- ${tmp}`]: {},
      [`${V} define --file ${tmp}`]: { code: 1, stderr: 'error: XML error: bad\n' },
      [`rm -f -- ${tmp}`]: {},
    });
    await expect(new LibvirtDriver(runner).define(virshFixture('dumpxml-shutoff.xml'))).rejects.toThrow(
      /XML error: bad/,
    );
    expect(runner.seen.at(-1)?.argv).toEqual(['rm', '-f', '--', tmp]);
  });

  it('gives the console as a pty command with the escape byte', () => {
    const c = new LibvirtDriver(new ScriptedRunner({})).console('research-vm1');
    expect(c).toEqual({
      argv: ['virsh', '-c', 'qemu:///system', 'console', '--domain', 'research-vm1'],
      pty: true,
      escape: '\x1d',
      readyText: 'Escape character is',
    });
  });
});

describe('XlDriver', () => {
  const CFGS = 'xl.conf\nscripts\nguest-01.cfg\nAvignon-02.cfg\nparked.cfg\nbad name.cfg\n';
  it('builds the inventory from xl list, xl list -l and the config folder', async () => {
    const long = `[{"domid": 1, "config": ${xlFixture('libxl-config-basic-pv.json')}}]`;
    const runner = new ScriptedRunner({
      'xl list': { stdout: xlFixture('list-uva-sne-restore.txt') },
      'xl list -l': { stdout: long },
      'ls -1 -- /etc/xen': { stdout: CFGS },
    });
    const inv = await new XlDriver(runner).inventory();
    expect(inv.map((d) => [d.name, d.state, d.vcpus, d.memoryMiB, d.partial ?? false])).toEqual([
      ['guest-01', 'running', 2, 1024, false],
      ['Avignon-02', 'running', 2, 1024, true],
      ['parked', 'stopped', 0, 0, true],
    ]);
    // Domain 1's details come from the JSON entry with the same domid.
    expect(inv[0]?.nics[0]?.mac).toBe('00:16:3e:3e:86:60');
    expect(inv[0]?.persistent).toBe(true);
  });

  it('capacity from xl info, and no job API', async () => {
    const d = new XlDriver(new ScriptedRunner({ 'xl info': { stdout: xlFixture('info-xen-man.txt') } }));
    expect(await d.capacity()).toMatchObject({ cpus: 4, memoryMiB: 6141, freeMemoryMiB: 4274 });
    expect(await d.jobInfo('x')).toMatchObject({ supported: false, active: false });
    await expect(d.abortJob('x')).rejects.toMatchObject({ code: 'unsupported' });
  });

  it('shutdown polls xl list until the domain is gone', async () => {
    let polls = 0;
    const runner = new ScriptedRunner({
      'xl shutdown guest-01': {},
      'xl list guest-01': () =>
        ++polls < 2
          ? {
              stdout: 'Name ID Mem VCPUs State Time(s)\nguest-01 1 1024 2 ---s-- 6.0\n'.replace(
                '---s--',
                '-b----',
              ),
            }
          : { code: 1, stderr: 'Invalid domain identifier "guest-01"\n' },
    });
    expect(await new XlDriver(runner).shutdown('guest-01', { timeoutMs: 2000, pollMs: 50 })).toMatchObject({
      state: 'stopped',
      timedOut: false,
    });
  });

  it('migrates with xl migrate and refuses non-live', async () => {
    const runner = new ScriptedRunner({
      'xl migrate guest-01 root@10.200.40.12': { stdout: xlFixture('migrate-uva-sne.txt') },
    });
    const d = new XlDriver(runner);
    const r = await d.migrate('guest-01', { address: '10.200.40.12', sshUser: 'root', sshPort: 22 });
    expect(r.output).toContain('Migration successful.');
    await expect(
      d.migrate('guest-01', { address: '10.200.40.12', sshUser: 'root', sshPort: 22 }, { live: false }),
    ).rejects.toMatchObject({ code: 'unsupported' });
  });

  it('the factory picks the driver from the site container', () => {
    expect(createDriver({ hypervisor: 'xen-xl' }, new ScriptedRunner({})).kind).toBe('xen-xl');
    expect(createDriver({ hypervisor: 'libvirt', uri: 'test:///default' }, new ScriptedRunner({})).kind).toBe(
      'libvirt',
    );
  });
});
